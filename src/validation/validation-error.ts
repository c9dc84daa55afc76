// The library's one error type for bad input: thrown by a constructor that refuses a value, and by synth when the
// app has error findings (or warnings, in strict mode). Its message is what users read; `findings` are typed.
import { ValidationFinding } from './rule';

const MARK = Symbol.for('cdktf-azure-partner-events.PartnerEventsValidationError');

/** Bad input, with the findings that refused it. Not exported through jsii (it extends Error): see `Validations.findingsOf`. */
export class PartnerEventsValidationError extends Error {
  /** True for an error of this type (also across copies of the library). */
  public static isValidationError(x: unknown): x is PartnerEventsValidationError {
    return typeof x === 'object' && x !== null && (x as { [MARK]?: boolean })[MARK] === true;
  }

  /** Every finding that refused the input (for a synth, all of its blocking findings). */
  public readonly findings: readonly ValidationFinding[];

  constructor(message: string, findings: readonly ValidationFinding[]) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'PartnerEventsValidationError';
    this.findings = findings;
    Object.defineProperty(this, MARK, { value: true });
  }
}
