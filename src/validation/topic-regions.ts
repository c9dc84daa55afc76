// EGP020: a partner topic referenced by the customer lives in the region of the namespace whose channel creates it.
// One registry per app (construct tree root), indexed once per change: linear in channels plus topics.
import { IConstruct } from 'constructs';
import { isUnresolved } from './engine';
import { findingText } from './errors';

/** Where a channel (or event channel) creates its partner topic. */
export interface ChannelTopicRegion {
  /** The channel or event channel. */
  readonly construct: IConstruct;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
  /** The channel's namespace; its `location` is read when the rule runs. */
  readonly namespace: IConstruct & { readonly location?: string };
}

/** What a channel's (or event channel's) props say of its partner topic. */
export interface ChannelTopicProps {
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
  readonly partnerNamespace: IConstruct & { readonly location?: string };
}

/** A partner topic referenced by its attributes, with the location the customer gave. */
export interface ReferencedTopicRegion {
  readonly construct: IConstruct;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
  readonly location?: string;
}

/** Azure compares names case-insensitively; tokens cannot be compared. */
function topicKey(t: { partnerTopicSubscriptionId: string; partnerTopicResourceGroupName: string; partnerTopicName: string }): string | undefined {
  const parts = [t.partnerTopicSubscriptionId, t.partnerTopicResourceGroupName, t.partnerTopicName];
  if (parts.some((p) => p === undefined || isUnresolved(p))) {
    return undefined;
  }
  return parts.map((p) => p.toLowerCase()).join('\u0000');
}

/** `West US 2` and `westus2` name the same region. */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

const registries = new WeakMap<IConstruct, TopicRegions>();

/** The per-app index of channel targets and referenced partner topics that EGP020 reads. */
export class TopicRegions {
  public static of(scope: IConstruct): TopicRegions {
    const root = scope.node.root;
    let registry = registries.get(root);
    if (!registry) {
      registry = new TopicRegions();
      registries.set(root, registry);
    }
    return registry;
  }

  private readonly channels: ChannelTopicRegion[] = [];
  private readonly topics: ReferencedTopicRegion[] = [];
  private generation = 0;
  private analyzedGeneration = -1;
  private findings = new Map<IConstruct, string[]>();

  private constructor() {}

  /** Records where a channel (or event channel) creates its partner topic, from the channel's props. */
  public registerChannel(construct: IConstruct, props: ChannelTopicProps): void {
    this.channels.push({
      construct,
      partnerTopicSubscriptionId: props.partnerTopicSubscriptionId,
      partnerTopicResourceGroupName: props.partnerTopicResourceGroupName,
      partnerTopicName: props.partnerTopicName,
      namespace: props.partnerNamespace,
    });
    this.generation++;
  }

  /** Records a partner topic referenced by its attributes. */
  public registerTopic(topic: ReferencedTopicRegion): void {
    this.topics.push(topic);
    this.generation++;
  }

  /** The EGP020 findings of one referenced partner topic, as `EGP020: …` lines. */
  public findingsFor(topic: IConstruct): string[] {
    if (this.analyzedGeneration !== this.generation) {
      this.analyze();
    }
    return this.findings.get(topic) ?? [];
  }

  private analyze(): void {
    this.findings = new Map();
    this.analyzedGeneration = this.generation;
    const channelsByTopic = new Map<string, ChannelTopicRegion[]>();
    for (const c of this.channels) {
      const key = topicKey(c);
      if (key === undefined) {
        continue;
      }
      const list = channelsByTopic.get(key);
      if (list) {
        list.push(c);
      } else {
        channelsByTopic.set(key, [c]);
      }
    }
    for (const t of this.topics) {
      const key = topicKey(t);
      if (key === undefined || t.location === undefined || isUnresolved(t.location)) {
        continue;
      }
      for (const c of channelsByTopic.get(key) ?? []) {
        const region = c.namespace.location;
        if (region === undefined || isUnresolved(region) || normalizeRegion(region) === normalizeRegion(t.location)) {
          continue;
        }
        const text = findingText('EGP020',
          `partner topic ${t.partnerTopicName} is referenced in location ${t.location}, but ${c.construct.node.path} creates it through namespace ${c.namespace.node.path} in region ${region}`,
          t.location, `give the partner topic location ${region}, the region of ${c.namespace.node.path}`);
        const list = this.findings.get(t.construct);
        if (list) {
          list.push(text);
        } else {
          this.findings.set(t.construct, [text]);
        }
      }
    }
  }
}
