import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { PartnerNamespace, PartnerRegistration, RuleSeverity, TlsVersion, Validations } from '../../src';
import { REPORT_FILE } from '../../src/validation/report';
import { findingLine } from '../../src/validation/rule';
import { runSnippet } from '../support/rule-harness';
import { newStack, onlyResource, SUBSCRIPTION, synthJson } from '../support/synth';

function readReport(app: App): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, REPORT_FILE), 'utf8'));
}

function namespaceIn(stack = newStack(), id = 'Namespace', extra: object = {}) {
  const registration = new PartnerRegistration(stack, `${id}Registration`, { resourceGroupName: 'rg', registrationName: `reg-${id.toLowerCase()}` });
  return new PartnerNamespace(stack, id, { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, ...extra });
}

const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer', partnerTopicName: 'tickets', source: 'contoso.a' };

describe('suppressions', () => {
  test('a suppressed synth-time error does not fail synth and is reported with its reason', () => {
    const app = Testing.app();
    const stack = newStack(app);
    const ns = namespaceIn(stack);
    const other = namespaceIn(stack, 'Other');
    ns.addChannel('A', { ...target, channelName: 'fabrikam' });
    other.addChannel('B', { ...target, partnerTopicName: 'tickets-2', channelName: 'fabrikam' });
    expect(() => Testing.synth(stack, true)).toThrow(/EGP012/);
    Validations.of(stack).suppress('EGP012', 'the two namespaces are in different clouds');
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const report = readReport(app);
    const egp012 = report.findings.filter((f: any) => f.ruleId === 'EGP012');
    expect(egp012).toHaveLength(2);
    expect(egp012[0]).toEqual({
      ruleId: 'EGP012',
      severity: 'error',
      path: 'stack/Namespace/A',
      message: expect.stringMatching(/^EGP012: channel name is also used in region westus2 by stack\/Other\/B/),
      suppressed: true,
      suppressedAt: 'stack',
      suppressionReason: 'the two namespaces are in different clouds',
    });
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(2);
    expect(report.summary.error).toBe(0);
  });

  test('a suppression covers the construct and its children only', () => {
    const stack = newStack();
    const ns = namespaceIn(stack);
    const other = namespaceIn(stack, 'Other');
    ns.addChannel('A', { ...target, channelName: 'fabrikam' });
    const b = other.addChannel('B', { ...target, partnerTopicName: 'tickets-2', channelName: 'fabrikam' });
    Validations.of(b).suppress('EGP012', 'B is being renamed');
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/A\] EGP012/);
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('[stack/Other/B]');
  });

  test('a constructor-time error is suppressed by a suppression on a parent made before the construct', () => {
    const app = Testing.app();
    const stack = newStack(app);
    const ns = namespaceIn(stack);
    expect(() => ns.addChannel('Long', { ...target, messageForActivation: 'x'.repeat(300) })).toThrow(/EGP005/);
    Validations.of(ns).suppress('EGP005', 'the service accepts longer messages in our sovereign cloud');
    const channel = ns.addChannel('Long2', { ...target, partnerTopicName: 'tickets-2', messageForActivation: 'x'.repeat(300) });
    expect(channel.channelName).toBeDefined();
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const f = readReport(app).findings.find((x: any) => x.ruleId === 'EGP005');
    expect(f).toMatchObject({ path: 'stack/Namespace/Long2', suppressed: true, suppressedAt: 'stack/Namespace' });
  });

  test('the mission rules EGP001 and EGP002 cannot be suppressed', () => {
    const stack = newStack();
    expect(() => Validations.of(stack).suppress('EGP001', 'we know'))
      .toThrow('[stack] Validations.suppress: EGP001 (One channel per partner topic) cannot be suppressed — it is one of the library\'s mission rules; fix the configuration instead');
    expect(() => Validations.of(stack).suppress('EGP002', 'we know')).toThrow(/EGP002 \(CloudEvents 1.0 only\) cannot be suppressed/);
    const ns = namespaceIn(stack);
    ns.addChannel('A', target);
    ns.addChannel('B', { ...target, source: 'contoso.b' });
    expect(() => Testing.synth(stack, true)).toThrow(/EGP001/);
  });

  test('a suppression needs a reason and a known rule id', () => {
    const stack = newStack();
    expect(() => Validations.of(stack).suppress('EGP008', ''))
      .toThrow('[stack] Validations.suppress: suppressing EGP008 needs a reason (got "") — say why the finding is acceptable here');
    expect(() => Validations.of(stack).suppress('EGP008', '   ')).toThrow(/needs a reason/);
    expect(() => Validations.of(stack).suppress('EGP999', 'why not')).toThrow('[stack] Validations.suppress: unknown rule id "EGP999" — use one of EGP001,');
    expect(() => Validations.of(stack).suppress('EGP008', 'legacy names kept for existing customers')).not.toThrow();
  });

  test('suppressed warnings are not annotated, unsuppressed ones are', () => {
    const stack = newStack();
    const ns = namespaceIn(stack, 'Namespace', { minimumTlsVersion: TlsVersion.TLS1_1 });
    const quiet = namespaceIn(stack, 'Quiet', { minimumTlsVersion: TlsVersion.TLS1_1 });
    Validations.of(quiet).suppress('EGP023', 'a publisher on an old TLS stack until March');
    synthJson(stack);
    const warnings = (c: any) => c.node.metadata.filter((m: any) => m.type === '@cdktf/warn').map((m: any) => m.data);
    expect(warnings(ns)).toEqual([expect.stringMatching(/^EGP023: the namespace accepts publishers on TLS below 1\.2 \("1\.1"\)/)]);
    expect(warnings(quiet)).toEqual([]);
  });
});

describe('strict mode', () => {
  test('warnings fail synth in strict mode only', () => {
    const build = () => {
      const stack = newStack();
      namespaceIn(stack, 'Namespace', { minimumTlsVersion: TlsVersion.TLS1_0 });
      return stack;
    };
    expect(() => synthJson(build())).not.toThrow();
    const strict = build();
    Validations.of(strict).enableStrictMode();
    expect(() => synthJson(strict)).toThrow(/\[stack\/Namespace\] EGP023: the namespace accepts publishers on TLS below 1\.2 \("1\.0"\) — .* \(a warning; strict mode makes it fail synth\)/);
  });

  test('the context key turns strict mode on for the app; advice (info) never fails synth', () => {
    const app = Testing.app({ context: { [Validations.STRICT_CONTEXT_KEY]: true } });
    const stack = newStack(app);
    namespaceIn(stack, 'Namespace', { minimumTlsVersion: TlsVersion.TLS1_1 });
    expect(() => synthJson(stack)).toThrow(/EGP023/);
    const calm = newStack(Testing.app({ context: { [Validations.STRICT_CONTEXT_KEY]: true } }));
    namespaceIn(calm); // EGP022 and EGP024 are advice
    expect(() => synthJson(calm)).not.toThrow();
  });
});

describe('the report', () => {
  test('is written at every synth, also when synth fails, sorted and complete', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const app = new App({ outdir });
    const stack = newStack(app, 'partner');
    const ns = namespaceIn(stack, 'Namespace', { minimumTlsVersion: TlsVersion.TLS1_0 });
    ns.addChannel('A', target);
    ns.addChannel('B', { ...target, source: 'contoso.b', channelName: 'b-channel' });
    expect(() => app.synth()).toThrow(/EGP001/);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, REPORT_FILE), 'utf8'));
    expect(report.tool).toBe('cdktf-azure-partner-events');
    expect(report.findings.map((f: any) => `${f.path} ${f.ruleId} ${f.severity}`)).toEqual([
      'partner/Namespace EGP022 info',
      'partner/Namespace EGP023 warning',
      'partner/Namespace EGP024 info',
      'partner/Namespace/A EGP001 error',
      'partner/Namespace/B EGP001 error',
    ]);
    expect(report.summary).toEqual({ error: 2, warning: 1, info: 2, suppressed: 0 });
  });

  test('lists no finding for a clean app, and is deterministic', () => {
    const build = () => {
      const app = Testing.app();
      const stack = newStack(app);
      namespaceIn(stack, 'Namespace', { localAuthEnabled: false, inboundIpRules: [{ ipMask: '203.0.113.0/24' }] }).addChannel('A', target);
      Testing.synth(stack, true);
      return fs.readFileSync(path.join(app.outdir, REPORT_FILE), 'utf8');
    };
    const first = build();
    expect(JSON.parse(first)).toEqual({ tool: 'cdktf-azure-partner-events', reportVersion: 1, summary: { error: 0, warning: 0, info: 0, suppressed: 0 }, findings: [] });
    expect(build()).toBe(first);
  });

  test('Validations.rules() lists the registry', () => {
    const rules = Validations.rules();
    expect(rules.length).toBeGreaterThanOrEqual(28);
    expect(rules.filter((r) => !r.suppressible).map((r) => r.id)).toEqual(['EGP001', 'EGP002']);
    expect(rules.find((r) => r.id === 'EGP023')!.severity).toBe(RuleSeverity.WARNING);
  });
});

describe('grantPublish', () => {
  test('gives a principal EventGrid Data Sender on the namespace; refuses a principal id that is not a GUID', () => {
    const stack = newStack();
    const ns = namespaceIn(stack, 'Namespace', { localAuthEnabled: false });
    ns.grantPublish('Publisher', '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41');
    expect(onlyResource(synthJson(stack), 'azurerm_role_assignment')).toEqual({
      scope: '${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}',
      role_definition_name: 'EventGrid Data Sender',
      principal_id: '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41',
      description: expect.stringContaining('publish events to partner namespace'),
    });
    expect(() => ns.grantPublish('Bad', 'publisher-app')).toThrow('[stack/Namespace/Bad] EGP004: principalId is not a GUID ("publisher-app")');
  });
});

/**
 * The catalogue: distinct bad configurations across the rules, each refused with a message that names the
 * construct path, the value and the fix.
 */
const catalogue: Array<[string, string, string]> = [
  ['EGP001', "namespace.addChannel('A', { ...target, source: 'a' }); namespace.addChannel('B', { ...target, source: 'b' });", 'stack/Namespace/A'],
  ['EGP001', "namespace.addChannel('A', { ...target, source: 'a' }); legacyNamespace.addEventChannel('B', { ...target, source: 'b' });", 'stack/LegacyNamespace/B'],
  ['EGP002', "const c = namespace.addChannel('A', { ...target, source: 'a' }); (c.node.defaultChild as TerraformResource).addOverride('body.properties.inputSchema', 'CustomEventSchema');", 'stack/Namespace/A'],
  ['EGP002', "(namespace.node.defaultChild as TerraformResource).addOverride('input_mapping_fields', { id: 'x' });", 'stack/Namespace'],
  ['EGP003', "legacyNamespace.addChannel('A', { ...target, source: 'a' });", 'stack/LegacyNamespace/A'],
  ['EGP003', "namespace.addEventChannel('A', { ...target, source: 'a' });", 'stack/Namespace/A'],
  ['EGP004', "namespace.addChannel('A', { ...target, partnerTopicSubscriptionId: '12345', source: 'a' });", 'stack/Namespace/A'],
  ['EGP004', "legacyNamespace.addEventChannel('A', { ...target, partnerTopicSubscriptionId: 'sub-1', source: 'a' });", 'stack/LegacyNamespace/A'],
  ['EGP004', "PartnerTopic.fromPartnerTopicAttributes(stack, 'T', { ...target, partnerTopicSubscriptionId: 'nope', location: 'westus2' });", 'stack/T'],
  ['EGP005', "namespace.addChannel('A', { ...target, source: 'a', messageForActivation: 'm'.repeat(257) });", 'stack/Namespace/A'],
  ['EGP006', "namespace.addChannel('A', { ...target, source: 'a', expiresIfNotActivatedAfter: Duration.seconds(30) });", 'stack/Namespace/A'],
  ['EGP006', "namespace.addChannel('A', { ...target, source: 'a', expirationTimeIfNotActivatedUtc: 'tomorrow' });", 'stack/Namespace/A'],
  ['EGP006', "legacyNamespace.addEventChannel('A', { ...target, source: 'a', expiresIfNotActivatedAfter: Duration.days(10) });", 'stack/LegacyNamespace/A'],
  ['EGP007', "namespace.addChannel('A', { ...target, source: 'a', eventTypes: [] });", 'stack/Namespace/A'],
  ['EGP007', "namespace.addChannel('A', { ...target, source: 'a', eventTypes: [{ type: '' }] });", 'stack/Namespace/A'],
  ['EGP008', "namespace.addChannel('A', { ...target, source: 'a', channelName: 'a.b' });", 'stack/Namespace/A'],
  ['EGP008', "new PartnerNamespace(stack, 'N', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'x' });", 'stack/N'],
  ['EGP009', "legacyNamespace.addEventChannel('A', { ...target, source: 'a', advancedFilters: [AdvancedFilter.isNullOrUndefined('data.x')] });", 'stack/LegacyNamespace/A'],
  ['EGP009', "topic.addEventSubscription('S', { destination: webhook, advancedFilters: [AdvancedFilter.stringContains('subject', ['s'.repeat(600)])] });", 'stack/Topic/S'],
  ['EGP009', "topic.addEventSubscription('S', { destination: webhook, advancedFilters: Array.from({ length: 26 }, (_, i) => AdvancedFilter.isNotNull(`data.f${i}`)) });", 'stack/Topic/S'],
  ['EGP010', "new PartnerNamespace(stack, 'N', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, apiVersion: PartnerEventsApiVersion.V2022_06_15, minimumTlsVersion: TlsVersion.TLS1_1 });", 'stack/N'],
  ['EGP030', "namespace.addChannel('A', { ...target, partnerTopicResourceGroupName: '', source: 'a' });", 'stack/Namespace/A'],
  ['EGP031', "new PartnerNamespace(stack, 'N', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, inboundIpRules: [{ ipMask: 'everyone' }] });", 'stack/N'],
  ['EGP032', "PartnerNamespace.fromPartnerNamespaceId(stack, 'N', '/subscriptions/x/resourceGroups/rg');", 'stack/N'],
  ['EGP012', "namespace.addChannel('A', { ...target, source: 'a', channelName: 'same' }); namespace.addChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'b', channelName: 'same' });", 'stack/Namespace/A'],
  ['EGP013', 'for (let i = 0; i < 501; i++) { topic.addEventSubscription(`S${i}`, { destination: webhook }); }', 'stack/Topic/S500'],
  ['EGP014', "topic.addEventSubscription('S', { destination: webhook, maxDeliveryAttempts: 0 });", 'stack/Topic/S'],
  ['EGP014', "topic.addEventSubscription('S', { destination: webhook, eventTimeToLive: Duration.seconds(30) });", 'stack/Topic/S'],
  ['EGP015', "topic.addEventSubscription('S', { destination: new destinations.WebHook({ endpointUrl: 'https://x.example', preferredBatchSizeInKilobytes: 2048 }) });", 'stack/Topic/S'],
  ['EGP015', "topic.addEventSubscription('S', { destination: new destinations.WebHook({ endpointUrl: 'https://x.example', maxEventsPerBatch: 0 }) });", 'stack/Topic/S'],
  ['EGP016', "topic.addEventSubscription('S', { destination: webhook, eventSubscriptionName: 'under_score' });", 'stack/Topic/S'],
  ['EGP017', "new PartnerConfiguration(stack, 'C', { resourceGroupName: 'rg', defaultMaximumExpiration: Duration.days(400) });", 'stack/C'],
  ['EGP017', "new PartnerConfiguration(stack, 'C', { resourceGroupName: 'rg', authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso', expiresAfter: Duration.hours(12) }] });", 'stack/C'],
  ['EGP018', "topic.addEventSubscription('S', { destination: new destinations.WebHook({ endpointUrl: 'http://x.example/hook' }) });", 'stack/Topic/S'],
  ['EGP019', "PartnerTopic.fromPartnerTopicAttributes(stack, 'P', { ...target, location: 'westus2' }).addEventSubscription('S', { destination: new destinations.EventHub({ eventHubId: HUB }), deliverWithTopicIdentity: true });", 'stack/P/S'],
  ['EGP020', "new PartnerNamespace(stack, 'East', { resourceGroupName: 'rg', location: 'eastus', partnerRegistration: registration }).addChannel('C', { ...target, partnerTopicName: 'contoso-tickets', source: 'a' });", 'stack/Topic'],
  ['EGP021', "legacyNamespace.addEventChannel('A', { ...target, source: 'same' }); legacyNamespace.addEventChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'same' });", 'stack/LegacyNamespace/A'],
  ['EGP023', "new PartnerNamespace(stack, 'N', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, minimumTlsVersion: TlsVersion.TLS1_0 });", 'stack/N'],
  ['EGP025', "legacyNamespace.addEventChannel('A', { ...target, source: 'a' });", 'stack/LegacyNamespace/A'],
  ['EGP026', "new PartnerConfiguration(stack, 'C1', { resourceGroupName: 'rg' }); new PartnerConfiguration(stack, 'C2', { resourceGroupName: 'RG' });", 'stack/C1'],
  ['EGP027', "topic.addEventSubscription('S1', { destination: webhook, eventSubscriptionName: 'same' }); topic.addEventSubscription('S2', { destination: webhook, eventSubscriptionName: 'same' });", 'stack/Topic/S1'],
  ['EGP028', "new PartnerNamespace(stack, 'N1', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'dup' }); new PartnerNamespace(stack, 'N2', { resourceGroupName: 'rg2', location: 'westus2', partnerRegistration: registration, namespaceName: 'dup' });", 'stack/N1'],
];

describe('the catalogue of bad configurations', () => {
  test('holds at least 40 distinct configurations', () => {
    expect(new Set(catalogue.map(([, code]) => code)).size).toBe(catalogue.length);
    expect(catalogue.length).toBeGreaterThanOrEqual(40);
  });

  test.each(catalogue)('%s: %s', (ruleId, code, expectedPath) => {
    const outcome = runSnippet(code);
    const message = outcome.thrown ?? outcome.added.filter((f) => f.ruleId === ruleId).map((f) => `[${f.path}] ${findingLine(f)}`).find((m) => m.startsWith(`[${expectedPath}] `));
    expect(message).toBeDefined();
    // the construct path, the rule, what is wrong with the value in parentheses, and the fix after the dash
    expect(message).toMatch(new RegExp(`^\\[${expectedPath.replace(/\//g, '\\/')}\\] ${ruleId}: .+ \\(.+\\) — .{10,}`));
  });
});
