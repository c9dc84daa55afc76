// Jest setup: the time-window rules (EGP006, EGP017, EGP040) read a clock; the tests pin it, so that fixtures with
// explicit timestamps (around 2026-12-01) are checked against a fixed "now" and the tests pass whenever they run.
import { setValidationClock } from '../../src/validation/timestamps';

/** The instant the tests' time-window checks run at. */
export const TEST_NOW = Date.parse('2026-11-30T12:00:00Z');

setValidationClock(() => TEST_NOW);

/**
 * Runs `fn` with the time-window checks' clock at `at` (an official example's request, dated when it was written),
 * then puts the tests' clock back.
 */
export function atValidationTime<T>(at: string, fn: () => T): T {
  setValidationClock(() => Date.parse(at));
  try {
    return fn();
  } finally {
    setValidationClock(() => TEST_NOW);
  }
}
