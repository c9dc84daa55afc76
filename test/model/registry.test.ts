import { TerraformResource } from 'cdktf';
import {
  EventChannel, PartnerNamespace,
} from '../../src';
import { descriptionOf, partnerTopicOf, ResourceModel, setMember, splitPath } from '../../src/model';
import { newPartnerNamespace } from '../support/fixtures';
import { newStack, SUBSCRIPTION, synthJson } from '../support/synth';

function partnerStack() {
  const stack = newStack();
  const { registration, namespace } = newPartnerNamespace(stack);
  const channel = namespace.addChannel('Fabrikam', {
    partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'fabrikam-events', partnerTopicName: 'tickets', source: 'contoso.fabrikam',
  });
  return { stack, registration, namespace, channel };
}

describe('the resource model of an app', () => {
  test('every described resource, in order, counted per stack', () => {
    const { stack, registration, namespace, channel } = partnerStack();
    const model = ResourceModel.of(stack);
    expect(model.constructsOf(stack)).toEqual([registration, namespace, channel]);
    expect(model.countOf(stack)).toBe(3);
    expect(descriptionOf(channel)!.type).toBe('Microsoft.EventGrid/partnerNamespaces/channels');
    expect(descriptionOf(channel)!.parent).toBe(namespace);
    expect(descriptionOf(namespace)!.scope).toEqual({ kind: 'resourceGroup', resourceGroupName: 'partner-rg' });
  });

  test('a channel\'s partner topic comes from its properties', () => {
    const { channel } = partnerStack();
    expect(partnerTopicOf(descriptionOf(channel)!)!.id).toBe(channel.partnerTopicId);
  });

  test('an event channel\'s partner topic comes from its destination', () => {
    const { stack, registration } = partnerStack();
    const ns = new PartnerNamespace(stack, 'Legacy', {
      resourceGroupName: 'partner-rg',
      location: 'westus2',
      partnerRegistration: registration,
      namespaceName: 'contoso-legacy',
      routingMode: 'SourceEventAttribute' as any,
    });
    const ec = new EventChannel(ns, 'Fabrikam', {
      partnerNamespace: ns, partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'g', partnerTopicName: 'legacy', source: 's',
    });
    expect(partnerTopicOf(descriptionOf(ec)!)!.id).toBe(ec.partnerTopicId);
  });

  test('an escape hatch on an azapi block is what the model shows', () => {
    const { channel } = partnerStack();
    const block = channel.node.defaultChild as TerraformResource;
    block.addOverride('body.properties.partnerTopicInfo.name', 'other-topic');
    block.addOverride('body.properties.messageForActivation', 'x'.repeat(300));
    const d = descriptionOf(channel)!;
    expect(partnerTopicOf(d)!.name).toBe('other-topic');
    expect(d.properties.messageForActivation).toHaveLength(300);
    expect(d.properties.partnerTopicInfo.source).toBe('contoso.fabrikam'); // the rest of the member is kept
    // without the escape hatches, the construct's own description
    expect(descriptionOf(channel, { withRenderedOverrides: false })!.properties.partnerTopicInfo.name).toBe('tickets');
  });

  test('an escape hatch on an azurerm block maps back through the azurerm mapping', () => {
    const { namespace } = partnerStack();
    const block = namespace.node.defaultChild as TerraformResource;
    expect(descriptionOf(namespace)!.properties.disableLocalAuth).toBe(false);
    block.addOverride('local_authentication_enabled', false);
    block.addOverride('inbound_ip_rule', [{ ip_mask: '203.0.113.0/24' }]);
    const d = descriptionOf(namespace)!;
    expect(d.properties.disableLocalAuth).toBe(true);
    expect(d.properties.inboundIpRules).toEqual([{ ipMask: '203.0.113.0/24', action: 'Allow' }]);
    block.addOverride('some_unmapped_attribute', 1); // not a member of the description: ignored by the model
    expect(descriptionOf(namespace)).toEqual(d);
  });

  test('the namespace\'s azurerm block is rendered from its description', () => {
    const { stack, namespace } = partnerStack();
    const json = synthJson(stack, false);
    const block: any = Object.values(json.resource.azurerm_eventgrid_partner_namespace)[0];
    const d = descriptionOf(namespace)!;
    expect(block.name).toBe(d.name);
    expect(block.location).toBe(d.location);
    expect(block.local_authentication_enabled).toBe(!d.properties.disableLocalAuth);
    expect(block.partner_topic_routing_mode).toBe(d.properties.partnerTopicRoutingMode);
    expect(block.resource_group_name).toBe('partner-rg');
  });

  test('a library property override changes the description; a path with an empty member is refused', () => {
    const { channel } = partnerStack();
    ResourceModel.of(channel).addPropertyOverride(channel, 'properties.messageForActivation', 'hello');
    expect(descriptionOf(channel)!.properties.messageForActivation).toBe('hello');
    expect(() => ResourceModel.of(channel).addPropertyOverride(channel, 'properties..x', 1)).toThrow(/is not a member path/);
    expect(() => ResourceModel.of(channel).addPropertyOverride(channel.node.scope!, 'properties.x', 1)).not.toThrow();
  });

  test('a construct that describes nothing refuses property overrides, naming its path', () => {
    const { stack } = partnerStack();
    expect(() => ResourceModel.of(stack).addPropertyOverride(stack, 'properties.x', 1)).toThrow(/\[stack\] describes no Azure resource/);
  });

  test('setMember copies, sets deep members and removes with undefined', () => {
    const input = { a: { b: 1, c: 2 } };
    expect(setMember(input, ['a', 'b'], 3)).toEqual({ a: { b: 3, c: 2 } });
    expect(setMember(input, ['a', 'c'], undefined)).toEqual({ a: { b: 1 } });
    expect(setMember(input, ['x', 'y'], 1)).toEqual({ a: { b: 1, c: 2 }, x: { y: 1 } });
    expect(input).toEqual({ a: { b: 1, c: 2 } });
    expect(splitPath('tags.cost\\.center')).toEqual(['tags', 'cost.center']);
  });
});


describe('actions in the model', () => {
  test('a namespace lists listKeys only once the app reads a key', () => {
    const { namespace } = partnerStack();
    expect(descriptionOf(namespace)!.actions).toBeUndefined();
    void namespace.partnerNamespacePrimaryKey;
    expect(descriptionOf(namespace)!.actions).toEqual([expect.objectContaining({ action: 'listKeys' })]);
  });

  test('a partner topic lists its identity PATCH and its activation, as the app calls them', () => {
    const { channel } = partnerStack();
    const topic = channel.partnerTopic;
    expect(descriptionOf(topic)!.actions).toEqual([]);
    expect(descriptionOf(topic)!.existing).toBe(true);
    topic.activate();
    expect(descriptionOf(topic)!.actions!.map((a) => a.action)).toEqual(['activate']);
  });
});
