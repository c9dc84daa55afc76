// The local partner namespace emulator: one publish endpoint per partner namespace of a synthesized app, routing
// to partner topics, activation, and delivery to webhook event subscriptions — configured from the model files
// that synth writes (see model.ts). Not part of the construct library's jsii API.
import { timingSafeEqual, createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { generateKey, keyMatches, NamespaceKeys, sasTokenValid } from './auth';
import { validateCloudEvent } from './cloudevents';
import { writeDeadLetter } from './dead-letter';
import { DeliveryTiming, HeaderMapping, PublishedEvent, redact, SubscriptionCounters, WebhookDeliverer, zeroCounters } from './delivery';
import { compileAdvancedFilters, compileSubscriptionFilter, EventPredicate } from './filter';
import { AppModel, ModelChannel, ModelEventSubscription, ModelTopicCoordinates, readAppModel, topicIdOf, topicKey } from './model-file';
import { serializedEvents } from './raw-events';

/** The API version of the publish endpoint (`POST /api/events?api-version=2018-01-01`). */
export const PUBLISH_API_VERSION = '2018-01-01';
/** Event Grid's limits on a publish request (learn.microsoft.com/azure/event-grid/quotas-limits). */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 5000;
/** How much of an oversize request is kept to say which event is too large. */
const DIAGNOSTIC_BYTES = 8 * MAX_REQUEST_BYTES;
/** Event Grid's retry schedule (learn.microsoft.com/azure/event-grid/delivery-and-retry), then every 12 h. */
export const EVENT_GRID_RETRY_SCHEDULE_MS = [10e3, 30e3, 60e3, 300e3, 600e3, 1800e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3];
const ADMIN_PREFIX = '/_emulator';
const ADMIN_HEADER = 'x-emulator-admin-key';

export type LogLevel = 'info' | 'warn';

/** Timing of delivery. Every Event Grid duration is multiplied by `timeScale`; explicit values win. */
export interface EmulatorTiming {
  /**
   * Multiplies Event Grid's durations: the retry schedule (10 s, 30 s, 1 min…), the 30 s delivery timeout, the
   * 5 min dead-letter delay and the length of a minute for eventTimeToLiveInMinutes. 0.001 turns seconds into ms.
   * @default 1
   */
  readonly timeScale?: number;
  /** The retry schedule in ms (the last entry repeats). */
  readonly retryScheduleMs?: number[];
  /** How long a delivery request may take. @default 30 s × timeScale, at least 1 s */
  readonly deliveryTimeoutMs?: number;
  /** Delay between the last attempt and the dead-letter write. @default 5 min × timeScale */
  readonly deadLetterDelayMs?: number;
}

export interface EmulatorOptions {
  /** The synthesized app (`cdktf.out`). Ignored when `model` is given. @default 'cdktf.out' */
  readonly outdir?: string;
  /** An app model already read (readAppModel). */
  readonly model?: AppModel;
  /** The port of the publish and admin endpoints (0: any free port). @default 0 */
  readonly port?: number;
  /** The address to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Fixed keys per namespace name (default: new random keys at each start). */
  readonly keys?: { readonly [namespaceName: string]: { readonly key1: string; readonly key2?: string } };
  /**
   * Local URLs for webhook subscriptions, keyed by the subscription's construct path, `<topic>/<subscription>`,
   * subscription name, or an origin of the model's URLs (`https://tickets.contoso.example`, replaced by the value's
   * origin, keeping the path).
   */
  readonly webhooks?: { readonly [key: string]: string };
  /** Whether webhooks that are not on this machine are called (otherwise they are reported as not delivered). @default false */
  readonly allowRemoteWebhooks?: boolean;
  /** Where dead-lettered events are written. @default '.partner-events/dead-letters' (under the working directory) */
  readonly deadLetterDir?: string;
  readonly timing?: EmulatorTiming;
  /** Concurrent delivery requests per subscription. @default 8 */
  readonly concurrency?: number;
  /** Whether webhooks get the CloudEvents validation handshake before the first delivery. @default true */
  readonly webhookValidation?: boolean;
  /** Whether a source that is not a URI-reference is refused (default: accepted with a warning). @default false */
  readonly strictSource?: boolean;
  /** The admin key of the `/_emulator` endpoints (default: random). */
  readonly adminKey?: string;
  /** Where log lines go. @default - nowhere */
  readonly logger?: (level: LogLevel, message: string) => void;
}

/** A namespace's publish endpoint. */
export interface NamespaceEndpoint {
  readonly name: string;
  readonly path: string;
  readonly location: string | null;
  readonly routingMode: string;
  /** `http://127.0.0.1:<port>/<namespace>/api/events` (the client adds `?api-version=2018-01-01`). */
  readonly endpoint: string;
  readonly keys: NamespaceKeys;
  readonly localAuthEnabled: boolean;
  readonly channels: Array<{ readonly name: string; readonly kind: string; readonly source: string | null; readonly partnerTopicId: string | null }>;
}

/** A partner topic and its activation state. */
export interface TopicInfo {
  readonly id: string;
  readonly name: string;
  readonly activationState: 'NeverActivated' | 'Activated' | 'Deactivated';
  /** The channels that route to it. */
  readonly channels: string[];
  readonly subscriptions: string[];
}

export interface NamespaceCounters {
  requests: number;
  acceptedEvents: number;
  /** Refused requests by status code. */
  refused: { [status: number]: number };
  /** Accepted events whose source matched no event channel (SourceEventAttribute namespaces). */
  unroutedEvents: number;
}

export interface EmulatorStats {
  readonly namespaces: { readonly [name: string]: NamespaceCounters };
  readonly channels: { readonly [path: string]: { readonly events: number; readonly filteredOut: number } };
  readonly topics: { readonly [id: string]: { readonly activationState: string; readonly received: number; readonly droppedNotActivated: number } };
  readonly subscriptions: { readonly [path: string]: SubscriptionStats };
}

export interface SubscriptionStats extends SubscriptionCounters {
  readonly name: string;
  readonly endpointType: string;
  /** Events the subscription's filter let through (also counted for destinations not delivered locally). */
  readonly filteredOut: number;
  /** Events that matched but that the emulator does not deliver (other destination types, remote URLs…). */
  readonly notDeliveredLocally: number;
  /** Why, when the subscription is not delivered locally. */
  readonly notDeliveredReason?: string;
  readonly pending: number;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly namespaces: NamespaceEndpoint[];
  /** The key of the `/_emulator` admin endpoints (header `x-emulator-admin-key`). */
  readonly adminKey: string;
  readonly deadLetterDir: string;
  /** The publish endpoint of a namespace (by name). */
  endpoint(namespaceName: string): string;
  /** The keys of a namespace (by name). */
  keys(namespaceName: string): NamespaceKeys;
  /** Activates a partner topic (by ARM id, `<subscription>/<resourceGroup>/<name>`, construct path, or unique name). */
  activate(topic: string): TopicInfo;
  deactivate(topic: string): TopicInfo;
  topics(): TopicInfo[];
  stats(): EmulatorStats;
  /** Resolves when nothing is queued, in flight, waiting for a retry or for its dead-letter write. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface RuntimeChannel {
  readonly model: ModelChannel;
  readonly name: string | null;
  readonly topic?: RuntimeTopic;
  readonly filter?: EventPredicate;
  readonly counters: { events: number; filteredOut: number };
}

interface RuntimeNamespace {
  readonly name: string;
  readonly path: string;
  readonly location: string | null;
  readonly routingMode: 'ChannelNameHeader' | 'SourceEventAttribute';
  readonly localAuthEnabled: boolean;
  readonly keys: NamespaceKeys;
  readonly urlPath: string;
  readonly byName: Map<string, RuntimeChannel>;
  readonly bySource: Map<string, RuntimeChannel[]>;
  readonly channels: RuntimeChannel[];
  readonly counters: NamespaceCounters;
}

interface RuntimeSubscription {
  readonly model: ModelEventSubscription;
  readonly name: string;
  readonly endpointType: string;
  readonly filter: EventPredicate;
  readonly deliverer?: WebhookDeliverer;
  readonly notDeliveredReason?: string;
  readonly counters: { filteredOut: number; notDeliveredLocally: number };
}

interface RuntimeTopic {
  readonly key: string;
  readonly coords: ModelTopicCoordinates;
  readonly id: string;
  readonly paths: string[];
  activationState: 'NeverActivated' | 'Activated' | 'Deactivated';
  readonly channels: RuntimeChannel[];
  readonly subscriptions: RuntimeSubscription[];
  readonly counters: { received: number; droppedNotActivated: number };
}

class HttpError {
  constructor(public readonly status: number, public readonly code: string, public readonly message: string, public readonly details?: unknown[]) {}
}

function isLoopback(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The running state of an emulator over one app model. */
class Emulator {
  public readonly namespaces: RuntimeNamespace[] = [];
  public readonly topics = new Map<string, RuntimeTopic>();
  public readonly subscriptions: RuntimeSubscription[] = [];
  private readonly warned = new Set<string>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly timing: DeliveryTiming;
  public readonly deadLetterDir: string;
  public readonly adminKey: string;

  constructor(private readonly model: AppModel, private readonly options: EmulatorOptions) {
    const scale = options.timing?.timeScale ?? 1;
    if (!(scale > 0)) {
      throw new Error(`timing.timeScale must be a positive number (got ${scale})`);
    }
    this.timing = {
      retryScheduleMs: options.timing?.retryScheduleMs ?? EVENT_GRID_RETRY_SCHEDULE_MS.map((ms) => ms * scale),
      deliveryTimeoutMs: options.timing?.deliveryTimeoutMs ?? Math.max(1000, 30e3 * scale),
      deadLetterDelayMs: options.timing?.deadLetterDelayMs ?? 300e3 * scale,
      minuteMs: 60e3 * scale,
      minRetryDelayMs: { 408: 120e3 * scale, 503: 30e3 * scale },
    };
    this.deadLetterDir = path.resolve(options.deadLetterDir ?? path.join('.partner-events', 'dead-letters'));
    this.adminKey = options.adminKey ?? generateKey();
    this.build();
  }

  public log(level: LogLevel, message: string): void {
    this.options.logger?.(level, message);
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.log('warn', message);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The runtime model

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

  private build(): void {
    const model = this.model;
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
      const given = this.options.keys?.[ns.name];
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
    const overrides = this.options.webhooks ?? {};
    const name = s.name ?? '';
    const direct = overrides[s.path] ?? overrides[`${topicName}/${name}`] ?? overrides[name];
    if (direct) {
      return new URL(direct);
    }
    if (!modelUrl) {
      return undefined;
    }
    const url = new URL(modelUrl);
    const byOrigin = overrides[url.origin] ?? overrides[`${url.origin}/`];
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
    if (endpointType !== 'WebHook') {
      return notDelivered(`the emulator delivers to WebHook destinations only, not ${endpointType}`);
    }
    if (s.eventDeliverySchema && s.eventDeliverySchema !== 'CloudEventSchemaV1_0') {
      return notDelivered(`its delivery schema is ${s.eventDeliverySchema}, not CloudEventSchemaV1_0 (EGP002)`);
    }
    const props = s.destination.properties as { [key: string]: any };
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
    const deadLetter = s.deadLetter
      ? {
        storageAccountName: (s.deadLetter.resourceId ?? '').split('/').filter(Boolean).pop() ?? 'storage',
        blobContainerName: s.deadLetter.blobContainerName ?? 'deadletters',
        topicName: topic.coords.name ?? 'topic',
        subscriptionName: name,
      }
      : undefined;
    const deliverer = new WebhookDeliverer({
      path: s.path,
      name,
      topicName: topic.coords.name ?? '',
      url,
      maxEventsPerBatch: typeof props.maxEventsPerBatch === 'number' ? props.maxEventsPerBatch : undefined,
      preferredBatchSizeBytes: (typeof props.preferredBatchSizeInKilobytes === 'number' ? props.preferredBatchSizeInKilobytes : 64) * 1024,
      maxDeliveryAttempts: s.retryPolicy.maxDeliveryAttempts ?? 30,
      eventTimeToLiveMinutes: s.retryPolicy.eventTimeToLiveInMinutes ?? 1440,
      headers,
      deadLetter,
      concurrency: this.options.concurrency ?? 8,
      validate: this.options.webhookValidation ?? true,
    }, this.timing, {
      log: (level, message) => this.log(level, message),
      deadLetter: (target, event, record) => writeDeadLetter(this.deadLetterDir, target, event, record),
      changed: () => this.notifyIdle(),
    });
    return { ...base, deliverer };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Topics

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

  // ---------------------------------------------------------------------------------------------------------------
  // Publishing

  /** Routes accepted events and fans them out to the subscriptions of activated topics. */
  private dispatch(ns: RuntimeNamespace, channel: RuntimeChannel, pe: PublishedEvent): void {
    channel.counters.events++;
    if (channel.filter && !channel.filter(pe.event)) {
      channel.counters.filteredOut++;
      return;
    }
    const topic = channel.topic;
    if (!topic) {
      return;
    }
    topic.counters.received++;
    if (topic.activationState !== 'Activated') {
      topic.counters.droppedNotActivated++;
      this.warnOnce(`inactive:${topic.key}`, `partner topic ${topic.id} is ${topic.activationState}: events for it are accepted by namespace ${ns.name} but not delivered (counted as droppedNotActivated) — activate it (handle.activate / POST ${ADMIN_PREFIX}/activate?topic=…) as the customer does in the portal`);
      return;
    }
    for (const sub of topic.subscriptions) {
      if (!sub.filter(pe.event)) {
        sub.counters.filteredOut++;
      } else if (sub.deliverer) {
        sub.deliverer.enqueue(pe);
      } else {
        sub.counters.notDeliveredLocally++;
      }
    }
  }

  private refuse(ns: RuntimeNamespace | undefined, error: HttpError): HttpError {
    if (ns) {
      ns.counters.refused[error.status] = (ns.counters.refused[error.status] ?? 0) + 1;
    }
    return error;
  }

  /** Checks a publish request and accepts its events, or throws the HttpError to answer. */
  public publish(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, query: URLSearchParams, body: Buffer, totalBytes: number): void {
    ns.counters.requests++;
    const keyHeader = headers['aeg-sas-key'];
    const tokenHeader = headers['aeg-sas-token'];
    const authorized = ns.localAuthEnabled && (
      (typeof keyHeader === 'string' && keyMatches(keyHeader, ns.keys))
      || (typeof tokenHeader === 'string' && sasTokenValid(tokenHeader, ns.keys, ns.urlPath)));
    if (!authorized) {
      throw this.refuse(ns, new HttpError(401, 'Unauthorized', 'Unauthorized'));
    }
    const apiVersion = query.get('api-version');
    if (apiVersion !== PUBLISH_API_VERSION) {
      throw this.refuse(ns, new HttpError(400, 'BadRequest', apiVersion === null
        ? `the api-version query parameter is required: POST ${ns.urlPath}?api-version=${PUBLISH_API_VERSION}`
        : `api-version ${apiVersion} is not supported by the publish endpoint: use api-version=${PUBLISH_API_VERSION}`));
    }
    if (totalBytes > MAX_REQUEST_BYTES) {
      throw this.refuse(ns, new HttpError(413, 'PayloadTooLarge', oversizeMessage(body, totalBytes)));
    }
    const mediaType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const batched = mediaType === 'application/cloudevents-batch+json';
    if (!batched && mediaType !== 'application/cloudevents+json') {
      throw this.refuse(ns, new HttpError(400, 'BadRequest',
        `Content-Type ${JSON.stringify(headers['content-type'] ?? null)} is not accepted: publish CloudEvents 1.0 in batched mode (application/cloudevents-batch+json, a JSON array) or structured mode (application/cloudevents+json, one event)`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw this.refuse(ns, new HttpError(400, 'BadRequest', `the request body is not valid JSON: ${(e as Error).message}`));
    }
    let events: unknown[];
    if (batched) {
      if (!Array.isArray(parsed)) {
        throw this.refuse(ns, new HttpError(400, 'BadRequest', 'batched mode (application/cloudevents-batch+json) takes a JSON array of events'));
      }
      if (parsed.length === 0) {
        throw this.refuse(ns, new HttpError(400, 'BadRequest', 'the batch holds no events'));
      }
      if (parsed.length > MAX_EVENTS_PER_REQUEST) {
        throw this.refuse(ns, new HttpError(413, 'PayloadTooLarge', `the batch holds ${parsed.length} events, more than ${MAX_EVENTS_PER_REQUEST} per request`));
      }
      events = parsed;
    } else {
      if (Array.isArray(parsed)) {
        throw this.refuse(ns, new HttpError(400, 'BadRequest', 'structured mode (application/cloudevents+json) takes one event, a JSON object; send arrays as application/cloudevents-batch+json'));
      }
      events = [parsed];
    }
    const warnings: string[] = [];
    const problems: Array<{ code: string; message: string; target: string }> = [];
    events.forEach((event, i) => {
      const check = validateCloudEvent(event, i, { strictSource: this.options.strictSource });
      if (check.problem && problems.length < 10) {
        problems.push({ code: 'InputJsonInvalid', message: check.problem.message, target: `[${i}].${check.problem.field}` });
      }
      warnings.push(...(check.warnings ?? []));
    });
    if (problems.length > 0) {
      throw this.refuse(ns, new HttpError(400, 'BadRequest', problems[0].message, problems));
    }
    // Routing.
    let headerChannel: RuntimeChannel | undefined;
    if (ns.routingMode === 'ChannelNameHeader') {
      const channelName = headers['aeg-channel-name'];
      if (typeof channelName !== 'string' || channelName.trim() === '') {
        throw this.refuse(ns, new HttpError(400, 'BadRequest', `header aeg-channel-name is required: namespace ${ns.name} routes events by channel name (ChannelNameHeader)`));
      }
      headerChannel = ns.byName.get(channelName.trim().toLowerCase());
      if (!headerChannel) {
        throw this.refuse(ns, new HttpError(404, 'NotFound', `namespace ${ns.name} has no channel ${channelName}`));
      }
    }
    for (const w of warnings) {
      this.log('warn', `namespace ${ns.name}: ${w}`);
    }
    const now = Date.now();
    const serialized = serializedEvents(body, events, batched);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as { [key: string]: unknown };
      const pe: PublishedEvent = { id: String(e.id), body: serialized[i], bytes: serialized[i].length, event: e, publishedAt: now };
      ns.counters.acceptedEvents++;
      if (headerChannel) {
        this.dispatch(ns, headerChannel, pe);
        continue;
      }
      const channels = ns.bySource.get(String(e.source));
      if (!channels) {
        ns.counters.unroutedEvents++;
        this.warnOnce(`unrouted:${ns.name}:${String(e.source)}`, `namespace ${ns.name}: no event channel has source ${JSON.stringify(e.source)}; such events are accepted and not routed (counted as unroutedEvents)`);
        continue;
      }
      for (const channel of channels) {
        this.dispatch(ns, channel, pe);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // HTTP

  public async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const body = await readBody(req);
    try {
      if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
        this.admin(req, res, url);
        return;
      }
      const ns = this.namespaces.find((n) => n.urlPath.toLowerCase() === url.pathname.replace(/\/+$/, '').toLowerCase());
      if (!ns) {
        const first = url.pathname.split('/')[1];
        const known = this.namespaces.find((n) => n.urlPath.split('/')[1].toLowerCase() === (first ?? '').toLowerCase());
        throw new HttpError(404, 'NotFound', known
          ? `${url.pathname} is not the publish endpoint of namespace ${known.name}: POST ${known.urlPath}?api-version=${PUBLISH_API_VERSION}`
          : `no partner namespace at ${url.pathname}: the endpoints are ${this.namespaces.map((n) => n.urlPath).join(', ') || '(none)'}`);
      }
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        throw this.refuse(ns, new HttpError(405, 'MethodNotAllowed', `the publish endpoint takes POST, not ${req.method}`));
      }
      this.publish(ns, req.headers, url.searchParams, body.data, body.total);
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    } catch (e) {
      if (e instanceof HttpError) {
        const payload = JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
        res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
        res.end(payload);
        return;
      }
      this.log('warn', `request ${req.method} ${url.pathname} failed in the emulator: ${(e as Error).stack ?? e}`);
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'the emulator failed on this request (see its log)' } }));
    }
  }

  private admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const key = req.headers[ADMIN_HEADER];
    if (typeof key !== 'string' || !secretEquals(key, this.adminKey)) {
      throw new HttpError(401, 'Unauthorized', 'Unauthorized');
    }
    const action = url.pathname.slice(ADMIN_PREFIX.length).replace(/^\/|\/$/g, '');
    const send = (value: unknown) => {
      const payload = JSON.stringify(value, null, 2);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    };
    if (req.method === 'GET' && action === '') {
      send({
        namespaces: this.namespaces.map((n) => ({ name: n.name, endpoint: n.urlPath, routingMode: n.routingMode })),
        topics: [...this.topics.values()].map((t) => this.topicInfo(t)),
      });
    } else if (req.method === 'GET' && action === 'stats') {
      send(this.stats());
    } else if (req.method === 'POST' && (action === 'activate' || action === 'deactivate')) {
      const topic = url.searchParams.get('topic');
      if (!topic) {
        throw new HttpError(400, 'BadRequest', `give the partner topic: POST ${ADMIN_PREFIX}/${action}?topic=<ARM id | subscription/resourceGroup/name | name>`);
      }
      send(this.setActivation(topic, action === 'activate' ? 'Activated' : 'Deactivated'));
    } else {
      throw new HttpError(404, 'NotFound', `admin endpoints: GET ${ADMIN_PREFIX}, GET ${ADMIN_PREFIX}/stats, POST ${ADMIN_PREFIX}/activate?topic=…, POST ${ADMIN_PREFIX}/deactivate?topic=…`);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Stats, idleness, stop

  public stats(): EmulatorStats {
    const namespaces: { [name: string]: NamespaceCounters } = {};
    const channels: { [p: string]: { events: number; filteredOut: number } } = {};
    for (const ns of this.namespaces) {
      namespaces[ns.name] = { ...ns.counters, refused: { ...ns.counters.refused } };
      for (const c of ns.channels) {
        channels[c.model.path] = { ...c.counters };
      }
    }
    const topics: { [id: string]: { activationState: string; received: number; droppedNotActivated: number } } = {};
    for (const t of this.topics.values()) {
      topics[t.id] = { activationState: t.activationState, ...t.counters };
    }
    const subscriptions: { [p: string]: SubscriptionStats } = {};
    for (const s of this.subscriptions) {
      const d = s.deliverer;
      subscriptions[s.model.path] = {
        name: s.name,
        endpointType: s.endpointType,
        ...(d ? d.counters : { ...zeroCounters('none'), matched: s.counters.notDeliveredLocally }),
        filteredOut: s.counters.filteredOut,
        notDeliveredLocally: s.counters.notDeliveredLocally,
        notDeliveredReason: s.notDeliveredReason,
        pending: d ? d.pending : 0,
      };
    }
    return { namespaces, channels, topics, subscriptions };
  }

  private get idle(): boolean {
    return this.subscriptions.every((s) => !s.deliverer || s.deliverer.idle);
  }

  private notifyIdle(): void {
    if (this.idleWaiters.size > 0 && this.idle) {
      for (const w of [...this.idleWaiters]) {
        w();
      }
    }
  }

  public waitForIdle(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let poll: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.idleWaiters.delete(check);
        resolve();
      };
      const check = () => {
        // Deliverers report changes synchronously; wait a turn so that scheduled pumps have run.
        setImmediate(() => {
          if (this.idle) {
            done();
          }
        });
      };
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.idleWaiters.delete(check);
        const busy = this.subscriptions.filter((s) => s.deliverer && !s.deliverer.idle).map((s) => `${s.name}: ${s.deliverer!.pending} pending`);
        reject(new Error(`the emulator is not idle after ${timeoutMs} ms (${busy.join('; ')})`));
      }, timeoutMs);
      this.idleWaiters.add(check);
      poll = setInterval(check, 25);
      check();
    });
  }

  public stop(): void {
    for (const s of this.subscriptions) {
      s.deliverer?.stop();
    }
  }
}

/** The request body, kept up to DIAGNOSTIC_BYTES; `total` counts every byte received. */
function readBody(req: http.IncomingMessage): Promise<{ data: Buffer; total: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (kept < DIAGNOSTIC_BYTES) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    });
    req.on('end', () => resolve({ data: Buffer.concat(chunks), total }));
    req.on('error', reject);
  });
}

/** Says which event of an oversize request is over 1 MB, when it can. */
function oversizeMessage(body: Buffer, total: number): string {
  const limit = `${MAX_REQUEST_BYTES} bytes (1 MB)`;
  if (body.length === total) {
    try {
      const parsed = JSON.parse(body.toString('utf8'));
      const events = Array.isArray(parsed) ? parsed : [parsed];
      const i = events.findIndex((e) => Buffer.byteLength(JSON.stringify(e)) > MAX_EVENT_BYTES);
      if (i >= 0) {
        const size = Buffer.byteLength(JSON.stringify(events[i]));
        return Array.isArray(parsed)
          ? `event ${i} is ${size} bytes, over the event size limit of ${limit}`
          : `the event is ${size} bytes, over the event size limit of ${limit}`;
      }
    } catch {
      // fall through to the request-size message
    }
  }
  return `the request is ${total} bytes, over the request size limit of ${limit}`;
}

/** Starts an emulator for a synthesized app. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const model = options.model ?? readAppModel(options.outdir ?? 'cdktf.out');
  const emulator = new Emulator(model, options);
  const server = http.createServer((req, res) => {
    emulator.handle(req, res).catch((e) => {
      emulator.log('warn', `request failed: ${(e as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(400);
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostText}:${address.port}`;
  const namespaces: NamespaceEndpoint[] = emulator.namespaces.map((ns) => ({
    name: ns.name,
    path: ns.path,
    location: ns.location,
    routingMode: ns.routingMode,
    endpoint: `${url}${ns.urlPath}`,
    keys: ns.keys,
    localAuthEnabled: ns.localAuthEnabled,
    channels: ns.channels.map((c) => ({ name: c.name ?? '(unknown)', kind: c.model.kind, source: c.model.source, partnerTopicId: c.topic?.id ?? null })),
  }));
  const byName = (name: string) => {
    const ns = namespaces.find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (!ns) {
      throw new Error(`no partner namespace ${name} (the emulator has ${namespaces.map((n) => n.name).join(', ') || 'none'})`);
    }
    return ns;
  };
  const unwrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw e instanceof HttpError ? new Error(e.message) : e;
    }
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    namespaces,
    adminKey: emulator.adminKey,
    deadLetterDir: emulator.deadLetterDir,
    endpoint: (name) => byName(name).endpoint,
    keys: (name) => byName(name).keys,
    activate: (topic) => unwrap(() => emulator.setActivation(topic, 'Activated')),
    deactivate: (topic) => unwrap(() => emulator.setActivation(topic, 'Deactivated')),
    topics: () => [...emulator.topics.values()].map((t) => emulator.topicInfo(t)),
    stats: () => emulator.stats(),
    waitForIdle: (timeoutMs = 30_000) => emulator.waitForIdle(timeoutMs),
    stop: () => {
      if (!stopped) {
        stopped = new Promise<void>((resolve) => {
          emulator.stop();
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      return stopped;
    },
  };
}
