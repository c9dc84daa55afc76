// Which rules are suppressed where (a suppression covers the construct and its children), and strict mode.
import { IConstruct } from 'constructs';

const suppressions = new WeakMap<IConstruct, Map<string, string>>();
const strictScopes = new WeakSet<IConstruct>();

/** Records a suppression on a construct. */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  let map = suppressions.get(scope);
  if (!map) {
    map = new Map();
    suppressions.set(scope, map);
  }
  map.set(ruleId, reason);
}

/** Where a rule is suppressed for a construct: on the construct itself or the nearest ancestor. */
export interface Suppression {
  readonly path: string;
  readonly reason: string;
}

export function suppressionFor(construct: IConstruct, ruleId: string): Suppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const reason = suppressions.get(scopes[i])?.get(ruleId);
    if (reason !== undefined) {
      return { path: scopes[i].node.path || '(app)', reason };
    }
  }
  return undefined;
}

/** Turns on strict mode (warnings fail synth) for a construct and its children. */
export function addStrictScope(scope: IConstruct): void {
  strictScopes.add(scope);
}

export function isStrict(construct: IConstruct): boolean {
  return construct.node.scopes.some((s) => strictScopes.has(s)) || construct.node.tryGetContext(STRICT_CONTEXT_KEY) === true
    || construct.node.tryGetContext(STRICT_CONTEXT_KEY) === 'true';
}

/** The context key (cdktf.json `context`, or `new App({ context })`) that turns strict mode on for the app. */
export const STRICT_CONTEXT_KEY = 'cdktf-azure-partner-events:strict';
