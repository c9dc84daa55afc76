// The one validation engine: the app-wide registry the synth-time rules read (every channel, referenced partner
// topic, event subscription and must-be-unique resource of every stack, indexed once per synth, in linear time),
// the findings made in constructors, the rules' checks (the library's and the organisations' rule packs), and what
// becomes of each finding: suppressed, shown, or failing synth with a PartnerEventsValidationError.
import { performance } from 'perf_hooks';
import { IConstruct, Node } from 'constructs';
import {
  azureKey, ChannelTarget, ForeignResource, IdentityEntry, ResourceRef, ruleContext, RuleContext, SubscriptionEntry, TopicReference,
} from './context';
import { libraryRule, MISSION_RULES, SYNTH_RULES } from './registry';
import { reportLocation, writeReport } from './report';
import { findingLine, RuleSeverity, RuleViolation, show, ValidationFinding, ValidationRule } from './rule';
import { isStrict, suppressionFor } from './suppressions';
import { PartnerEventsValidationError } from './validation-error';
import {
  addOutputGate, appSynthRun, annotate, beforeStackValidation, onStackValidationFailure, onSynthPass, resolveForDisplay,
  runStackVisitors, stackOf, trackAppSynth,
} from '../internal/cdktf';

export { isUnresolved, normalizeRegion } from './context';
export type { ChannelTarget, NamespaceRef, TopicCoordinates, TopicReference } from './context';

/** One finding of one rule on one construct, as the report lists it, with the construct itself. */
export interface Finding extends ValidationFinding {
  /** The construct itself (not in the report). */
  readonly construct: IConstruct;
}

/** A finding before its suppression is looked up. */
export interface RawFinding {
  readonly construct: IConstruct;
  readonly ruleId: string;
  readonly message: string;
  /** As shown. */
  readonly value: string;
  readonly fix: string;
}

/** An organisation's rule as the engine runs it (rule-packs.ts makes these). */
export interface PackRuleRunner {
  readonly rule: ValidationRule;
  run(context: RuleContext, app: IConstruct): RuleViolation[];
}

/** The library's or a registered pack's rule of an id. */
function ruleOf(id: string, packRules: ReadonlyMap<string, PackRuleRunner>): ValidationRule | undefined {
  return libraryRule(id) ?? packRules.get(id)?.rule;
}

const indexes = new WeakMap<IConstruct, ValidationIndex>();

/**
 * One per app (construct tree root): what the constructs registered for the rules (channels, topic references,
 * subscriptions, must-be-unique names; the rules read channels through the resource model, context.ts), and the
 * app's findings. Not a model: the resource model is src/model/.
 */
export class ValidationIndex {
  public static of(scope: IConstruct): ValidationIndex {
    const root = scope.node.root;
    let index = indexes.get(root);
    if (!index) {
      index = new ValidationIndex(root);
      indexes.set(root, index);
    }
    return index;
  }

  private readonly channels: ChannelTarget[] = [];
  private readonly topics: TopicReference[] = [];
  private readonly subscriptions: SubscriptionEntry[] = [];
  private readonly identities: IdentityEntry[] = [];
  private readonly libraryConstructs: IConstruct[] = [];
  private readonly foreignResources: ForeignResource[] = [];
  private readonly partnerTopicIds: string[] = [];
  private readonly eager: RawFinding[] = [];
  private readonly packPrefixes = new Set<string>();
  private readonly packRules = new Map<string, PackRuleRunner>();
  private generation = 0;
  private analyzedGeneration = -1;
  private all: Finding[] = [];
  private readonly byConstruct = new Map<IConstruct, Finding[]>();
  private readonly annotated = new Set<string>();
  private readonly validated = new WeakSet<IConstruct>();
  /** The stacks whose validations report the app's findings (those that hold the library's constructs). */
  private readonly stacks = new Set<IConstruct>();
  private analyses = 0;
  private validationTime = 0;
  private contextCache?: { readonly run: number; readonly generation: number; readonly context: RuleContext };
  private missionCache?: { readonly run: number; readonly generation: number; readonly byStack: Map<IConstruct, RawFinding[]> };

  private constructor(private readonly root: IConstruct) {
    // Escape-hatch overrides change no registry: a new synth pass recomputes every finding once.
    onSynthPass(root, () => this.generation++);
  }

  /** How many times the app-wide index was built (once per synth unless constructs are added). */
  public get analysisCount(): number {
    return this.analyses;
  }

  /** Adds a channel or event channel to the app-wide index (EGP001, EGP003, EGP012, EGP020, EGP021). */
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
   * `resource` names the Azure resource the construct stands for, when two constructs may stand for the same one
   * (a namespace the app creates and an import of it): such pairs are not duplicates.
   */
  public registerUnique(ruleId: string, construct: IConstruct, parts: string[], what: string, value: string, resource?: ResourceRef): void {
    const key = azureKey(...parts);
    if (key !== undefined) {
      this.identities.push({ ruleId, construct, key: `${ruleId}\u0000${key}`, what, value, resource });
      this.generation++;
    }
  }

  /** Records an id of a partner topic the library handed out (a hand-written subscription may use it as its scope: EGP002). */
  public registerPartnerTopicId(id: string): void {
    this.partnerTopicIds.push(id);
    this.generation++;
  }

  /** Adds one of the library's own constructs (EGP002 reads the overrides on its Terraform elements). */
  public registerLibraryConstruct(construct: IConstruct): void {
    this.libraryConstructs.push(construct);
    this.generation++;
  }

  /** Adds a hand-written Terraform element of a stack that holds the library's constructs (EGP002). */
  public registerForeignResource(resource: ForeignResource): void {
    this.foreignResources.push(resource);
    this.generation++;
  }

  /**
   * Adds an organisation's rule pack to the app: its prefix must be new to the app. Its rules run at synth over
   * the same context, with the same suppressions, strict mode and report.
   */
  public registerPack(prefix: string, rules: readonly PackRuleRunner[], where: string): void {
    if (this.packPrefixes.has(prefix)) {
      throw new Error(`[${where}] Validations.addRulePack: a rule pack with prefix ${JSON.stringify(prefix)} is already registered in this app — give each organisation's pack its own prefix`);
    }
    this.packPrefixes.add(prefix);
    for (const r of rules) {
      this.packRules.set(r.rule.id, r);
    }
    this.generation++;
  }

  /** The rule of an id: the library's, or one of a pack registered in this app. */
  public ruleOf(id: string): ValidationRule | undefined {
    return ruleOf(id, this.packRules);
  }

  /** The rules of the packs registered in this app, in registration order. */
  public get packRuleList(): ValidationRule[] {
    return [...this.packRules.values()].map((r) => r.rule);
  }

  /** Records a finding made in a constructor: a warning or advice, or an error that a suppression let through. */
  public recordEager(finding: RawFinding): void {
    this.eager.push(finding);
    this.generation++;
    this.validateWithStack(finding.construct);
  }

  /**
   * Makes the validations of the stack of `scope` fail synth on the blocking findings of the app's constructs:
   * when they run, every construct that has a finding gets (once) a cdktf validation that returns its blocking
   * ones, so that cdktf reports each under the construct's path; the error is then a PartnerEventsValidationError
   * with those findings. Constructs without findings get none (a fleet of thousands of clean constructs costs cdktf
   * nothing more to validate).
   */
  public validateWithStack(scope: IConstruct): void {
    const stack = stackOf(scope);
    if (this.stacks.has(stack)) {
      return; // registered once per stack (a gate registered per finding ran the mission rules again each time)
    }
    this.stacks.add(stack);
    beforeStackValidation(scope, this.attachValidations);
    onStackValidationFailure(stack, (error) => this.asValidationError(stack, error));
    addOutputGate(stack, () => this.enforceMissionRules(stack));
    trackAppSynth(stack);
  }

  /**
   * The mission rules' findings of every stack, computed over the whole app once per `app.synth()` run while the
   * index is unchanged (a fleet of 200 shard stacks checks its 100,000 channels once, not once per shard); outside
   * a run (`Testing.synth`), fresh each time.
   */
  private missionViolations(): Map<IConstruct, RawFinding[]> {
    const run = appSynthRun(this.root);
    const cached = this.missionCache;
    if (run !== undefined && cached !== undefined && cached.run === run && cached.generation === this.generation) {
      return cached.byStack;
    }
    const context = this.context();
    const byStack = new Map<IConstruct, RawFinding[]>();
    for (const rule of MISSION_RULES) {
      for (const v of rule.check!(context)) {
        const stack = stackOf(v.construct);
        const list = byStack.get(stack);
        if (list) {
          list.push(rawFinding(rule, v));
        } else {
          byStack.set(stack, [rawFinding(rule, v)]);
        }
      }
    }
    this.missionCache = run === undefined ? undefined : { run, generation: this.generation, byStack };
    return byStack;
  }

  /**
   * The mission rules (one channel per partner topic, CloudEvents 1.0 only) hold whatever the synth options: cdktf
   * skips validations under `skipValidation`, but not the rendering of the stack, where this runs (fresh, over the
   * final values: overrides and hand-written resources included). Throws with every mission finding of the stack.
   */
  private enforceMissionRules(stack: IConstruct): void {
    runStackVisitors(stack); // hand-written resources are found by the visit validations would have made
    const findings = (this.missionViolations().get(stack) ?? []).map((r) => this.toFinding(r));
    if (findings.length > 0) {
      throw new PartnerEventsValidationError(this.failureMessage(findings, [],
        `${MISSION_RULES.map((r) => r.id).join(' and ')} hold whatever the synth options (skipValidation included): fix the configuration; they cannot be suppressed.`),
      findings.map(publicFinding));
    }
  }

  /**
   * The message of a failed synth: every blocking finding of the app, each once, sorted by path; the other
   * validation errors cdktf found; where the report with the warnings and advice is; and how to go on.
   */
  private failureMessage(findings: readonly Finding[], otherErrors: readonly string[], closing: string): string {
    const lines = [...new Set(findings.map((f) => `[${f.path}] ${this.blockingLine(f)}`))].sort();
    const report = reportLocation(this.root);
    const all = this.all.filter((f) => f.suppressedAt === undefined);
    const warnings = all.filter((f) => f.severity === RuleSeverity.WARNING && !this.blocks(f)).length;
    const advice = all.filter((f) => f.severity === RuleSeverity.INFO).length;
    const where = report !== undefined
      ? `every finding, ${warnings} warning(s) and ${advice} advice included, is in ${report}`
      : 'the app has no output directory, so no report was written (an App writes partner-events-validation.json into its outdir)';
    return [
      `Synth failed: ${lines.length} error(s) of cdktf-azure-partner-events (${where}):`,
      ...lines.map((l) => `  ${l}`),
      ...(otherErrors.length > 0 ? ['Other validation errors:', ...otherErrors.map((l) => `  ${l}`)] : []),
      closing,
    ].join('\n');
  }

  private blockingLine(f: Finding): string {
    return f.severity === RuleSeverity.WARNING ? `${findingLine(f)} (a warning; strict mode makes it fail synth)` : findingLine(f);
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

  /**
   * cdktf's validation error, as the library's error type when findings of the stack's constructs caused it: with
   * every blocking finding of the app (not only the stack's), each once, and cdktf's other errors kept.
   */
  private asValidationError(stack: IConstruct, error: unknown): unknown {
    if (!(error instanceof Error) || PartnerEventsValidationError.isValidationError(error)) {
      return error;
    }
    const order = (f: Finding) => `${f.path}\u0000${f.ruleId}`;
    const all = [...this.blockingFindings()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    if (!all.some((f) => stackOf(f.construct) === stack)) {
      return error;
    }
    const ours = new Set(all.map((f) => `[${f.path}] ${this.blockingLine(f)}`));
    const listed = /Validation failed with the following errors:\n {2}([\s\S]*?)\n\n/.exec(error.message)?.[1] ?? '';
    const others = listed.split('\n  ').filter((l) => l !== '' && !ours.has(l));
    const mission = MISSION_RULES.map((r) => r.id).join(' and ');
    return new PartnerEventsValidationError(this.failureMessage(all, others,
      `Fix each error (the fix follows the dash). ${mission} hold even with skipValidation: true; other rules can be suppressed per construct with a reason: Validations.of(scope).suppress('EGP0NN', 'why').`),
    all.map(publicFinding));
  }

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
      this.refresh();
      return (this.byConstruct.get(construct) ?? []).filter((f) => this.blocks(f)).map((f) => this.blockingLine(f));
    } finally {
      this.validationTime += performance.now() - started;
    }
  }

  /** Milliseconds spent validating so far (the benchmark reports the share of synth it takes). */
  public get validationMillis(): number {
    return this.validationTime;
  }

  private blocks(f: Finding): boolean {
    return f.suppressedAt === undefined
      && (f.severity === RuleSeverity.ERROR || (f.severity === RuleSeverity.WARNING && isStrict(f.construct)));
  }

  private blockingFindings(): Finding[] {
    this.refresh();
    return this.all.filter((f) => this.blocks(f));
  }

  private refresh(): void {
    if (this.analyzedGeneration === this.generation) {
      return;
    }
    const raw = [...this.eager, ...this.analyze()];
    this.byConstruct.clear();
    this.all = raw.map((r) => this.toFinding(r));
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

  private toFinding(raw: RawFinding): Finding {
    const rule = this.ruleOf(raw.ruleId);
    if (rule === undefined) {
      throw new Error(`[${raw.construct.node.path}] internal: a finding of an unknown rule ${JSON.stringify(raw.ruleId)}: ${raw.message}`);
    }
    const suppression = rule.suppressible ? suppressionFor(raw.construct, raw.ruleId) : undefined;
    return {
      ruleId: raw.ruleId,
      severity: rule.severity,
      path: raw.construct.node.path,
      value: raw.value,
      fix: raw.fix,
      message: raw.message,
      suppressedAt: suppression?.path,
      suppressionReason: suppression?.reason,
      construct: raw.construct,
    };
  }

  /** Warnings and advice are shown as cdktf annotations (once each), as `cdktf synth` prints them. */
  private annotate(f: Finding): void {
    if (f.suppressedAt !== undefined || f.severity === RuleSeverity.ERROR) {
      return;
    }
    const line = findingLine(f);
    const key = `${f.path}\u0000${line}`;
    if (this.annotated.has(key)) {
      return;
    }
    this.annotated.add(key);
    annotate(f.construct, f.severity === RuleSeverity.WARNING ? 'warning' : 'info', line);
  }

  /** What the rules read: the registry's lists, as one context. */
  private context(): RuleContext {
    // within one `app.synth()` run the analysis and the gates of every stack read the same app: one context (its
    // indexes, such as the channels by partner topic, built once)
    const run = appSynthRun(this.root);
    const cached = this.contextCache;
    if (run !== undefined && cached !== undefined && cached.run === run && cached.generation === this.generation) {
      return cached.context;
    }
    const context = this.freshContext();
    this.contextCache = run === undefined ? undefined : { run, generation: this.generation, context };
    return context;
  }

  private freshContext(): RuleContext {
    return ruleContext({
      channels: this.channels,
      topicReferences: this.topics,
      subscriptions: this.subscriptions,
      identities: this.identities,
      libraryConstructs: this.libraryConstructs,
      foreignResources: this.foreignResources,
      partnerTopicIds: this.partnerTopicIds,
      stacks: [...this.stacks],
    });
  }

  /** The synth-time rules (the library's, then the packs'), over one context. */
  private analyze(): RawFinding[] {
    this.analyzedGeneration = this.generation;
    this.analyses++;
    const context = this.context();
    const found: RawFinding[] = [];
    for (const rule of SYNTH_RULES) {
      for (const v of rule.check!(context)) {
        found.push(rawFinding(rule, v));
      }
    }
    for (const pack of this.packRules.values()) {
      for (const v of pack.run(context, this.root)) {
        if (v.construct.node.root !== this.root) {
          throw new Error(`[${v.construct.node.path}] ${pack.rule.id}: the rule's check reported a construct of another app — report only constructs of the app it checks`);
        }
        found.push(rawFinding(pack.rule, v));
      }
    }
    return found;
  }
}

/** A rule's violation as a finding of the rule (the rule's fix unless the violation gives one). */
export function rawFinding(rule: ValidationRule, v: RuleViolation): RawFinding {
  return {
    construct: v.construct,
    ruleId: rule.id,
    message: displayed(v.construct, v.message),
    value: show(resolveForDisplay(v.construct, v.value)),
    fix: displayed(v.construct, v.fix ?? rule.fix),
  };
}

/** A text with its tokens shown as the Terraform expressions they become, never as `${TfToken[…]}`. */
export function displayed(construct: IConstruct, text: string): string {
  const resolved = resolveForDisplay(construct, text);
  return typeof resolved === 'string' ? resolved : text;
}

/** A finding without its construct (what errors carry). */
export function publicFinding(f: Finding): ValidationFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    value: f.value,
    fix: f.fix,
    message: f.message,
    ...(f.suppressedAt !== undefined ? { suppressedAt: f.suppressedAt, suppressionReason: f.suppressionReason } : {}),
  };
}
