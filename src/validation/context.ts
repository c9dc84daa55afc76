// The app-wide data the synth-time rules read, behind one typed interface (RuleContext): every channel, referenced
// partner topic, event subscription and must-be-unique resource of every stack, and the stacks. What the rules read
// of channels comes from the resource model's effective descriptions (escape hatches and property overrides
// included), so a rule checks what will be deployed, not what a constructor was given.
import { IConstruct } from 'constructs';
import { lacksTokenMarker, renderedBlockOf, TerraformElement, Token } from '../internal/cdktf';
import {
  descriptionOf, hasOverrides, MAX_ARM_TEMPLATE_RESOURCES, partnerTopicOf, PartnerTopicCoordinates, ResourceModel,
} from '../model';

/** True when the value holds an unresolved token anywhere (such values are skipped, not guessed). */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string' && lacksTokenMarker(value)) {
    return false; // most strings, without a regex
  }
  return Token.isUnresolved(value);
}

/** `West US 2` and `westus2` name the same region. */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/** Azure compares resource names and ids case-insensitively; tokens cannot be compared. */
export { azureKey } from '../model';

/** Groups items by key, skipping undefined keys, keeping insertion order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) {
      continue;
    }
    const list = map.get(key);
    if (list) {
      list.push(item);
    } else {
      map.set(key, [item]);
    }
  }
  return map;
}

/** A namespace as the app-wide rules read it: its region and routing mode are read when the rules run. */
export type NamespaceRef = IConstruct & { readonly location?: string; readonly routingMode?: string };

/** Where a channel's (or a reference's) partner topic is: the customer's subscription, group and topic name. */
export interface TopicCoordinates {
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
}

/** What the app-wide rules need to know of a channel or an event channel. */
export interface ChannelTarget extends TopicCoordinates {
  readonly construct: IConstruct;
  /** `Channel` or `EventChannel`, for messages. */
  readonly kind: string;
  /** The namespace the channel belongs to. */
  readonly namespace: NamespaceRef;
  /** The CloudEvents source of the channel. */
  readonly source: string;
  readonly channelName: string;
}

/** A partner topic that the customer side refers to by its attributes. */
export interface TopicReference extends TopicCoordinates {
  readonly construct: IConstruct;
  /** The region the customer gave, when known. */
  readonly location?: string;
}

/** An event subscription of `topic`, whose ARM id is `topicId`. */
export interface SubscriptionEntry {
  readonly subscription: IConstruct;
  readonly topic: IConstruct;
  readonly topicId: string;
}

/** The Azure resource a construct stands for: its resource group and name, and its subscription when known. */
export interface ResourceRef {
  readonly subscriptionId?: string;
  readonly resourceGroupName: string;
  readonly name: string;
}

/** True when two references may name the same Azure resource (a subscription not known matches any). */
export function sameResource(a: ResourceRef | undefined, b: ResourceRef | undefined): boolean {
  if (a === undefined || b === undefined || [a.resourceGroupName, a.name, b.resourceGroupName, b.name].some(isUnresolved)) {
    return false;
  }
  const subscriptions = a.subscriptionId === undefined || b.subscriptionId === undefined || isUnresolved(a.subscriptionId)
    || isUnresolved(b.subscriptionId) || a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase();
  return subscriptions && a.resourceGroupName.toLowerCase() === b.resourceGroupName.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}

/** A construct that stands for an Azure resource or endpoint that must be unique (EGP026-EGP028, EGP047). */
export interface IdentityEntry {
  /** The rule that reports duplicates. */
  readonly ruleId: string;
  readonly construct: IConstruct;
  /** Compared as Azure compares names (case-insensitively). */
  readonly key: string;
  /** What is duplicated, for messages: `partner configuration of resource group fabrikam`. */
  readonly what: string;
  readonly value: string;
  /** The resource it stands for, when another construct may stand for the same one (then they are no duplicates). */
  readonly resource?: ResourceRef;
}

/** A Terraform element users wrote by hand in a stack that holds the library's constructs. */
export interface ForeignResource {
  readonly element: TerraformElement;
  /** Its Terraform resource type, such as `azapi_resource`. */
  readonly terraformType: string;
}

/** The case-insensitive key of a partner topic, or undefined while a part is a token. */
export function topicKey(t: TopicCoordinates): string | undefined {
  return PartnerTopicCoordinates.of(t).key;
}

/**
 * A channel as it will be deployed: its partner topic, source and name read from its effective description (an
 * override that moves it onto another topic moves it here too); as registered when it describes none.
 */
export function effectiveChannel(c: ChannelTarget): ChannelTarget {
  if (!hasOverrides(c.construct)) {
    return c; // what it registered is what it describes
  }
  const d = descriptionOf(c.construct);
  const at = d === undefined ? undefined : partnerTopicOf(d);
  if (d === undefined || at === undefined) {
    return c;
  }
  const source = d.properties.partnerTopicInfo?.source ?? d.properties.source?.source;
  return {
    ...c,
    partnerTopicSubscriptionId: at.subscriptionId,
    partnerTopicResourceGroupName: at.resourceGroupName,
    partnerTopicName: at.name,
    source: typeof source === 'string' ? source : c.source,
    channelName: d.name,
  };
}

const CHANNEL_TYPE = /^Microsoft\.EventGrid\/partnerNamespaces\/channels@/i;

/** A channel written by hand (an `azapi_resource` of the channel type), as the rules read it. */
export interface ForeignChannel extends ChannelTarget {
  /** Its `body.properties`, as the block renders them. */
  readonly properties: { [key: string]: any };
}

/**
 * The channels users wrote by hand as `azapi_resource` blocks beside the library's constructs: they take a partner
 * topic and a name as much as the library's channels do. Their namespace's region and routing mode are not known.
 */
export function foreignChannels(resources: readonly ForeignResource[]): ForeignChannel[] {
  const found: ForeignChannel[] = [];
  for (const r of resources) {
    if (r.terraformType !== 'azapi_resource') {
      continue;
    }
    const block = renderedBlockOf(r.element);
    if (typeof block.type !== 'string' || !CHANNEL_TYPE.test(block.type)) {
      continue;
    }
    const properties = (block.body?.properties ?? {}) as { [key: string]: any };
    const info = (properties.partnerTopicInfo ?? {}) as { [key: string]: any };
    found.push({
      construct: r.element,
      kind: 'hand-written channel',
      namespace: r.element,
      partnerTopicSubscriptionId: info.azureSubscriptionId,
      partnerTopicResourceGroupName: info.resourceGroupName,
      partnerTopicName: info.name,
      source: info.source,
      channelName: block.name,
      properties,
    });
  }
  return found;
}

/** What the validation index registered of the app, as the engine hands it to the rules. */
export interface RuleInputs {
  readonly channels: readonly ChannelTarget[];
  readonly topicReferences: readonly TopicReference[];
  readonly subscriptions: readonly SubscriptionEntry[];
  readonly identities: readonly IdentityEntry[];
  /** The library's own constructs (EGP002 reads the overrides on their Terraform elements). */
  readonly libraryConstructs: readonly IConstruct[];
  readonly foreignResources: readonly ForeignResource[];
  /** The partner topic ids the library handed out (tokens, when the topic is created or updated in the app). */
  readonly partnerTopicIds: readonly string[];
  /** The stacks that hold the library's constructs. */
  readonly stacks: readonly IConstruct[];
}

/** What a synth-time rule of the library reads: the whole app, indexed once per synth. */
export interface RuleContext extends RuleInputs {
  /** The most resources one ARM template may hold. */
  readonly maxArmTemplateResources: number;
  /** The channels written by hand as azapi resources (also in `channels`, for the rules over every channel). */
  readonly foreignChannels: readonly ForeignChannel[];
  /** The channels by partner topic key (built once per synth; shared by the rules that need it). */
  channelsByTopic(): ReadonlyMap<string, ChannelTarget[]>;
  /** The ARM id a partner topic has (or will have). */
  partnerTopicId(t: TopicCoordinates): string;
  /** How many partner resources a stack describes. */
  armResourceCount(stack: IConstruct): number;
}

/** The context over the registry's lists (read, never copied). */
export function ruleContext(inputs: RuleInputs): RuleContext {
  let byTopic: Map<string, ChannelTarget[]> | undefined;
  const foreign = foreignChannels(inputs.foreignResources);
  const channels = [...inputs.channels.map(effectiveChannel), ...foreign];
  return {
    ...inputs,
    channels,
    foreignChannels: foreign,
    channelsByTopic: () => (byTopic ??= groupBy(channels, topicKey)),
    partnerTopicId: (t) => PartnerTopicCoordinates.of(t).id,
    armResourceCount: (stack) => ResourceModel.of(stack).countOf(stack),
    maxArmTemplateResources: MAX_ARM_TEMPLATE_RESOURCES,
  };
}
