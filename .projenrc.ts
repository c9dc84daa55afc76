import { cdktf, javascript } from 'projen';

// Versions are pinned to what the npm registry serves as `latest` for each package.
const CDKTF = '0.21.0';
const AZURERM = '14.23.1';

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
  github: false,
  release: false,
  minNodeVersion: '20.0.0',
  packageManager: javascript.NodePackageManager.NPM,

  cdktfVersion: `^${CDKTF}`,
  constructsVersion: '^10.4.2',
  jsiiVersion: '~6.0.16',
  peerDeps: [`@cdktf/provider-azurerm@^${AZURERM}`],
  devDeps: [
    '@types/node@^20',
    'typescript@6.0.3',
    'ts-node@10.9.2',
    `cdktf-cli@${CDKTF}`,
    'ajv-draft-04@1.0.0',
    'ajv-formats@3.0.1',
    '@azure/eventgrid@5.12.0',
  ],
  // Runtime dependencies, bundled into the jsii package (see README: why each is there).
  bundledDeps: ['ajv@8.20.0', 'cloudevents@10.0.0'],

  jestOptions: {
    // CI must fail on a changed snapshot: never update snapshots in the test task.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 60_000,
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

  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'build-tools', 'projenrc'] },
  bin: { 'partner-events': 'lib/emulator/cli.js' },
  gitignore: ['.partner-events/', 'cdktf.out/', '.terraform/', 'terraform.*.tfstate*', '.gen/'],
  keywords: ['cdktf', 'azure', 'eventgrid', 'partner-events', 'cloudevents'],
});

// The main job: synthesize every example into cdktf.out/ and print what was written.
project.addTask('synth', {
  description: 'Synthesize the examples into cdktf.out/ (Terraform JSON per stack) and list the files written',
  exec: 'ts-node --transpile-only examples/synth.ts',
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
  description: 'Benchmark synthesis (library against hand-written cdktf, N = 100, 1,000, 10,000) and write docs/benchmarks.md',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only build-tools/bench/run.ts' }],
});

project.addTask('docs:rules', {
  description: 'Generate docs/validation-rules.md from the rule registry (a test fails when it is stale)',
  exec: 'ts-node --transpile-only build-tools/rule-docs.ts',
});

project.synth();
