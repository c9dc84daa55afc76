// What a validation rule is: its metadata (the same shape for the library's rules and an organisation's), the
// typed findings it produces, and the check interface an organisation's rule implements.
import { IConstruct } from 'constructs';

/** How serious a finding is. */
export enum RuleSeverity {
  /** Azure refuses it, or it breaks the deployment or the event flow: synth fails. */
  ERROR = 'error',
  /** Likely a mistake or a risk; synth goes on. */
  WARNING = 'warning',
  /** Advice. */
  INFO = 'info',
}

/** One validation rule, with a stable id. */
export interface ValidationRule {
  /** Stable id: `EGP` and three digits for the library's rules, the pack's prefix and three digits for a pack's. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** One line: what the rule guards. */
  readonly title: string;
  /** Why the rule exists: what Azure does otherwise. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Whether a finding can be suppressed per construct. The mission rules cannot. */
  readonly suppressible: boolean;
  /** When the rule runs: `constructor` (one prop shows it) or `synth` (the whole tree shows it). */
  readonly phase: string;
  /** A configuration the rule refuses (TypeScript, run against the documented fixtures). */
  readonly badExample: string;
  /** The nearest configuration the rule accepts. */
  readonly goodExample: string;
  /** Where the behaviour the rule guards is written down: the URL of a Microsoft document, REST spec or provider source. */
  readonly source: string;
}

/** What a rule's check found wrong on one construct. */
export interface RuleViolation {
  /** The construct the finding is reported on (and suppressed on). */
  readonly construct: IConstruct;
  /** What is wrong, in words: `channel source does not start with acme.`. */
  readonly message: string;
  /** The offending value (resolved; shown as JSON, long strings cut). */
  readonly value?: any;
  /** How to fix it; defaults to the rule's fix. */
  readonly fix?: string;
}

/** One finding of one rule on one construct: what errors carry and the report lists. */
export interface ValidationFinding {
  readonly ruleId: string;
  readonly severity: RuleSeverity;
  /** The construct path. */
  readonly path: string;
  /** The offending value as shown (JSON; secrets only by scheme and host). */
  readonly value: string;
  /** How to fix it. */
  readonly fix: string;
  /** What is wrong. */
  readonly message: string;
  /** Where the finding is suppressed, when it is. */
  readonly suppressedAt?: string;
  /** Why it is suppressed, when it is. */
  readonly suppressionReason?: string;
}

/** The line users see for a finding: `EGP00N: what is wrong (the value) — how to fix`. */
export function findingLine(f: Pick<ValidationFinding, 'ruleId' | 'message' | 'value' | 'fix'>): string {
  return `${f.ruleId}: ${f.message} (${f.value}) — ${f.fix}`;
}

/** Longer strings are cut in messages (ARM ids, the longest values users need to see whole, fit). */
const SHOWN_LENGTH = 300;

/** A value for messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH - 3)}...` : value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** A rule's metadata alone (a library rule without its check, a pack rule without its check object). */
export function ruleMetadata(r: ValidationRule): ValidationRule {
  return {
    id: r.id,
    severity: r.severity,
    title: r.title,
    rationale: r.rationale,
    fix: r.fix,
    suppressible: r.suppressible,
    phase: r.phase,
    badExample: r.badExample,
    goodExample: r.goodExample,
    source: r.source,
  };
}
