// Jest global teardown: runs once per jest run, after the summary. When the conformance suite was skipped (the
// reference files are missing and PARTNER_EVENTS_REQUIRE_REFERENCE is not set), prints one line saying so and how
// to get the files. A run that requires the files prints nothing here: its conformance tests fail instead.
import { findReferenceDir, referenceRequired, skippedLine } from './reference-location';

export default function conformanceNotice(): void {
  if (!findReferenceDir() && !referenceRequired()) {
    process.stdout.write(`${skippedLine()}\n`);
  }
}
