// Jest setup: the time-window rules (EGP006, EGP017, EGP040) read a clock; the tests pin it, so that fixtures with
// explicit timestamps (around 2026-12-01) are checked against a fixed "now" and the tests pass whenever they run.
import { setValidationClock } from '../../src/validation/timestamps';

/** The instant the tests' time-window checks run at. */
export const TEST_NOW = Date.parse('2026-11-30T12:00:00Z');

setValidationClock(() => TEST_NOW);
