// Runs a configuration snippet (TypeScript source, as the rule reference shows it) against the documented
// fixtures and tells which findings it adds: a constructor error, or synth-time findings.
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as ts from 'typescript';
import { newStack } from './synth';
import * as lib from '../../src';
import { Finding, ValidationIndex } from '../../src/validation/engine';
import { RULE_EXAMPLE_FIXTURE } from '../../src/validation/rule-docs';

export interface SnippetOutcome {
  /** The constructor error, when the snippet threw. */
  readonly thrown?: string;
  /** Findings the snippet added to the fixtures' own (none when it threw). */
  readonly added: Finding[];
  /** The synth error, when synth failed. */
  readonly synthError?: string;
  readonly stack: TerraformStack;
}

const scopeNames = [...Object.keys(lib), 'TerraformResource'];
const scopeValues = [...Object.values(lib), TerraformResource];

function compile(source: string): (stack: TerraformStack, ...libValues: unknown[]) => void {
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('stack', ...scopeNames, js) as (stack: TerraformStack, ...libValues: unknown[]) => void;
}

function key(f: Finding): string {
  return `${f.path}\u0000${f.message}`;
}

function findingsOf(stack: TerraformStack): { findings: Finding[]; synthError?: string } {
  let synthError: string | undefined;
  try {
    Testing.synth(stack, true);
  } catch (e) {
    synthError = (e as Error).message;
  }
  return { findings: ValidationIndex.of(stack).allFindings(), synthError };
}

/**
 * Runs `snippet` after the fixtures in a new stack (with `prelude` run on the stack first, for suppressions or
 * strict mode) and returns what it added.
 */
export function runSnippet(snippet: string, prelude?: (stack: TerraformStack, app: App) => void): SnippetOutcome {
  const baselineStack = newStack();
  compile(RULE_EXAMPLE_FIXTURE)(baselineStack, ...scopeValues);
  const baseline = new Set(findingsOf(baselineStack).findings.map(key));

  const app = Testing.app();
  const stack = newStack(app);
  prelude?.(stack, app);
  try {
    compile(`${RULE_EXAMPLE_FIXTURE}\n${snippet}`)(stack, ...scopeValues);
  } catch (e) {
    return { thrown: (e as Error).message, added: [], stack };
  }
  const { findings, synthError } = findingsOf(stack);
  return { added: findings.filter((f) => !baseline.has(key(f))), synthError, stack };
}

/** The rule ids an outcome shows (thrown or added). */
export function ruleIdsOf(outcome: SnippetOutcome): string[] {
  const ids = outcome.added.map((f) => f.ruleId as string);
  const thrown = outcome.thrown && /^\[[^\]]*\] (EGP\d{3}):/.exec(outcome.thrown);
  return thrown ? [thrown[1], ...ids] : ids;
}
