import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { App as CdktnApp } from 'cdktn';
import { PLATFORM } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGES, JEST_MODULE_MAP } = require('../../build-tools/cdktn/platform-map.js');

// The run is on the platform it says it is: `cdktf` is CDK Terrain's module in npm run test:cdktn, cdktf's in npm test.
describe('the test platform', () => {
  test('cdktf resolves to the platform of the run, and so does the provider binding', () => {
    const expected = PLATFORM === 'cdktn' ? 'cdktn' : 'cdktf';
    expect(require.resolve('cdktf')).toContain(`/node_modules/${expected}/`);
    expect(require.resolve('@cdktf/provider-azurerm/lib/provider')).toContain(`/node_modules/@${expected}/provider-azurerm/`);
    // the classes the tests construct are the platform's own
    expect((App as unknown) === CdktnApp).toBe(PLATFORM === 'cdktn');
    const version = JSON.parse(fs.readFileSync(require.resolve('cdktf/package.json'), 'utf8')).version;
    const devDependencies = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).devDependencies;
    expect(version).toBe(devDependencies[expected]);
  });

  test('a node process started by a test resolves cdktf to the same platform (the benchmarks and emulator tests start some)', () => {
    const resolved = execFileSync(process.execPath, ['-e', 'process.stdout.write(require.resolve("cdktf"))'], { encoding: 'utf8' });
    expect(resolved).toContain(`/node_modules/${PLATFORM}/`);
  });

  test('the type check on cdktn (test/cdktn/tsconfig.json) maps the same modules as the table jest and the package use', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(__dirname, 'tsconfig.json'), 'utf8'));
    const expected: Record<string, string[]> = {};
    for (const [from, to] of Object.entries(PACKAGES as Record<string, string>)) {
      expected[from] = [`../../node_modules/${to}`];
      expected[`${from}/*`] = [`../../node_modules/${to}/*`];
    }
    expect(tsconfig.compilerOptions.paths).toEqual(expected);
    expect(Object.keys(JEST_MODULE_MAP)).toHaveLength(2 * Object.keys(PACKAGES).length);
  });
});
