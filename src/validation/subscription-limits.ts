// EGP013: at most 500 event subscriptions per partner topic, counted across the whole app (every stack), in
// linear time: one registry per app (construct tree root), grouped once per synth.
import { IConstruct } from 'constructs';
import { isUnresolved } from './engine';
import { findingText } from './errors';

/** Event Grid's limit of event subscriptions per topic. */
export const MAX_SUBSCRIPTIONS_PER_TOPIC = 500;

interface Entry {
  readonly subscription: IConstruct;
  readonly topic: IConstruct;
  readonly topicId: string;
}

const registries = new WeakMap<IConstruct, SubscriptionLimits>();

/** One per app: every partner topic event subscription and the topic it belongs to. */
export class SubscriptionLimits {
  public static of(scope: IConstruct): SubscriptionLimits {
    const root = scope.node.root;
    let registry = registries.get(root);
    if (!registry) {
      registry = new SubscriptionLimits();
      registries.set(root, registry);
    }
    return registry;
  }

  private readonly entries: Entry[] = [];
  private generation = 0;
  private analyzedGeneration = -1;
  private findings = new Map<IConstruct, string[]>();

  private constructor() {}

  /** Adds a subscription of the topic `topic` (whose ARM id is `topicId`) to the app-wide count. */
  public register(subscription: IConstruct, topic: IConstruct, topicId: string): void {
    this.entries.push({ subscription, topic, topicId });
    this.generation++;
  }

  /** The EGP013 findings of one subscription, as `EGP013: …` lines. */
  public findingsFor(subscription: IConstruct): string[] {
    if (this.analyzedGeneration !== this.generation) {
      this.analyze();
    }
    return this.findings.get(subscription) ?? [];
  }

  private analyze(): void {
    this.findings = new Map();
    this.analyzedGeneration = this.generation;
    // Azure compares ids case-insensitively. An id that is still a token cannot be compared with other ids; the
    // subscriptions of the same topic construct are still counted together, keyed by that construct.
    const byTopic = new Map<unknown, Entry[]>();
    for (const e of this.entries) {
      const key = isUnresolved(e.topicId) ? e.topic : e.topicId.toLowerCase();
      const list = byTopic.get(key);
      if (list) {
        list.push(e);
      } else {
        byTopic.set(key, [e]);
      }
    }
    for (const list of byTopic.values()) {
      if (list.length <= MAX_SUBSCRIPTIONS_PER_TOPIC) {
        continue;
      }
      const first = list[0].subscription.node.path;
      list.slice(MAX_SUBSCRIPTIONS_PER_TOPIC).forEach((e, i) => {
        this.findings.set(e.subscription, [findingText('EGP013',
          `partner topic ${e.topicId} has ${list.length} event subscriptions in this app (the first is ${first}); this one is number ${MAX_SUBSCRIPTIONS_PER_TOPIC + i + 1}, over Event Grid's limit of ${MAX_SUBSCRIPTIONS_PER_TOPIC}`,
          list.length)]);
      });
    }
  }
}
