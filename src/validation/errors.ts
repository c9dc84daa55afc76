// Findings made in constructors: refused (a PartnerEventsValidationError), or recorded for synth (warnings, advice,
// and errors that a suppression lets through).
import { IConstruct } from 'constructs';
import { displayed, ValidationIndex, RawFinding } from './engine';
import { RuleId, RULES } from './registry';
import { findingLine, show } from './rule';
import { suppressionFor } from './suppressions';
import { PartnerEventsValidationError } from './validation-error';
import { resolveForDisplay } from '../internal/cdktf';

export { show } from './rule';

function raw(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): RawFinding {
  return {
    construct: scope,
    ruleId,
    message: displayed(scope, what),
    value: show(resolveForDisplay(scope, value)),
    fix: displayed(scope, fix ?? RULES[ruleId].fix),
  };
}

/** `EGP00N: what is wrong (the value) — how to fix`; the fix defaults to the rule's. */
export function findingText(ruleId: RuleId, what: string, value: unknown, fix?: string): string {
  return findingLine({ ruleId, message: what, value: show(value), fix: fix ?? RULES[ruleId].fix });
}

function refusal(finding: RawFinding): PartnerEventsValidationError {
  const rule = RULES[finding.ruleId as RuleId];
  return new PartnerEventsValidationError(`[${finding.construct.node.path}] ${findingLine(finding)}`, [{
    ruleId: finding.ruleId,
    severity: rule.severity,
    path: finding.construct.node.path,
    value: finding.value,
    fix: finding.fix,
    message: finding.message,
  }]);
}

/**
 * Refuses bad input in a constructor, in the library's error format:
 * `[construct/path] EGP00N: what is wrong (the value) — how to fix`. When the rule is suppressed on the construct
 * or an ancestor (before the construct was created), the finding goes to the report instead and construction
 * goes on with the value as given.
 */
export function fail(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): void {
  const finding = raw(scope, ruleId, what, value, fix);
  if (RULES[ruleId].suppressible && suppressionFor(scope, ruleId)) {
    ValidationIndex.of(scope).recordEager(finding);
    return;
  }
  throw refusal(finding);
}

/**
 * Refuses input that construction cannot go on with (a value that does not parse, a missing identity): never
 * suppressible.
 */
export function failHard(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): never {
  throw refusal(raw(scope, ruleId, what, value, fix));
}

/** Records an eager warning or advice (annotated at synth unless suppressed). */
export function advise(scope: IConstruct, ruleId: RuleId, what: string, value: unknown, fix?: string): void {
  ValidationIndex.of(scope).recordEager(raw(scope, ruleId, what, value, fix));
}
