// Imports of publisher-side resources: they return interfaces, carry the right attributes and create nothing.
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Channel, EventChannel, IChannel, IEventChannel, PartnerNamespace } from '../../src';
import { newPartnerNamespace } from '../support/fixtures';
import { refusalOf } from '../support/outcomes';
import { createdIn, newStack, SUBSCRIPTION, synthJson } from '../support/synth';

const NS_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2`;
const CHANNEL_ID = `${NS_ID}/channels/fabrikam`;
const EVENT_CHANNEL_ID = `${NS_ID}/eventChannels/fabrikam-source`;

/** The rendered value of a string, through a Terraform output. */
function rendered(stack: TerraformStack, value: string): string {
  new TerraformOutput(stack, `probe${stack.node.children.length}`, { value });
  const outputs = synthJson(stack).output;
  return outputs[Object.keys(outputs).pop()!].value;
}

describe('Channel imports', () => {
  test('fromChannelId: the name and the namespace from the id; no resource', () => {
    const stack = newStack();
    const channel: IChannel = Channel.fromChannelId(stack, 'Existing', CHANNEL_ID);
    expect(channel.channelId).toBe(CHANNEL_ID);
    expect(channel.channelName).toBe('fabrikam');
    expect(channel.partnerNamespaceId).toBe(NS_ID);
    expect(channel.node.path).toBe('stack/Existing');
    expect(channel).not.toBeInstanceOf(Channel);
    expect(createdIn(stack)).toEqual([]);
  });

  test('fromChannelAttributes: the id from an imported namespace and the name; no resource', () => {
    const stack = newStack();
    const namespace = PartnerNamespace.fromPartnerNamespaceId(stack, 'Namespace', NS_ID);
    const channel = Channel.fromChannelAttributes(stack, 'Existing', { partnerNamespace: namespace, channelName: 'fabrikam' });
    expect(channel.channelId).toBe(CHANNEL_ID);
    expect(channel.channelName).toBe('fabrikam');
    expect(channel.partnerNamespaceId).toBe(NS_ID);
    expect(createdIn(stack)).toEqual([]);
  });

  test('fromChannelAttributes on a namespace of the same app: refers to it, adds nothing to what the app creates', () => {
    const without = createdIn(newPartnerNamespace().stack);
    const { stack, namespace } = newPartnerNamespace();
    const channel = Channel.fromChannelAttributes(stack, 'Existing', { partnerNamespace: namespace, channelName: 'fabrikam' });
    expect(createdIn(stack)).toEqual(without);
    expect(rendered(stack, channel.channelId)).toBe('${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}/channels/fabrikam');
  });

  test('an owned channel is an IChannel with the same attributes', () => {
    const { stack, namespace } = newPartnerNamespace();
    const channel: IChannel = namespace.addChannel('Fabrikam', {
      partnerTopicSubscriptionId: SUBSCRIPTION,
      partnerTopicResourceGroupName: 'customer-rg',
      partnerTopicName: 'contoso-tickets',
      channelName: 'fabrikam',
      source: 'com.contoso.account1',
    });
    expect(channel.channelName).toBe('fabrikam');
    expect(channel.partnerNamespaceId).toBe(namespace.partnerNamespaceId);
    expect(rendered(stack, channel.channelId)).toBe('${azapi_resource.Namespace_Fabrikam_A9D04DD4.id}');
  });

  test('fromChannelId with a token: the names are read from the id by Terraform', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'channel_id', { type: 'string' });
    const channel = Channel.fromChannelId(stack, 'Existing', id.stringValue);
    expect(rendered(stack, channel.channelName)).toBe('${element(split("/", var.channel_id), 10)}');
    expect(createdIn(stack)).toEqual([]);
  });

  test.each([
    ['another child type', `${NS_ID}/eventChannels/fabrikam`],
    ['the namespace itself', NS_ID],
    ['a channel of another resource type', `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/domains/contoso/channels/fabrikam`],
    ['a trailing segment', `${CHANNEL_ID}/extra`],
    ['a bare name', 'fabrikam'],
  ])('EGP032: refuses %s, naming the path, the value and the fix', (_what, bad) => {
    const e = refusalOf(() => Channel.fromChannelId(newStack(), 'Bad', bad));
    expect(e.message).toBe(`[stack/Bad] EGP032: channelId is not the ARM id of a Microsoft.EventGrid/partnerNamespaces/channels resource (${JSON.stringify(bad)}) — `
      + 'give /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/partnerNamespaces/<name>/channels/<name>');
    expect(e.findings).toEqual([expect.objectContaining({
      ruleId: 'EGP032',
      path: 'stack/Bad',
      value: JSON.stringify(bad),
      fix: 'give /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/partnerNamespaces/<name>/channels/<name>',
    })]);
  });

  test('the nearest good id is accepted, whatever the case of its fixed segments', () => {
    expect(() => Channel.fromChannelId(newStack(), 'Good', CHANNEL_ID)).not.toThrow();
    const upper = CHANNEL_ID.replace('resourceGroups', 'resourcegroups').replace('Microsoft.EventGrid', 'microsoft.eventgrid');
    expect(Channel.fromChannelId(newStack(), 'Good', upper).channelName).toBe('fabrikam');
  });

  test('EGP030: refuses an empty id', () => {
    const e = refusalOf(() => Channel.fromChannelId(newStack(), 'Empty', ''));
    expect(e.findings).toEqual([expect.objectContaining({ ruleId: 'EGP030', path: 'stack/Empty', value: '""' })]);
  });
});

describe('EventChannel imports', () => {
  test('fromEventChannelId: the name and the namespace from the id; no resource', () => {
    const stack = newStack();
    const channel: IEventChannel = EventChannel.fromEventChannelId(stack, 'Existing', EVENT_CHANNEL_ID);
    expect(channel.eventChannelId).toBe(EVENT_CHANNEL_ID);
    expect(channel.eventChannelName).toBe('fabrikam-source');
    expect(channel.partnerNamespaceId).toBe(NS_ID);
    expect(channel).not.toBeInstanceOf(EventChannel);
    expect(createdIn(stack)).toEqual([]);
  });

  test('fromEventChannelAttributes: the id from the namespace and the name; no resource', () => {
    const stack = newStack();
    const namespace = PartnerNamespace.fromPartnerNamespaceId(stack, 'Namespace', NS_ID);
    const channel = EventChannel.fromEventChannelAttributes(stack, 'Existing', { partnerNamespace: namespace, eventChannelName: 'fabrikam-source' });
    expect(channel.eventChannelId).toBe(EVENT_CHANNEL_ID);
    expect(channel.eventChannelName).toBe('fabrikam-source');
    expect(channel.partnerNamespaceId).toBe(NS_ID);
    expect(createdIn(stack)).toEqual([]);
  });

  test('an owned event channel is an IEventChannel with the same attributes', () => {
    const { namespace } = newPartnerNamespace();
    const channel: IEventChannel = namespace.addEventChannel('Fabrikam', {
      partnerTopicSubscriptionId: SUBSCRIPTION,
      partnerTopicResourceGroupName: 'customer-rg',
      partnerTopicName: 'contoso-tickets',
      eventChannelName: 'fabrikam-source',
      source: 'com.contoso.account1',
    });
    expect(channel.eventChannelName).toBe('fabrikam-source');
    expect(channel.partnerNamespaceId).toBe(namespace.partnerNamespaceId);
  });

  test('EGP032: refuses a channel id, naming the path, the value and the fix; accepts the event channel id', () => {
    const e = refusalOf(() => EventChannel.fromEventChannelId(newStack(), 'Bad', CHANNEL_ID));
    expect(e.message).toContain('[stack/Bad] EGP032: eventChannelId is not the ARM id of a Microsoft.EventGrid/partnerNamespaces/eventChannels resource');
    expect(e.findings).toEqual([expect.objectContaining({
      ruleId: 'EGP032',
      path: 'stack/Bad',
      value: JSON.stringify(CHANNEL_ID),
      fix: 'give /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/partnerNamespaces/<name>/eventChannels/<name>',
    })]);
    expect(() => EventChannel.fromEventChannelId(newStack(), 'Good', EVENT_CHANNEL_ID)).not.toThrow();
  });
});

describe('imports create no construct that renders', () => {
  test('an import is a plain construct with no children', () => {
    const stack = newStack();
    const imports: Construct[] = [
      Channel.fromChannelId(stack, 'Channel', CHANNEL_ID) as unknown as Construct,
      EventChannel.fromEventChannelId(stack, 'EventChannel', EVENT_CHANNEL_ID) as unknown as Construct,
    ];
    for (const i of imports) {
      expect(i.node.children).toEqual([]);
    }
  });
});
