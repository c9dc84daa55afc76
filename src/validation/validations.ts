import { IConstruct } from 'constructs';
import { RuleId, RULES, ValidationRule } from './rules';
import { addStrictScope, addSuppression, STRICT_CONTEXT_KEY } from './suppressions';

/**
 * The validation settings of a construct and its children: suppressions with reasons, and strict mode.
 *
 * ```ts
 * Validations.of(stack).suppress('EGP008', 'legacy channel names, kept until the customers migrate');
 * Validations.of(app).enableStrictMode(); // warnings fail synth too
 * ```
 */
export class Validations {
  /** The context key that turns strict mode on for a whole app (`cdktf.json` `context`). */
  public static readonly STRICT_CONTEXT_KEY = STRICT_CONTEXT_KEY;

  /** The validation settings of `scope` (and its children). */
  public static of(scope: IConstruct): Validations {
    return new Validations(scope);
  }

  /** Every rule of the library, in id order. */
  public static rules(): ValidationRule[] {
    return Object.values(RULES);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Suppresses a rule's findings on this construct and its children. The finding still appears in the report,
   * with the reason. A constructor-time error is suppressed only when the suppression exists before the
   * construct is created (put it on a parent). EGP001 and EGP002, the library's mission, cannot be suppressed.
   * @param ruleId the rule, `EGP0NN`
   * @param reason why the finding is acceptable here (required; it goes into the report)
   */
  public suppress(ruleId: string, reason: string): void {
    const where = this.scope.node.path || '(app)';
    if (!(ruleId in RULES)) {
      throw new Error(`[${where}] Validations.suppress: unknown rule id ${JSON.stringify(ruleId)} — use one of ${Object.keys(RULES).join(', ')}`);
    }
    const rule = RULES[ruleId as RuleId];
    if (!rule.suppressible) {
      throw new Error(`[${where}] Validations.suppress: ${ruleId} (${rule.title}) cannot be suppressed — it is one of the library's mission rules; fix the configuration instead: ${rule.fix}`);
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new Error(`[${where}] Validations.suppress: suppressing ${ruleId} needs a reason (got ${JSON.stringify(reason)}) — say why the finding is acceptable here; the reason goes into the report`);
    }
    addSuppression(this.scope, ruleId as RuleId, reason.trim());
  }

  /** Makes warnings fail synth for this construct and its children (errors always do). */
  public enableStrictMode(): void {
    addStrictScope(this.scope);
  }
}
