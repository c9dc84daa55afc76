import { IConstruct } from 'constructs';
import { RuleId, RULES } from './rules';

/** A value for messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
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
