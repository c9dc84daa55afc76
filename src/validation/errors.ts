import { IConstruct } from 'constructs';
import { RuleId, RULES } from './rules';

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

/** Throws the library's error format: `[construct/path] EGP00N: what is wrong (the value) — how to fix`. */
export function fail(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): never {
  throw new Error(`[${scope.node.path}] ${findingText(ruleId, what, value, fix)}`);
}
