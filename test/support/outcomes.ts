// Small test helpers for what a call left behind: the error it threw, and the files a synth wrote.
import * as fs from 'fs';
import * as path from 'path';
import { PartnerEventsValidationError } from '../../src/validation/validation-error';

/** The error `fn` throws, or undefined when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The library's refusal `make` throws (any other error is thrown on); fails when `make` is accepted. */
export function refusalOf(make: () => unknown): PartnerEventsValidationError {
  try {
    make();
  } catch (e) {
    if (PartnerEventsValidationError.isValidationError(e)) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a refusal, but it was accepted');
}

/** Every file under a folder, by its path relative to the folder, with its text. */
export function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else files.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}
