// The whole test suite on CDK Terrain (npm run test:cdktn): projen's jest configuration (package.json "jest") with
// every cdktf import resolved to its CDK Terrain counterpart, so the same src/, test/ and examples/ run on cdktn 0.24
// and @cdktn/provider-azurerm 16.1 (azurerm 4.73). docs/contributing.md, "Two platforms", says why and lists what
// differs. Snapshots are cdktn's own copies (snapshot-resolver.js): their required_providers differ.
const path = require('path');
const base = require('../../package.json').jest;

/** cdktf module -> its CDK Terrain counterpart (the one table both jest and build-tools/cdktn read). */
const { JEST_MODULE_MAP } = require('../../build-tools/cdktn/platform-map.js');

// Child processes the tests start (the benchmarks' and the emulator's node processes) run on CDK Terrain too: the
// require hook of npm run synth:cdktn is preloaded in every node process started from this run.
const ROOT = path.resolve(__dirname, '../..');
const hook = `--require ${path.join(ROOT, 'build-tools', 'cdktn', 'register.js')}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(hook)) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, hook].filter(Boolean).join(' ');
}

module.exports = {
  ...base,
  rootDir: ROOT,
  // The package tests build and pack the cdktf package with jsii (no cdktf module is loaded): npm run package:cdktn
  // builds the cdktn one, and test/build-tools/cdktn-package.test.ts checks what it stages.
  testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), '<rootDir>/test/package/'],
  displayName: 'cdktn',
  moduleNameMapper: { ...(base.moduleNameMapper ?? {}), ...JEST_MODULE_MAP },
  snapshotResolver: '<rootDir>/test/cdktn/snapshot-resolver.js',
  reporters: ['default', ['jest-junit', { outputDirectory: 'test-reports', outputName: 'junit-cdktn.xml' }]],
  collectCoverage: false, // coverage is measured on the cdktf run (npm test)
};
