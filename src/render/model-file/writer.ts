// At synth, each stack that holds partner resources also writes `partner-events.model.json` beside its
// cdk.tf.json: the namespaces, channels, partner topics and event subscriptions of the stack as the local emulator
// (`partner-events emulate`) needs them. Values that are Terraform expressions at synth are written as null, with a
// note saying which. Reads only the resource model (the effective descriptions, escape hatches included), never
// the constructs' own fields. Run from src/render/pipeline.ts; nothing here is public API.
import { IConstruct } from 'constructs';
import {
  MODEL_CONTEXT_KEY,
  MODEL_DEFAULTS,
  MODEL_FILE_NAME,
  MODEL_SCHEMA_VERSION,
  ModelAdvancedFilter,
  ModelChannel,
  ModelEventSubscription,
  ModelNamespace,
  ModelNote,
  ModelPartnerTopic,
  ModelTopicCoordinates,
  sameCoordinates,
  withoutModelDefaults,
} from '../../emulator/model-file';
import { lacksTokenMarker, StackArtifactRenderer, synthLiteral, TerraformStack } from '../../internal/cdktf';
import { descriptionOf, EVENTGRID, partnerTopicOf, ResourceDescription } from '../../model';

const NAMESPACE = `${EVENTGRID}/partnerNamespaces`;
const CHANNEL = `${EVENTGRID}/partnerNamespaces/channels`;
const EVENT_CHANNEL = `${EVENTGRID}/partnerNamespaces/eventChannels`;
const PARTNER_TOPIC = `${EVENTGRID}/partnerTopics`;
const EVENT_SUBSCRIPTION = `${EVENTGRID}/partnerTopics/eventSubscriptions`;

/** Event Grid's retry defaults, which apply where the app sets none. */
const DEFAULT_RETRY = MODEL_DEFAULTS.eventSubscription.retryPolicy;
const UNRESOLVED = 'a Terraform expression at synth (known only at apply): written as null';

/**
 * The constructs of a stack, not those of the stacks nested in it, with their paths: one walk, which builds each
 * path from its parent's (no lookup of each construct's stack, no walk up the tree for each path).
 */
function constructsOf(stack: TerraformStack): Map<IConstruct, string> {
  const found = new Map<IConstruct, string>();
  const visit = (scope: IConstruct, path: string) => {
    for (const child of scope.node.children) {
      if (!TerraformStack.isStack(child)) {
        const childPath = `${path}/${child.node.id}`;
        found.set(child, childPath);
        visit(child, childPath);
      }
    }
  };
  visit(stack, stack.node.path);
  return found;
}

/** Builds one stack's model, reading every value as a literal at synth. */
class StackModelWriter {
  private readonly notes: ModelNote[] = [];
  private paths = new Map<IConstruct, string>();
  /** Effective descriptions read during this render (a topic's is read for it and for each of its subscriptions). */
  private readonly descriptions = new Map<IConstruct, ResourceDescription | undefined>();

  constructor(private readonly stack: TerraformStack) {}

  /** The construct's path: from the walk for the stack's own constructs, else (an imported namespace) its own. */
  private pathOf(c: IConstruct): string {
    return this.paths.get(c) ?? c.node.path;
  }

  public render(): string | undefined {
    const stack = this.stack;
    this.paths = constructsOf(stack);
    const namespaces = new Map<string, ModelNamespace>();
    const channels: ModelChannel[] = [];
    const topics: ModelPartnerTopic[] = [];
    const subscriptions: ModelEventSubscription[] = [];
    for (const c of this.paths.keys()) {
      const d = descriptionOf(c); // once per construct: the walk visits each once
      if (d === undefined) {
        continue;
      }
      if (d.type === NAMESPACE || d.type === PARTNER_TOPIC) {
        this.descriptions.set(c, d); // read again by their channels and subscriptions
      }
      if (d.type === NAMESPACE && !d.existing) {
        namespaces.set(this.pathOf(c), this.namespace(d));
      } else if (d.type === CHANNEL || d.type === EVENT_CHANNEL) {
        const ns = this.parentOf(d);
        channels.push(this.channel(d, ns));
        if (ns.description?.existing && !namespaces.has(this.pathOf(ns.construct))) {
          namespaces.set(this.pathOf(ns.construct), this.importedNamespace(ns.construct, ns.description));
        }
      } else if (d.type === PARTNER_TOPIC) {
        topics.push(this.topic(d));
      } else if (d.type === EVENT_SUBSCRIPTION) {
        subscriptions.push(this.subscription(d));
      }
    }
    if (namespaces.size + channels.length + topics.length + subscriptions.length === 0) {
      return undefined;
    }
    // Version 2 leaves out what the reader fills back in: defaults, and coordinates shared with a named record.
    const d = MODEL_DEFAULTS;
    const channelTopic = new Map(channels.map((c) => [c.path, c.partnerTopic]));
    const topicCoordinates = new Map(topics.map((t) => [t.path, t.partnerTopic]));
    const shares = (coordinates: ModelTopicCoordinates, named: ModelTopicCoordinates | undefined) =>
      named !== undefined && sameCoordinates(coordinates, named);
    const file = {
      schemaVersion: MODEL_SCHEMA_VERSION,
      generator: 'cdktf-azure-partner-events',
      stack: stack.node.id,
      namespaces: [...namespaces.values()].map((n) => withoutModelDefaults(n, d.namespace)),
      channels: channels.map((c) => withoutModelDefaults(c, d.channel)),
      partnerTopics: topics.map((t) => {
        const { partnerTopic, ...rest } = withoutModelDefaults(t, d.partnerTopic);
        return t.channelPath !== null && shares(t.partnerTopic, channelTopic.get(t.channelPath)) ? rest : { ...rest, partnerTopic };
      }),
      eventSubscriptions: subscriptions.map((s) => {
        const { partnerTopic, ...rest } = withoutModelDefaults(
          s.deadLetter === null ? s : { ...s, deadLetter: withoutModelDefaults(s.deadLetter, d.deadLetter) }, d.eventSubscription);
        return shares(s.partnerTopic, topicCoordinates.get(s.topicPath)) ? rest : { ...rest, partnerTopic };
      }),
      notes: this.notes,
    };
    // one line: the file is for the emulator (and jq), and fleets of thousands of channels make it large
    return `${JSON.stringify(file)}\n`;
  }

  /** The value as a plain literal (deeply), or null with a note where part of it is a Terraform expression. */
  private lit(scope: IConstruct, field: string, value: unknown): any {
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value === 'boolean' || (typeof value === 'string' && lacksTokenMarker(value))) {
      return value; // no token: most values, at no cost
    }
    const read = synthLiteral(this.stack, value);
    if (!read.known) {
      this.notes.push({ path: this.pathOf(scope), field, note: UNRESOLVED });
      return null;
    }
    const v = read.value;
    if (Array.isArray(v)) {
      return v.map((item, i) => this.lit(scope, `${field}[${i}]`, item));
    }
    if (v !== null && typeof v === 'object') {
      const out: { [key: string]: unknown } = {};
      for (const [key, item] of Object.entries(v as { [key: string]: unknown })) {
        if (item !== undefined) {
          out[key] = this.lit(scope, field ? `${field}.${key}` : key, item);
        }
      }
      return out;
    }
    return v;
  }

  private coordinates(scope: IConstruct, field: string, subscriptionId?: string, resourceGroupName?: string, name?: string): ModelTopicCoordinates {
    return {
      subscriptionId: this.lit(scope, `${field}.subscriptionId`, subscriptionId),
      resourceGroupName: this.lit(scope, `${field}.resourceGroupName`, resourceGroupName),
      name: this.lit(scope, `${field}.name`, name),
    };
  }

  private filters(scope: IConstruct, field: string, filters: unknown): ModelAdvancedFilter[] {
    const list = this.lit(scope, field, filters);
    return Array.isArray(list) ? list : [];
  }

  /** A parent's or a topic's description, read once however many children ask for it. */
  private described(c: IConstruct): ResourceDescription | undefined {
    let d = this.descriptions.get(c);
    if (d === undefined && !this.descriptions.has(c)) {
      d = descriptionOf(c);
      this.descriptions.set(c, d);
    }
    return d;
  }

  /** The parent of a child description: its construct and (when it has one) its effective description. */
  private parentOf(d: ResourceDescription): { construct: IConstruct; description?: ResourceDescription } {
    const construct = d.parent!;
    return { construct, description: this.described(construct) };
  }

  private namespace(d: ResourceDescription): ModelNamespace {
    const ns = d.construct;
    const props = d.properties;
    const rules = this.lit(ns, 'inboundIpRules', props.inboundIpRules) as Array<{ ipMask: string | null }> | null;
    const disabled = this.lit(ns, 'localAuthEnabled', props.disableLocalAuth);
    return {
      path: this.pathOf(ns),
      name: this.lit(ns, 'name', d.name),
      location: this.lit(ns, 'location', d.location),
      routingMode: this.lit(ns, 'routingMode', props.partnerTopicRoutingMode),
      localAuthEnabled: typeof disabled === 'boolean' ? !disabled : null,
      publicNetworkAccess: this.lit(ns, 'publicNetworkAccess', props.publicNetworkAccess),
      inboundIpRules: (rules ?? []).map((r) => r.ipMask).filter((m): m is string => typeof m === 'string'),
      imported: false,
    };
  }

  private importedNamespace(ns: IConstruct, d: ResourceDescription): ModelNamespace {
    return {
      path: this.pathOf(ns),
      name: this.lit(ns, 'name', d.name),
      location: this.lit(ns, 'location', d.location),
      routingMode: this.lit(ns, 'routingMode', d.properties.partnerTopicRoutingMode),
      localAuthEnabled: null,
      publicNetworkAccess: null,
      inboundIpRules: [],
      imported: true,
    };
  }

  private channel(d: ResourceDescription, ns: { construct: IConstruct; description?: ResourceDescription }): ModelChannel {
    const c = d.construct;
    const props = d.properties;
    const isChannel = d.type === CHANNEL;
    const inline = isChannel ? props.partnerTopicInfo?.eventTypeInfo?.inlineEventTypes : undefined;
    const topic = partnerTopicOf(d);
    return {
      path: this.pathOf(c),
      kind: isChannel ? 'Channel' : 'EventChannel',
      name: this.lit(c, 'name', d.name),
      namespace: { path: this.pathOf(ns.construct), name: this.lit(c, 'namespace.name', ns.description?.name) },
      source: this.lit(c, 'source', isChannel ? props.partnerTopicInfo?.source : props.source?.source),
      partnerTopic: this.coordinates(c, 'partnerTopic', topic?.subscriptionId, topic?.resourceGroupName, topic?.name),
      eventTypes: inline ? Object.keys(inline) : [],
      advancedFilters: isChannel ? [] : this.filters(c, 'advancedFilters', props.filter?.advancedFilters),
      expirationTimeIfNotActivatedUtc: this.lit(c, 'expirationTimeIfNotActivatedUtc', props.expirationTimeIfNotActivatedUtc),
    };
  }

  /** A partner topic's coordinates, from its (existing) description: its scope and name. */
  private topicCoordinates(owner: IConstruct, d: ResourceDescription | undefined): ModelTopicCoordinates {
    const scope = d?.scope?.kind === 'resourceGroup' ? d.scope : undefined;
    return this.coordinates(owner, 'partnerTopic', scope?.subscriptionId, scope?.resourceGroupName, d?.name);
  }

  private topic(d: ResourceDescription): ModelPartnerTopic {
    const t = d.construct;
    const creator = d.createdBy !== undefined ? this.described(d.createdBy) : undefined;
    return {
      path: this.pathOf(t),
      partnerTopic: this.topicCoordinates(t, d),
      location: this.lit(t, 'location', d.location),
      activated: (d.actions ?? []).some((a) => a.action === 'activate'),
      channelPath: creator?.type === CHANNEL ? this.pathOf(d.createdBy!) : null,
    };
  }

  private subscription(d: ResourceDescription): ModelEventSubscription {
    const s = d.construct;
    const props = d.properties;
    const topic = d.parent!;
    const withIdentity = props.deliveryWithResourceIdentity !== undefined;
    const destination = withIdentity ? props.deliveryWithResourceIdentity.destination : props.destination;
    const filter = props.filter ?? {};
    const deadLetterIdentity = props.deadLetterWithResourceIdentity !== undefined;
    const deadLetter = deadLetterIdentity ? props.deadLetterWithResourceIdentity.deadLetterDestination : props.deadLetterDestination;
    const destinationProperties = this.lit(s, 'destination.properties', destination?.properties ?? {}) ?? {};
    const sensitive: string[] = [];
    if (destination?.endpointType === 'WebHook') {
      sensitive.push('endpointUrl');
    }
    const mappings = destination?.properties?.deliveryAttributeMappings;
    if (Array.isArray(mappings) && mappings.some((m: any) => m?.properties?.isSecret === true)) {
      sensitive.push('deliveryAttributeMappings');
    }
    return {
      path: this.pathOf(s),
      name: this.lit(s, 'name', d.name),
      topicPath: this.pathOf(topic),
      partnerTopic: this.topicCoordinates(s, this.described(topic)),
      destination: {
        endpointType: this.lit(s, 'destination.endpointType', destination?.endpointType),
        properties: destinationProperties,
        withTopicIdentity: withIdentity,
      },
      filter: {
        includedEventTypes: this.lit(s, 'filter.includedEventTypes', filter.includedEventTypes),
        subjectBeginsWith: this.lit(s, 'filter.subjectBeginsWith', filter.subjectBeginsWith),
        subjectEndsWith: this.lit(s, 'filter.subjectEndsWith', filter.subjectEndsWith),
        isSubjectCaseSensitive: this.lit(s, 'filter.isSubjectCaseSensitive', filter.isSubjectCaseSensitive) ?? false,
        enableAdvancedFilteringOnArrays: this.lit(s, 'filter.enableAdvancedFilteringOnArrays', filter.enableAdvancedFilteringOnArrays) ?? false,
        advancedFilters: this.filters(s, 'filter.advancedFilters', filter.advancedFilters),
      },
      retryPolicy: {
        maxDeliveryAttempts: props.retryPolicy?.maxDeliveryAttempts === undefined
          ? DEFAULT_RETRY.maxDeliveryAttempts : this.lit(s, 'retryPolicy.maxDeliveryAttempts', props.retryPolicy.maxDeliveryAttempts),
        eventTimeToLiveInMinutes: props.retryPolicy?.eventTimeToLiveInMinutes === undefined
          ? DEFAULT_RETRY.eventTimeToLiveInMinutes : this.lit(s, 'retryPolicy.eventTimeToLiveInMinutes', props.retryPolicy.eventTimeToLiveInMinutes),
      },
      deadLetter: deadLetter === undefined ? null : {
        endpointType: this.lit(s, 'deadLetter.endpointType', deadLetter.endpointType),
        resourceId: this.lit(s, 'deadLetter.resourceId', deadLetter.properties?.resourceId),
        blobContainerName: this.lit(s, 'deadLetter.blobContainerName', deadLetter.properties?.blobContainerName),
        withTopicIdentity: deadLetterIdentity,
      },
      labels: this.lit(s, 'labels', props.labels) ?? [],
      eventDeliverySchema: this.lit(s, 'eventDeliverySchema', props.eventDeliverySchema),
      expirationTimeUtc: this.lit(s, 'expirationTimeUtc', props.expirationTimeUtc),
      sensitive,
    };
  }
}

/** Whether the app wants the model file: unless the context says `false` (a boolean, or the CLI's string). */
function modelWanted(stack: TerraformStack): boolean {
  const value: unknown = stack.node.tryGetContext(MODEL_CONTEXT_KEY);
  return value !== false && value !== 'false';
}

/** Writes `partner-events.model.json` for a stack (unless the app's context turns it off). */
export const MODEL_FILE_RENDERER: StackArtifactRenderer = {
  fileName: MODEL_FILE_NAME,
  render: (stack) => (modelWanted(stack) ? new StackModelWriter(stack).render() : undefined),
};
