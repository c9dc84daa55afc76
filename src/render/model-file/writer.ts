// At synth, each stack that holds partner resources also writes `partner-events.model.json` beside its
// cdk.tf.json: the namespaces, channels, partner topics and event subscriptions of the stack as the local emulator
// (`partner-events emulate`) needs them. Values that are Terraform expressions at synth are written as null, with a
// note saying which. Loaded for its side effect from index.ts; nothing here is public API.
import { IConstruct } from 'constructs';
import { Channel } from '../../publisher/channel';
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
import { EventChannel } from '../../publisher/event-channel';
import { PartnerTopicEventSubscription } from '../../subscriber/event-subscription';
import { registerStackArtifact, synthLiteral, TerraformStack } from '../../internal/cdktf';
import { descriptionOf } from '../../model';
import { IPartnerNamespace, PartnerNamespace } from '../../publisher/partner-namespace';
import { PartnerTopic } from '../../subscriber/partner-topic';

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
      if (c instanceof PartnerNamespace) {
        namespaces.set(this.pathOf(c), this.namespace(c));
      } else if (c instanceof Channel || c instanceof EventChannel) {
        channels.push(this.channel(c));
        const ns = c.partnerNamespace;
        if (!(ns instanceof PartnerNamespace) && !namespaces.has(this.pathOf(ns))) {
          namespaces.set(this.pathOf(ns), this.importedNamespace(ns));
        }
      } else if (c instanceof PartnerTopic) {
        topics.push(this.topic(c));
      } else if (c instanceof PartnerTopicEventSubscription) {
        subscriptions.push(this.subscription(c));
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

  private coordinates(scope: IConstruct, field: string, subscriptionId: string, resourceGroupName: string, name: string): ModelTopicCoordinates {
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

  private namespace(ns: PartnerNamespace): ModelNamespace {
    const props = descriptionOf(ns)?.properties ?? {};
    const rules = this.lit(ns, 'inboundIpRules', props.inboundIpRules) as Array<{ ipMask: string | null }> | null;
    return {
      path: this.pathOf(ns),
      name: this.lit(ns, 'name', ns.partnerNamespaceName),
      location: this.lit(ns, 'location', ns.location),
      routingMode: this.lit(ns, 'routingMode', ns.routingMode),
      localAuthEnabled: this.lit(ns, 'localAuthEnabled', ns.localAuthEnabled),
      publicNetworkAccess: this.lit(ns, 'publicNetworkAccess', props.publicNetworkAccess),
      inboundIpRules: (rules ?? []).map((r) => r.ipMask).filter((m): m is string => typeof m === 'string'),
      imported: false,
    };
  }

  private importedNamespace(ns: IPartnerNamespace): ModelNamespace {
    return {
      path: this.pathOf(ns),
      name: this.lit(ns, 'name', ns.partnerNamespaceName),
      location: this.lit(ns, 'location', ns.location),
      routingMode: this.lit(ns, 'routingMode', ns.routingMode),
      localAuthEnabled: null,
      publicNetworkAccess: null,
      inboundIpRules: [],
      imported: true,
    };
  }

  private channel(c: Channel | EventChannel): ModelChannel {
    const props = descriptionOf(c)?.properties ?? {};
    const isChannel = c instanceof Channel;
    const inline = isChannel ? props.partnerTopicInfo?.eventTypeInfo?.inlineEventTypes : undefined;
    return {
      path: this.pathOf(c),
      kind: isChannel ? 'Channel' : 'EventChannel',
      name: this.lit(c, 'name', isChannel ? c.channelName : c.eventChannelName),
      namespace: { path: this.pathOf(c.partnerNamespace), name: this.lit(c, 'namespace.name', c.partnerNamespace.partnerNamespaceName) },
      source: this.lit(c, 'source', c.source),
      partnerTopic: this.coordinates(c, 'partnerTopic', c.partnerTopicSubscriptionId, c.partnerTopicResourceGroupName, c.partnerTopicName),
      eventTypes: inline ? Object.keys(inline) : [],
      advancedFilters: isChannel ? [] : this.filters(c, 'advancedFilters', props.filter?.advancedFilters),
      expirationTimeIfNotActivatedUtc: this.lit(c, 'expirationTimeIfNotActivatedUtc', props.expirationTimeIfNotActivatedUtc),
    };
  }

  private topic(t: PartnerTopic): ModelPartnerTopic {
    const parent = t.node.scope;
    return {
      path: this.pathOf(t),
      partnerTopic: this.coordinates(t, 'partnerTopic', t.partnerTopicSubscriptionId, t.partnerTopicResourceGroupName, t.partnerTopicName),
      location: this.lit(t, 'location', t.location),
      activated: t.activated,
      channelPath: parent instanceof Channel ? this.pathOf(parent) : null,
    };
  }

  private subscription(s: PartnerTopicEventSubscription): ModelEventSubscription {
    const props = descriptionOf(s)?.properties ?? {};
    const topic = s.partnerTopic;
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
      name: this.lit(s, 'name', s.eventSubscriptionName),
      topicPath: this.pathOf(topic),
      partnerTopic: this.coordinates(s, 'partnerTopic', topic.partnerTopicSubscriptionId, topic.partnerTopicResourceGroupName, topic.partnerTopicName),
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

registerStackArtifact({
  fileName: MODEL_FILE_NAME,
  render: (stack) => (modelWanted(stack) ? new StackModelWriter(stack).render() : undefined),
});
