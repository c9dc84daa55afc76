import { Testing } from 'cdktf';
import { AdvancedFilter, Duration, EventChannel, PartnerTopicRoutingMode } from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { newPartnerNamespace } from '../support/fixtures';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, SUBSCRIPTION, synthJson } from '../support/synth';

function sourceRouted(stack = newStack()) {
  return newPartnerNamespace(stack, {
    resourceGroupName: 'rg',
    namespaceName: 'contoso-legacy',
    routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
  });
}

const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'contoso-tickets' };

describe('EventChannel', () => {
  test('renders the 2020-04-01-preview event channel with source, destination, filters, description and expiry', () => {
    const { stack, namespace } = sourceRouted();
    const channel = namespace.addEventChannel('Account1', {
      ...target,
      eventChannelName: 'account1',
      source: 'com.contoso.account1',
      advancedFilters: [AdvancedFilter.stringIn('type', ['com.contoso.ticketcreated', 'com.contoso.ticketclosed']), AdvancedFilter.numberGreaterThan('data.priority', 2)],
      partnerTopicFriendlyDescription: 'Contoso tickets for account 1',
      expiresIfNotActivatedAfter: Duration.days(3),
    });
    const json = synthJson(stack);
    const resource = onlyResource(json, 'azapi_resource');
    expect(resource.type).toBe('Microsoft.EventGrid/partnerNamespaces/eventChannels@2020-04-01-preview');
    expect(resource.schema_validation_enabled).toBe(false);
    expect(resource.name).toBe('account1');
    expect(resource.body.properties).toEqual({
      source: { source: 'com.contoso.account1' },
      destination: { azureSubscriptionId: SUBSCRIPTION, resourceGroup: 'customer-rg', partnerTopicName: 'contoso-tickets' },
      expirationTimeIfNotActivatedUtc: '${timeadd(plantimestamp(), "72h")}',
      filter: {
        advancedFilters: [
          { operatorType: 'StringIn', key: 'type', values: ['com.contoso.ticketcreated', 'com.contoso.ticketclosed'] },
          { operatorType: 'NumberGreaterThan', key: 'data.priority', value: 2 },
        ],
      },
      partnerTopicFriendlyDescription: 'Contoso tickets for account 1',
    });
    expect(channel.partnerTopicId).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets`);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('EGP009: refuses more than 25 filters, accepts 25', () => {
    const { namespace } = sourceRouted();
    const filters = (n: number) => Array.from({ length: n }, (_, i) => AdvancedFilter.boolEquals(`data.flag${i}`, true));
    expect(() => namespace.addEventChannel('TooMany', { ...target, source: 'a', advancedFilters: filters(26) }))
      .toThrow('[stack/Namespace/TooMany] EGP009: advancedFilters has more than 25 advanced filters (26)');
    expect(() => namespace.addEventChannel('Enough', { ...target, partnerTopicName: 'other', source: 'b', advancedFilters: filters(25) })).not.toThrow();
  });

  test('EGP009: refuses more than 25 values in total, and string values over 512 characters', () => {
    const { namespace } = sourceRouted();
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(() => namespace.addEventChannel('Values', { ...target, source: 'a', advancedFilters: [AdvancedFilter.stringIn('subject', values(20)), AdvancedFilter.stringIn('type', values(6))] }))
      .toThrow('[stack/Namespace/Values] EGP009: advancedFilters has more than 25 filter values in total (26)');
    expect(() => namespace.addEventChannel('Long', { ...target, source: 'b', advancedFilters: [AdvancedFilter.stringContains('subject', ['x'.repeat(513)])] }))
      .toThrow(/\[stack\/Namespace\/Long\] EGP009: advancedFilters\[0\] \(subject\) has a string value longer than 512 characters/);
    expect(() => namespace.addEventChannel('Ok', { ...target, source: 'c', partnerTopicName: 'ok-topic', advancedFilters: [AdvancedFilter.stringContains('subject', ['x'.repeat(512)]), AdvancedFilter.stringIn('type', values(24))] }))
      .not.toThrow();
  });

  test('EGP009: refuses operators that API 2020-04-01-preview does not have, and escaped dots in keys', () => {
    const { namespace } = sourceRouted();
    expect(() => namespace.addEventChannel('Op', { ...target, source: 'a', advancedFilters: [AdvancedFilter.isNotNull('data.owner')] }))
      .toThrow('[stack/Namespace/Op] EGP009: advancedFilters[0] uses an operator that API version 2020-04-01-preview does not offer ("IsNotNull") — use one of NumberIn,');
    expect(() => namespace.addEventChannel('Dot', { ...target, source: 'b', advancedFilters: [AdvancedFilter.stringIn('data.a\\.b', ['x'])] }))
      .toThrow('[stack/Namespace/Dot] EGP009: advancedFilters[0] escapes a dot in its key, which Event Grid does not support ("data.a\\\\.b")');
    expect(() => namespace.addEventChannel('Empty', { ...target, source: 'c', advancedFilters: [AdvancedFilter.stringIn(' ', ['x'])] }))
      .toThrow('[stack/Namespace/Empty] EGP009: advancedFilters[0] has an empty key');
  });

  test('EGP004/EGP030 apply as for channels', () => {
    const { namespace } = sourceRouted();
    expect(() => namespace.addEventChannel('Sub', { ...target, partnerTopicSubscriptionId: '123', source: 'a' }))
      .toThrow('[stack/Namespace/Sub] EGP004: partnerTopicSubscriptionId is not a GUID ("123")');
    expect(() => namespace.addEventChannel('Src', { ...target, source: '' }))
      .toThrow('[stack/Namespace/Src] EGP030: source is required');
  });
});

describeConformance('EventChannel conformance with the 2020-04-01-preview schema and example', () => {
  test('an event channel configured like EventChannels_CreateOrUpdate renders exactly the example request properties', () => {
    const p = officialExample('2020-04-01-preview', 'EventChannels_CreateOrUpdate').parameters;
    const props = p.eventChannelInfo.properties;
    const { stack, namespace } = sourceRouted();
    const channel = new EventChannel(stack, 'Example', {
      partnerNamespace: namespace,
      eventChannelName: p.eventChannelName,
      source: props.source.source,
      partnerTopicSubscriptionId: props.destination.azureSubscriptionId,
      partnerTopicResourceGroupName: props.destination.resourceGroup,
      partnerTopicName: props.destination.partnerTopicName,
    });
    expect(armResourceOf(channel)!.properties).toEqual(props);
    expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties).toEqual(props);
  });

  test('a full event channel body validates against partnerNamespaces_eventChannels', () => {
    const { stack, namespace } = sourceRouted();
    const channel = namespace.addEventChannel('Full', {
      ...target,
      source: 'com.contoso.account1',
      partnerTopicFriendlyDescription: 'd',
      expirationTimeIfNotActivatedUtc: '2026-12-01T00:00:00Z',
      advancedFilters: [
        AdvancedFilter.numberIn('data.a', [1, 2]), AdvancedFilter.numberNotIn('data.b', [3]), AdvancedFilter.numberLessThan('data.c', 1),
        AdvancedFilter.numberGreaterThan('data.d', 1), AdvancedFilter.numberLessThanOrEquals('data.e', 1), AdvancedFilter.numberGreaterThanOrEquals('data.f', 1),
        AdvancedFilter.boolEquals('data.g', false), AdvancedFilter.stringIn('data.h', ['x']), AdvancedFilter.stringNotIn('data.i', ['x']),
        AdvancedFilter.stringBeginsWith('data.j', ['x']), AdvancedFilter.stringEndsWith('data.k', ['x']), AdvancedFilter.stringContains('data.l', ['x']),
      ],
    });
    const arm = armResourceOf(channel)!;
    expect(armSchemaErrors('2020-04-01-preview', 'partnerNamespaces_eventChannels', { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, ...onlyResource(synthJson(stack), 'azapi_resource').body })).toEqual([]);
  });
});
