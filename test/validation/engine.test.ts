import { App, Lazy, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PartnerNamespace, PartnerRegistration, Validations } from '../../src';
import { groupBy, ruleContext } from '../../src/validation/context';
import { ValidationIndex } from '../../src/validation/engine';
import { PartnerEventsValidationError } from '../../src/validation/validation-error';
import { thrown } from '../support/outcomes';
import { newStack, SUBSCRIPTION } from '../support/synth';

const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer', partnerTopicName: 'tickets', source: 'com.contoso.a' };

function namespaceIn(app: App, stackId = 'stack') {
  const stack = newStack(app, stackId);
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'rg', registrationName: `reg-${stackId}` });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'rg',
    location: 'westus2',
    partnerRegistration: registration,
    localAuthEnabled: false,
    inboundIpRules: [{ ipMask: '203.0.113.0/24' }],
  });
  return { stack, namespace };
}

describe('typed findings', () => {
  test('each finding has its rule id, severity, path, shown value, fix and what is wrong, none parsed from text', () => {
    const app = Testing.app();
    const { stack, namespace } = namespaceIn(app);
    namespace.addChannel('A', target);
    namespace.addChannel('B', { ...target, source: 'com.contoso.b' });
    thrown(() => Testing.synth(stack, true));
    const a = ValidationIndex.of(stack).allFindings().find((f) => f.path === 'stack/Namespace/A')!;
    expect(a).toMatchObject({
      ruleId: 'EGP001',
      severity: 'error',
      path: 'stack/Namespace/A',
      value: `"/subscriptions/${SUBSCRIPTION}/resourceGroups/customer/providers/Microsoft.EventGrid/partnerTopics/tickets"`,
      fix: "give each customer's channel its own partner topic name, or remove the duplicate channel",
      message: 'Channel stack/Namespace/A targets the partner topic that Channel stack/Namespace/B also targets; a partner topic belongs to exactly one channel',
    });
    expect(a.suppressedAt).toBeUndefined();
  });
});

describe('one error type at synth', () => {
  test('synth with error findings throws a PartnerEventsValidationError carrying them, with cdktf\'s message', () => {
    const app = Testing.app();
    const { stack, namespace } = namespaceIn(app);
    namespace.addChannel('A', target);
    namespace.addChannel('B', { ...target, source: 'com.contoso.b' });
    const error = thrown(() => Testing.synth(stack, true));
    expect(error).toBeInstanceOf(PartnerEventsValidationError);
    expect((error as Error).name).toBe('PartnerEventsValidationError');
    const message = (error as Error).message;
    expect(message).toMatch(/^Synth failed: 2 error\(s\) of cdktf-azure-partner-events \(every finding, 0 warning\(s\) and 0 advice included, is in \S+partner-events-validation\.json\):\n {2}\[stack\/Namespace\/A\] EGP001: .+\n {2}\[stack\/Namespace\/B\] EGP001: /);
    // cdktf's advice to skip validations is not repeated: the mission rules hold even with skipValidation
    expect(message).not.toContain("pass 'skipValidation: true'");
    expect(message).toMatch(/EGP001 and EGP002 hold even with skipValidation: true/);
    expect(Validations.findingsOf(error).map((f) => [f.ruleId, f.path])).toEqual([['EGP001', 'stack/Namespace/A'], ['EGP001', 'stack/Namespace/B']]);
  });

  test('the nearest good input (two partner topics) synthesizes', () => {
    const app = Testing.app();
    const { stack, namespace } = namespaceIn(app);
    namespace.addChannel('A', target);
    namespace.addChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'com.contoso.b' });
    expect(thrown(() => Testing.synth(stack, true))).toBeUndefined();
  });

  test('a failure of another construct\'s own cdktf validation stays cdktf\'s error', () => {
    const app = Testing.app();
    const { stack, namespace } = namespaceIn(app);
    namespace.addChannel('A', target);
    const other = new Construct(stack, 'Other');
    other.node.addValidation({ validate: () => ['not ready'] });
    const error = thrown(() => Testing.synth(stack, true));
    expect((error as Error).message).toContain('[stack/Other] not ready');
    expect(PartnerEventsValidationError.isValidationError(error)).toBe(false);
    expect(Validations.findingsOf(error)).toEqual([]);
  });

  test('the error of the first failing stack shows every error of the app, each once', () => {
    const app = Testing.app();
    const west = namespaceIn(app, 'west');
    const east = namespaceIn(app, 'east');
    west.namespace.addChannel('A', target);
    east.namespace.addChannel('B', { ...target, source: 'com.contoso.b' });
    west.namespace.addChannel('C', { ...target, partnerTopicName: 'tickets-2', source: 'com.contoso.c' });
    east.namespace.addChannel('D', { ...target, partnerTopicName: 'TICKETS-2', source: 'com.contoso.d' });
    const error = thrown(() => Testing.synth(east.stack, true));
    expect(Validations.findingsOf(error).map((f) => f.path)).toEqual(['east/Namespace/B', 'east/Namespace/D', 'west/Namespace/A', 'west/Namespace/C']);
    const lines = (error as Error).message.split('\n').filter((l) => l.startsWith('  ['));
    expect(lines.map((l) => l.slice(2, l.indexOf(']') + 1))).toEqual(['[east/Namespace/B]', '[east/Namespace/D]', '[west/Namespace/A]', '[west/Namespace/C]']);
  });
});

describe('RuleContext', () => {
  test('groups channels by partner topic once per context, case-insensitively, skipping tokens', () => {
    const construct = new Construct(Testing.app(), 'X');
    const namespace = Object.assign(new Construct(construct, 'N'), { location: 'westus2' });
    const channel = (name: string, topic: string) => ({
      construct: new Construct(namespace, name),
      kind: 'Channel',
      namespace,
      source: name,
      channelName: name,
      partnerTopicSubscriptionId: SUBSCRIPTION,
      partnerTopicResourceGroupName: 'rg',
      partnerTopicName: topic,
    });
    const channels = [channel('a', 'tickets'), channel('b', 'TICKETS'), channel('c', 'other'), channel('d', Lazy.stringValue({ produce: () => 'tickets' }))];
    const none = {
      topicReferences: [], subscriptions: [], identities: [], libraryConstructs: [], foreignResources: [], partnerTopicIds: [], stacks: [],
    };
    const context = ruleContext({ channels, ...none });
    const byTopic = context.channelsByTopic();
    expect(context.channelsByTopic()).toBe(byTopic);
    expect([...byTopic.values()].map((g) => g.map((c) => c.channelName))).toEqual([['a', 'b'], ['c']]);
    expect(context.partnerTopicId(channels[0])).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.EventGrid/partnerTopics/tickets`);
  });

  test('groupBy keeps insertion order and leaves out undefined keys', () => {
    expect([...groupBy([3, 1, 4, 1, 5], (n) => (n === 4 ? undefined : n % 2)).entries()]).toEqual([[1, [3, 1, 1, 5]]]);
    expect([...groupBy([2, 3], (n) => n % 2).keys()]).toEqual([0, 1]);
  });
});
