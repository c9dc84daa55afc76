import * as fs from 'fs';
import * as path from 'path';
import { RETIRED_RULES, RULE_LIST } from '../../src/validation/registry';
import { findingLine } from '../../src/validation/rule';
import { renderRuleReference } from '../../src/validation/rule-docs';
import * as listed from '../../src/validation/rules';
import { runSnippet, ruleIdsOf } from '../support/rule-harness';

const rules = RULE_LIST;
const rulesDir = path.join(__dirname, '..', '..', 'src', 'validation', 'rules');

describe('docs/validation-rules.md', () => {
  test('is generated from the registry and up to date (npx projen docs:rules)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'validation-rules.md'), 'utf8');
    expect(file).toBe(renderRuleReference());
  });

  test('has one entry per rule, each with a refused and an accepted example', () => {
    const text = renderRuleReference();
    for (const r of rules) {
      expect(text).toContain(`## ${r.id}\n`);
    }
  });

  test('ids run from EGP001 without gaps, except retired ids, which no rule has', () => {
    const ids = rules.map((r) => r.id);
    const last = Number(ids[ids.length - 1].slice(3));
    const expected = Array.from({ length: last }, (_, i) => `EGP${String(i + 1).padStart(3, '0')}`).filter((id) => !(id in RETIRED_RULES));
    expect(ids).toEqual(expected);
  });
});

describe('src/validation/rules/', () => {
  const files = fs.readdirSync(rulesDir).filter((f) => /^egp\d{3}-[a-z0-9-]+\.ts$/.test(f)).sort();

  test('has one file per rule, named by its id, each listed once in the index', () => {
    expect(files.map((f) => f.slice(0, 6).toUpperCase())).toEqual(rules.map((r) => r.id));
    const index = fs.readFileSync(path.join(rulesDir, 'index.ts'), 'utf8');
    for (const f of files) {
      const id = f.slice(0, 6).toUpperCase();
      expect(index).toContain(`export { ${id} } from './${f.replace(/\.ts$/, '')}';`);
    }
    expect(Object.keys(listed).sort()).toEqual(rules.map((r) => r.id));
  });

  test('every rule cites where Azure\'s behaviour is written down, and rules checked at synth (only they) have a check', () => {
    for (const r of rules) {
      expect(r.source).toMatch(/^https:\/\/(learn\.microsoft\.com|schema\.management\.azure\.com|registry\.terraform\.io|github\.com)\/\S+$/);
      expect([r.id, r.check !== undefined]).toEqual([r.id, r.phase === 'synth' || r.phase === 'constructor+synth']);
    }
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test(`the refused example triggers ${id} with its severity and a construct path`, () => {
    const outcome = runSnippet(rule.badExample);
    expect(ruleIdsOf(outcome)).toContain(id);
    if (outcome.thrown) {
      expect(rule.phase).toMatch(/^constructor/);
      const refusal = outcome.thrownFindings.find((f) => f.ruleId === id)!;
      expect(refusal.severity).toBe(rule.severity);
      expect(refusal.path).toMatch(/^stack\//);
      // the text users read, made of the typed finding
      expect(outcome.thrown).toMatch(new RegExp(`^\\[stack/[^\\]]+\\] ${id}: .+ \\(.+\\) — .+`));
      expect(outcome.thrown).toBe(`[${refusal.path}] ${findingLine(refusal)}`);
    } else {
      const finding = outcome.added.find((f) => f.ruleId === id)!;
      expect(finding.severity).toBe(rule.severity);
      expect(finding.path).toMatch(/^stack(\/|$)/);
      expect(findingLine(finding)).toMatch(new RegExp(`^${id}: .+ \\(.+\\) — .+`));
      expect(finding.message).not.toContain(id);
      if (rule.severity === 'error') {
        expect(outcome.synthErrorFindings).toContainEqual(expect.objectContaining({ ruleId: id, path: finding.path }));
        expect(outcome.synthError).toContain(`[${finding.path}] ${id}:`);
      } else {
        expect(outcome.synthError).toBeUndefined();
      }
    }
  });

  test(`the accepted example does not trigger ${id}`, () => {
    const outcome = runSnippet(rule.goodExample);
    expect(outcome.thrown).toBeUndefined();
    expect(ruleIdsOf(outcome)).not.toContain(id);
  });
});
