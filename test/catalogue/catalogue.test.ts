// The catalogue of configurations Azure refuses and the nearest ones it accepts (cases.ts): each bad one is refused
// as an error naming the construct path, the value and the fix, by the rule that follows Azure's; each good one is
// accepted.
import { BAD, GOOD } from './cases';
import { run } from './harness';

describe('the catalogue', () => {
  test('holds at least 100 refused configurations and 25 accepted ones, each with its source', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(100);
    expect(GOOD.length).toBeGreaterThanOrEqual(25);
    for (const c of [...BAD, ...GOOD]) {
      expect(c.source).toMatch(/^https:\/\/(learn\.microsoft\.com|schema\.management\.azure\.com|github\.com)\/\S+$/);
    }
    expect(new Set(BAD.map((c) => c.name)).size).toBe(BAD.length);
    expect(new Set(GOOD.map((c) => c.name)).size).toBe(GOOD.length);
  });
});

describe.each(BAD.map((c) => [`${c.rule} ${c.name}`, c] as const))('refused: %s', (_name, c) => {
  test('as an error with the rule, the construct path, the value and the fix', () => {
    const outcome = run(c);
    expect(outcome.message).not.toBe('');
    expect(outcome.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: c.rule, path: c.path, severity: 'error' })]));
    const finding = outcome.findings.find((f) => f.ruleId === c.rule && f.path === c.path)!;
    expect(finding.value).toContain(c.value);
    expect(finding.fix).toContain(c.fix);
    // the text users read carries all of it, with no unresolved token and no secret
    expect(outcome.message).toContain(`[${c.path}] ${c.rule}: ${finding.message} (${finding.value}) — ${finding.fix}`);
    expect(outcome.message).not.toMatch(/TfToken|SECRET-KEY/);
  });
});

describe.each(GOOD.map((c) => [c.name, c] as const))('accepted: %s', (_name, c) => {
  test('with no error', () => {
    expect(run(c)).toEqual({ message: '', findings: [] });
  });
});
