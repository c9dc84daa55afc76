// The app-wide view that synth-time rules need: every channel, referenced partner topic and event subscription of
// every stack, indexed once per synth (linear in their number), and the findings of each construct.
import { performance } from 'perf_hooks';
import { IConstruct, Node } from 'constructs';
import { findingText } from './errors';
import { writeReport } from './report';
import { MAX_ARM_TEMPLATE_RESOURCES, PartnerTopicCoordinates, ResourceModel } from '../model';
import { RuleId, RULES, RuleSeverity } from './rules';
import { isStrict, suppressionFor } from './suppressions';
import { annotate, beforeStackValidation, onSynthPass, stackOf, Token } from '../internal/cdktf';

/** One finding of one rule on one construct, as the report lists it. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: RuleSeverity;
  /** The construct path. */
  readonly path: string;
  /** `EGP00N: what is wrong (the value) — how to fix`. */
  readonly message: string;
  /** Where the finding is suppressed, when it is. */
  readonly suppressedAt?: string;
  readonly suppressionReason?: string;
  /** The construct itself (not in the report). */
  readonly construct: IConstruct;
}

interface Checks {
  readonly construct: IConstruct;
  readonly own: () => string[];
}

/** A namespace as the app-wide rules read it: its region is read when the rules run. */
export type NamespaceRef = IConstruct & { readonly location?: string };

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

/** Event Grid's limit of event subscriptions per topic. */
export const MAX_SUBSCRIPTIONS_PER_TOPIC = 500;

/** A construct that stands for an Azure resource or endpoint that must be unique (EGP026-EGP028). */
interface IdentityEntry {
  readonly ruleId: RuleId;
  readonly construct: IConstruct;
  readonly key: string;
  /** What is duplicated, for messages: `partner configuration of resource group fabrikam`. */
  readonly what: string;
  readonly value: string;
}

interface SubscriptionEntry {
  readonly subscription: IConstruct;
  readonly topic: IConstruct;
  readonly topicId: string;
}

/** True when the value holds an unresolved token anywhere (such values are skipped, not guessed). */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** `West US 2` and `westus2` name the same region. */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/** Azure compares resource names and ids case-insensitively; tokens cannot be compared. */
function azureKey(...parts: string[]): string | undefined {
  if (parts.some((p) => p === undefined || isUnresolved(p))) {
    return undefined;
  }
  return parts.map((p) => p.toLowerCase()).join('\u0000');
}

function topicKey(t: TopicCoordinates): string | undefined {
  return azureKey(t.partnerTopicSubscriptionId, t.partnerTopicResourceGroupName, t.partnerTopicName);
}


/** Groups items by key, skipping undefined keys, keeping insertion order. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
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

function pathsOf(targets: ChannelTarget[], except: ChannelTarget, withKind: boolean): string {
  return targets.filter((o) => o !== except).map((o) => (withKind ? `${o.kind} ${o.construct.node.path}` : o.construct.node.path)).join(', ');
}

const models = new WeakMap<IConstruct, PartnerEventsModel>();

/** One per app (construct tree root): the registry the app-wide rules read. */
export class PartnerEventsModel {
  public static of(scope: IConstruct): PartnerEventsModel {
    const root = scope.node.root;
    let model = models.get(root);
    if (!model) {
      model = new PartnerEventsModel(root);
      models.set(root, model);
    }
    return model;
  }

  private readonly channels: ChannelTarget[] = [];
  private readonly topics: TopicReference[] = [];
  private readonly subscriptions: SubscriptionEntry[] = [];
  private readonly checks: Checks[] = [];
  private readonly identities: IdentityEntry[] = [];
  private readonly eager: Array<{ construct: IConstruct; text: string }> = [];
  private generation = 0;
  private analyzedGeneration = -1;
  private findings = new Map<IConstruct, string[]>();
  private all: Finding[] = [];
  private readonly byConstruct = new Map<IConstruct, Finding[]>();
  private readonly annotated = new Set<string>();
  private readonly validated = new WeakSet<IConstruct>();
  /** The stacks whose validations report the app's findings (those that hold the library's constructs). */
  private readonly stacks = new Set<IConstruct>();
  private analyses = 0;
  private validationTime = 0;

  private constructor(private readonly root: IConstruct) {
    // Escape-hatch overrides change no registry: a new synth pass recomputes every finding once.
    onSynthPass(root, () => this.generation++);
  }

  /** How many times the app-wide index was built (once per synth unless constructs are added). */
  public get analysisCount(): number {
    return this.analyses;
  }

  /** Adds a channel or event channel to the app-wide index (EGP001, EGP012, EGP020, EGP021). */
  public registerChannel(target: ChannelTarget): void {
    this.channels.push(target);
    this.generation++;
  }

  /** Adds a partner topic referenced by its attributes (EGP020). */
  public registerTopicReference(topic: TopicReference): void {
    this.topics.push(topic);
    this.generation++;
  }

  /** Adds an event subscription of `topic`, whose ARM id is `topicId` (EGP013). */
  public registerSubscription(subscription: IConstruct, topic: IConstruct, topicId: string): void {
    this.subscriptions.push({ subscription, topic, topicId });
    this.generation++;
  }

  /**
   * Registers a construct that stands for an Azure resource or endpoint that must be unique: `parts` (compared as
   * Azure compares names, case-insensitively; tokens skip the check) make the key; `ruleId` reports duplicates.
   */
  public registerUnique(ruleId: RuleId, construct: IConstruct, parts: string[], what: string, value: string): void {
    const key = azureKey(...parts);
    if (key !== undefined) {
      this.identities.push({ ruleId, construct, key: `${ruleId}\u0000${key}`, what, value });
      this.generation++;
    }
  }

  /** Registers a construct's own synth-time checks (`EGP00N: …` lines). */
  public registerChecks(construct: IConstruct, own: () => string[]): void {
    this.checks.push({ construct, own });
    this.generation++;
  }

  /** Records a finding made in a constructor: a warning or advice, or an error that a suppression let through. */
  public recordEager(construct: IConstruct, text: string): void {
    this.eager.push({ construct, text });
    this.generation++;
    this.validateWithStack(construct);
  }

  /**
   * Makes the validations of the stack of `scope` fail synth on the blocking findings of the app's constructs:
   * when they run, every construct that has a finding gets (once) a cdktf validation that returns its blocking
   * ones, so that cdktf reports each under the construct's path. Constructs without findings get none (a fleet
   * of thousands of clean constructs costs cdktf nothing more to validate).
   */
  public validateWithStack(scope: IConstruct): void {
    this.stacks.add(stackOf(scope));
    beforeStackValidation(scope, this.attachValidations);
  }

  private readonly attachValidations = (): void => {
    const started = performance.now();
    try {
      this.refresh();
      for (const construct of this.byConstruct.keys()) {
        if (!this.validated.has(construct)) {
          this.validated.add(construct);
          Node.of(construct).addValidation({ validate: () => this.blockingFor(construct) });
        }
      }
    } finally {
      this.validationTime += performance.now() - started;
    }
  };

  /** Every finding of the app (suppressed ones included), computed once per synth. */
  public allFindings(): Finding[] {
    this.refresh();
    return this.all;
  }

  /**
   * What makes synth fail for one construct: its unsuppressed errors, and its warnings in strict mode, as
   * `EGP00N: …` lines (cdktf prefixes the construct path).
   */
  public blockingFor(construct: IConstruct): string[] {
    const started = performance.now();
    try {
      return this.blocking(construct);
    } finally {
      this.validationTime += performance.now() - started;
    }
  }

  /** Milliseconds spent validating so far (the benchmark reports the share of synth it takes). */
  public get validationMillis(): number {
    return this.validationTime;
  }

  private blocking(construct: IConstruct): string[] {
    this.refresh();
    const findings = this.byConstruct.get(construct);
    if (findings === undefined) {
      return [];
    }
    const strict = isStrict(construct);
    return findings
      .filter((f) => f.suppressedAt === undefined
        && (f.severity === RuleSeverity.ERROR || (strict && f.severity === RuleSeverity.WARNING)))
      .map((f) => (f.severity === RuleSeverity.WARNING ? `${f.message} (a warning; strict mode makes it fail synth)` : f.message));
  }

  private refresh(): void {
    if (this.analyzedGeneration === this.generation) {
      return;
    }
    this.analyze();
    const lines: Array<{ construct: IConstruct; text: string }> = [...this.eager];
    for (const c of this.checks) {
      for (const text of c.own()) {
        lines.push({ construct: c.construct, text });
      }
    }
    for (const [construct, texts] of this.findings) {
      for (const text of texts) {
        lines.push({ construct, text });
      }
    }
    this.byConstruct.clear();
    this.all = lines.map(({ construct, text }) => this.toFinding(construct, text));
    for (const f of this.all) {
      const list = this.byConstruct.get(f.construct);
      if (list) {
        list.push(f);
      } else {
        this.byConstruct.set(f.construct, [f]);
      }
      this.annotate(f);
    }
    writeReport(this.root, this.all);
  }

  private toFinding(construct: IConstruct, text: string): Finding {
    const ruleId = /^(EGP\d{3}):/.exec(text)?.[1] as RuleId | undefined;
    if (ruleId === undefined || !(ruleId in RULES)) {
      throw new Error(`[${construct.node.path}] internal: a finding without a known rule id: ${text}`);
    }
    const rule = RULES[ruleId];
    const suppression = rule.suppressible ? suppressionFor(construct, ruleId) : undefined;
    return {
      ruleId,
      severity: rule.severity,
      path: construct.node.path,
      message: text,
      suppressedAt: suppression?.path,
      suppressionReason: suppression?.reason,
      construct,
    };
  }

  /** Warnings and advice are shown as cdktf annotations (once each), as `cdktf synth` prints them. */
  private annotate(f: Finding): void {
    if (f.suppressedAt !== undefined || f.severity === RuleSeverity.ERROR) {
      return;
    }
    const key = `${f.path}\u0000${f.message}`;
    if (this.annotated.has(key)) {
      return;
    }
    this.annotated.add(key);
    annotate(f.construct, f.severity === RuleSeverity.WARNING ? 'warning' : 'info', f.message);
  }

  private add(construct: IConstruct, text: string): void {
    const list = this.findings.get(construct);
    if (list) {
      list.push(text);
    } else {
      this.findings.set(construct, [text]);
    }
  }

  /** The app-wide rules, into `this.findings`. */
  private analyze(): void {
    this.findings = new Map();
    this.analyzedGeneration = this.generation;
    this.analyses++;
    const byTopic = groupBy(this.channels, topicKey);
    this.oneChannelPerTopic(byTopic);
    this.uniqueChannelNamesPerRegion();
    this.oneEventChannelPerSource();
    this.topicsInTheirNamespaceRegion(byTopic);
    this.subscriptionsPerTopic();
    this.uniqueResources();
    this.armTemplateCapacity();
  }

  /** EGP029: a stack with more partner resources than an ARM template holds gets no template. */
  private armTemplateCapacity(): void {
    for (const stack of this.stacks) {
      const count = ResourceModel.of(stack).countOf(stack);
      if (count > MAX_ARM_TEMPLATE_RESOURCES) {
        this.add(stack, findingText('EGP029',
          `the stack has ${count} partner resources, more than the ${MAX_ARM_TEMPLATE_RESOURCES} an ARM template holds, so no deploymentTemplate.json is written for it`,
          count));
      }
    }
  }

  /** EGP026, EGP027, EGP028 */
  private uniqueResources(): void {
    for (const group of groupBy(this.identities, (e) => e.key).values()) {
      if (group.length < 2) {
        continue;
      }
      for (const e of group) {
        const others = group.filter((o) => o !== e).map((o) => o.construct.node.path).join(', ');
        this.add(e.construct, findingText(e.ruleId, `${e.what} is also defined by ${others}`, e.value));
      }
    }
  }

  /** EGP001 */
  private oneChannelPerTopic(byTopic: Map<string, ChannelTarget[]>): void {
    for (const group of byTopic.values()) {
      if (group.length < 2) {
        continue;
      }
      for (const c of group) {
        this.add(c.construct, findingText('EGP001',
          `${c.kind} ${c.construct.node.path} targets the partner topic that ${pathsOf(group, c, true)} also targets; a partner topic belongs to exactly one channel`,
          PartnerTopicCoordinates.of(c).id));
      }
    }
  }

  /** EGP012 */
  private uniqueChannelNamesPerRegion(): void {
    const byRegionalName = groupBy(this.channels, (c) => {
      const location = c.namespace.location;
      return location === undefined ? undefined : azureKey(c.kind, normalizeRegion(location), c.channelName);
    });
    for (const group of byRegionalName.values()) {
      if (group.length < 2) {
        continue;
      }
      for (const c of group) {
        this.add(c.construct, findingText('EGP012',
          `channel name is also used in region ${c.namespace.location} by ${pathsOf(group, c, false)}; channel names must be unique per region`,
          c.channelName));
      }
    }
  }

  /** EGP021: one event channel per source in a source-routed namespace. */
  private oneEventChannelPerSource(): void {
    const eventChannels = this.channels.filter((c) => c.kind === 'EventChannel');
    const byNamespace = groupBy(eventChannels, (c) => c.namespace);
    for (const inNamespace of byNamespace.values()) {
      for (const group of groupBy(inNamespace, (c) => (isUnresolved(c.source) ? undefined : c.source)).values()) {
        if (group.length < 2) {
          continue;
        }
        for (const c of group) {
          this.add(c.construct, findingText('EGP021',
            `event channel has the same source as ${pathsOf(group, c, false)} in namespace ${c.namespace.node.path}; under source routing a source picks exactly one partner topic`,
            c.source, 'give each event channel of a namespace its own source'));
        }
      }
    }
  }

  /** EGP020 */
  private topicsInTheirNamespaceRegion(byTopic: Map<string, ChannelTarget[]>): void {
    for (const t of this.topics) {
      const key = topicKey(t);
      if (key === undefined || t.location === undefined || isUnresolved(t.location)) {
        continue;
      }
      for (const c of byTopic.get(key) ?? []) {
        const region = c.namespace.location;
        if (region === undefined || isUnresolved(region) || normalizeRegion(region) === normalizeRegion(t.location)) {
          continue;
        }
        this.add(t.construct, findingText('EGP020',
          `partner topic ${t.partnerTopicName} is referenced in location ${t.location}, but ${c.construct.node.path} creates it through namespace ${c.namespace.node.path} in region ${region}`,
          t.location, `give the partner topic location ${region}, the region of ${c.namespace.node.path}`));
      }
    }
  }

  /** EGP013. A topic id that is still a token is counted per topic construct. */
  private subscriptionsPerTopic(): void {
    const byTopic = groupBy<SubscriptionEntry, unknown>(this.subscriptions, (e) => (isUnresolved(e.topicId) ? e.topic : e.topicId.toLowerCase()));
    for (const list of byTopic.values()) {
      if (list.length <= MAX_SUBSCRIPTIONS_PER_TOPIC) {
        continue;
      }
      const first = list[0].subscription.node.path;
      list.slice(MAX_SUBSCRIPTIONS_PER_TOPIC).forEach((e, i) => {
        this.add(e.subscription, findingText('EGP013',
          `partner topic ${e.topicId} has ${list.length} event subscriptions in this app (the first is ${first}); this one is number ${MAX_SUBSCRIPTIONS_PER_TOPIC + i + 1}, over Event Grid's limit of ${MAX_SUBSCRIPTIONS_PER_TOPIC}`,
          list.length));
      });
    }
  }
}

/**
 * Registers a construct's synth-time checks: `own` returns the construct's own findings (`EGP00N: …` lines);
 * the app-wide rules add theirs. Synth fails on the construct's unsuppressed errors (and warnings in strict mode)
 * through its stack's validations, which the caller has hooked up once per stack (`watchStack` does), so that
 * thousands of constructs do not each look their stack up again.
 */
export function addSynthChecks(construct: IConstruct, own: () => string[]): void {
  PartnerEventsModel.of(construct).registerChecks(construct, own);
}
