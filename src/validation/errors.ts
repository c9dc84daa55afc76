import { IConstruct } from 'constructs';
import { PartnerEventsModel } from './engine';
import { RuleId, RULES } from './rules';
import { suppressionFor } from './suppressions';

/** Longer strings are cut in messages (ARM ids, the longest values users need to see whole, fit). */
const SHOWN_LENGTH = 300;

/** A value for messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH - 3)}...` : value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** `EGP00N: what is wrong (the value) — how to fix`; the fix defaults to the rule's. */
export function findingText(ruleId: RuleId, what: string, value: unknown, fix?: string): string {
  return `${ruleId}: ${what} (${show(value)}) — ${fix ?? RULES[ruleId].fix}`;
}

/**
 * Refuses bad input in a constructor, in the library's error format:
 * `[construct/path] EGP00N: what is wrong (the value) — how to fix`. When the rule is suppressed on the construct
 * or an ancestor (before the construct was created), the finding goes to the report instead and construction
 * goes on with the value as given.
 */
export function fail(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): void {
  const text = findingText(ruleId, what, value, fix);
  if (RULES[ruleId].suppressible && suppressionFor(scope, ruleId)) {
    PartnerEventsModel.of(scope).recordEager(scope, text);
    return;
  }
  throw new Error(`[${scope.node.path}] ${text}`);
}

/**
 * Refuses input that construction cannot go on with (a value that does not parse, a missing identity): never
 * suppressible.
 */
export function failHard(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): never {
  throw new Error(`[${scope.node.path}] ${findingText(ruleId, what, value, fix)}`);
}

/** Records an eager warning or advice (annotated at synth unless suppressed). */
export function advise(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): void {
  PartnerEventsModel.of(scope).recordEager(scope, findingText(ruleId, what, value, fix));
}
