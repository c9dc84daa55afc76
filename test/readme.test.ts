import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../src/validation/registry';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  test('lists every validation rule with its severity, phase and title, and no other', () => {
    const rows = readme.split('\n').filter((l) => /^\| EGP\d{3} \|/.test(l));
    const expected = Object.values(RULES).map((r) => `| ${r.id} | ${r.severity} | ${r.phase} | ${r.title} |`);
    expect(rows).toEqual(expected);
  });

  test('gives the two commands that CI and users run', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm ci && npm test');
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
