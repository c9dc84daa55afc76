import * as fs from 'fs';
import * as path from 'path';
import { runSnippet, ruleIdsOf } from '../support/rule-harness';
import { renderRuleReference } from '../../src/validation/rule-docs';
import { RULES } from '../../src/validation/rules';

const rules = Object.values(RULES);

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
    expect(rules.map((r) => r.id)).toEqual(rules.map((_, i) => `EGP${String(i + 1).padStart(3, '0')}`));
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test(`the refused example triggers ${id} with its severity and a construct path`, () => {
    const outcome = runSnippet(rule.badExample);
    expect(ruleIdsOf(outcome)).toContain(id);
    if (outcome.thrown) {
      expect(rule.phase).toBe('constructor');
      expect(outcome.thrown).toMatch(new RegExp(`^\\[stack/[^\\]]+\\] ${id}: .+ \\(.+\\) — .+`));
    } else {
      const finding = outcome.added.find((f) => f.ruleId === id)!;
      expect(finding.severity).toBe(rule.severity);
      expect(finding.path).toMatch(/^stack(\/|$)/);
      expect(finding.message).toMatch(new RegExp(`^${id}: .+ \\(.+\\) — .+`));
      if (rule.severity === 'error') {
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
