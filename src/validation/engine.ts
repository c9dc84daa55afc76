// The app-wide view that synth-time rules need: every channel of every stack, indexed once per synth
// (linear in the number of channels), and the findings of each construct.
import { IConstruct, Node } from 'constructs';
import { findingText } from './errors';
import { Token } from '../internal/cdktf';

/** What the app-wide rules need to know of a channel or an event channel. */
export interface ChannelTarget {
  readonly construct: IConstruct;
  /** `Channel` or `EventChannel`, for messages. */
  readonly kind: string;
  /** The namespace construct the channel belongs to. */
  readonly namespace: IConstruct;
  /** The CloudEvents source of the channel. */
  readonly source: string;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
  readonly channelName: string;
  /** The namespace's region, when known. */
  readonly location?: string;
}

/** True when the value holds an unresolved token anywhere (such values are skipped, not guessed). */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Azure compares resource names and ids case-insensitively. */
function azureKey(...parts: string[]): string | undefined {
  if (parts.some((p) => isUnresolved(p))) {
    return undefined;
  }
  return parts.map((p) => p.toLowerCase()).join('\u0000');
}

const models = new WeakMap<IConstruct, PartnerEventsModel>();

/** One per app (construct tree root): the registry the app-wide rules read. */
export class PartnerEventsModel {
  public static of(scope: IConstruct): PartnerEventsModel {
    const root = scope.node.root;
    let model = models.get(root);
    if (!model) {
      model = new PartnerEventsModel();
      models.set(root, model);
    }
    return model;
  }

  private readonly channels: ChannelTarget[] = [];
  private generation = 0;
  private analyzedGeneration = -1;
  private findings = new Map<IConstruct, string[]>();
  private analyses = 0;

  private constructor() {}

  /** How many times the app-wide index was built (once per synth unless constructs are added). */
  public get analysisCount(): number {
    return this.analyses;
  }

  /** Adds a channel to the app-wide index. */
  public registerChannel(target: ChannelTarget): void {
    this.channels.push(target);
    this.generation++;
  }

  /** The app-wide findings of one construct, as `EGP00N: …` lines. */
  public appFindingsFor(construct: IConstruct): string[] {
    if (this.analyzedGeneration !== this.generation) {
      this.analyze();
    }
    return this.findings.get(construct) ?? [];
  }

  private add(construct: IConstruct, text: string): void {
    const list = this.findings.get(construct);
    if (list) {
      list.push(text);
    } else {
      this.findings.set(construct, [text]);
    }
  }

  private analyze(): void {
    this.findings = new Map();
    this.analyzedGeneration = this.generation;
    this.analyses++;
    const byTopic = new Map<string, ChannelTarget[]>();
    const byRegionalName = new Map<string, ChannelTarget[]>();
    const bySource = new Map<IConstruct, Map<string, ChannelTarget[]>>();
    for (const c of this.channels) {
      if (c.kind === 'EventChannel' && !isUnresolved(c.source)) {
        let sources = bySource.get(c.namespace);
        if (!sources) {
          sources = new Map();
          bySource.set(c.namespace, sources);
        }
        group(sources, c.source, c);
      }
      const topic = azureKey(c.partnerTopicSubscriptionId, c.partnerTopicResourceGroupName, c.partnerTopicName);
      if (topic !== undefined) {
        group(byTopic, topic, c);
      }
      if (c.location !== undefined) {
        const regional = azureKey(c.kind, c.location.replace(/\s+/g, ''), c.channelName);
        if (regional !== undefined) {
          group(byRegionalName, regional, c);
        }
      }
    }
    for (const group_ of byTopic.values()) {
      if (group_.length < 2) {
        continue;
      }
      for (const c of group_) {
        const others = group_.filter((o) => o !== c).map((o) => `${o.kind} ${o.construct.node.path}`).join(', ');
        const topicId = `/subscriptions/${c.partnerTopicSubscriptionId}/resourceGroups/${c.partnerTopicResourceGroupName}/providers/Microsoft.EventGrid/partnerTopics/${c.partnerTopicName}`;
        this.add(c.construct, findingText('EGP001',
          `${c.kind} ${c.construct.node.path} targets the partner topic that ${others} also targets; a partner topic belongs to exactly one channel`,
          topicId));
      }
    }
    for (const group_ of byRegionalName.values()) {
      if (group_.length < 2) {
        continue;
      }
      for (const c of group_) {
        const others = group_.filter((o) => o !== c).map((o) => o.construct.node.path).join(', ');
        this.add(c.construct, findingText('EGP012',
          `channel name is also used in region ${c.location} by ${others}; channel names must be unique per region`,
          c.channelName));
      }
    }
    for (const sources of bySource.values()) {
      for (const group_ of sources.values()) {
        if (group_.length < 2) {
          continue;
        }
        for (const c of group_) {
          const others = group_.filter((o) => o !== c).map((o) => o.construct.node.path).join(', ');
          this.add(c.construct, findingText('EGP003',
            `event channel has the same source as ${others} in namespace ${c.namespace.node.path}; under source routing a source picks exactly one partner topic`,
            c.source, 'give each event channel of a namespace its own source'));
        }
      }
    }
  }
}

function group<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * Registers a construct's synth-time checks: `own` returns the construct's own findings (`EGP00N: …` lines),
 * to which the app-wide findings are added. cdktf prefixes each line with the construct path.
 */
export function addSynthChecks(construct: IConstruct, own: () => string[]): void {
  const model = PartnerEventsModel.of(construct);
  Node.of(construct).addValidation({ validate: () => [...own(), ...model.appFindingsFor(construct)] });
}
