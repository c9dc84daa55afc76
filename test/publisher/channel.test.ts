import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import {
  Channel, Duration, PartnerEventsApiVersion,
} from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../support/fixtures';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, SUBSCRIPTION, synthJson } from '../support/synth';
import { atValidationTime } from '../support/validation-clock';

function namespaceIn(stack = newStack(), apiVersion?: PartnerEventsApiVersion) {
  return newPartnerNamespace(stack, { apiVersion });
}

const target = CUSTOMER_TARGET;

describe('Channel rendering', () => {
  test('renders an azapi channel under the namespace, with the partner topic info and event types', () => {
    const { stack, namespace } = namespaceIn();
    const channel = namespace.addChannel('Fabrikam', {
      ...target,
      channelName: 'fabrikam',
      messageForActivation: 'Activate to receive Contoso tickets',
      eventTypes: [
        { type: 'com.contoso.ticketcreated', displayName: 'Ticket created', description: 'A ticket was opened', documentationUrl: 'https://contoso.example/docs', dataSchemaUrl: 'https://contoso.example/ticket.json' },
        { type: 'com.contoso.ticketclosed' },
      ],
    });
    new TerraformOutput(stack, 'channel_id', { value: channel.channelId });
    const json = synthJson(stack);
    const resource = onlyResource(json, 'azapi_resource');
    expect(resource.type).toBe('Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15');
    expect(resource.name).toBe('fabrikam');
    expect(resource.parent_id).toBe('${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}');
    expect(resource.body.properties).toEqual({
      channelType: 'PartnerTopic',
      partnerTopicInfo: {
        azureSubscriptionId: SUBSCRIPTION,
        resourceGroupName: 'customer-rg',
        name: 'contoso-tickets',
        source: 'com.contoso.account1',
        eventTypeInfo: {
          kind: 'Inline',
          inlineEventTypes: {
            'com.contoso.ticketcreated': { displayName: 'Ticket created', description: 'A ticket was opened', documentationUrl: 'https://contoso.example/docs', dataSchemaUrl: 'https://contoso.example/ticket.json' },
            'com.contoso.ticketclosed': {},
          },
        },
      },
      messageForActivation: 'Activate to receive Contoso tickets',
    });
    expect(channel.partnerTopicId).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets`);
    expect(channel.channelName).toBe('fabrikam');
    expect(json.output.channel_id.value).toMatch(/^\$\{azapi_resource\.Namespace_Fabrikam_[0-9A-F]+\.id\}$/);
  });

  test('snapshot of a namespace with one channel', () => {
    const { stack, namespace } = namespaceIn();
    namespace.addChannel('Fabrikam', { ...target, expiresIfNotActivatedAfter: Duration.days(2), eventTypes: [{ type: 'com.contoso.ticketcreated' }] });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('declares the azapi provider once per stack, however many channels', () => {
    const { stack, namespace } = namespaceIn();
    namespace.addChannel('A', { ...target, partnerTopicName: 'topic-a' });
    namespace.addChannel('B', { ...target, partnerTopicName: 'topic-b' });
    const json = synthJson(stack);
    expect(json.provider.azapi).toHaveLength(1);
    expect(json.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '~> 2.5' });
  });

  test('a duration expiry is computed when the channel is created (plantimestamp) and never updated; output is deterministic', () => {
    const { stack, namespace } = namespaceIn();
    namespace.addChannel('Fabrikam', { ...target, channelName: 'fabrikam', expiresIfNotActivatedAfter: Duration.hours(36) });
    const first = Testing.synth(stack);
    expect(Testing.synth(stack)).toBe(first);
    const json = JSON.parse(first);
    const channel = onlyResource(json, 'azapi_resource');
    expect(channel.body.properties.expirationTimeIfNotActivatedUtc).toBe('${timeadd(plantimestamp(), "36h")}');
    expect(channel.lifecycle).toEqual({ ignore_changes: ['body.properties.expirationTimeIfNotActivatedUtc'] });
    expect(json.resource.time_static).toBeUndefined();
    expect(json.terraform.required_version).toBe('>= 1.5');
  });

  test('an explicit expiry timestamp is rendered as given, with no time_static', () => {
    const { stack, namespace } = namespaceIn();
    namespace.addChannel('Fabrikam', { ...target, expirationTimeIfNotActivatedUtc: '2026-12-01T00:00:00Z' });
    const json = synthJson(stack);
    expect(onlyResource(json, 'azapi_resource').body.properties.expirationTimeIfNotActivatedUtc).toBe('2026-12-01T00:00:00Z');
    expect(onlyResource(json, 'azapi_resource').lifecycle).toBeUndefined(); // a change of it is sent
    expect(json.resource.time_static).toBeUndefined();
  });

  test('the API version follows the namespace, and can be chosen per channel', () => {
    const { stack, namespace } = namespaceIn(undefined, PartnerEventsApiVersion.V2022_06_15);
    namespace.addChannel('Old', { ...target, partnerTopicName: 'old' });
    namespace.addChannel('New', { ...target, partnerTopicName: 'new', apiVersion: PartnerEventsApiVersion.V2025_02_15 });
    const types = Object.values(synthJson(stack).resource.azapi_resource).map((r: any) => r.type).sort();
    expect(types).toEqual([
      'Microsoft.EventGrid/partnerNamespaces/channels@2022-06-15',
      'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
    ]);
  });
});

describe('Channel default names', () => {
  test('are derived from the construct path: valid, stable and distinct', () => {
    const { namespace } = namespaceIn();
    const a = namespace.addChannel('customer-a', { ...target, partnerTopicName: 'topic-a' });
    const b = namespace.addChannel('customer_b with spaces', { ...target, partnerTopicName: 'topic-b' });
    for (const name of [a.channelName, b.channelName]) {
      expect(name).toMatch(/^[-a-zA-Z0-9]{3,50}$/);
    }
    expect(a.channelName).not.toBe(b.channelName);
    expect(a.channelName).toBe('stack-Namespace-customer-a-' + a.channelName.slice(-8));
    const again = namespaceIn().namespace.addChannel('customer-a', { ...target, partnerTopicName: 'topic-a' });
    expect(again.channelName).toBe(a.channelName);
  });

  test('stay within 50 characters for deep paths', () => {
    const { namespace } = namespaceIn();
    const c = namespace.addChannel('a-very-long-customer-identifier-that-goes-on-and-on-and-on', { ...target });
    expect(c.channelName.length).toBeLessThanOrEqual(50);
    expect(c.channelName).toMatch(/^[-a-zA-Z0-9]{3,50}$/);
  });
});

describe('Channel eager checks', () => {
  test('EGP004: refuses a subscription id that is not a GUID, accepts a GUID', () => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Bad', { ...target, partnerTopicSubscriptionId: 'my-subscription' }))
      .toThrow('[stack/Namespace/Bad] EGP004: partnerTopicSubscriptionId is not a GUID ("my-subscription") — give the subscription id as a GUID');
    expect(() => namespace.addChannel('Good', { ...target })).not.toThrow();
  });

  test('EGP005: refuses an activation message over 256 characters, accepts 256', () => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Long', { ...target, partnerTopicName: 'long', messageForActivation: 'x'.repeat(257) }))
      .toThrow(/\[stack\/Namespace\/Long\] EGP005: messageForActivation has 257 characters, more than 256 \("x{257}"\) — shorten/);
    expect(() => namespace.addChannel('Ok', { ...target, partnerTopicName: 'ok-topic', messageForActivation: 'x'.repeat(256) })).not.toThrow();
  });

  test.each([
    [Duration.seconds(59), '59 seconds'],
    [Duration.days(8), '8 days'],
    [Duration.seconds(7 * 86400 + 1), '604801 seconds'],
  ])('EGP006: refuses expiry %s outside 1 minute to 7 days', (duration, shown) => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Bad', { ...target, expiresIfNotActivatedAfter: duration }))
      .toThrow(`[stack/Namespace/Bad] EGP006: expiresIfNotActivatedAfter is outside 1 minute to 7 days ("${shown}")`);
  });

  test.each([Duration.minutes(1), Duration.days(7), Duration.hours(12)])('EGP006: accepts expiry %s', (duration) => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Ok', { ...target, expiresIfNotActivatedAfter: duration })).not.toThrow();
  });

  test('EGP006: refuses both expiry forms at once, and a timestamp that is not ISO 8601 UTC', () => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Both', { ...target, expiresIfNotActivatedAfter: Duration.days(1), expirationTimeIfNotActivatedUtc: '2026-12-01T00:00:00Z' }))
      .toThrow(/\[stack\/Namespace\/Both\] EGP006: both expiresIfNotActivatedAfter and expirationTimeIfNotActivatedUtc are set .* — give one of them/);
    expect(() => namespace.addChannel('Local', { ...target, expirationTimeIfNotActivatedUtc: '2026-12-01 10:00' }))
      .toThrow('[stack/Namespace/Local] EGP006: expirationTimeIfNotActivatedUtc is not an ISO 8601 UTC timestamp ("2026-12-01 10:00")');
    expect(() => namespace.addChannel('Iso', { ...target, expirationTimeIfNotActivatedUtc: '2021-10-21T22:50:25.410433Z' })).not.toThrow();
  });

  test('EGP007: refuses an empty list, an empty type and a type declared twice; accepts distinct types', () => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('Empty', { ...target, eventTypes: [] }))
      .toThrow('[stack/Namespace/Empty] EGP007: eventTypes is an empty list ([])');
    expect(() => namespace.addChannel('Blank', { ...target, eventTypes: [{ type: ' ' }] }))
      .toThrow('[stack/Namespace/Blank] EGP007: eventTypes[0].type is empty (" ")');
    expect(() => namespace.addChannel('Twice', { ...target, eventTypes: [{ type: 'com.contoso.a' }, { type: 'com.contoso.a' }] }))
      .toThrow('[stack/Namespace/Twice] EGP007: eventTypes[1] declares an event type that is already declared ("com.contoso.a") — declare each event type once');
    expect(() => namespace.addChannel('Ok', { ...target, eventTypes: [{ type: 'com.contoso.a' }, { type: 'com.contoso.b' }] })).not.toThrow();
  });

  test('EGP030: refuses an empty source or resource group', () => {
    const { namespace } = namespaceIn();
    expect(() => namespace.addChannel('NoSource', { ...target, source: '' }))
      .toThrow('[stack/Namespace/NoSource] EGP030: source is required and must not be empty ("") — give source a value');
    expect(() => namespace.addChannel('NoRg', { ...target, partnerTopicResourceGroupName: '  ' }))
      .toThrow('[stack/Namespace/NoRg] EGP030: partnerTopicResourceGroupName is required');
  });

  test('EGP008: refuses names outside 3-50 letters, digits and hyphens (as the azurerm provider does), accepts the nearest', () => {
    const { stack, namespace } = namespaceIn();
    expect(() => namespace.addChannel('OddTopic', { ...target, partnerTopicName: 'ab' }))
      .toThrow('[stack/Namespace/OddTopic] EGP008: partnerTopicName is not 3 to 50 letters, digits and hyphens ("ab") — give partnerTopicName 3 to 50 letters');
    expect(() => namespace.addChannel('OddName', { ...target, channelName: 'my_channel' }))
      .toThrow('[stack/Namespace/OddName] EGP008: channelName is not 3 to 50 letters, digits and hyphens ("my_channel") — give channelName 3 to 50 letters, digits and hyphens, such as my-channel');
    namespace.addChannel('Fine', { ...target, channelName: 'my-channel', partnerTopicName: 'abc' });
    expect(() => synthJson(stack)).not.toThrow();
  });

  test('unresolved tokens are skipped, not guessed', () => {
    const { stack, namespace } = namespaceIn();
    const sub = new TerraformVariable(stack, 'customer_subscription', { type: 'string' });
    const message = new TerraformVariable(stack, 'message', { type: 'string' });
    expect(() => namespace.addChannel('FromVars', { ...target, partnerTopicSubscriptionId: sub.stringValue, messageForActivation: message.stringValue }))
      .not.toThrow();
    expect(() => synthJson(stack)).not.toThrow();
  });
});

describeConformance('Channel conformance with the official ARM schema and examples', () => {
  test('a channel configured like Channels_CreateOrUpdate renders exactly the example request properties', () => {
    const example = officialExample('2025-02-15', 'Channels_CreateOrUpdate');
    const p = example.parameters;
    const info = p.channelInfo.properties;
    const { stack, namespace } = namespaceIn();
    const channel = new Channel(stack, 'Example', {
      partnerNamespace: namespace,
      channelName: p.channelName,
      partnerTopicSubscriptionId: info.partnerTopicInfo.azureSubscriptionId,
      partnerTopicResourceGroupName: info.partnerTopicInfo.resourceGroupName,
      partnerTopicName: info.partnerTopicInfo.name,
      source: info.partnerTopicInfo.source,
      messageForActivation: info.messageForActivation,
      expirationTimeIfNotActivatedUtc: info.expirationTimeIfNotActivatedUtc,
    });
    expect(armResourceOf(channel)!.properties).toEqual(info);
    // the example's expiry is dated when it was written: the time-window check runs as of then
    expect(onlyResource(atValidationTime('2021-10-20T00:00:00Z', () => synthJson(stack)), 'azapi_resource').body.properties).toEqual(info);
  });

  test.each(['2022-06-15', '2025-02-15'])('rendered channel bodies validate against the %s schema', (version) => {
    const { stack, namespace } = namespaceIn(undefined, version as PartnerEventsApiVersion);
    const channel = namespace.addChannel('Full', {
      ...target,
      messageForActivation: 'hello',
      expirationTimeIfNotActivatedUtc: '2026-12-01T00:00:00Z',
      eventTypes: [{ type: 'com.contoso.ticketcreated', description: 'd', displayName: 'n', documentationUrl: 'https://x.example', dataSchemaUrl: 'https://x.example/s.json' }],
    });
    const body = onlyResource(synthJson(stack), 'azapi_resource').body;
    const arm = armResourceOf(channel)!;
    expect(armSchemaErrors(version, 'partnerNamespaces_channels', { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, ...body })).toEqual([]);
  });

  test('the conformance check does catch a channel type the schema refuses', () => {
    const errors = armSchemaErrors('2025-02-15', 'partnerNamespaces_channels', {
      type: 'Microsoft.EventGrid/partnerNamespaces/channels',
      apiVersion: '2025-02-15',
      name: 'x',
      properties: { channelType: 'Webhook' },
    });
    expect(errors.join('\n')).toMatch(/channelType/);
  });
});
