import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ADAPTER, PACKAGE_NAME, ROOT, cdktnReadme, onCdktn, platformImports, rewriteImports, stage } from '../../build-tools/cdktn/package';

/** Every file under a folder, relative to it. */
function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r)); else out.push(r);
  }
  return out.sort();
}

describe('the CDK Terrain package build (npm run package:cdktn)', () => {
  test('module names: cdktf and the azurerm binding become cdktn\'s, deep paths kept; other modules untouched', () => {
    expect(onCdktn('cdktf')).toBe('cdktn');
    expect(onCdktn('cdktf/lib/app')).toBe('cdktn/lib/app');
    expect(onCdktn('@cdktf/provider-azurerm/lib/role-assignment')).toBe('@cdktn/provider-azurerm/lib/role-assignment');
    expect(onCdktn('constructs')).toBe('constructs');
    expect(onCdktn('cdktf-cli')).toBe('cdktf-cli');
    expect(onCdktn('@cdktf/provider-azurermx/lib/a')).toBe('@cdktf/provider-azurermx/lib/a');
    const source = [
      "import { App } from 'cdktf';",
      "export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';",
      'const p = require("@cdktf/provider-azurerm/lib/provider");',
      "import { Construct } from 'constructs';",
    ].join('\n');
    expect(rewriteImports(source)).toBe([
      "import { App } from 'cdktn';",
      "export { RoleAssignment } from '@cdktn/provider-azurerm/lib/role-assignment';",
      'const p = require("@cdktn/provider-azurerm/lib/provider");',
      "import { Construct } from 'constructs';",
    ].join('\n'));
    expect(platformImports(source)).toEqual(['cdktf', '@cdktf/provider-azurerm/lib/role-assignment', '@cdktf/provider-azurerm/lib/provider']);
    expect(platformImports(rewriteImports(source))).toEqual([]);
  });

  test('the staged package: src/ as it is but the adapter on cdktn, its own name, peers, jsii targets and README', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-stage-'));
    try {
      stage(dir);
      const sources = listFiles(path.join(ROOT, 'src'));
      expect(listFiles(path.join(dir, 'src'))).toEqual(sources);
      let adapterFiles = 0;
      for (const f of sources) {
        const original = fs.readFileSync(path.join(ROOT, 'src', f), 'utf8');
        const staged = fs.readFileSync(path.join(dir, 'src', f), 'utf8');
        if (`src/${f}`.startsWith(ADAPTER) && platformImports(original).length) {
          adapterFiles++;
          expect([f, platformImports(staged)]).toEqual([f, []]);
          expect([f, staged]).toEqual([f, rewriteImports(original)]);
          expect(staged).toMatch(/from '(cdktn|@cdktn\/provider-azurerm\/lib\/[a-z-]+)'/);
        } else {
          expect([f, staged === original]).toEqual([f, true]);
        }
      }
      expect(adapterFiles).toBeGreaterThan(5);

      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      expect(pkg.name).toBe(PACKAGE_NAME);
      expect(pkg.version).toBe(root.version);
      expect(pkg.peerDependencies).toEqual({
        'cdktn': `^${root.devDependencies.cdktn}`,
        '@cdktn/provider-azurerm': `^${root.devDependencies['@cdktn/provider-azurerm']}`,
        'constructs': '>=10.6.0 <10.8.0',
      });
      expect(JSON.stringify(pkg)).not.toMatch(/"(cdktf|@cdktf\/provider-azurerm)"/);
      expect(pkg.bundledDependencies).toEqual(root.bundledDependencies);
      expect(pkg.files).toEqual(root.files);
      expect(pkg.jsii.targets.python).toEqual({ distName: PACKAGE_NAME, module: 'cdktn_azure_partner_events' });

      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      expect(readme.split('\n')[0]).toBe(`# ${PACKAGE_NAME}`);
      expect(readme).toContain('## Install (CDK Terrain)');
      expect(readme).toMatch(/npm install \S+cdktn-azure-partner-events-\S+\.tgz cdktn@\^0\.24\.0 /);
      expect(readme).not.toContain('\n## Install\n');
      expect(platformImports(readme)).toEqual([]);
      expect(readme).toContain("from 'cdktn-azure-partner-events'");
      expect(readme).not.toContain("from 'cdktf-azure-partner-events'");
      expect(fs.existsSync(path.join(dir, 'docs', 'migrating-to-cdktn.md'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a cdktf import outside the adapter stops the build, naming the file and the fix', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-root-'));
    const dir = path.join(root, 'stage');
    try {
      fs.mkdirSync(path.join(root, 'src', 'internal', 'cdktf'), { recursive: true });
      fs.mkdirSync(path.join(root, 'src', 'model'), { recursive: true });
      fs.writeFileSync(path.join(root, 'package.json'), '{}');
      fs.writeFileSync(path.join(root, 'src', 'internal', 'cdktf', 'a.ts'), "import { App } from 'cdktf';\n");
      fs.writeFileSync(path.join(root, 'src', 'model', 'b.ts'), "import { Token } from 'cdktf';\n");
      expect(() => stage(dir, root)).toThrow(/Only src\/internal\/cdktf\/ may import cdktf .*route these through the adapter:\n {2}src\/model\/b\.ts imports cdktf$/s);
      // the nearest good input: the same import inside the adapter only
      fs.rmSync(path.join(root, 'src', 'model', 'b.ts'));
      expect(() => stage(dir, root)).toThrow(/tsconfig\.json/); // passes the import check, then wants the checkout's files
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('the README\'s install section is replaced, and a README without one is refused', () => {
    const readme = "# cdktf-azure-partner-events\n\nintro\n\n## Install\n\nold\n\n## Next\n\n```ts\nimport { X } from 'cdktf-azure-partner-events';\n```\n";
    expect(cdktnReadme(readme, '## Install (CDK Terrain)\n\nnew\n')).toBe(
      "# cdktn-azure-partner-events\n\nintro\n\n## Install (CDK Terrain)\n\nnew\n\n## Next\n\n```ts\nimport { X } from 'cdktn-azure-partner-events';\n```\n");
    expect(() => cdktnReadme('# x\n\n## Usage\n', 'new')).toThrow(/no "## Install" section/);
  });
});
