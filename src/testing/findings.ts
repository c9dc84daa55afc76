// Reading the validation findings of a stack or an app in a test, and asserting that a rule fires or does not:
// what AWS CDK's `Annotations.fromStack` and cdk-nag's test helpers give their users. The findings come from the
// validation engine (the same list the report is written from), after a validation pass like synth's.
import { IConstruct } from 'constructs';
import { isStack, runStackValidations, stackOf, stacksUnder } from '../internal/cdktf';
import { Finding, publicFinding, ValidationIndex } from '../validation/engine';
import { findingLine, RuleSeverity, ValidationFinding } from '../validation/rule';
import { PartnerEventsValidationError } from '../validation/validation-error';

/** Which findings to look for. Every member given must match; none given matches every unsuppressed finding. */
export interface FindingQuery {
  /**
   * The rule id, `EGP0NN` (or a rule pack's id).
   * @default - any rule
   */
  readonly ruleId?: string;
  /**
   * The severity.
   * @default - any severity
   */
  readonly severity?: RuleSeverity;
  /**
   * The construct path: exact, or a pattern where `*` stands for any run of characters (`/` included), such as
   * `my-stack/Namespace/*`. A leading `/` is ignored.
   * @default - any path
   */
  readonly path?: string;
  /**
   * `false`: only findings that are not suppressed (what fails synth or is shown); `true`: only suppressed ones.
   * @default false
   */
  readonly suppressed?: boolean;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function trimSlash(p: string): string {
  return p.startsWith('/') ? p.slice(1) : p;
}

/** Whether a construct path matches a pattern (`*`: any run of characters). */
function pathMatches(pattern: string, constructPath: string): boolean {
  const parts = trimSlash(pattern).split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(trimSlash(constructPath));
}

function describeFinding(f: ValidationFinding): string {
  const suppressed = f.suppressedAt !== undefined ? ` [suppressed at ${f.suppressedAt || '(app)'}: ${f.suppressionReason}]` : '';
  return `  ${f.severity} at ${f.path}: ${findingLine(f)}${suppressed}`;
}

/**
 * The validation findings of a stack or an app, for tests: each with its rule id, severity, construct path, value,
 * fix, message and suppression, as the report lists them. Reading them runs the stacks' validations as synth does
 * (the library's app-wide rules and the rule packs included) without failing on errors.
 *
 * Constructor-time errors are thrown by the constructor, not collected: assert that the constructor throws, and read
 * the error's findings with `Validations.findingsOf(error)`. A suppressed one is collected.
 *
 * ```ts
 * const findings = PartnerEventsFindings.fromStack(stack);
 * findings.hasError('EGP001', 'contoso-partner/*');
 * findings.hasNoWarning('EGP023');
 * ```
 */
export class PartnerEventsFindings {
  /** The findings on the constructs of one stack (the rules still see the whole app, as at synth). */
  public static fromStack(stack: IConstruct): PartnerEventsFindings {
    if (!isStack(stack)) {
      throw new Error(`[${stack.node.path || '(app)'}] PartnerEventsFindings.fromStack: the scope is not a stack — pass the TerraformStack, or use PartnerEventsFindings.fromApp for an app`);
    }
    PartnerEventsFindings.validate([stack]);
    const all = ValidationIndex.of(stack).allFindings().filter((f) => stackOf(f.construct) === stack);
    return new PartnerEventsFindings(all, stack.node.path);
  }

  /** The findings on the constructs of every stack of the app that holds `scope`. */
  public static fromApp(scope: IConstruct): PartnerEventsFindings {
    const root = scope.node.root;
    PartnerEventsFindings.validate(stacksUnder(root));
    return new PartnerEventsFindings(ValidationIndex.of(root).allFindings(), root.node.path || '(app)');
  }

  /** Runs the validations of the stacks; an error that is not the library's (a missing provider…) is thrown. */
  private static validate(stacks: IConstruct[]): void {
    for (const stack of stacks) {
      const error = runStackValidations(stack);
      if (error !== undefined && !PartnerEventsValidationError.isValidationError(error)) {
        throw error;
      }
    }
  }

  /** Every finding, suppressed ones included, sorted by construct path, rule id and message. */
  public readonly findings: ValidationFinding[];

  private constructor(found: readonly Finding[], private readonly where: string) {
    this.findings = found.map(publicFinding)
      .sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.message, b.message));
  }

  /** The findings that match `query` (by default every finding that is not suppressed). */
  public find(query: FindingQuery = {}): ValidationFinding[] {
    const suppressed = query.suppressed ?? false;
    return this.findings.filter((f) => (query.ruleId === undefined || f.ruleId === query.ruleId)
      && (query.severity === undefined || f.severity === query.severity)
      && (query.path === undefined || pathMatches(query.path, f.path))
      && (f.suppressedAt !== undefined) === suppressed);
  }

  /** Throws unless an unsuppressed error of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasError(ruleId: string, pathPattern?: string): void {
    this.expectSome({ ruleId, severity: RuleSeverity.ERROR, path: pathPattern }, 'an error');
  }

  /** Throws if an unsuppressed error of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasNoError(ruleId: string, pathPattern?: string): void {
    this.expectNone({ ruleId, severity: RuleSeverity.ERROR, path: pathPattern }, 'error');
  }

  /** Throws unless an unsuppressed warning of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasWarning(ruleId: string, pathPattern?: string): void {
    this.expectSome({ ruleId, severity: RuleSeverity.WARNING, path: pathPattern }, 'a warning');
  }

  /** Throws if an unsuppressed warning of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasNoWarning(ruleId: string, pathPattern?: string): void {
    this.expectNone({ ruleId, severity: RuleSeverity.WARNING, path: pathPattern }, 'warning');
  }

  /** Throws unless an unsuppressed piece of advice of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasInfo(ruleId: string, pathPattern?: string): void {
    this.expectSome({ ruleId, severity: RuleSeverity.INFO, path: pathPattern }, 'advice');
  }

  /** Throws if an unsuppressed piece of advice of `ruleId` is on a construct whose path matches `pathPattern`. */
  public hasNoInfo(ruleId: string, pathPattern?: string): void {
    this.expectNone({ ruleId, severity: RuleSeverity.INFO, path: pathPattern }, 'advice');
  }

  /** Throws unless a finding of `ruleId`, of any severity, is suppressed on a construct matching `pathPattern`. */
  public hasSuppressed(ruleId: string, pathPattern?: string): void {
    this.expectSome({ ruleId, path: pathPattern, suppressed: true }, 'a suppressed finding');
  }

  /** Throws if any unsuppressed finding of `ruleId`, of any severity, is on a construct matching `pathPattern`. */
  public hasNoFinding(ruleId: string, pathPattern?: string): void {
    this.expectNone({ ruleId, path: pathPattern }, 'finding');
  }

  private expectSome(query: FindingQuery, what: string): void {
    if (this.find(query).length > 0) {
      return;
    }
    const near = this.findings.filter((f) => f.ruleId === query.ruleId);
    throw new Error(`[${this.where}] expected ${what} of ${query.ruleId}${this.at(query)}, found none. `
      + (near.length === 0 ? `No finding of ${query.ruleId} at all` : `The findings of ${query.ruleId}:\n${near.map(describeFinding).join('\n')}`)
      + (this.findings.length > 0 ? `\nAll findings:\n${this.findings.map(describeFinding).join('\n')}` : ' (no findings)'));
  }

  private expectNone(query: FindingQuery, what: string): void {
    const found = this.find(query);
    if (found.length === 0) {
      return;
    }
    throw new Error(`[${this.where}] expected no ${what} of ${query.ruleId}${this.at(query)}, found ${found.length}:\n${found.map(describeFinding).join('\n')}`);
  }

  private at(query: FindingQuery): string {
    return query.path === undefined ? '' : ` at ${JSON.stringify(query.path)}`;
  }
}
