// What happens to a channel over its life (docs/lifecycle.md): which changes replace it, and its expiry.
import { destinations, Duration, PartnerTopicRoutingMode } from '../../src';
import { descriptionOf, memberAt, REPLACED_WHEN_CHANGED } from '../../src/model';
import { renderArmTemplate } from '../../src/render/arm/template';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../support/fixtures';
import { newStack, onlyResource, resources, synthJson } from '../support/synth';

const CHANNEL_REPLACED_BY = [
  'properties.partnerTopicInfo.azureSubscriptionId',
  'properties.partnerTopicInfo.resourceGroupName',
  'properties.partnerTopicInfo.name',
  'properties.partnerTopicInfo.source',
];
const EVENT_CHANNEL_REPLACED_BY = [
  'properties.destination.azureSubscriptionId',
  'properties.destination.resourceGroup',
  'properties.destination.partnerTopicName',
  'properties.source.source',
];

describe('replacement', () => {
  test('a channel is replaced, not updated, when its partner topic (subscription, resource group, name) or its source changes', () => {
    const { stack, namespace } = newPartnerNamespace();
    const channel = namespace.addChannel('Customer', CUSTOMER_TARGET);
    const block = onlyResource(synthJson(stack), 'azapi_resource');
    expect(block.replace_triggers_refs).toEqual(CHANNEL_REPLACED_BY);
    expect(descriptionOf(channel)!.replacedWhenChanged).toEqual(CHANNEL_REPLACED_BY);
    // each is a path of the body azapi compares (JMESPath into body), holding the value the props gave
    expect(CHANNEL_REPLACED_BY.map((p) => memberAt(block.body, p))).toEqual([
      CUSTOMER_TARGET.partnerTopicSubscriptionId, CUSTOMER_TARGET.partnerTopicResourceGroupName,
      CUSTOMER_TARGET.partnerTopicName, CUSTOMER_TARGET.source,
    ]);
  });

  test('an event channel is replaced when its destination or its source changes', () => {
    const { stack, namespace } = newPartnerNamespace(newStack(), { routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE });
    namespace.addEventChannel('Customer', CUSTOMER_TARGET);
    const block = onlyResource(synthJson(stack), 'azapi_resource');
    expect(block.replace_triggers_refs).toEqual(EVENT_CHANNEL_REPLACED_BY);
    expect(EVENT_CHANNEL_REPLACED_BY.map((p) => memberAt(block.body, p))).toEqual([
      CUSTOMER_TARGET.partnerTopicSubscriptionId, CUSTOMER_TARGET.partnerTopicResourceGroupName,
      CUSTOMER_TARGET.partnerTopicName, CUSTOMER_TARGET.source,
    ]);
  });

  test('what else a channel holds (event types, activation message) is updated in place; other resources are never replaced by the library', () => {
    const { stack, namespace } = newPartnerNamespace();
    namespace.addChannel('Customer', { ...CUSTOMER_TARGET, eventTypes: [{ type: 'com.contoso.created' }], messageForActivation: 'Hello' });
    const channel = onlyResource(synthJson(stack), 'azapi_resource');
    expect(channel.replace_triggers_refs).not.toContain('properties.partnerTopicInfo.eventTypeInfo');
    expect(channel.replace_triggers_refs).not.toContain('properties.messageForActivation');
    expect(Object.keys(REPLACED_WHEN_CHANGED).sort()).toEqual([
      'Microsoft.EventGrid/partnerNamespaces/channels', 'Microsoft.EventGrid/partnerNamespaces/eventChannels',
    ]);
    const topic = namespace.addChannel('Other', { ...CUSTOMER_TARGET, partnerTopicName: 'other', source: 'other' }).partnerTopic;
    topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://example.com/events' }) });
    const subscription = resources(synthJson(stack), 'azapi_resource').find((r) => r.type.startsWith('Microsoft.EventGrid/partnerTopics/eventSubscriptions'));
    expect(subscription.replace_triggers_refs).toBeUndefined();
  });
});

describe('expiry', () => {
  test('a duration expiry is set when Terraform creates the channel (plantimestamp) and never updated after, for channels and event channels', () => {
    const { stack, namespace } = newPartnerNamespace();
    const legacy = newPartnerNamespace(newStack(), { routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE });
    const channel = namespace.addChannel('Customer', { ...CUSTOMER_TARGET, expiresIfNotActivatedAfter: Duration.days(2) });
    const eventChannel = legacy.namespace.addEventChannel('Customer', { ...CUSTOMER_TARGET, expiresIfNotActivatedAfter: Duration.hours(5) });
    for (const [construct, json, offset] of [[channel, synthJson(stack), '48h'], [eventChannel, synthJson(legacy.stack), '5h']] as const) {
      expect(descriptionOf(construct)!.setOnCreateOnly).toEqual(['properties.expirationTimeIfNotActivatedUtc']);
      const block = onlyResource(json, 'azapi_resource');
      expect(block.body.properties.expirationTimeIfNotActivatedUtc).toBe(`\${timeadd(plantimestamp(), "${offset}")}`);
      expect(block.lifecycle.ignore_changes).toEqual(['body.properties.expirationTimeIfNotActivatedUtc']);
      // no time_static: a channel re-created after Event Grid deleted it gets a new plan's time, not an old one
      expect(json.resource.time_static).toBeUndefined();
    }
  });

  test('without an expiry nothing is sent (Event Grid\'s 7 days from creation) and nothing is ignored', () => {
    const { stack, namespace } = newPartnerNamespace();
    const channel = namespace.addChannel('Customer', CUSTOMER_TARGET);
    const block = onlyResource(synthJson(stack), 'azapi_resource');
    expect(block.body.properties.expirationTimeIfNotActivatedUtc).toBeUndefined();
    expect(block.lifecycle).toBeUndefined();
    expect(descriptionOf(channel)!.setOnCreateOnly).toBeUndefined();
  });

  test('the ARM template sends a duration expiry only when the deployer gives it: empty by default, never utcNow()', () => {
    const { stack, namespace } = newPartnerNamespace();
    namespace.addChannel('Customer', { ...CUSTOMER_TARGET, channelName: 'customer', expiresIfNotActivatedAfter: Duration.days(2) });
    const template = renderArmTemplate(stack) as any;
    const channel = template.resources.find((r: any) => r.type === 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channel.properties.expirationTimeIfNotActivatedUtc).toBe("[if(empty(parameters('channelExpiryAfter2Days')), null(), parameters('channelExpiryAfter2Days'))]");
    expect(template.parameters.channelExpiryAfter2Days).toMatchObject({ type: 'string', defaultValue: '' });
    expect(template.parameters.channelExpiryAfter2Days.metadata.description).toContain("date -u -d '+172800 seconds'");
    expect(JSON.stringify(template)).not.toContain('utcNow');
    // a required parameter would make every redeployment ask for it: this one is not required
    expect(template.metadata.deployTo.command).not.toContain('channelExpiry');
  });
});
