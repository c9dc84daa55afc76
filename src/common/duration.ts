/**
 * A length of time, in whole seconds at its finest. Used for expiries, time-to-live and retention.
 *
 * Durations are deterministic: they never read the clock. Where Azure wants an absolute time, the library
 * renders a Terraform expression that is evaluated once, when the resource is created.
 */
export class Duration {
  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, 1, 'seconds');
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, 60, 'minutes');
  }

  /** A duration of `amount` hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, 3600, 'hours');
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount, 86400, 'days');
  }

  private readonly totalSeconds: number;

  private constructor(private readonly amount: number, unitSeconds: number, private readonly unit: string) {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new Error(`Duration: ${amount} ${unit} is not a non-negative finite number — give a length of time of zero or more`);
    }
    this.totalSeconds = amount * unitSeconds;
    if (!Number.isInteger(this.totalSeconds)) {
      throw new Error(`Duration: ${amount} ${unit} is not a whole number of seconds — use a finer unit, such as Duration.seconds(${Math.round(this.totalSeconds)})`);
    }
  }

  /** The duration in seconds. */
  public toSeconds(): number {
    return this.totalSeconds;
  }

  /** The duration in minutes (fractional when it is not a whole number of minutes). */
  public toMinutes(): number {
    return this.totalSeconds / 60;
  }

  /** The duration in hours (fractional when it is not a whole number of hours). */
  public toHours(): number {
    return this.totalSeconds / 3600;
  }

  /** The duration in days (fractional when it is not a whole number of days). */
  public toDays(): number {
    return this.totalSeconds / 86400;
  }

  /** The duration as Terraform's `timeadd` expects it, for example `90m` or `604800s`. */
  public toTerraformOffset(): string {
    if (this.totalSeconds % 3600 === 0) {
      return `${this.totalSeconds / 3600}h`;
    }
    if (this.totalSeconds % 60 === 0) {
      return `${this.totalSeconds / 60}m`;
    }
    return `${this.totalSeconds}s`;
  }

  /** The duration as it was given, for messages: `7 days`, `90 minutes`. */
  public toString(): string {
    return `${this.amount} ${this.amount === 1 ? this.unit.replace(/s$/, '') : this.unit}`;
  }
}
