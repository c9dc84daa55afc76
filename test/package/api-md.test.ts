// API.md is committed and current (issue 14, item 7): jsii-docgen, run on a fresh jsii build of the working tree
// (see built-package.ts), writes exactly the committed file. Regenerate it with `npx projen compile && npx projen
// docgen` (or `npx projen build`) and commit it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtPackage, ROOT } from './built-package';

let generated: string;

beforeAll(() => {
  const dir = builtPackage();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ape-docgen-')), 'API.md');
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'jsii-docgen', 'bin', 'jsii-docgen'), '-o', out], {
      cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
    generated = fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}, 240_000);

describe('API.md', () => {
  test('is what jsii-docgen writes for the current sources (else: npx projen compile && npx projen docgen)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8');
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      throw new Error(`API.md is stale: it differs from jsii-docgen's output from line ${i + 1}\n`
        + `  committed: ${JSON.stringify(a[i] ?? '(end of file)')}\n  generated: ${JSON.stringify(b[i] ?? '(end of file)')}\n`
        + 'Run `npx projen compile && npx projen docgen` and commit API.md.');
    }
  });

  test('is linked from the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](API.md)');
  });
});
