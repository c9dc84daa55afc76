// Where the tests look for Microsoft's official ARM schemas and REST examples (never committed to this repo),
// and what they say when the files are not there. No jest globals and no Ajv here: the jest global teardown
// (conformance-notice.ts) reads this module outside of any test file.
//
// See DESIGN.md, "Testing conventions":
// - found: the conformance tests run, strictly;
// - not found and PARTNER_EVENTS_REQUIRE_REFERENCE=1 (CI sets it in .ci/run): the conformance tests fail with a
//   message saying where the files were looked for and how to get them;
// - not found otherwise (a user's fresh clone): the conformance tests are skipped and the run prints one line.
import * as fs from 'fs';
import * as path from 'path';

/** The variable that makes missing reference files an error (set by `.ci/run`). */
export const REQUIRE_REFERENCE_VARIABLE = 'PARTNER_EVENTS_REQUIRE_REFERENCE';

/** The variable that names a reference folder explicitly. */
export const REFERENCE_DIR_VARIABLE = 'PARTNER_EVENTS_REFERENCE_DIR';

/** The repository's root (this file is test/support/reference-location.ts). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A file every reference folder holds: the folder counts as found when it is there. */
const MARKER = path.join('arm', 'common', 'definitions.json');

/**
 * The folders searched, in order: `$PARTNER_EVENTS_REFERENCE_DIR`, the repository's `reference/` (where
 * `npm run reference:fetch` writes), and `../shared/reference` beside the checkout.
 */
export function referenceCandidates(): string[] {
  return [
    process.env[REFERENCE_DIR_VARIABLE],
    path.join(REPO_ROOT, 'reference'),
    path.resolve(REPO_ROOT, '..', 'shared', 'reference'),
  ].filter((c): c is string => !!c);
}

/** The first folder that holds the reference files, or undefined. */
export function findReferenceDir(): string | undefined {
  return referenceCandidates().find((dir) => fs.existsSync(path.join(dir, MARKER)));
}

/** True when missing reference files are an error (`PARTNER_EVENTS_REQUIRE_REFERENCE=1`). */
export function referenceRequired(): boolean {
  const value = process.env[REQUIRE_REFERENCE_VARIABLE];
  return !!value && value !== '0' && value.toLowerCase() !== 'false';
}

/** The error of a run that requires the files and does not find them: where it looked and how to get them. */
export function missingReferenceMessage(): string {
  const looked = [
    `$${REFERENCE_DIR_VARIABLE} (${process.env[REFERENCE_DIR_VARIABLE] ? process.env[REFERENCE_DIR_VARIABLE] : 'not set'})`,
    ...referenceCandidates().filter((c) => c !== process.env[REFERENCE_DIR_VARIABLE]),
  ];
  return `${REQUIRE_REFERENCE_VARIABLE} is set, but Microsoft's official ARM schemas and REST examples were not found: `
    + `looked for ${MARKER} in ${looked.join(', ')}. `
    + 'Run `npm run reference:fetch` to download them into reference/ (URLs at pinned commits and SHA-256 digests in '
    + `build-tools/reference/manifest.json), or point ${REFERENCE_DIR_VARIABLE} at a copy.`;
}

/** The one line a run prints when it skips the conformance suite. */
export function skippedLine(): string {
  const looked = referenceCandidates().map((c) => `${path.relative(process.cwd(), c) || '.'}/`);
  return `Conformance suite skipped: Microsoft's ARM schemas and examples were not found (${looked.join(', ')}); `
    + 'run `npm run reference:fetch` to download them.';
}
