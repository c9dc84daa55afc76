import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { azurermVersion, compactEmpty, platformVersion, withoutPlatformVersions } from './platform-differences';
import { filesUnder } from '../support/outcomes';
import { PLATFORM } from '../support/platform';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm run synth` (cdktf) or `npm run synth:cdktn`'s command, into a folder of its own. */
function synthExamples(platform: 'cdktf' | 'cdktn', outdir: string): Map<string, string> {
  const hook = platform === 'cdktn' ? ['-r', './build-tools/cdktn/register.js'] : [];
  execFileSync(process.execPath, [...hook, '-r', 'ts-node/register/transpile-only', 'examples/synth.ts', outdir], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return filesUnder(outdir);
}

// The examples synthesized on cdktf (npm run synth) and on CDK Terrain (npm run synth:cdktn) give the same
// Terraform: the same files, each cdk.tf.json equal once the metadata block's cdktf/cdktn version and azurerm's
// version in required_providers are left out, and every file the library writes itself (ARM templates, emulator
// models, the validation report) byte-identical. Both synths run in child processes; the cdktf suite runs it (the
// cdktn suite would repeat the same two processes).
(PLATFORM === 'cdktf' ? describe : describe.skip)('the examples on both platforms', () => {
  let work: string;
  let cdktf: Map<string, string>;
  let cdktn: Map<string, string>;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-both-'));
    cdktf = synthExamples('cdktf', path.join(work, 'cdktf'));
    cdktn = synthExamples('cdktn', path.join(work, 'cdktn'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the same files, and the library\'s own files byte-identical', () => {
    expect([...cdktn.keys()].sort()).toEqual([...cdktf.keys()].sort());
    const own = [...cdktf.keys()].filter((f) => !f.endsWith('cdk.tf.json') && f !== 'manifest.json');
    expect(own.length).toBeGreaterThan(3);
    for (const f of own) expect([f, cdktn.get(f)]).toEqual([f, cdktf.get(f)]);
  });

  test('each stack\'s Terraform is the same but for the metadata version and azurerm\'s version', () => {
    const stacks = [...cdktf.keys()].filter((f) => f.endsWith('cdk.tf.json'));
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const f of stacks) {
      const a = JSON.parse(cdktf.get(f)!);
      const b = JSON.parse(cdktn.get(f)!);
      expect([f, a['//'].metadata.version, b['//'].metadata.version]).toEqual([f, platformVersion('cdktf'), platformVersion('cdktn')]);
      expect([f, a.terraform.required_providers.azurerm.version, b.terraform.required_providers.azurerm.version])
        .toEqual([f, azurermVersion('@cdktf/provider-azurerm'), azurermVersion('@cdktn/provider-azurerm')]);
      expect([f, withoutPlatformVersions(b)]).toEqual([f, withoutPlatformVersions(a)]);
      // the text differs only in the two versions and in how an empty object or array is printed
      const versionsSwapped = compactEmpty(cdktf.get(f)!)
        .replace(`"version": "${platformVersion('cdktf')}"`, `"version": "${platformVersion('cdktn')}"`)
        .replace(`"version": "${azurermVersion('@cdktf/provider-azurerm')}"`, `"version": "${azurermVersion('@cdktn/provider-azurerm')}"`);
      expect([f, compactEmpty(cdktn.get(f)!)]).toEqual([f, versionsSwapped]);
    }
  });

  test('the manifest differs only in the platform version', () => {
    const a = JSON.parse(cdktf.get('manifest.json')!);
    const b = JSON.parse(cdktn.get('manifest.json')!);
    expect([a.version, b.version]).toEqual([platformVersion('cdktf'), platformVersion('cdktn')]);
    expect({ ...b, version: undefined }).toEqual({ ...a, version: undefined });
  });
});
