// The mission rules (EGP001 one channel per partner topic, EGP002 CloudEvents 1.0 only) hold whatever the synth
// options: cdktf's error advises skipValidation, and following it must not let either into cdk.tf.json.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, Testing } from 'cdktf';
import { destinations, PartnerNamespace, PartnerRegistration, Validations } from '../../src';
import { MISSION_RULES } from '../../src/validation/registry';
import { thrown } from '../support/outcomes';
import { newStack, SUBSCRIPTION } from '../support/synth';

const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'fabrikam', partnerTopicName: 'tickets' };

function partnerApp(skipValidation: boolean) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-bypass-'));
  const app = new App({ outdir, skipValidation });
  const stack = newStack(app, 'partner');
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'contoso', registrationName: 'contoso-tickets' });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  const written = () => fs.existsSync(path.join(outdir, 'stacks', 'partner', 'cdk.tf.json'));
  return { app, stack, namespace, written };
}

describe('EGP001 and EGP002 hold with skipValidation', () => {
  test('two channels on one partner topic: app.synth() with skipValidation fails and writes no cdk.tf.json', () => {
    const { app, namespace, written } = partnerApp(true);
    namespace.addChannel('A', { ...target, source: 'contoso.a' });
    namespace.addChannel('B', { ...target, partnerTopicName: 'TICKETS', source: 'contoso.b' });
    const error = thrown(() => app.synth());
    expect(Validations.findingsOf(error).map((f) => [f.ruleId, f.path])).toEqual([['EGP001', 'partner/Namespace/A'], ['EGP001', 'partner/Namespace/B']]);
    expect((error as Error).message).toMatch(/hold whatever the synth options \(skipValidation included\)/);
    expect(written()).toBe(false);
  });

  test('a delivery schema override: app.synth() with skipValidation fails and writes no cdk.tf.json', () => {
    const { app, namespace, written } = partnerApp(true);
    const channel = namespace.addChannel('A', { ...target, source: 'contoso.a' });
    const sub = channel.partnerTopic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events' }) });
    (sub.node.defaultChild as TerraformResource).addOverride('body.properties.eventDeliverySchema', 'EventGridSchema');
    const error = thrown(() => app.synth());
    expect(Validations.findingsOf(error).map((f) => [f.ruleId, f.value])).toEqual([['EGP002', '"EventGridSchema"']]);
    expect(written()).toBe(false);
  });

  test('Testing.synth without validations refuses them too', () => {
    const { stack, namespace } = partnerApp(false);
    namespace.addChannel('A', { ...target, source: 'contoso.a' });
    namespace.addChannel('B', { ...target, source: 'contoso.b' });
    expect(() => Testing.synth(stack)).toThrow(/\[partner\/Namespace\/B\] EGP001/);
  });

  test('the nearest good app (two partner topics) synthesizes with skipValidation', () => {
    const { app, namespace, written } = partnerApp(true);
    namespace.addChannel('A', { ...target, source: 'contoso.a' });
    namespace.addChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'contoso.b' });
    expect(() => app.synth()).not.toThrow();
    expect(written()).toBe(true);
  });

  test('a synth checks them once for the stack it writes (not once per finding, nor again for cdk.tf.json)', () => {
    const { app, namespace, written } = partnerApp(true);
    for (const name of ['A', 'B', 'C']) {
      namespace.addChannel(name, { ...target, partnerTopicName: `tickets-${name}`, source: `contoso.${name}` });
    }
    const check = jest.spyOn(MISSION_RULES[0], 'check');
    try {
      app.synth();
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
    expect(written()).toBe(true);
  });

  test('a synth that passed leaves no pass behind: an override made after it is refused by the next rendering', () => {
    const { app, stack, namespace } = partnerApp(true);
    namespace.addChannel('A', { ...target, source: 'contoso.a' });
    const b = namespace.addChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'contoso.b' });
    app.synth();
    (b.node.defaultChild as TerraformResource).addOverride('body.properties.partnerTopicInfo.name', 'tickets');
    expect(() => Testing.synth(stack)).toThrow(/EGP001/);
  });
});
