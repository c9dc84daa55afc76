import { readFileSync } from 'fs';
import { cdktf, javascript, release, ReleasableCommits } from 'projen';

// Versions are pinned to what the npm registry serves as `latest` for each package.
const CDKTF = '0.21.0';
const AZURERM = '14.23.1';
// CDK Terrain (cdktn), the community continuation of cdktf, and its azurerm binding (azurerm 4.73): the second
// platform the same source is built and tested on (docs/contributing.md, "Two platforms").
const CDKTN = '0.24.0';
const CDKTN_AZURERM = '16.1.0';
// constructs for development: cdktn's peer range is >=10.6.0 <10.8.0 and cdktf 0.21's is ^10.4.2, so one version
// serves both. The cdktf package still asks its users for ^10.4.2 (its peer dependency is unchanged).
const CONSTRUCTS_DEV = '10.7.2';

/**
 * The version package.json shows outside a release build: the newest released version in CHANGELOG.md (a heading
 * `## [x.y.z]`, or `### [x.y.z]` as conventional-changelog writes a patch release). A release build (RELEASE=true,
 * set by `npx projen release`) keeps the version its bump step wrote.
 */
function changelogVersion(): string {
  const m = /^#{2,3} \[(\d+\.\d+\.\d+(?:-[\w.]+)?)\]/m.exec(readFileSync('CHANGELOG.md', 'utf8'));
  if (!m) throw new Error('CHANGELOG.md has no released version heading (## [x.y.z])');
  return m[1];
}

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-azure-partner-events',
  description: 'CDK for Terraform constructs for Azure Event Grid Partner Events: registrations, namespaces, channels, partner topics and their subscriptions, validated at synth.',
  author: 'cdktf-azure-partner-events developers',
  authorAddress: 'maintainers@cdktf-azure-partner-events.invalid',
  repositoryUrl: 'https://github.com/cdktf-azure-partner-events/cdktf-azure-partner-events.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  sampleCode: false,
  // No GitHub here: projen writes no workflows. Releases are made by hand with projen's tasks (README,
  // "Releasing"): `npx projen release` bumps from the conventional commits since the last tag and builds into dist/,
  // `npx projen publish:git` prepends the entry to CHANGELOG.md, tags and pushes, `npx projen publish:npm` publishes.
  github: false,
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({ changelog: true, changelogPath: 'CHANGELOG.md' }),
  releasableCommits: ReleasableCommits.featuresAndFixes(), // feat: and fix: commits make a release; others do not
  majorVersion: 0, // 0.x until the API is declared stable: a breaking change (feat!:) bumps the minor
  // The first release (no v* tag yet: the bump resolves 0.0.0) is 0.1.0; after it, the commits decide.
  nextVersionCommand: 'node -e "if (process.env.VERSION === \'0.0.0\') process.stdout.write(\'0.1.0\')"',
  // jsii-diff against the last release: spawned by the release task, not by compile (see below).
  compat: false,
  compatIgnore: '.compatignore',
  minNodeVersion: '20.0.0',
  packageManager: javascript.NodePackageManager.NPM,

  cdktfVersion: `^${CDKTF}`,
  constructsVersion: '^10.4.2',
  jsiiVersion: '~6.0.16',
  peerDeps: [`@cdktf/provider-azurerm@^${AZURERM}`],
  // The peers are pinned by hand below (devDeps), not by projen's minimum-version pins: constructs must be a version
  // both platforms accept.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    `cdktf@${CDKTF}`,
    `@cdktf/provider-azurerm@${AZURERM}`,
    `constructs@${CONSTRUCTS_DEV}`,
    `cdktn@${CDKTN}`,
    `@cdktn/provider-azurerm@${CDKTN_AZURERM}`,
    '@types/node@^20',
    'typescript@6.0.3',
    'ts-node@10.9.2',
    `cdktf-cli@${CDKTF}`,
    'ajv-draft-04@1.0.0',
    'ajv-formats@3.0.1',
    '@azure/eventgrid@5.12.0',
    'yaml@2.9.1', // tests parse the example pipeline (examples/fleet/pipeline.yml)
    // The emulator's tests start a local Azure Storage API (Azurite) for storage queue delivery and blob dead letters.
    'azurite@3.37.0',
    // The official storage clients: the emulator loads them only for --storage (users install them then: bundling
    // them would take the package from under 2 MB to 7 MB), and the tests read queues and blobs back with them.
    '@azure/storage-queue@12.32.0',
    '@azure/storage-blob@12.34.0',
  ],
  // Runtime dependencies, bundled into the jsii package (see README: why each is there). undici: the emulator's HTTP
  // client for webhook deliveries; 7.x is the last line that supports Node.js 20 (8.x needs 22.19).
  bundledDeps: ['ajv@8.20.0', 'cloudevents@10.0.0', 'undici@7.30.2'],

  jestOptions: {
    // CI must fail on a changed snapshot: never update snapshots in the test task.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 60_000,
      // Once per run, after the summary: one line when the conformance suite was skipped (no reference files).
      globalTeardown: '<rootDir>/test/support/conformance-notice.ts',
      // The time-window rules read a clock the tests pin (test/support/validation-clock.ts).
      setupFiles: ['<rootDir>/test/support/validation-clock.ts'],
    },
  },

  // Release pipelines build every jsii target; this machine can package only JavaScript (CI=true).
  publishToPypi: { distName: 'cdktf-azure-partner-events', module: 'cdktf_azure_partner_events' },
  publishToMaven: {
    javaPackage: 'io.github.cdktf_azure_partner_events',
    mavenGroupId: 'io.github.cdktf-azure-partner-events',
    mavenArtifactId: 'cdktf-azure-partner-events',
  },
  publishToNuget: { dotNetNamespace: 'CdktfAzurePartnerEvents', packageId: 'CdktfAzurePartnerEvents' },
  publishToGo: { moduleName: 'github.com/cdktf-azure-partner-events/cdktf-azure-partner-events-go' },

  // The eslint task (and so the test task) only reports: `npm run lint:fix` fixes.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'build-tools', 'projenrc'],
    commandOptions: { fix: false },
  },
  bin: { 'partner-events': 'lib/emulator/cli.js' },
  gitignore: ['.jsii.tabl.json', '.partner-events/', 'cdktf.out/', 'cdktn.out/', '.terraform/', 'terraform.*.tfstate*', '.gen/', '/reference/'],
  keywords: ['cdktf', 'azure', 'eventgrid', 'partner-events', 'cloudevents'],
});

// ---------------------------------------------------------------------------------------------------------------
// The package: an allow-list (package.json "files"), so a folder added at the root later (cdktf.out/, reference/,
// a new tool) is not shipped by default. npm adds package.json, README.md, LICENSE and the bundled dependencies.
// test/package/package-contents.test.ts packs a fresh build and checks the list and the size.
project.package.addField('files', [
  'lib/**/*.js',
  'lib/**/*.d.ts',
  '.jsii',
  'API.md',
  'CHANGELOG.md',
  'docs/',
]);

// @cdktn/provider-azurerm 16.1.0 declares the peer cdktn ^0.23.0, while cdktn 0.24.0 is the current release; the
// binding installs and synthesizes on 0.24 (the whole suite runs on it: npm run test:cdktn), so npm is told to give it
// the project's cdktn.
project.package.addField('overrides', { '@cdktn/provider-azurerm': { cdktn: '$cdktn' } });

// Snapshots: cdktf's in __snapshots__/, CDK Terrain's in __snapshots__/cdktn/ (npm run test:cdktn); each run maps
// the other's files back to their tests, so neither reports them obsolete.
project.jest?.addSnapshotResolver('./test/support/snapshot-resolver.js');

// The version: package.json shows the newest release in CHANGELOG.md (0.1.0 before the first release is made).
if (!process.env.RELEASE) {
  project.package.addVersion(changelogVersion());
}
// `unbump` (the end of `npx projen release`) writes 0.0.0 into package.json; restore the committed file so the
// release's anti-tamper check (git diff --exit-code) sees no change.
project.tasks.tryFind('unbump')?.exec('git checkout -- package.json');

// jsii-diff against the package on npm, once there is a release to compare with (a v* tag): after the release
// build, before anything is published. compile does not run it, so `npx projen compile` (and .ci/run) stays offline.
const compat = project.tasks.tryFind('compat');
const releaseTask = project.tasks.tryFind('release');
if (compat && releaseTask) {
  compat.addCondition('git tag --list "v*" | grep -q .');
  const publishGit = releaseTask.steps.findIndex((s) => s.spawn === 'publish:git');
  releaseTask.insertStep(publishGit < 0 ? releaseTask.steps.length : publishGit, { spawn: compat.name });
}

// Examples in every jsii language: jsii-rosetta translates the TypeScript snippets of README.md and of the doc
// comments (each completed with its fixture, rosetta/*.ts-fixture) into a tablet beside the assembly
// (.jsii.tabl.json), and each language's package is generated from it: its README and docs show Python, Java, C# or
// Go, and a snippet missing from the tablet fails the package. JavaScript needs no translation (CI=true packages
// only js). test/package/python-readme.test.ts checks the Python README.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Translate the README and API examples into every jsii language (.jsii.tabl.json; run after compile)',
  exec: 'jsii-rosetta extract .jsii',
});
for (const target of ['java', 'python', 'dotnet', 'go']) {
  const task = project.tasks.tryFind(`package:${target}`);
  if (!task) throw new Error(`projen has no package:${target} task to give the translations to`);
  task.reset();
  task.spawn(rosetta);
  task.exec(`jsii-pacmak -v --target ${target} --rosetta-tablet .jsii.tabl.json --rosetta-unknown-snippets fail`);
}

// Without GitHub, projen writes no publishing jobs: npm gets the tarball the release built (dist/js/).
project.addTask('publish:npm', {
  description: 'Publish the tarball `npx projen release` built (dist/js/) to npm (needs npm login or NPM_TOKEN)',
  exec: 'npm publish dist/js/cdktf-azure-partner-events-*.tgz --access public',
});

// The main job: synthesize every example into cdktf.out/ and print what was written.
project.addTask('synth', {
  description: 'Synthesize the examples into cdktf.out/ (Terraform JSON per stack) and list the files written',
  exec: 'ts-node --transpile-only examples/synth.ts',
});

// The second platform, CDK Terrain (docs/contributing.md, "Two platforms"): the same src/, test/ and examples/ with
// every cdktf module resolved to its cdktn counterpart (build-tools/cdktn/platform-map.js): jest's moduleNameMapper
// for the tests, a tsconfig `paths` for the type check, a require hook for the examples, and a staged jsii build
// for the package.
project.addTask('test:cdktn', {
  description: 'Type-check and run the whole test suite on CDK Terrain (cdktn + @cdktn/provider-azurerm; snapshots in __snapshots__/cdktn/)',
  steps: [
    { exec: 'tsc --noEmit -p test/cdktn/tsconfig.json' },
    { exec: 'jest --ci --config test/cdktn/jest.config.js', receiveArgs: true },
  ],
});

project.addTask('synth:cdktn', {
  description: 'Synthesize the examples on CDK Terrain into cdktn.out/ (same Terraform as npm run synth but the metadata and provider versions)',
  exec: 'node -r ./build-tools/cdktn/register.js -r ts-node/register/transpile-only examples/synth.ts cdktn.out',
});

project.addTask('package:cdktn', {
  description: 'Build and pack the CDK Terrain package (cdktn-azure-partner-events) from the same source into dist/js/',
  exec: 'ts-node --transpile-only build-tools/cdktn/package.ts',
  receiveArgs: true,
});

project.addTask('package:try', {
  description: 'Install a packed tarball of either package into a fresh app with its platform\'s peers and synthesize the partner example there (needs the npm registry or its cache)',
  exec: 'ts-node --transpile-only build-tools/cdktn/try-package.ts',
  receiveArgs: true,
});

project.addTask('synth:fleet', {
  description: 'Synthesize the 10,000-customer fleet example (20 shard stacks) into cdktf.out/',
  exec: 'ts-node --transpile-only examples/fleet/main.ts',
});

project.addTask('emulate', {
  description: 'Start the local partner namespace emulator on the synthesized app (run npm run synth first)',
  exec: 'ts-node --transpile-only src/emulator/cli.ts emulate cdktf.out',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Benchmark synthesis (library against hand-written cdktf, N = 100, 1,000, 10,000) and write docs/benchmarks.md (--library-only or --emulator-only: one part, the other section kept)',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only build-tools/bench/run.ts', receiveArgs: true }],
});

// Microsoft's official ARM schemas and REST examples for the conformance tests (never committed: see
// test/support/reference-location.ts and DESIGN.md, "Testing conventions").
project.addTask('reference:fetch', {
  description: 'Download the official ARM schemas and REST examples at pinned commits into reference/ and check their SHA-256 (--out DIR, --base-url URL of a mirror)',
  exec: 'ts-node --transpile-only build-tools/reference/fetch.ts',
  receiveArgs: true,
});

project.addTask('reference:manifest', {
  description: 'Write build-tools/reference/manifest.json from a reference folder and its SOURCES.md (--from DIR, default ../shared/reference)',
  exec: 'ts-node --transpile-only build-tools/reference/make-manifest.ts',
  receiveArgs: true,
});

project.addTask('lint:fix', {
  description: 'Run eslint and fix what it can (the eslint and test tasks only report)',
  steps: [{ spawn: 'eslint', args: ['--fix'], receiveArgs: true }],
});

project.addTask('docs:rules', {
  description: 'Generate docs/validation-rules.md from the rule registry (a test fails when it is stale)',
  exec: 'ts-node --transpile-only build-tools/rule-docs.ts',
});

// ---------------------------------------------------------------------------------------------------------------
// Import directions (docs/ARCHITECTURE.md, "Layers and import directions"), enforced by eslint so that a later
// change cannot quietly break them. Paths are resolved against the working directory: run eslint from the root.

/** The layers of src/, bottom to top. */
const LAYERS = {
  objects: 'src/internal/objects.ts',
  common: 'src/common',
  platform: 'src/internal/cdktf',
  model: 'src/model',
  emulator: 'src/emulator',
  validation: 'src/validation',
  render: 'src/render',
  publisher: 'src/publisher',
  subscriber: 'src/subscriber',
  destinations: 'src/destinations',
  testing: 'src/testing',
  index: 'src/index.ts',
};
type Layer = keyof typeof LAYERS;

/** What each layer may not import (what it may import is in the message). */
const DIRECTIONS: Array<{ targets: Layer[]; forbidden: Layer[]; message: string }> = [
  {
    targets: ['objects', 'common'],
    forbidden: ['platform', 'model', 'emulator', 'validation', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'src/internal/objects.ts and src/common/ are pure helpers: they import nothing of the library but each other.',
  },
  {
    targets: ['platform'],
    forbidden: ['model', 'emulator', 'validation', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'The platform adapter (src/internal/cdktf/) imports only src/internal/objects.ts and src/common/.',
  },
  {
    targets: ['model'],
    forbidden: ['platform', 'emulator', 'validation', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'The resource model (src/model/) imports only src/common/ and src/internal/objects.ts: not the platform adapter, validation, renderers or constructs.',
  },
  {
    targets: ['emulator'],
    forbidden: ['common', 'platform', 'model', 'validation', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'The emulator (src/emulator/) imports only itself and src/internal/objects.ts: never constructs, the model, renderers, validation or cdktf.',
  },
  {
    targets: ['validation'],
    forbidden: ['emulator', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'Validation (src/validation/) imports only src/model/, src/common/ and src/internal/: not renderers, constructs or the emulator.',
  },
  {
    targets: ['render'],
    forbidden: ['publisher', 'subscriber', 'destinations', 'index'],
    message: 'Renderers (src/render/) read the model: they import src/model/, src/validation/, src/common/, src/internal/ and src/emulator/model-file.ts, never constructs.',
  },
  {
    targets: ['publisher', 'subscriber', 'destinations'],
    forbidden: ['emulator', 'index'],
    message: 'Constructs (src/publisher/, src/subscriber/, src/destinations/) import any lower layer, but not the emulator or src/index.ts.',
  },
  {
    targets: ['testing'],
    forbidden: ['emulator', 'render', 'publisher', 'subscriber', 'destinations', 'index'],
    message: 'The testing helpers (src/testing/) read findings from src/validation/ and src/internal/: not renderers, constructs or the emulator.',
  },
  {
    targets: ['objects', 'common', 'platform', 'model', 'emulator', 'validation', 'render', 'publisher', 'subscriber', 'destinations'],
    forbidden: ['testing'],
    message: 'Only src/index.ts imports the testing helpers (src/testing/): the library does not depend on its test API.',
  },
];

/**
 * Files that break a direction today, with what they may still import (paths relative to the layer's folder),
 * until the issue that tracks them is done. Each is a TODO: remove the entry when the file is fixed.
 */
const DIRECTION_EXCEPTIONS: Array<{ file: string; allow: { [layer in Layer]?: string[] } }> = [];

/** The zones of import/no-restricted-paths, with a file's exceptions when given. */
function importZones(allow: { [layer in Layer]?: string[] } = {}): any[] {
  const zones: any[] = [];
  for (const d of DIRECTIONS) {
    const target = d.targets.map((l) => LAYERS[l]);
    const from = d.forbidden.filter((l) => !allow[l]).map((l) => LAYERS[l]);
    zones.push({ target, from, message: d.message });
    for (const l of d.forbidden.filter((f) => allow[f])) {
      zones.push({ target, from: LAYERS[l], except: allow[l], message: d.message });
    }
  }
  // Renderers may read the emulator's model-file format, and nothing else of the emulator.
  zones.push({
    target: LAYERS.render,
    from: LAYERS.emulator,
    except: ['./model-file.ts'],
    message: 'Renderers import only src/emulator/model-file.ts (the model-file format) of the emulator.',
  });
  return zones;
}

project.eslint?.addRules({ 'import/no-restricted-paths': ['error', { zones: importZones() }] });
for (const e of DIRECTION_EXCEPTIONS) {
  project.eslint?.addOverride({ files: [e.file], rules: { 'import/no-restricted-paths': ['error', { zones: importZones(e.allow) }] } });
}

// Only the platform adapter imports cdktf, CDK Terrain or provider bindings.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: ['src/internal/cdktf/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{
        regex: '^(@cdktf|@cdktn)/|^(cdktf|cdktn)(/|$)',
        message: 'Only the platform adapter (src/internal/cdktf/) imports cdktf, CDK Terrain or provider bindings: add what you need there.',
      }],
    }],
  },
});

project.synth();
