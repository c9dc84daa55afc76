// What `npm pack` ships: only what a user of the library needs (issue 14, item 4). The package is packed (dry run:
// no tarball, no network) from a fresh jsii build of the working tree in a temporary copy that also holds decoys
// of what must never ship (cdktf.out/, reference/): see built-package.ts.
import { builtPackage, DECOYS, packDryRun, PackResult } from './built-package';

/**
 * Today (0.1.0): 2.18 MB packed, 8.7 MB unpacked, most of it the bundled Ajv, CloudEvents SDK and undici (the
 * emulator's webhook client, 0.6 MB packed; before it, 1.57 and 6.4 MB).
 */
const MAX_PACKED_BYTES = 2_600_000;
const MAX_UNPACKED_BYTES = 10_500_000;

/** Every file of the package matches one of these (node_modules/ only for the bundled dependencies). */
const ALLOWED: RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^API\.md$/,
  /^\.jsii$/,
  /^lib\/.+\.(js|d\.ts)$/,
  /^docs\/[^/]+\.(md|svg)$/,
];

const MUST_HAVE = [
  'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'API.md', '.jsii',
  'lib/index.js', 'lib/index.d.ts',
  'lib/emulator/cli.js', // package.json "bin": partner-events
  'docs/ARCHITECTURE.md', 'docs/validation-rules.md', 'docs/benchmarks.md', 'docs/concepts.md', 'docs/validation.md',
  'docs/arm-templates.md', 'docs/scale.md', 'docs/testing.md', 'docs/limitations.md', 'docs/contributing.md',
  'docs/emulator.md', 'docs/lifecycle.md', 'docs/fleet.md',
  'node_modules/ajv/package.json', 'node_modules/cloudevents/package.json',
];

let pack: PackResult;

beforeAll(() => {
  pack = packDryRun(builtPackage());
}, 240_000);

describe('npm pack', () => {
  test('ships nothing outside lib/, .jsii, API.md, README.md, LICENSE, CHANGELOG.md, docs/ and the bundled dependencies', () => {
    const bundled = new Set(pack.bundled);
    const outside = pack.files.filter((f) => {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
      if (m) return !bundled.has(m[1]);
      return !ALLOWED.some((re) => re.test(f));
    });
    expect(outside).toEqual([]);
  });

  test('ships none of the build output, examples, tools, CI files or local folders', () => {
    const top = new Set(pack.files.map((f) => f.split('/')[0]));
    for (const never of ['cdktf.out', 'reference', 'examples', 'build-tools', '.ci', 'src', 'test', 'projenrc',
      'cdktf.json', '.projenrc.ts', '.projen', 'tsconfig.json', '.compatignore', 'coverage', 'test-reports']) {
      expect(top.has(never)).toBe(false);
    }
    for (const decoy of DECOYS) expect(pack.files).not.toContain(decoy);
    // No TypeScript source of ours (a bundled dependency ships what its own package holds).
    expect(pack.files.filter((f) => !f.startsWith('node_modules/') && /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
  });

  test('ships the compiled library, its jsii assembly, the docs and the bundled runtime dependencies', () => {
    expect(pack.files).toEqual(expect.arrayContaining(MUST_HAVE));
    expect(pack.bundled).toEqual(expect.arrayContaining(['ajv', 'cloudevents']));
    expect(pack.filename).toBe('cdktf-azure-partner-events-0.1.0.tgz');
  });

  test(`stays under ${MAX_PACKED_BYTES / 1e6} MB packed and ${MAX_UNPACKED_BYTES / 1e6} MB unpacked`, () => {
    expect(pack.size).toBeLessThan(MAX_PACKED_BYTES);
    expect(pack.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES);
  });
});
