// PartnerEventsFindings (issue 14, item 9): users read a stack's or an app's findings in their tests and assert that
// a rule fires or does not. Each assertion is shown to pass on the configuration that fires the rule and to throw on
// the nearest one that does not (and the other way round).
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import {
  PartnerEventsFindings, PartnerNamespace, PartnerRegistration, RuleSeverity, TlsVersion, Validations,
} from '../../src';
import { newStack, SUBSCRIPTION } from '../support/synth';

const TOPIC = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'fabrikam' };

/** A registration and a namespace in `stack` (TLS and IP rules as given; the namespace advises EGP022 and EGP024). */
function namespaceIn(stack: TerraformStack, tls = TlsVersion.TLS1_2): PartnerNamespace {
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'contoso' });
  return new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, minimumTlsVersion: tls,
  });
}

/** Two channels of one namespace, on the same partner topic (EGP001) or on two. */
function twoChannels(sameTopic: boolean): TerraformStack {
  const stack = newStack();
  const namespace = namespaceIn(stack);
  namespace.addChannel('Fabrikam', { ...TOPIC, partnerTopicName: 'tickets', source: 'contoso.fabrikam' });
  namespace.addChannel('FabrikamAgain', { ...TOPIC, partnerTopicName: sameTopic ? 'tickets' : 'invoices', source: 'contoso.fabrikam2' });
  return stack;
}

describe('PartnerEventsFindings: errors found at synth', () => {
  test('an error that fires is seen, on each construct it names, without failing the test', () => {
    const findings = PartnerEventsFindings.fromStack(twoChannels(true));
    findings.hasError('EGP001');
    findings.hasError('EGP001', 'stack/Namespace/Fabrikam');
    findings.hasError('EGP001', '/stack/Namespace/*');
    expect(findings.find({ ruleId: 'EGP001' }).map((f) => f.path)).toEqual(['stack/Namespace/Fabrikam', 'stack/Namespace/FabrikamAgain']);
    expect(() => findings.hasNoError('EGP001')).toThrow(/expected no error of EGP001, found 2:\n {2}error at stack\/Namespace\/Fabrikam: EGP001: /);
    expect(() => findings.hasError('EGP001', 'stack/Registration')).toThrow(/expected an error of EGP001 at "stack\/Registration", found none\. The findings of EGP001:/);
  });

  test('the nearest configuration that does not fire it shows none', () => {
    const findings = PartnerEventsFindings.fromStack(twoChannels(false));
    findings.hasNoError('EGP001');
    expect(findings.find({ ruleId: 'EGP001' })).toEqual([]);
    expect(() => findings.hasError('EGP001')).toThrow(/expected an error of EGP001, found none\. No finding of EGP001 at all/);
  });

  test('the stack still fails synth afterwards, as before', () => {
    const stack = twoChannels(true);
    PartnerEventsFindings.fromStack(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/EGP001/);
  });

  test('each reading is a new validation pass: an escape hatch added after the first reading is seen', () => {
    const stack = twoChannels(false);
    PartnerEventsFindings.fromStack(stack).hasNoError('EGP001');
    const second = stack.node.findChild('Namespace').node.findChild('FabrikamAgain');
    (second.node.defaultChild as TerraformResource).addOverride('body.properties.partnerTopicInfo.name', 'tickets');
    PartnerEventsFindings.fromStack(stack).hasError('EGP001', 'stack/Namespace/FabrikamAgain');
  });
});

describe('PartnerEventsFindings: warnings, advice and suppressions', () => {
  test('a warning that fires is seen; at TLS 1.2 it is not', () => {
    const weak = newStack();
    namespaceIn(weak, TlsVersion.TLS1_0);
    const findings = PartnerEventsFindings.fromStack(weak);
    findings.hasWarning('EGP023', 'stack/Namespace');
    expect(() => findings.hasNoWarning('EGP023')).toThrow(/expected no warning of EGP023/);
    expect(() => findings.hasError('EGP023')).toThrow(/The findings of EGP023:\n {2}warning at stack\/Namespace/);

    const strong = newStack();
    namespaceIn(strong, TlsVersion.TLS1_2);
    PartnerEventsFindings.fromStack(strong).hasNoWarning('EGP023');
    expect(() => PartnerEventsFindings.fromStack(strong).hasWarning('EGP023')).toThrow(/found none/);
  });

  test('advice is seen; a suppressed finding is found only as suppressed, with its reason', () => {
    const stack = newStack();
    Validations.of(stack).suppress('EGP024', 'private endpoint added by the network team');
    namespaceIn(stack);
    const findings = PartnerEventsFindings.fromStack(stack);
    findings.hasInfo('EGP022', 'stack/Namespace');
    findings.hasSuppressed('EGP024', 'stack/Namespace');
    findings.hasNoInfo('EGP024');
    findings.hasNoFinding('EGP024');
    expect(() => findings.hasInfo('EGP024')).toThrow(/\[suppressed at stack: private endpoint added by the network team\]/);
    expect(() => findings.hasSuppressed('EGP022')).toThrow(/expected a suppressed finding of EGP022, found none/);
    expect(() => findings.hasNoInfo('EGP022')).toThrow(/expected no advice of EGP022, found 1/);
    expect(findings.find({ suppressed: true })).toEqual([expect.objectContaining({
      ruleId: 'EGP024',
      severity: RuleSeverity.INFO,
      path: 'stack/Namespace',
      suppressedAt: 'stack',
      suppressionReason: 'private endpoint added by the network team',
    })]);
    expect(findings.find({ severity: RuleSeverity.INFO }).map((f) => f.ruleId)).toEqual(['EGP022']);
  });
});

describe('PartnerEventsFindings: a stack or the whole app', () => {
  test('fromStack reads one stack\'s constructs and fromApp every stack\'s; the rules see the whole app either way', () => {
    const app = Testing.app();
    const partner = newStack(app, 'partner');
    const other = newStack(app, 'other');
    namespaceIn(partner).addChannel('Fabrikam', { ...TOPIC, partnerTopicName: 'tickets', source: 'contoso.fabrikam' });
    namespaceIn(other).addChannel('Fabrikam', { ...TOPIC, partnerTopicName: 'tickets', source: 'contoso.fabrikam' });

    const one = PartnerEventsFindings.fromStack(partner);
    one.hasError('EGP001', 'partner/*');
    one.hasNoError('EGP001', 'other/*');
    expect(new Set(one.findings.map((f) => f.path.split('/')[0]))).toEqual(new Set(['partner']));

    const all = PartnerEventsFindings.fromApp(partner); // any construct of the app
    all.hasError('EGP001', 'partner/Namespace/Fabrikam');
    all.hasError('EGP001', 'other/Namespace/Fabrikam');
    expect(all.findings.map((f) => f.path)).toEqual([...all.findings.map((f) => f.path)].sort());
  });

  test('fromStack refuses a scope that is not a stack', () => {
    const stack = newStack();
    const namespace = namespaceIn(stack);
    expect(() => PartnerEventsFindings.fromStack(namespace)).toThrow(/\[stack\/Namespace\] PartnerEventsFindings.fromStack: the scope is not a stack/);
    expect(() => PartnerEventsFindings.fromStack(stack)).not.toThrow();
  });

  test('an error of the stack\'s validations that is not the library\'s is thrown', () => {
    const app = Testing.app();
    const bare = new TerraformStack(app, 'bare'); // no azurerm provider: cdktf refuses the stack
    namespaceIn(bare);
    expect(() => PartnerEventsFindings.fromStack(bare)).toThrow(/provider/i);
    expect(() => PartnerEventsFindings.fromStack(newStack(app, 'with-provider'))).not.toThrow();
  });
});
