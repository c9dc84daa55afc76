import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EventgridEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-event-subscription';
import { App, TerraformResource, TerraformVariable, Testing } from 'cdktf';
import { Channel, PartnerNamespace, PartnerRegistration, PartnerTopicRoutingMode } from '../../src';
import { AzapiResource } from '../../src/internal/cdktf';
import { ValidationIndex } from '../../src/validation/engine';
import { newStack, OTHER_SUBSCRIPTION, SUBSCRIPTION, synthJson } from '../support/synth';

function partnerStack(app: App, id: string, location = 'westus2', routingMode?: PartnerTopicRoutingMode) {
  const stack = newStack(app, id);
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'rg', registrationName: `contoso-${id}` });
  const namespace = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'rg', location, partnerRegistration: registration, routingMode });
  return { stack, namespace };
}

const topic = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'contoso-tickets', source: 'com.contoso.a' };

describe('EGP001: one channel per partner topic, across the whole app', () => {
  test('refuses two channels on one partner topic in two different stacks, naming both paths, in either stack', () => {
    const app = Testing.app();
    const west = partnerStack(app, 'west', 'westus2');
    const east = partnerStack(app, 'east', 'eastus');
    west.namespace.addChannel('Fabrikam', topic);
    east.namespace.addChannel('FabrikamAgain', { ...topic, partnerTopicName: 'CONTOSO-Tickets', partnerTopicResourceGroupName: 'Customer-RG', source: 'other' });
    const expected = /\[west\/Namespace\/Fabrikam\] EGP001: Channel west\/Namespace\/Fabrikam targets the partner topic that Channel east\/Namespace\/FabrikamAgain also targets; a partner topic belongs to exactly one channel \("\/subscriptions\/5b4b650e-28b9-4790-b3ab-ddbd88d727c4\/resourceGroups\/customer-rg\/providers\/Microsoft.EventGrid\/partnerTopics\/contoso-tickets"\) — give each customer's channel its own partner topic name, or remove the duplicate channel/;
    expect(() => Testing.synth(west.stack, true)).toThrow(expected);
    expect(() => Testing.synth(east.stack, true)).toThrow(/\[east\/Namespace\/FabrikamAgain\] EGP001: Channel east\/Namespace\/FabrikamAgain targets the partner topic that Channel west\/Namespace\/Fabrikam also targets/);
  });

  test('a conflict that appears after a clean synth fails the next synth, on both channels', () => {
    const app = Testing.app();
    const west = partnerStack(app, 'west');
    const first = west.namespace.addChannel('First', topic);
    // clean: the first pass gives no construct a cdktf validation of ours, and synth passes
    expect(() => Testing.synth(west.stack, true)).not.toThrow();
    expect(first.node.validate()).toEqual([]);
    west.namespace.addChannel('Second', { ...topic, source: 'com.contoso.b' });
    expect(() => Testing.synth(west.stack, true)).toThrow(/\[west\/Namespace\/First\] EGP001: Channel west\/Namespace\/First targets the partner topic that Channel west\/Namespace\/Second also targets/);
    expect(() => Testing.synth(west.stack, true)).toThrow(/\[west\/Namespace\/Second\] EGP001/);
    // the validation the second pass gave the first channel reads the findings of the synth in progress
    expect(first.node.validate().join('\n')).toMatch(/^EGP001: Channel west\/Namespace\/First targets/);
  });

  test('accepts the same topic name in another resource group or subscription', () => {
    const app = Testing.app();
    const west = partnerStack(app, 'west');
    west.namespace.addChannel('A', topic);
    west.namespace.addChannel('B', { ...topic, partnerTopicResourceGroupName: 'other-rg' });
    west.namespace.addChannel('C', { ...topic, partnerTopicSubscriptionId: OTHER_SUBSCRIPTION });
    expect(() => synthJson(west.stack)).not.toThrow();
  });

  test('an event channel and a channel on the same topic conflict too', () => {
    const app = Testing.app();
    const ga = partnerStack(app, 'ga');
    const legacy = partnerStack(app, 'legacy', 'westus2', PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    ga.namespace.addChannel('Channel', topic);
    legacy.namespace.addEventChannel('EventChannel', topic);
    expect(() => Testing.synth(legacy.stack, true)).toThrow(/\[legacy\/Namespace\/EventChannel\] EGP001: EventChannel legacy\/Namespace\/EventChannel targets the partner topic that Channel ga\/Namespace\/Channel also targets/);
  });

  test('app.synth() fails on it and writes no stack of the failing app', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'egp001-'));
    const app = new App({ outdir });
    const a = partnerStack(app, 'a');
    a.namespace.addChannel('One', topic);
    a.namespace.addChannel('Two', { ...topic, source: 'b' });
    expect(() => app.synth()).toThrow(/EGP001/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'a', 'cdk.tf.json'))).toBe(false);
  });

  test('topics named by tokens are skipped, not guessed', () => {
    const app = Testing.app();
    const s = partnerStack(app, 's');
    const name = new TerraformVariable(s.stack, 'topic', { type: 'string' });
    s.namespace.addChannel('One', { ...topic, partnerTopicName: name.stringValue });
    s.namespace.addChannel('Two', { ...topic, partnerTopicName: name.stringValue, source: 'b' });
    expect(() => synthJson(s.stack)).not.toThrow();
  });

  test('the app-wide index is built once per synth, not once per channel (linear validation)', () => {
    const app = Testing.app();
    const s = partnerStack(app, 's');
    for (let i = 0; i < 2000; i++) {
      s.namespace.addChannel(`c${i}`, { ...topic, partnerTopicName: `topic-${i}`, channelName: `channel-${i}` });
    }
    const model = ValidationIndex.of(s.stack);
    const before = model.analysisCount;
    expect(() => synthJson(s.stack)).not.toThrow();
    expect(model.analysisCount - before).toBe(1);
  });
});

describe('EGP002: CloudEvents 1.0 only, escape hatches included', () => {
  test('refuses an override that sets another schema on a channel; accepts CloudEventSchemaV1_0', () => {
    const { stack, namespace } = partnerStack(Testing.app(), 's');
    const bad = namespace.addChannel('Bad', topic);
    (bad.node.defaultChild as TerraformResource).addOverride('body.properties.inputSchema', 'EventGridSchema');
    expect(() => Testing.synth(stack, true)).toThrow(/\[s\/Namespace\/Bad\] EGP002: an override on s\/Namespace\/Bad\/Resource sets body\.properties\.inputSchema to another schema than CloudEvents 1\.0 \(partner events are CloudEvents 1\.0 only\) \("EventGridSchema"\) — remove the override, or set the schema to CloudEventSchemaV1_0/);
    (bad.node.defaultChild as TerraformResource).addOverride('body.properties.inputSchema', 'CloudEventSchemaV1_0');
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('refuses an input mapping or schema override on the namespace resource', () => {
    const { stack, namespace } = partnerStack(Testing.app(), 's');
    (namespace.node.defaultChild as TerraformResource).addOverride('input_schema', 'CustomEventSchema');
    expect(() => Testing.synth(stack, true)).toThrow(/\[s\/Namespace\] EGP002: an override on s\/Namespace\/Resource sets input_schema/);
    const other = partnerStack(Testing.app(), 't');
    (other.namespace.node.defaultChild as TerraformResource).addOverride('input_mapping_fields', { id: 'myId' });
    expect(() => Testing.synth(other.stack, true)).toThrow(/EGP002: an override on t\/Namespace\/Resource sets input_mapping_fields/);
  });

  test('refuses hand-written partner topic subscriptions in another schema beside the library constructs', () => {
    const { stack, namespace } = partnerStack(Testing.app(), 's');
    const channel: Channel = namespace.addChannel('Fabrikam', topic);
    new EventgridEventSubscription(stack, 'RawAzurerm', { name: 'raw', scope: channel.partnerTopicId, eventDeliverySchema: 'EventGridSchema', webhookEndpoint: { url: 'https://example.com' } });
    new AzapiResource(stack, 'RawAzapi', {
      type: 'Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15',
      name: 'raw',
      parentId: channel.partnerTopicId,
      body: { properties: { eventDeliverySchema: 'CustomInputSchema' } },
    });
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[s\/RawAzurerm\] EGP002: azurerm_eventgrid_event_subscription s\/RawAzurerm sets event_delivery_schema to another schema than CloudEvents 1\.0 .*\("EventGridSchema"\)/);
    expect(message).toMatch(/\[s\/RawAzapi\] EGP002: azapi_resource s\/RawAzapi sets body\.properties\.eventDeliverySchema .*\("CustomInputSchema"\)/);
  });

  test('accepts hand-written subscriptions that deliver CloudEvents 1.0, and ignores unrelated resources', () => {
    const { stack, namespace } = partnerStack(Testing.app(), 's');
    const channel = namespace.addChannel('Fabrikam', topic);
    new EventgridEventSubscription(stack, 'Raw', { name: 'raw', scope: channel.partnerTopicId, eventDeliverySchema: 'CloudEventSchemaV1_0', webhookEndpoint: { url: 'https://example.com' } });
    new EventgridEventSubscription(stack, 'StorageEvents', { name: 'storage', scope: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa', eventDeliverySchema: 'EventGridSchema', webhookEndpoint: { url: 'https://example.com' } });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('EGP003: routing mode against channel kind', () => {
  test('refuses a Channel on a source-routed namespace and an EventChannel on a header-routed one', () => {
    const app = Testing.app();
    const legacy = partnerStack(app, 'legacy', 'westus2', PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    legacy.namespace.addChannel('Ga', topic);
    expect(() => Testing.synth(legacy.stack, true)).toThrow(/\[legacy\/Namespace\/Ga\] EGP003: Channel needs a namespace that routes by the aeg-channel-name header, but legacy\/Namespace routes by \("SourceEventAttribute"\) — create the namespace with routingMode PartnerTopicRoutingMode.CHANNEL_NAME_HEADER, or use EventChannel on this namespace/);
    const ga = partnerStack(Testing.app(), 'ga');
    ga.namespace.addEventChannel('Legacy', topic);
    expect(() => Testing.synth(ga.stack, true)).toThrow(/\[ga\/Namespace\/Legacy\] EGP003: EventChannel needs a namespace that routes by the event's source, but ga\/Namespace routes by \("ChannelNameHeader"\)/);
  });

  test('accepts each kind on its own routing mode', () => {
    const app = Testing.app();
    const ga = partnerStack(app, 'ga');
    ga.namespace.addChannel('Ga', topic);
    const legacy = partnerStack(app, 'legacy', 'westus2', PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    legacy.namespace.addEventChannel('Legacy', { ...topic, partnerTopicName: 'other' });
    expect(() => Testing.synth(ga.stack, true)).not.toThrow();
    expect(() => Testing.synth(legacy.stack, true)).not.toThrow();
  });

  test('EGP021: refuses two event channels with one source in a namespace; accepts the same source in two namespaces', () => {
    const app = Testing.app();
    const a = partnerStack(app, 'a', 'westus2', PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    a.namespace.addEventChannel('One', { ...topic, partnerTopicName: 'one' });
    a.namespace.addEventChannel('Two', { ...topic, partnerTopicName: 'two' });
    expect(() => Testing.synth(a.stack, true)).toThrow(/\[a\/Namespace\/One\] EGP021: event channel has the same source as a\/Namespace\/Two in namespace a\/Namespace; under source routing a source picks exactly one partner topic \("com.contoso.a"\) — give each event channel of a namespace its own source/);
    const b = partnerStack(Testing.app(), 'b', 'westus2', PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    const c = new PartnerNamespace(b.stack, 'Other', { resourceGroupName: 'rg', location: 'eastus', partnerRegistration: PartnerRegistration.fromPartnerRegistrationId(b.stack, 'R', `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.EventGrid/partnerRegistrations/r`), routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE });
    b.namespace.addEventChannel('One', { ...topic, partnerTopicName: 'one' });
    c.addEventChannel('Two', { ...topic, partnerTopicName: 'two' });
    expect(() => Testing.synth(b.stack, true)).not.toThrow();
  });

  test('imported namespaces of unknown routing mode are not guessed', () => {
    const stack = newStack();
    const ns = PartnerNamespace.fromPartnerNamespaceId(stack, 'Existing', `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.EventGrid/partnerNamespaces/ns`);
    ns.addChannel('Ga', topic);
    ns.addEventChannel('Legacy', { ...topic, partnerTopicName: 'other' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('EGP012: channel names unique per region', () => {
  test('refuses one channel name twice in a region, across namespaces and stacks; accepts it in another region', () => {
    const app = Testing.app();
    const a = partnerStack(app, 'a', 'westus2');
    const b = partnerStack(app, 'b', 'West US 2');
    const c = partnerStack(app, 'c', 'eastus');
    a.namespace.addChannel('One', { ...topic, channelName: 'fabrikam', partnerTopicName: 'one' });
    b.namespace.addChannel('Two', { ...topic, channelName: 'Fabrikam', partnerTopicName: 'two' });
    c.namespace.addChannel('Three', { ...topic, channelName: 'fabrikam', partnerTopicName: 'three' });
    expect(() => Testing.synth(a.stack, true)).toThrow(/\[a\/Namespace\/One\] EGP012: channel name is also used in region westus2 by b\/Namespace\/Two; channel names must be unique per region \("fabrikam"\)/);
    expect(() => Testing.synth(c.stack, true)).not.toThrow();
  });
});
