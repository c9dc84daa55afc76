// The emulator's registry: the namespaces (publish endpoints and routing tables), channels, partner topics and
// event subscriptions (with their webhook deliverers) of one app model, and the topics' activation.
import { DEFAULT_BACKLOG, LogLevel, EmulatorOptions, TopicInfo } from './api';
import { generateKey } from './auth';
import { WebhookDeliverer } from './delivery';
import { DeliveryHooks, DeliveryTiming, DeliveryTransport, HeaderMapping } from './delivery-types';
import { compileAdvancedFilters, compileSubscriptionFilter } from './filter';
import { AppModel, ModelEventSubscription, ModelTopicCoordinates, topicIdOf, topicKey } from './model-file';
import { HttpError, RuntimeChannel, RuntimeNamespace, RuntimeSubscription, RuntimeTopic } from './runtime';
import { LocalStorage } from './storage';
import { redact } from './webhook-client';

function isLoopback(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** The names that exist, for a message: sorted, at most 20, then how many more. */
function listNames(names: Iterable<string>): string {
  const all = [...new Set(names)].sort();
  if (all.length === 0) {
    return '(none)';
  }
  return all.length <= 20 ? all.join(', ') : `${all.slice(0, 20).join(', ')} and ${all.length - 20} more`;
}

/** The runtime model of one app model. */
export class EmulatorRegistry {
  public readonly namespaces: RuntimeNamespace[] = [];
  public readonly topics = new Map<string, RuntimeTopic>();
  public readonly subscriptions: RuntimeSubscription[] = [];
  /** The webhooks option, as a map (a plain object would answer `constructor` or `toString` with Object's own members). */
  private readonly webhookOverrides: Map<string, string>;
  /** The keys option, by lower-cased namespace name (Azure's names are case-insensitive). */
  private readonly givenKeys: Map<string, { readonly key1: string; readonly key2?: string }>;

  constructor(
    model: AppModel,
    private readonly options: EmulatorOptions,
    private readonly timing: DeliveryTiming,
    /** What every deliverer reports to the emulator through (and where the registry logs). */
    private readonly hooks: DeliveryHooks,
    /** Where storage queue destinations are delivered, when the emulator has a storage API. */
    private readonly storage?: LocalStorage,
  ) {
    this.webhookOverrides = new Map(Object.entries(options.webhooks ?? {}));
    this.givenKeys = new Map(Object.entries(options.keys ?? {}).map(([name, keys]) => [name.toLowerCase(), keys]));
    this.checkNames(model);
    this.build(model);
  }

  private log(level: LogLevel, message: string): void {
    this.hooks.log(level, message);
  }

  /**
   * Refuses keys for namespaces the model does not have and webhook mappings that match no webhook subscription:
   * silently ignoring them would leave the user publishing with keys that do not work, or waiting for deliveries
   * that go elsewhere.
   */
  private checkNames(model: AppModel): void {
    const namespaces = model.namespaces.map((n) => n.name).filter((n): n is string => typeof n === 'string');
    const known = new Set(namespaces.map((n) => n.toLowerCase()));
    const unknownKeys = [...this.givenKeys.keys()].filter((n) => !known.has(n));
    if (unknownKeys.length > 0) {
      throw new Error(`keys are given for ${unknownKeys.map((n) => JSON.stringify(n)).join(', ')}, which is no partner namespace of the app: the namespaces are ${listNames(namespaces)}`);
    }
    const names = new Set<string>();
    const topicName = (s: ModelEventSubscription) => topicKey(s.partnerTopic) === undefined ? '' : s.partnerTopic.name ?? '';
    for (const s of model.eventSubscriptions) {
      if (s.destination.endpointType !== 'WebHook') {
        continue;
      }
      names.add(s.path);
      if (s.name) {
        names.add(s.name);
        names.add(`${topicName(s)}/${s.name}`);
      }
      const endpointUrl = s.destination.properties.endpointUrl;
      if (typeof endpointUrl === 'string') {
        try {
          names.add(new URL(endpointUrl).origin);
        } catch {
          // an invalid URL is reported when the subscription is built
        }
      }
    }
    const unknownHooks = [...this.webhookOverrides.keys()].filter((k) => !names.has(k) && !names.has(k.replace(/\/$/, '')));
    if (unknownHooks.length > 0) {
      throw new Error(`webhook mapping(s) ${unknownHooks.map((k) => JSON.stringify(k)).join(', ')} match no webhook subscription of the app: give a subscription name, <topic>/<subscription>, a construct path, or the origin of an endpoint URL — they are ${listNames(names)}`);
    }
  }

  private topicFor(coords: ModelTopicCoordinates, where: string): RuntimeTopic | undefined {
    const key = topicKey(coords);
    if (key === undefined) {
      this.log('warn', `${where}: its partner topic is not known at synth (${JSON.stringify(coords)}); it is left out`);
      return undefined;
    }
    let topic = this.topics.get(key);
    if (!topic) {
      topic = {
        key,
        coords,
        id: topicIdOf(coords),
        paths: [],
        activationState: 'NeverActivated',
        channels: [],
        subscriptions: [],
        counters: { received: 0, droppedNotActivated: 0 },
      };
      this.topics.set(key, topic);
    }
    return topic;
  }

  private build(model: AppModel): void {
    for (const t of model.partnerTopics) {
      const topic = this.topicFor(t.partnerTopic, t.path);
      if (topic) {
        topic.paths.push(t.path);
        if (t.activated) {
          topic.activationState = 'Activated';
        }
      }
    }
    const usedPaths = new Set<string>();
    for (const ns of model.namespaces) {
      if (!ns.name) {
        this.log('warn', `namespace ${ns.path}: its name is not known at synth; it gets no endpoint`);
        continue;
      }
      const channels = model.channels.filter((c) => c.namespace.path === ns.path);
      const routingMode = ns.routingMode === 'SourceEventAttribute' || ns.routingMode === 'ChannelNameHeader'
        ? ns.routingMode
        : channels.some((c) => c.kind === 'EventChannel') ? 'SourceEventAttribute' : 'ChannelNameHeader';
      let urlPath = `/${encodeURIComponent(ns.name)}/api/events`;
      for (let n = 2; usedPaths.has(urlPath.toLowerCase()); n++) {
        urlPath = `/${encodeURIComponent(ns.name)}-${n}/api/events`;
        this.log('warn', `namespace ${ns.path}: another namespace is also named ${ns.name}; its endpoint is ${urlPath}`);
      }
      usedPaths.add(urlPath.toLowerCase());
      const given = this.givenKeys.get(ns.name.toLowerCase());
      const runtime: RuntimeNamespace = {
        name: ns.name,
        path: ns.path,
        location: ns.location,
        routingMode,
        localAuthEnabled: ns.localAuthEnabled !== false,
        keys: { key1: given?.key1 ?? generateKey(), key2: given?.key2 ?? generateKey() },
        urlPath,
        byName: new Map(),
        bySource: new Map(),
        channels: [],
        counters: { requests: 0, acceptedEvents: 0, refused: {}, unroutedEvents: 0 },
      };
      if (!runtime.localAuthEnabled) {
        this.log('warn', `namespace ${ns.name}: local authentication is disabled in the model, so, as in Azure, keys and SAS tokens are refused (401); Microsoft Entra ID is not emulated`);
      }
      if (ns.publicNetworkAccess === 'Disabled' || ns.inboundIpRules.length > 0) {
        this.log('info', `namespace ${ns.name}: public network access and inbound IP rules are not emulated (the endpoint listens on ${this.options.host ?? '127.0.0.1'} only)`);
      }
      for (const c of channels) {
        const kindMatches = (c.kind === 'Channel') === (routingMode === 'ChannelNameHeader');
        if (!kindMatches) {
          this.log('warn', `${c.kind} ${c.path}: namespace ${ns.name} routes by ${routingMode}, so no event reaches it (EGP003)`);
        }
        const topic = this.topicFor(c.partnerTopic, c.path);
        const channel: RuntimeChannel = {
          model: c,
          name: c.name,
          topic,
          filter: c.advancedFilters.length > 0 ? compileAdvancedFilters(c.advancedFilters, false) : undefined,
          counters: { events: 0, filteredOut: 0 },
        };
        topic?.channels.push(channel);
        runtime.channels.push(channel);
        if (!kindMatches) {
          continue;
        }
        if (routingMode === 'ChannelNameHeader') {
          if (c.name) {
            runtime.byName.set(c.name.toLowerCase(), channel);
          } else {
            this.log('warn', `channel ${c.path}: its name is not known at synth; no aeg-channel-name reaches it`);
          }
        } else if (c.source) {
          runtime.bySource.set(c.source, [...(runtime.bySource.get(c.source) ?? []), channel]);
        } else {
          this.log('warn', `event channel ${c.path}: its source is not known at synth; no event reaches it`);
        }
      }
      this.namespaces.push(runtime);
    }
    for (const s of model.eventSubscriptions) {
      const topic = this.topicFor(s.partnerTopic, s.path);
      if (!topic) {
        continue;
      }
      const sub = this.subscription(s, topic);
      topic.subscriptions.push(sub);
      this.subscriptions.push(sub);
    }
    for (const topic of this.topics.values()) {
      if (topic.channels.length === 0 && topic.subscriptions.length > 0) {
        this.log('warn', `partner topic ${topic.id}: no channel of the synthesized app creates it, so no namespace routes events to it (synthesize the partner's stack with it)`);
      }
    }
  }

  private webhookUrl(s: ModelEventSubscription, topicName: string, modelUrl: string | null): URL | undefined {
    const overrides = this.webhookOverrides;
    const name = s.name ?? '';
    const direct = overrides.get(s.path) ?? overrides.get(`${topicName}/${name}`) ?? overrides.get(name);
    if (direct) {
      return new URL(direct);
    }
    if (!modelUrl) {
      return undefined;
    }
    const url = new URL(modelUrl);
    const byOrigin = overrides.get(url.origin) ?? overrides.get(`${url.origin}/`);
    if (byOrigin) {
      const base = new URL(byOrigin);
      return new URL(`${base.pathname.replace(/\/$/, '')}${url.pathname}${url.search}`, base.origin);
    }
    return url;
  }

  private subscription(s: ModelEventSubscription, topic: RuntimeTopic): RuntimeSubscription {
    const name = s.name ?? s.path;
    const endpointType = s.destination.endpointType ?? 'unknown';
    const counters = { filteredOut: 0, notDeliveredLocally: 0 };
    const base = { model: s, name, endpointType, counters, filter: compileSubscriptionFilter(s.filter) };
    const notDelivered = (reason: string): RuntimeSubscription => {
      this.log('warn', `subscription ${name} (${endpointType}) on ${topic.coords.name}: not delivered locally — ${reason}; matching events are counted as notDeliveredLocally`);
      return { ...base, notDeliveredReason: reason };
    };
    if (s.expirationTimeUtc && Date.parse(s.expirationTimeUtc) <= Date.now()) {
      return notDelivered(`it expired at ${s.expirationTimeUtc} (Event Grid deletes expired subscriptions)`);
    }
    const props = s.destination.properties as { [key: string]: any };
    if (endpointType === 'StorageQueue') {
      if (!this.storage) {
        return notDelivered('storage queues are delivered to a storage API only: start the emulator with one (storage option / --storage <connection string>, for example Azurite\'s)');
      }
      if (typeof props.queueName !== 'string' || props.queueName === '') {
        return notDelivered('its queueName is not known at synth');
      }
      const ttl = typeof props.queueMessageTimeToLiveInSeconds === 'number' ? props.queueMessageTimeToLiveInSeconds : undefined;
      const transport = this.storage.queueTransport(props.queueName, ttl);
      return { ...base, deliverer: this.deliverer(s, topic, name, transport.url, props, [], transport) };
    }
    if (endpointType !== 'WebHook') {
      return notDelivered(`the emulator delivers to WebHook and StorageQueue destinations only, not ${endpointType}`);
    }
    if (s.eventDeliverySchema && s.eventDeliverySchema !== 'CloudEventSchemaV1_0') {
      return notDelivered(`its delivery schema is ${s.eventDeliverySchema}, not CloudEventSchemaV1_0 (EGP002)`);
    }
    let url: URL | undefined;
    try {
      url = this.webhookUrl(s, topic.coords.name ?? '', typeof props.endpointUrl === 'string' ? props.endpointUrl : null);
    } catch (e) {
      return notDelivered(`its URL is not valid (${(e as Error).message})`);
    }
    if (!url) {
      return notDelivered(`its endpointUrl is not known at synth — map it to a local URL (webhooks option / --webhook ${name}=http://127.0.0.1:<port>/…)`);
    }
    if (!isLoopback(url) && !this.options.allowRemoteWebhooks) {
      return notDelivered(`${redact(url)} is not on this machine — map it to a local URL (webhooks option / --webhook ${url.origin}=http://127.0.0.1:<port>) or allow remote webhooks`);
    }
    if (props.azureActiveDirectoryApplicationIdOrUri) {
      this.log('info', `subscription ${name}: Microsoft Entra authentication of deliveries is not emulated (no bearer token is sent)`);
    }
    const headers: HeaderMapping[] = (Array.isArray(props.deliveryAttributeMappings) ? props.deliveryAttributeMappings : [])
      .filter((m: any) => typeof m?.name === 'string')
      .map((m: any) => (m.type === 'Dynamic'
        ? { name: m.name, sourceField: m.properties?.sourceField ?? undefined }
        : { name: m.name, value: m.properties?.value === null || m.properties?.value === undefined ? undefined : String(m.properties.value) }));
    return { ...base, deliverer: this.deliverer(s, topic, name, url, props, headers) };
  }

  /** The deliverer of a subscription: to a webhook URL, or through a transport (a storage queue: one event at a time). */
  private deliverer(
    s: ModelEventSubscription, topic: RuntimeTopic, name: string, url: URL, props: { [key: string]: any }, headers: HeaderMapping[],
    transport?: DeliveryTransport,
  ): WebhookDeliverer {
    const deadLetter = s.deadLetter
      ? {
        storageAccountName: (s.deadLetter.resourceId ?? '').split('/').filter(Boolean).pop() ?? 'storage',
        blobContainerName: s.deadLetter.blobContainerName ?? 'deadletters',
        topicName: topic.coords.name ?? 'topic',
        subscriptionName: name,
      }
      : undefined;
    return new WebhookDeliverer({
      path: s.path,
      name,
      topicName: topic.coords.name ?? '',
      url,
      transport,
      maxEventsPerBatch: !transport && typeof props.maxEventsPerBatch === 'number' ? props.maxEventsPerBatch : undefined,
      preferredBatchSizeBytes: (typeof props.preferredBatchSizeInKilobytes === 'number' ? props.preferredBatchSizeInKilobytes : 64) * 1024,
      maxDeliveryAttempts: s.retryPolicy.maxDeliveryAttempts ?? 30,
      eventTimeToLiveMinutes: s.retryPolicy.eventTimeToLiveInMinutes ?? 1440,
      headers,
      deadLetter,
      concurrency: this.options.concurrency ?? 8,
      validate: !transport && (this.options.webhookValidation ?? true),
      maxBacklogEvents: this.options.backlog?.maxEvents ?? DEFAULT_BACKLOG.maxEvents,
      maxBacklogBytes: this.options.backlog?.maxBytes ?? DEFAULT_BACKLOG.maxBytes,
    }, this.timing, this.hooks);
  }

  public findTopic(ref: string): RuntimeTopic {
    const r = ref.trim().toLowerCase();
    const all = [...this.topics.values()];
    const exact = all.find((t) => t.id.toLowerCase() === r || t.key === r || t.paths.some((p) => p.toLowerCase() === r));
    if (exact) {
      return exact;
    }
    const byName = all.filter((t) => (t.coords.name ?? '').toLowerCase() === r);
    if (byName.length === 1) {
      return byName[0];
    }
    const known = all.map((t) => `${t.coords.subscriptionId}/${t.coords.resourceGroupName}/${t.coords.name}`).join(', ');
    throw new HttpError(404, 'NotFound', byName.length > 1
      ? `partner topic name ${ref} is ambiguous: give <subscription>/<resourceGroup>/<name> (${known})`
      : `no partner topic ${ref} in the model (known: ${known || 'none'})`);
  }

  public topicInfo(t: RuntimeTopic): TopicInfo {
    return {
      id: t.id,
      name: t.coords.name ?? '',
      activationState: t.activationState,
      channels: t.channels.map((c) => c.model.path),
      subscriptions: t.subscriptions.map((s) => s.model.path),
    };
  }

  public setActivation(ref: string, state: 'Activated' | 'Deactivated'): TopicInfo {
    const topic = this.findTopic(ref);
    topic.activationState = state;
    this.log('info', `partner topic ${topic.id}: ${state.toLowerCase()} (local stand-in for the portal's ${state === 'Activated' ? 'Activate' : 'Deactivate'})`);
    return this.topicInfo(topic);
  }
}
