import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { acmeRulePack } from '../../examples/rule-pack/acme-rules';
import { ACME_CUSTOMERS, addRulePackExample } from '../../examples/rule-pack/app';
import { IRuleCheck, PackRule, RuleCheckContext, RulePack, RuleSeverity, RuleViolation, Validations } from '../../src';
import { REPORT_FILE } from '../../src/validation/report';
import { PartnerEventsValidationError } from '../../src/validation/validation-error';

function synthError(app: App): unknown {
  try {
    app.synth();
  } catch (e) {
    return e;
  }
  return undefined;
}

function report(app: App): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, REPORT_FILE), 'utf8'));
}

const FOREIGN = { ...ACME_CUSTOMERS[1], source: 'tickets.northwind' };

/** A rule whose check returns what it is given (for the API's edge cases). */
function ruleThat(check: (context: RuleCheckContext) => RuleViolation[], extra: Partial<PackRule> = {}): PackRule {
  const c: IRuleCheck = { check };
  return {
    id: 'ORG001',
    severity: RuleSeverity.ERROR,
    title: 'A rule',
    rationale: 'Because.',
    fix: 'fix it',
    badExample: 'bad()',
    goodExample: 'good()',
    source: 'https://example.com/policy',
    check: c,
    ...extra,
  };
}

describe('the ACME example pack', () => {
  test('refuses a channel whose source is outside com.acme., naming the path, the value and the fix', () => {
    const app = Testing.app();
    addRulePackExample(app, [ACME_CUSTOMERS[0], FOREIGN]);
    const error = synthError(app);
    expect(PartnerEventsValidationError.isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain(
      '[acme-partner/Namespace/northwind] ACME001: Channel source does not start with com.acme. ("tickets.northwind") — give the source as com.acme.<product>.<customer>, for example com.acme.tickets.acme-tickets');
    expect(Validations.findingsOf(error)).toEqual([{
      ruleId: 'ACME001',
      severity: 'error',
      path: 'acme-partner/Namespace/northwind',
      value: '"tickets.northwind"',
      fix: 'give the source as com.acme.<product>.<customer>, for example com.acme.tickets.acme-tickets',
      message: 'Channel source does not start with com.acme.',
    }]);
    expect(report(app).findings.filter((f: any) => f.ruleId === 'ACME001')).toHaveLength(1);
  });

  test('accepts the nearest good input: the same customers with com.acme. sources', () => {
    const app = Testing.app();
    addRulePackExample(app, [ACME_CUSTOMERS[0], { ...FOREIGN, source: 'com.acme.tickets.northwind' }]);
    expect(synthError(app)).toBeUndefined();
    expect(report(app).findings).toEqual([]);
  });

  test('a suppression with a reason lets synth pass and puts the finding in the report with the reason', () => {
    const app = Testing.app();
    const stack = addRulePackExample(app, [ACME_CUSTOMERS[0], FOREIGN]);
    expect(() => Validations.of(stack).suppress('ACME001', '')).toThrow(
      '[acme-partner] Validations.suppress: suppressing ACME001 needs a reason (got "")');
    Validations.of(stack.node.findChild('Namespace').node.findChild('northwind')).suppress('ACME001', 'Northwind keeps its legacy source until Q3');
    expect(synthError(app)).toBeUndefined();
    const rows = report(app).findings.filter((f: any) => f.ruleId === 'ACME001');
    expect(rows).toEqual([expect.objectContaining({
      path: 'acme-partner/Namespace/northwind',
      suppressed: true,
      suppressedAt: 'acme-partner/Namespace/northwind',
      suppressionReason: 'Northwind keeps its legacy source until Q3',
    })]);
    expect(report(app).summary).toMatchObject({ error: 0, suppressed: 1 });
  });

  test('renders its reference like docs/validation-rules.md', () => {
    const text = acmeRulePack().renderReference();
    expect(text).toMatch(/^# ACME platform rules\n/);
    expect(text).toContain('| [ACME001](#acme001) | error | synth | yes | Channel sources start with com.acme. |');
    expect(text).toContain('## ACME001\n');
    expect(text).toContain('**Source:** <https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md#source-1>');
    expect(text).toContain("```ts\nnamespace.addChannel('Fabrikam', { ...target, source: 'tickets.fabrikam' });\n```");
  });
});

describe('RulePack', () => {
  test('refuses a prefix that collides with the library\'s ids, accepts the organisation\'s own', () => {
    expect(() => new RulePack({ prefix: 'EGP', name: 'Mine', rules: [ruleThat(() => [], { id: 'EGP101' })] })).toThrow(
      'RulePack "EGP": the prefix collides with the library\'s own rule ids (EGP001…) — give the organisation\'s own prefix, such as ACME');
    expect(() => new RulePack({ prefix: 'EGPX', name: 'Mine', rules: [ruleThat(() => [], { id: 'EGPX001' })] })).toThrow(/collides with the library's own rule ids/);
    expect(new RulePack({ prefix: 'ORG', name: 'Mine', rules: [ruleThat(() => [])] }).prefix).toBe('ORG');
  });

  test('refuses a second pack with a prefix the app already has, accepts another prefix', () => {
    const app = Testing.app();
    Validations.of(app).addRulePack(acmeRulePack());
    expect(() => Validations.of(app).addRulePack(acmeRulePack())).toThrow(
      '[(app)] Validations.addRulePack: a rule pack with prefix "ACME" is already registered in this app — give each organisation\'s pack its own prefix');
    expect(() => Validations.of(app).addRulePack(new RulePack({ prefix: 'ORG', name: 'Other', rules: [ruleThat(() => [])] }))).not.toThrow();
  });

  test.each([
    ['a lowercase prefix', { prefix: 'acme' }, /the prefix is not 2 to 10 capital letters \("acme"\)/],
    ['an id without the prefix', { rules: [ruleThat(() => [], { id: 'ACME001' })] }, /a rule id is not the prefix and three digits \("ACME001"\) — give ids such as ORG001/],
    ['an id with two digits', { rules: [ruleThat(() => [], { id: 'ORG01' })] }, /\("ORG01"\)/],
    ['the same id twice', { rules: [ruleThat(() => []), ruleThat(() => [])] }, /rule id ORG001 is given twice/],
    ['no source', { rules: [ruleThat(() => [], { source: '' })] }, /ORG001 has no source \(""\)/],
    ['a source that is not a URL', { rules: [ruleThat(() => [], { source: 'the wiki' })] }, /ORG001's source is not an http\(s\) URL \("the wiki"\)/],
    ['no rules', { rules: [] }, /the pack has no rules \(\[\]\)/],
  ])('refuses %s', (_what, props, message) => {
    expect(() => new RulePack({ prefix: 'ORG', name: 'Mine', rules: [ruleThat(() => [])], ...props })).toThrow(message);
  });

  test('a warning fails synth only in strict mode; the check reads the context and the construct tree', () => {
    const seen: string[] = [];
    const warnEveryStack = ruleThat((context) => {
      seen.push(...context.channels.map((c) => c.partnerTopicId));
      return context.stacks.filter((s) => s.node.tryGetContext('audited') !== true)
        .map((s) => ({ construct: s, message: `stack ${s.node.id} is not audited`, value: s.node.id }));
    }, { severity: RuleSeverity.WARNING });
    const build = (strict: boolean) => {
      const app = Testing.app();
      Validations.of(app).addRulePack(new RulePack({ prefix: 'ORG', name: 'Audit', rules: [warnEveryStack] }));
      if (strict) {
        Validations.of(app).enableStrictMode();
      }
      addRulePackExample(app);
      return app;
    };
    expect(synthError(build(false))).toBeUndefined();
    expect(seen).toContain('/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourceGroups/fabrikam/providers/Microsoft.EventGrid/partnerTopics/acme-tickets');
    const error = synthError(build(true));
    expect((error as Error).message).toContain('[acme-partner] ORG001: stack acme-partner is not audited ("acme-partner") — fix it (a warning; strict mode makes it fail synth)');
    expect(Validations.findingsOf(error).map((f) => [f.ruleId, f.severity, f.path])).toEqual([['ORG001', 'warning', 'acme-partner']]);
  });

  test('refuses a finding on a construct of another app, naming the rule', () => {
    const elsewhere = Testing.app();
    const app = Testing.app();
    Validations.of(app).addRulePack(new RulePack({ prefix: 'ORG', name: 'Bad', rules: [ruleThat(() => [{ construct: elsewhere, message: 'x' }])] }));
    addRulePackExample(app);
    expect(() => app.synth()).toThrow('ORG001: the rule\'s check reported a construct of another app — report only constructs of the app it checks');
  });

  test('a pack\'s id is unknown to suppress before the pack is added to the app', () => {
    const app = Testing.app();
    expect(() => Validations.of(app).suppress('ACME001', 'legacy')).toThrow(/unknown rule id "ACME001" — use one of EGP001, .*EGP049 \(a rule pack's ids once the pack is added to the app\)/);
    Validations.of(app).addRulePack(acmeRulePack());
    expect(() => Validations.of(app).suppress('ACME001', 'legacy')).not.toThrow();
  });

  test('a rule that is not suppressible refuses suppression', () => {
    const app = Testing.app();
    Validations.of(app).addRulePack(new RulePack({ prefix: 'ORG', name: 'Strict', rules: [ruleThat(() => [], { suppressible: false })] }));
    expect(() => Validations.of(app).suppress('ORG001', 'no')).toThrow('[(app)] Validations.suppress: ORG001 (A rule) cannot be suppressed — its rule pack says so; fix the configuration instead: fix it');
  });
});
