import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Validations } from '../../src';
import { ValidationIndex } from '../../src/validation/engine';
import { advise, fail, failHard, findingText, show } from '../../src/validation/errors';
import { PartnerEventsValidationError } from '../../src/validation/validation-error';
import { thrown } from '../support/outcomes';
import { newStack } from '../support/synth';

describe('fail', () => {
  test('refuses with a PartnerEventsValidationError: the text users see and one typed finding', () => {
    const scope = new Construct(newStack(), 'Thing');
    const error = thrown(() => fail(scope, 'EGP030', 'source is required and must not be empty', '', 'give source a value'));
    expect(error).toBeInstanceOf(PartnerEventsValidationError);
    expect((error as Error).message).toBe('[stack/Thing] EGP030: source is required and must not be empty ("") — give source a value');
    expect((error as PartnerEventsValidationError).findings).toEqual([{
      ruleId: 'EGP030', severity: 'error', path: 'stack/Thing', value: '""', fix: 'give source a value', message: 'source is required and must not be empty',
    }]);
  });

  test('uses the rule\'s fix when none is given', () => {
    const scope = new Construct(newStack(), 'Thing');
    expect(() => fail(scope, 'EGP005', 'messageForActivation is too long', 'x'))
      .toThrow('[stack/Thing] EGP005: messageForActivation is too long ("x") — shorten messageForActivation to 256 characters or fewer');
  });

  test('when the rule is suppressed on an ancestor, records the finding (with the reason) instead of throwing', () => {
    const stack = newStack();
    Validations.of(stack).suppress('EGP030', 'filled in by the pipeline');
    const scope = new Construct(stack, 'Thing');
    expect(() => fail(scope, 'EGP030', 'source is required and must not be empty', '')).not.toThrow();
    expect(ValidationIndex.of(stack).allFindings()).toEqual([expect.objectContaining({
      ruleId: 'EGP030', path: 'stack/Thing', value: '""', suppressedAt: 'stack', suppressionReason: 'filled in by the pipeline',
    })]);
  });
});

describe('failHard', () => {
  test('throws even when the rule is suppressed', () => {
    const stack = newStack();
    Validations.of(stack).suppress('EGP032', 'we know');
    const scope = new Construct(stack, 'Thing');
    const error = thrown(() => failHard(scope, 'EGP032', 'partnerNamespaceId is not the ARM id of a Microsoft.EventGrid/partnerNamespaces resource', 'ns'));
    expect(PartnerEventsValidationError.isValidationError(error)).toBe(true);
    expect(Validations.findingsOf(error)).toEqual([expect.objectContaining({ ruleId: 'EGP032', path: 'stack/Thing', value: '"ns"' })]);
  });
});

describe('advise', () => {
  test('records advice for synth (annotated, not thrown); nothing is recorded without it', () => {
    const app = Testing.app();
    const stack = newStack(app);
    const scope = new Construct(stack, 'Thing');
    expect(ValidationIndex.of(stack).allFindings()).toEqual([]);
    advise(scope, 'EGP024', 'public network access is enabled and no inbound IP rule limits it', 'Enabled');
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(ValidationIndex.of(stack).allFindings()).toEqual([expect.objectContaining({ ruleId: 'EGP024', severity: 'info', path: 'stack/Thing' })]);
    expect(scope.node.metadata.map((m) => m.data)).toEqual([expect.stringMatching(/^EGP024: public network access is enabled .* \("Enabled"\) — list the publishers' ranges/)]);
  });
});

describe('findingText and show', () => {
  test('the line format, and values shown as JSON with long strings cut', () => {
    expect(findingText('EGP031', 'ipMask is not an IPv4 address or CIDR range', '10.0.0.0/33', 'give a range'))
      .toBe('EGP031: ipMask is not an IPv4 address or CIDR range ("10.0.0.0/33") — give a range');
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show(undefined)).toBe('undefined');
    expect(show('x'.repeat(400))).toBe(JSON.stringify(`${'x'.repeat(297)}...`));
    expect(show('x'.repeat(300))).toBe(JSON.stringify('x'.repeat(300)));
  });
});

describe('Validations.suppress', () => {
  test('refuses the retired id EGP011, naming the ids that replaced it; accepts one of them', () => {
    const stack = newStack();
    expect(() => Validations.of(stack).suppress('EGP011', 'legacy')).toThrow(
      /^\[stack\] Validations.suppress: EGP011 is retired: it stood for many unrelated problems and was split, one rule per kind: required values \(EGP030\), .*webhook Entra settings \(EGP043\) — suppress the rule id the finding names$/);
    expect(() => Validations.of(stack).suppress('EGP030', 'legacy')).not.toThrow();
  });
});

describe('Validations.rules', () => {
  test('lists the library\'s rules as metadata only (no check), each with a source', () => {
    const rules = Validations.rules();
    expect(rules.map((r) => r.id)).not.toContain('EGP011');
    expect(rules.find((r) => r.id === 'EGP001')).not.toHaveProperty('check');
    expect(rules.every((r) => r.source.startsWith('https://'))).toBe(true);
  });
});
