// Organisations' rule packs: rules of their own (their own id prefix) with the same metadata as the library's,
// a check over the same app-wide context plus the construct tree, and the same suppressions, strict mode, report
// and generated reference.
import { IConstruct } from 'constructs';
import { RuleContext } from './context';
import { PackRuleRunner } from './engine';
import { RuleSeverity, RuleViolation, ruleMetadata, ValidationRule } from './rule';
import { renderRules } from './rule-docs';

/** A channel or event channel of the app, as a rule's check reads it. */
export interface ChannelFacts {
  readonly construct: IConstruct;
  /** `Channel` or `EventChannel`. */
  readonly kind: string;
  /** The partner namespace that holds the channel. */
  readonly namespace: IConstruct;
  /** The region of the namespace, when known. */
  readonly namespaceLocation?: string;
  /** The routing mode of the namespace, when known. */
  readonly routingMode?: string;
  /** The CloudEvents source of the channel. */
  readonly source: string;
  readonly channelName: string;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
  /** The ARM id of the partner topic the channel creates. */
  readonly partnerTopicId: string;
}

/** A partner topic the customer side refers to by its attributes. */
export interface PartnerTopicReferenceFacts {
  readonly construct: IConstruct;
  /** The region given, when known. */
  readonly location?: string;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
}

/** An event subscription of a partner topic. */
export interface EventSubscriptionFacts {
  readonly construct: IConstruct;
  /** The partner topic construct it subscribes to. */
  readonly partnerTopic: IConstruct;
  /** The ARM id of that partner topic. */
  readonly partnerTopicId: string;
}

/** What a rule pack's check reads: the app-wide data the library's rules read, and the construct tree. */
export interface RuleCheckContext {
  /** The root of the construct tree (the app): walk it with `app.node.findAll()` for anything else. */
  readonly app: IConstruct;
  /** The stacks that hold the library's constructs. */
  readonly stacks: IConstruct[];
  /** The library's own constructs (registrations, namespaces, channels, topics, subscriptions, configurations). */
  readonly libraryConstructs: IConstruct[];
  readonly channels: ChannelFacts[];
  readonly partnerTopicReferences: PartnerTopicReferenceFacts[];
  readonly eventSubscriptions: EventSubscriptionFacts[];
}

/** The check of an organisation's rule. */
export interface IRuleCheck {
  /** Every violation in the app (an empty list when there is none). */
  check(context: RuleCheckContext): RuleViolation[];
}

/** One rule of a pack: the same metadata as the library's rules, and its check (run at synth). */
export interface PackRule {
  /** The pack's prefix and three digits, such as `ACME001`. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** One line: what the rule guards. */
  readonly title: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** How to fix a finding (a violation may give its own). */
  readonly fix: string;
  /**
   * Whether a finding can be suppressed per construct, with a reason.
   * @default true
   */
  readonly suppressible?: boolean;
  /** A configuration the rule refuses. */
  readonly badExample: string;
  /** The nearest configuration the rule accepts. */
  readonly goodExample: string;
  /** Where the policy or behaviour the rule guards is written down (an http(s) URL). */
  readonly source: string;
  readonly check: IRuleCheck;
}

/** An organisation's rule pack. */
export interface RulePackProps {
  /** The id prefix of the pack's rules: 2 to 10 capital letters, not `EGP` (the library's) and not starting with it. */
  readonly prefix: string;
  /** The pack's name, for its reference: `ACME platform rules`. */
  readonly name: string;
  readonly rules: PackRule[];
}

const PREFIX = /^[A-Z]{2,10}$/;
const TEXT_FIELDS = ['title', 'rationale', 'fix', 'badExample', 'goodExample', 'source'] as const;
const SEVERITIES: string[] = [RuleSeverity.ERROR, RuleSeverity.WARNING, RuleSeverity.INFO];

const publicContexts = new WeakMap<RuleContext, RuleCheckContext>();

/** The public view of the engine's context, built once per synth for all packs. */
function publicContext(context: RuleContext, app: IConstruct): RuleCheckContext {
  let view = publicContexts.get(context);
  if (view === undefined) {
    view = {
      app,
      stacks: [...context.stacks],
      libraryConstructs: [...context.libraryConstructs],
      channels: context.channels.map((c) => ({
        construct: c.construct,
        kind: c.kind,
        namespace: c.namespace,
        namespaceLocation: c.namespace.location,
        routingMode: c.namespace.routingMode,
        source: c.source,
        channelName: c.channelName,
        partnerTopicSubscriptionId: c.partnerTopicSubscriptionId,
        partnerTopicResourceGroupName: c.partnerTopicResourceGroupName,
        partnerTopicName: c.partnerTopicName,
        partnerTopicId: context.partnerTopicId(c),
      })),
      partnerTopicReferences: context.topicReferences.map((t) => ({ ...t })),
      eventSubscriptions: context.subscriptions.map((s) => ({ construct: s.subscription, partnerTopic: s.topic, partnerTopicId: s.topicId })),
    };
    publicContexts.set(context, view);
  }
  return view;
}

/**
 * An organisation's own validation rules, for example in its reusable construct package:
 *
 * ```ts
 * const acme = new RulePack({ prefix: 'ACME', name: 'ACME platform rules', rules: [{ id: 'ACME001', ..., check }] });
 * Validations.of(app).addRulePack(acme);
 * Validations.of(legacyStack).suppress('ACME001', 'legacy sources, renamed in Q3');
 * ```
 *
 * Its findings fail synth (errors, and warnings in strict mode), go into the validation report and can be
 * suppressed with a reason, as the library's do.
 */
export class RulePack {
  /** The id prefix of the pack's rules. */
  public readonly prefix: string;
  /** The pack's name. */
  public readonly name: string;
  private readonly packRules: PackRule[];

  constructor(props: RulePackProps) {
    const where = `RulePack ${JSON.stringify(props.prefix)}`;
    if (typeof props.prefix !== 'string' || !PREFIX.test(props.prefix)) {
      throw new Error(`${where}: the prefix is not 2 to 10 capital letters (${JSON.stringify(props.prefix)}) — give a prefix such as ACME`);
    }
    if (props.prefix.startsWith('EGP')) {
      throw new Error(`${where}: the prefix collides with the library's own rule ids (EGP001…) — give the organisation's own prefix, such as ACME`);
    }
    if (typeof props.name !== 'string' || props.name.trim() === '') {
      throw new Error(`${where}: the pack has no name (${JSON.stringify(props.name)}) — give the name its reference is titled with`);
    }
    if (!Array.isArray(props.rules) || props.rules.length === 0) {
      throw new Error(`${where}: the pack has no rules (${JSON.stringify(props.rules)}) — give at least one rule`);
    }
    const ids = new Set<string>();
    for (const rule of props.rules) {
      checkRule(where, props.prefix, rule, ids);
    }
    this.prefix = props.prefix;
    this.name = props.name;
    this.packRules = [...props.rules];
  }

  /** The pack's rules (their metadata), in the order given. */
  public get rules(): ValidationRule[] {
    return this.packRules.map(metadataOf);
  }

  /** The pack's rule reference as Markdown, in the form of the library's docs/validation-rules.md. */
  public renderReference(): string {
    const lines = [
      `# ${this.name}`,
      '',
      `Rules with ids ${this.prefix}NNN, checked at synth over the whole app by cdktf-azure-partner-events. Every finding has`,
      `the form \`[construct/path] ${this.prefix}NNN: what is wrong (the value) — how to fix\` and goes into`,
      '`partner-events-validation.json`. Suppress a rule on a construct and its children with',
      `\`Validations.of(scope).suppress('${this.prefix}NNN', 'reason')\`; \`Validations.of(app).enableStrictMode()\` makes warnings fail synth.`,
      '',
      ...renderRules(this.rules),
    ];
    return `${lines.join('\n')}\n`;
  }

  /** @internal the pack's rules as the engine runs them */
  public _runners(): PackRuleRunner[] {
    return this.packRules.map((r) => {
      const rule = metadataOf(r);
      return { rule, run: (context: RuleContext, app: IConstruct) => r.check.check(publicContext(context, app)) };
    });
  }
}

/** A pack rule's metadata: suppressible unless it says otherwise, checked at synth. */
function metadataOf(r: PackRule): ValidationRule {
  return ruleMetadata({ ...r, suppressible: r.suppressible ?? true, phase: 'synth' });
}

function checkRule(where: string, prefix: string, rule: PackRule, ids: Set<string>): void {
  const id = rule?.id;
  if (typeof id !== 'string' || !new RegExp(`^${prefix}\\d{3}$`).test(id)) {
    throw new Error(`${where}: a rule id is not the prefix and three digits (${JSON.stringify(id)}) — give ids such as ${prefix}001`);
  }
  if (ids.has(id)) {
    throw new Error(`${where}: rule id ${id} is given twice (${JSON.stringify(rule.title)}) — give each rule its own id`);
  }
  ids.add(id);
  if (!SEVERITIES.includes(rule.severity)) {
    throw new Error(`${where}: ${id} has no valid severity (${JSON.stringify(rule.severity)}) — give RuleSeverity.ERROR, WARNING or INFO`);
  }
  for (const field of TEXT_FIELDS) {
    if (typeof rule[field] !== 'string' || rule[field].trim() === '') {
      throw new Error(`${where}: ${id} has no ${field} (${JSON.stringify(rule[field])}) — every rule documents its ${field}`);
    }
  }
  if (!/^https?:\/\/\S+$/.test(rule.source)) {
    throw new Error(`${where}: ${id}'s source is not an http(s) URL (${JSON.stringify(rule.source)}) — give the URL where the policy is written down`);
  }
  if (typeof rule.check?.check !== 'function') {
    throw new Error(`${where}: ${id} has no check (${JSON.stringify(rule.check)}) — give an object with a check(context) method`);
  }
}
