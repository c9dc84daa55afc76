import { IConstruct } from 'constructs';
import { ValidationIndex } from './engine';
import { RETIRED_RULES, RULE_LIST } from './registry';
import { ruleMetadata, ValidationFinding, ValidationRule } from './rule';
import { RulePack } from './rule-packs';
import { addStrictScope, addSuppression, STRICT_CONTEXT_KEY } from './suppressions';
import { PartnerEventsValidationError } from './validation-error';


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
    return RULE_LIST.map(ruleMetadata);
  }

  /**
   * The findings of an error the library threw for bad input (in a constructor, or at synth): rule id, severity,
   * construct path, value, fix and message of each. An empty list for any other error.
   */
  public static findingsOf(error: any): ValidationFinding[] {
    return PartnerEventsValidationError.isValidationError(error) ? [...error.findings] : [];
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
    const model = ValidationIndex.of(this.scope);
    const rule = model.ruleOf(ruleId);
    if (rule === undefined) {
      if (Object.prototype.hasOwnProperty.call(RETIRED_RULES, ruleId)) {
        throw new Error(`[${where}] Validations.suppress: ${ruleId} is retired: ${RETIRED_RULES[ruleId]} — suppress the rule id the finding names`);
      }
      const known = [...RULE_LIST.map((r) => r.id), ...model.packRuleList.map((r) => r.id)];
      throw new Error(`[${where}] Validations.suppress: unknown rule id ${JSON.stringify(ruleId)} — use one of ${known.join(', ')} (a rule pack's ids once the pack is added to the app)`);
    }
    if (!rule.suppressible) {
      throw new Error(`[${where}] Validations.suppress: ${ruleId} (${rule.title}) cannot be suppressed — ${ruleId.startsWith('EGP') ? "it is one of the library's mission rules" : 'its rule pack says so'}; fix the configuration instead: ${rule.fix}`);
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new Error(`[${where}] Validations.suppress: suppressing ${ruleId} needs a reason (got ${JSON.stringify(reason)}) — say why the finding is acceptable here; the reason goes into the report`);
    }
    addSuppression(this.scope, ruleId, reason.trim());
  }

  /**
   * Adds an organisation's rule pack to the app of this construct: its rules run at synth over the whole app,
   * with the same suppressions, strict mode and report as the library's. A prefix already added is refused.
   */
  public addRulePack(pack: RulePack): void {
    ValidationIndex.of(this.scope).registerPack(pack.prefix, pack._runners(), this.scope.node.path || '(app)');
  }

  /** Makes warnings fail synth for this construct and its children (errors always do). */
  public enableStrictMode(): void {
    addStrictScope(this.scope);
  }
}
