// Explicit timestamps: whether they are real UTC dates, and the clock the time-window checks read. Only these checks
// read the clock: nothing synthesized depends on it, so the output of a synth stays the same whenever it runs.
import { IConstruct } from 'constructs';
import { isUnresolved } from './context';
import { RuleViolation } from './rule';
import { baseDescriptionOf, descriptionOf, hasOverrides } from '../model';

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?Z$/;

let clock: () => number = () => Date.now();

/** Milliseconds since the epoch, as the time-window checks see them. */
export function validationNow(): number {
  return clock();
}

/** Replaces the clock of the time-window checks (tests pin it); no argument restores the system clock. */
export function setValidationClock(now?: () => number): void {
  clock = now ?? (() => Date.now());
}

/**
 * The instant an ISO 8601 UTC timestamp (`2026-12-01T00:00:00Z`) names, or undefined when it is not one or names
 * no real date (`2026-02-30T00:00:00Z`, hour 24).
 */
export function parseUtcTimestamp(value: string): number | undefined {
  const m = ISO_UTC.exec(value);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(at);
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    && d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  return real ? at + (m[7] ? Math.floor(Number(m[7]) * 1000) : 0) : undefined;
}

/** A window a timestamp must fall in, relative to now: after `now + minMillis`, at most `now + maxMillis`. */
export interface TimestampWindow {
  readonly minMillis: number;
  readonly maxMillis?: number;
  /** How the window reads in messages: `within 7 days from now`. */
  readonly describe: string;
}

/**
 * The violation of a timestamp found at `where` in a description (when it is a literal): not a real ISO 8601 UTC
 * date, or outside `window` as the clock reads now. `fromOverrideOnly` skips formats the constructor checked
 * (its own value), reporting them only when an escape hatch set the value.
 */
export function timestampViolation(construct: IConstruct, field: string, value: unknown, window: TimestampWindow, example: string,
  ownValue?: unknown): RuleViolation | undefined {
  if (typeof value !== 'string' || isUnresolved(value)) {
    return undefined;
  }
  const at = parseUtcTimestamp(value);
  if (at === undefined) {
    const set = ownValue !== undefined && value === ownValue ? '' : ' (set by an override)';
    return { construct, message: `${field}${set} is not a real ISO 8601 UTC date and time`, value, fix: `give a real date and time such as ${example}` };
  }
  const now = validationNow();
  if (at <= now + window.minMillis || (window.maxMillis !== undefined && at > now + window.maxMillis)) {
    return {
      construct,
      message: `${field} is not ${window.describe} (the check ran at ${new Date(now).toISOString()})`,
      value,
      fix: `give a timestamp ${window.describe}, or a duration the library turns into one when the resource is created`,
    };
  }
  return undefined;
}

/** The effective and the constructor's value at `path` of a construct's description properties. */
export function propertyOf(construct: IConstruct, read: (properties: { [key: string]: any }) => unknown): { value: unknown; own: unknown } {
  const effective = descriptionOf(construct)?.properties;
  const value = effective ? read(effective) : undefined;
  if (!hasOverrides(construct)) {
    return { value, own: value }; // nothing overrides it: the description is the construct's own
  }
  const base = baseDescriptionOf(construct)?.properties;
  return { value, own: base ? read(base) : undefined };
}
