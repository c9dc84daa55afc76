import * as fs from 'fs';
import * as path from 'path';
import { azurermVersion, compactEmpty } from './platform-differences';

const TEST_ROOT = path.resolve(__dirname, '..');

/** Every snapshot file of a platform, relative to test/ and named after its test's folder. */
function snapshotFiles(platform: 'cdktf' | 'cdktn'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {walk(p);} else if (e.name.endsWith('.snap')) {
        const inCdktn = path.basename(dir) === 'cdktn' && path.basename(path.dirname(dir)) === '__snapshots__';
        if (inCdktn === (platform === 'cdktn')) {
          out.push(path.relative(TEST_ROOT, inCdktn ? path.join(path.dirname(dir), e.name) : p));
        }
      }
    }
  };
  walk(TEST_ROOT);
  return out.sort();
}

// cdktn's snapshots (__snapshots__/cdktn/, written by npm run test:cdktn) are copies of cdktf's that may differ only
// in what docs/contributing.md, "Two platforms", names: azurerm's version in required_providers and how an empty
// object or array is printed.
describe('the CDK Terrain snapshots', () => {
  const cdktf = snapshotFiles('cdktf');

  test('every snapshot file has a cdktn copy, and no cdktn copy lacks its cdktf file', () => {
    expect(cdktf.length).toBeGreaterThan(0);
    expect(snapshotFiles('cdktn')).toEqual(cdktf);
  });

  test.each(cdktf)('%s: the cdktn copy equals cdktf\'s but for the azurerm version and empty-object printing', (rel) => {
    const cdktfText = fs.readFileSync(path.join(TEST_ROOT, rel), 'utf8');
    const cdktnText = fs.readFileSync(path.join(TEST_ROOT, path.dirname(rel), 'cdktn', path.basename(rel)), 'utf8');
    const fromVersion = `"version": "${azurermVersion('@cdktf/provider-azurerm')}"`;
    const toVersion = `"version": "${azurermVersion('@cdktn/provider-azurerm')}"`;
    expect(fromVersion).not.toBe(toVersion);
    expect(compactEmpty(cdktnText)).toBe(compactEmpty(cdktfText).split(fromVersion).join(toVersion));
  });
});
