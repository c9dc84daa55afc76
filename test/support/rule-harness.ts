// Runs a configuration snippet (TypeScript source, as the rule reference shows it) against the documented
// fixtures and tells which findings it adds: a constructor error, or synth-time findings. Rule ids are read from
// the typed findings (`Validations.findingsOf` on a thrown error), never from the error's text.
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as ts from 'typescript';
import { newStack } from './synth';
import * as lib from '../../src';
import { Finding, ValidationIndex } from '../../src/validation/engine';
import { ValidationFinding } from '../../src/validation/rule';
import { RULE_EXAMPLE_FIXTURE } from '../../src/validation/rule-docs';

export interface SnippetOutcome {
  /** The constructor error's message (the text users read), when the snippet threw. */
  readonly thrown?: string;
  /** The typed findings of the constructor error (none when the snippet did not throw the library's error). */
  readonly thrownFindings: ValidationFinding[];
  /** Findings the snippet added to the fixtures' own (none when it threw). */
  readonly added: Finding[];
  /** The synth error's message, when synth failed. */
  readonly synthError?: string;
  /** The typed findings of the synth error (none when synth passed or failed otherwise). */
  readonly synthErrorFindings: ValidationFinding[];
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

function findingsOf(stack: TerraformStack): { findings: Finding[]; synthError?: string; synthErrorFindings: ValidationFinding[] } {
  let synthError: string | undefined;
  let synthErrorFindings: ValidationFinding[] = [];
  try {
    Testing.synth(stack, true);
  } catch (e) {
    synthError = (e as Error).message;
    synthErrorFindings = lib.Validations.findingsOf(e);
  }
  return { findings: ValidationIndex.of(stack).allFindings(), synthError, synthErrorFindings };
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
    return { thrown: (e as Error).message, thrownFindings: lib.Validations.findingsOf(e), added: [], synthErrorFindings: [], stack };
  }
  const { findings, synthError, synthErrorFindings } = findingsOf(stack);
  return { thrownFindings: [], added: findings.filter((f) => !baseline.has(key(f))), synthError, synthErrorFindings, stack };
}

/** The rule ids an outcome shows (of the thrown error's typed findings, then of the added findings). */
export function ruleIdsOf(outcome: SnippetOutcome): string[] {
  return [...outcome.thrownFindings, ...outcome.added].map((f) => f.ruleId);
}
