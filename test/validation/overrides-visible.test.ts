// The rules read what will be deployed: the resource model's effective descriptions, so an escape hatch
// (`addOverride`) or a property override is checked like a prop.
import { App, TerraformResource, Testing } from 'cdktf';
import { PartnerNamespace, PartnerRegistration } from '../../src';
import { addPropertyOverride } from '../../src/render/terraform/property-overrides';
import { newStack, SUBSCRIPTION } from '../support/synth';

function partner(app: App = Testing.app()) {
  const stack = newStack(app, 'stack');
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'rg', registrationName: 'contoso' });
  const namespace = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
  const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg' };
  const a = namespace.addChannel('A', { ...target, partnerTopicName: 'tickets-a', source: 'com.contoso.a' });
  const b = namespace.addChannel('B', { ...target, partnerTopicName: 'tickets-b', source: 'com.contoso.b' });
  return { stack, a, b };
}

const block = (c: { node: { defaultChild?: unknown } }) => c.node.defaultChild as TerraformResource;

describe('EGP001 over overrides', () => {
  test('an addOverride that moves a channel onto another channel\'s partner topic is refused, on both channels', () => {
    const { stack, b } = partner();
    block(b).addOverride('body.properties.partnerTopicInfo.name', 'TICKETS-A');
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/A\] EGP001: Channel stack\/Namespace\/A targets the partner topic that Channel stack\/Namespace\/B also targets/);
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/B\] EGP001: .*partnerTopics\/TICKETS-A/);
  });

  test('the nearest good override (a topic of its own) is accepted', () => {
    const { stack, b } = partner();
    block(b).addOverride('body.properties.partnerTopicInfo.name', 'tickets-a2');
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('a property override is checked the same way', () => {
    const { stack, b } = partner();
    addPropertyOverride(b, 'partnerTopicInfo.resourceGroupName', 'Customer-RG');
    addPropertyOverride(b, 'partnerTopicInfo.name', 'tickets-a');
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/B\] EGP001/);
  });
});

describe('EGP005 over overrides', () => {
  test('an addOverride that sets a 300-character activation message is refused at synth, naming the channel', () => {
    const { stack, a } = partner();
    block(a).addOverride('body.properties.messageForActivation', 'x'.repeat(300));
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/A\] EGP005: an override sets messageForActivation to 300 characters, more than 256 \("x{20}/);
  });

  test('256 characters, the nearest good message, is accepted', () => {
    const { stack, a } = partner();
    block(a).addOverride('body.properties.messageForActivation', 'x'.repeat(256));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('through addPropertyOverride too', () => {
    const { stack, a } = partner();
    addPropertyOverride(a, 'messageForActivation', 'y'.repeat(257));
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Namespace\/A\] EGP005: an override sets messageForActivation to 257 characters/);
  });
});
