// Microsoft's official REST examples, rebuilt with the library's constructs: the ARM template renders exactly the
// example's request properties. What the library imposes on purpose (CloudEvents 1.0 delivery, explicit defaults,
// `properties: {}`, secrets as parameters) is asserted as a difference, not skipped.
import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import {
  destinations, Duration, EventChannel, PartnerConfiguration, PartnerEventsApiVersion, PartnerNamespace,
  PartnerRegistration, PartnerTopic, PartnerTopicRoutingMode, Validations,
} from '../../../src';
import { ARM_TEMPLATE_FILE } from '../../../src/render/arm/template';
import {
  armSchemaErrors, armTemplateSchemaErrors, armTemplateStructureErrors, describeConformance, officialExample,
  referenceDir, templateResources,
} from '../../support/reference';

/** A stack whose azurerm provider works in the example's subscription (so the example's group is the template's). */
function exampleStack(subscriptionId: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId });
  return stack;
}

/** The template the synth writes, checked for conformance and structure. */
function templateOf(stack: TerraformStack): any {
  // the examples' timestamps are dated when they were written (2021-2022): the rules that hold explicit timestamps
  // to a window around today (EGP006, EGP017, EGP040) would refuse them
  for (const rule of ['EGP006', 'EGP017', 'EGP040']) {
    Validations.of(stack).suppress(rule, 'official REST example, dated when it was written');
  }
  const dir = Testing.fullSynth(stack);
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack.node.id, ARM_TEMPLATE_FILE), 'utf8'));
  expect(armTemplateSchemaErrors(template)).toEqual([]);
  expect(armTemplateStructureErrors(template)).toEqual([]);
  return template;
}

function only(template: any, type: string): any {
  const found = templateResources(template).filter((r) => r.resource.type === type);
  expect(found).toHaveLength(1);
  return found[0].resource;
}

function namespaceId(p: any): string {
  return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.EventGrid/partnerNamespaces/${p.partnerNamespaceName}`;
}

const GA = ['2025-02-15', '2022-06-15'] as const;
const apiVersionOf = (v: string) => (v === '2025-02-15' ? PartnerEventsApiVersion.V2025_02_15 : PartnerEventsApiVersion.V2022_06_15);

/** Every official example, and what it is to the library. A new example file fails the last test until classified. */
const EXAMPLES: { [file: string]: string } = {
  '2025-02-15/Channels_CreateOrUpdate': 'rebuilt',
  '2025-02-15/PartnerConfigurations_CreateOrUpdate': 'rebuilt',
  '2025-02-15/PartnerConfigurations_AuthorizePartner': 'rebuilt (a POST action in REST; an entry of the configuration\'s PUT in the template)',
  '2025-02-15/PartnerNamespaces_CreateOrUpdate': 'rebuilt',
  '2025-02-15/PartnerRegistrations_CreateOrUpdate': 'rebuilt',
  '2025-02-15/PartnerTopicEventSubscriptions_CreateOrUpdate': 'rebuilt',
  '2025-02-15/PartnerTopics_Activate': 'not deployable: metadata.notDeployedByThisTemplate',
  '2025-02-15/PartnerNamespaces_ListSharedAccessKeys': 'a read (listKeys): never an output; README',
  '2025-02-15/PartnerTopics_CreateOrUpdate': 'not modelled: the partner\'s channel creates the topic, never the customer',
  '2025-02-15/PartnerTopics_Get': 'a read',
  '2022-06-15/Channels_CreateOrUpdate': 'rebuilt',
  '2022-06-15/PartnerConfigurations_CreateOrUpdate': 'rebuilt',
  '2022-06-15/PartnerConfigurations_AuthorizePartner': 'rebuilt (a POST action in REST; an entry of the configuration\'s PUT in the template)',
  '2022-06-15/PartnerNamespaces_CreateOrUpdate': 'rebuilt',
  '2022-06-15/PartnerRegistrations_CreateOrUpdate': 'rebuilt',
  '2022-06-15/PartnerTopicEventSubscriptions_CreateOrUpdate': 'rebuilt',
  '2022-06-15/PartnerTopics_Activate': 'not deployable: metadata.notDeployedByThisTemplate',
  '2022-06-15/PartnerTopics_CreateOrUpdate': 'not modelled: the partner\'s channel creates the topic, never the customer',
  '2022-06-15/PartnerTopics_Get': 'a read',
  '2020-04-01-preview/EventChannels_CreateOrUpdate': 'rebuilt',
  '2020-04-01-preview/PartnerNamespaces_CreateOrUpdate': 'rebuilt at a GA version (the library has no preview namespace)',
  '2020-04-01-preview/PartnerRegistrations_CreateOrUpdate': 'rebuilt at 2025-02-15 without the preview\'s marketplace metadata (not modelled)',
  '2020-04-01-preview/PartnerTopicEventSubscriptions_CreateOrUpdate': 'rebuilt at a GA version, checked against the preview schema too',
  '2020-04-01-preview/PartnerTopics_Activate': 'not deployable: metadata.notDeployedByThisTemplate',
  '2020-04-01-preview/PartnerTopics_Get': 'a read',
};

describeConformance('official examples rebuilt with the constructs render the example request in the ARM template', () => {
  test.each(GA)('Channels_CreateOrUpdate %s: exactly the example properties', (version) => {
    const p = officialExample(version, 'Channels_CreateOrUpdate').parameters;
    const request = p.channelInfo.properties;
    const stack = exampleStack(p.subscriptionId);
    const namespace = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Namespace', {
      partnerNamespaceId: namespaceId(p), location: 'westus2', routingMode: PartnerTopicRoutingMode.CHANNEL_NAME_HEADER, apiVersion: apiVersionOf(version),
    });
    namespace.addChannel('Example', {
      channelName: p.channelName,
      partnerTopicSubscriptionId: request.partnerTopicInfo.azureSubscriptionId,
      partnerTopicResourceGroupName: request.partnerTopicInfo.resourceGroupName,
      partnerTopicName: request.partnerTopicInfo.name,
      source: request.partnerTopicInfo.source,
      messageForActivation: request.messageForActivation,
      expirationTimeIfNotActivatedUtc: request.expirationTimeIfNotActivatedUtc,
    });
    const template = templateOf(stack);
    expect(template.metadata.deployTo.resourceGroup).toBe(p.resourceGroupName);
    const channel = only(template, 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channel.apiVersion).toBe(p['api-version']);
    expect(channel.name).toBe(`${p.partnerNamespaceName}/${p.channelName}`);
    expect(channel.properties).toEqual(request);
    // The namespace is imported: the template neither deploys it nor waits for it.
    expect(channel.dependsOn).toBeUndefined();
  });

  test.each(GA)('PartnerConfigurations_CreateOrUpdate %s: exactly the example properties; location global', (version) => {
    const example = officialExample(version, 'PartnerConfigurations_CreateOrUpdate');
    const p = example.parameters;
    const request = p.partnerConfigurationInfo.properties;
    const stack = exampleStack(p.subscriptionId);
    new PartnerConfiguration(stack, 'Partners', {
      resourceGroupName: p.resourceGroupName,
      apiVersion: apiVersionOf(version),
      defaultMaximumExpiration: Duration.days(request.partnerAuthorization.defaultMaximumExpirationTimeInDays),
      authorizedPartners: request.partnerAuthorization.authorizedPartnersList.map((a: any) => ({
        partnerRegistrationImmutableId: a.partnerRegistrationImmutableId,
        partnerName: a.partnerName,
        expiresAt: a.authorizationExpirationTimeInUtc,
      })),
    });
    const config = only(templateOf(stack), 'Microsoft.EventGrid/partnerConfigurations');
    expect(config.apiVersion).toBe(p['api-version']);
    expect(config.name).toBe('default');
    expect(config.properties).toEqual(request);
    // The difference: the request names no location; the library sends the one Azure answers with.
    expect(p.partnerConfigurationInfo.location).toBeUndefined();
    expect(example.responses['200'].body.location).toBe('global');
    expect(config.location).toBe('global');
  });

  test.each(GA)('PartnerConfigurations_AuthorizePartner %s: authorizePartner renders the example\'s partnerInfo in the configuration', (version) => {
    const example = officialExample(version, 'PartnerConfigurations_AuthorizePartner');
    const p = example.parameters;
    const stack = exampleStack(p.subscriptionId);
    const config = new PartnerConfiguration(stack, 'Partners', {
      resourceGroupName: p.resourceGroupName, apiVersion: apiVersionOf(version), defaultMaximumExpiration: Duration.days(10),
    });
    config.authorizePartner({
      partnerRegistrationImmutableId: p.partnerInfo.partnerRegistrationImmutableId,
      partnerName: p.partnerInfo.partnerName,
      expiresAt: p.partnerInfo.authorizationExpirationTimeInUtc,
    });
    const rendered = only(templateOf(stack), 'Microsoft.EventGrid/partnerConfigurations');
    // REST authorizes with a POST action on the configuration; a template (which cannot POST) declares the result:
    // the partner in the PUT's authorizedPartnersList, as the example's response lists it.
    expect(rendered.properties.partnerAuthorization.authorizedPartnersList).toEqual([p.partnerInfo]);
    expect(example.responses['200'].body.properties.partnerAuthorization.authorizedPartnersList).toContainEqual(p.partnerInfo);
  });

  test.each(GA)('PartnerNamespaces_CreateOrUpdate %s: the example properties, plus the settings the library makes explicit', (version) => {
    const p = officialExample(version, 'PartnerNamespaces_CreateOrUpdate').parameters;
    const info = p.partnerNamespaceInfo;
    const stack = exampleStack(p.subscriptionId);
    const registration = PartnerRegistration.fromPartnerRegistrationId(stack, 'Registration', info.properties.partnerRegistrationFullyQualifiedId);
    new PartnerNamespace(stack, 'Namespace', {
      resourceGroupName: p.resourceGroupName,
      location: info.location,
      namespaceName: p.partnerNamespaceName,
      partnerRegistration: registration,
      tags: info.tags,
      apiVersion: apiVersionOf(version),
    });
    const ns = only(templateOf(stack), 'Microsoft.EventGrid/partnerNamespaces');
    expect(ns.apiVersion).toBe(p['api-version']);
    expect(ns.name).toBe(p.partnerNamespaceName);
    expect(ns.location).toBe(info.location);
    expect(ns.tags).toEqual(info.tags);
    // Explicit defaults: the GA routing mode (the service's default is SourceEventAttribute), public access, local
    // auth for the aeg-sas-key flow, and on 2025-02-15 TLS 1.2.
    const imposed = {
      partnerTopicRoutingMode: 'ChannelNameHeader',
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
      ...(version === '2025-02-15' ? { minimumTlsVersionAllowed: '1.2' } : {}),
    };
    expect(ns.properties).toEqual({ ...info.properties, ...imposed });
    for (const key of Object.keys(imposed)) {
      expect(info.properties[key]).toBeUndefined();
    }
  });

  test.each(GA)('PartnerRegistrations_CreateOrUpdate %s: location and tags of the example; properties {} where the example omits them', (version) => {
    const p = officialExample(version, 'PartnerRegistrations_CreateOrUpdate').parameters;
    const info = p.partnerRegistrationInfo;
    const stack = exampleStack(p.subscriptionId);
    new PartnerRegistration(stack, 'Registration', { resourceGroupName: p.resourceGroupName, registrationName: p.partnerRegistrationName, tags: info.tags });
    const reg = only(templateOf(stack), 'Microsoft.EventGrid/partnerRegistrations');
    expect(reg.name).toBe(p.partnerRegistrationName);
    expect(reg.location).toBe(info.location);
    expect(reg.tags).toEqual(info.tags);
    // The difference: the example sends no properties, which the ARM schema requires.
    expect(info.properties).toBeUndefined();
    expect(reg.properties).toEqual({});
    // The registration is rendered at 2025-02-15 whatever the example's version (GA registrations have no properties).
    expect(reg.apiVersion).toBe('2025-02-15');
  });

  test.each(GA)('PartnerTopicEventSubscriptions_CreateOrUpdate %s: the example, the URL as a securestring parameter, CloudEvents 1.0', (version) => {
    const example = officialExample(version, 'PartnerTopicEventSubscriptions_CreateOrUpdate');
    const p = example.parameters;
    const request = p.eventSubscriptionInfo.properties;
    const stack = exampleStack(p.subscriptionId);
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: p.subscriptionId, partnerTopicResourceGroupName: p.resourceGroupName, partnerTopicName: p.partnerTopicName, location: 'westus2',
    });
    topic.addEventSubscription('Example', {
      eventSubscriptionName: p.eventSubscriptionName,
      apiVersion: apiVersionOf(version),
      destination: new destinations.WebHook({ endpointUrl: request.destination.properties.endpointUrl }),
      isSubjectCaseSensitive: request.filter.isSubjectCaseSensitive,
      subjectBeginsWith: request.filter.subjectBeginsWith,
      subjectEndsWith: request.filter.subjectEndsWith,
    });
    const template = templateOf(stack);
    const sub = only(template, 'Microsoft.EventGrid/partnerTopics/eventSubscriptions');
    expect(sub.apiVersion).toBe(p['api-version']);
    expect(sub.name).toBe(`${p.partnerTopicName}/${p.eventSubscriptionName}`);
    const parameter = 'exampleEventSubscriptionName1EndpointUrl';
    expect(sub.properties).toEqual({
      ...request,
      // Difference 1: the webhook URL is a secret: a securestring parameter, never a literal of the template.
      destination: { ...request.destination, properties: { endpointUrl: `[parameters('${parameter}')]` } },
      // Difference 2: partner events are delivered as CloudEvents 1.0 (the example leaves Event Grid's default).
      eventDeliverySchema: 'CloudEventSchemaV1_0',
    });
    expect(request.eventDeliverySchema).toBeUndefined();
    expect(template.parameters[parameter].type).toBe('securestring');
    expect(JSON.stringify(template)).not.toContain(request.destination.properties.endpointUrl);
  });

  test('EventChannels_CreateOrUpdate 2020-04-01-preview: exactly the example properties', () => {
    const p = officialExample('2020-04-01-preview', 'EventChannels_CreateOrUpdate').parameters;
    const request = p.eventChannelInfo.properties;
    const stack = exampleStack(p.subscriptionId);
    const namespace = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Namespace', {
      partnerNamespaceId: namespaceId(p), location: 'westus2', routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
    });
    new EventChannel(stack, 'Example', {
      partnerNamespace: namespace,
      eventChannelName: p.eventChannelName,
      source: request.source.source,
      partnerTopicSubscriptionId: request.destination.azureSubscriptionId,
      partnerTopicResourceGroupName: request.destination.resourceGroup,
      partnerTopicName: request.destination.partnerTopicName,
    });
    const channel = only(templateOf(stack), 'Microsoft.EventGrid/partnerNamespaces/eventChannels');
    expect(channel.apiVersion).toBe('2020-04-01-preview');
    expect(channel.name).toBe(`${p.partnerNamespaceName}/${p.eventChannelName}`);
    expect(channel.properties).toEqual(request);
  });

  test('PartnerNamespaces_CreateOrUpdate 2020-04-01-preview: the example properties at 2025-02-15, valid for the preview schema too', () => {
    const p = officialExample('2020-04-01-preview', 'PartnerNamespaces_CreateOrUpdate').parameters;
    const info = p.partnerNamespaceInfo;
    const stack = exampleStack(p.subscriptionId);
    new PartnerNamespace(stack, 'Namespace', {
      resourceGroupName: p.resourceGroupName,
      location: info.location,
      namespaceName: p.partnerNamespaceName,
      partnerRegistration: PartnerRegistration.fromPartnerRegistrationId(stack, 'Registration', info.properties.partnerRegistrationFullyQualifiedId),
      tags: info.tags,
      // The source-routed model of the preview: event channels route by the event's source.
      routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
    });
    const ns = only(templateOf(stack), 'Microsoft.EventGrid/partnerNamespaces');
    // The difference: namespaces are rendered at a GA version (2025-02-15), with the explicit settings.
    expect(ns.apiVersion).toBe('2025-02-15');
    expect(ns.location).toBe(info.location);
    expect(ns.tags).toEqual(info.tags);
    expect(ns.properties).toEqual({
      ...info.properties,
      partnerTopicRoutingMode: 'SourceEventAttribute',
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
      minimumTlsVersionAllowed: '1.2',
    });
    const { minimumTlsVersionAllowed, ...previewProperties } = ns.properties;
    expect(minimumTlsVersionAllowed).toBe('1.2');
    expect(armSchemaErrors('2020-04-01-preview', 'partnerNamespaces', { ...ns, apiVersion: '2020-04-01-preview', properties: previewProperties })).toEqual([]);
  });

  test('PartnerRegistrations_CreateOrUpdate 2020-04-01-preview: location and tags; the marketplace metadata is not modelled', () => {
    const p = officialExample('2020-04-01-preview', 'PartnerRegistrations_CreateOrUpdate').parameters;
    const info = p.partnerRegistrationInfo;
    const stack = exampleStack(p.subscriptionId);
    new PartnerRegistration(stack, 'Registration', { resourceGroupName: p.resourceGroupName, registrationName: p.partnerRegistrationName, tags: info.tags });
    const reg = only(templateOf(stack), 'Microsoft.EventGrid/partnerRegistrations');
    expect(reg.location).toBe(info.location);
    expect(reg.tags).toEqual(info.tags);
    // The differences: GA registrations carry none of the preview's marketplace metadata; the library renders 2025-02-15.
    expect(Object.keys(info.properties).sort()).toEqual([
      'authorizedAzureSubscriptionIds', 'logoUri', 'partnerName', 'partnerResourceTypeDescription', 'partnerResourceTypeDisplayName', 'partnerResourceTypeName', 'setupUri',
    ]);
    expect(reg.apiVersion).toBe('2025-02-15');
    expect(reg.properties).toEqual({});
  });

  test('PartnerTopicEventSubscriptions_CreateOrUpdate 2020-04-01-preview: the same request at GA, valid for the preview schema too', () => {
    const p = officialExample('2020-04-01-preview', 'PartnerTopicEventSubscriptions_CreateOrUpdate').parameters;
    const request = p.eventSubscriptionInfo.properties;
    const stack = exampleStack(p.subscriptionId);
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: p.subscriptionId, partnerTopicResourceGroupName: p.resourceGroupName, partnerTopicName: p.partnerTopicName, location: 'westus2',
    });
    topic.addEventSubscription('Example', {
      eventSubscriptionName: p.eventSubscriptionName,
      destination: new destinations.WebHook({ endpointUrl: request.destination.properties.endpointUrl }),
      isSubjectCaseSensitive: request.filter.isSubjectCaseSensitive,
      subjectBeginsWith: request.filter.subjectBeginsWith,
      subjectEndsWith: request.filter.subjectEndsWith,
    });
    const sub = only(templateOf(stack), 'Microsoft.EventGrid/partnerTopics/eventSubscriptions');
    expect(sub.apiVersion).toBe('2025-02-15');
    const { eventDeliverySchema, destination, ...rest } = sub.properties;
    const { destination: requestDestination, ...requestRest } = request;
    expect(rest).toEqual(requestRest);
    expect(destination).toEqual({ endpointType: 'WebHook', properties: { endpointUrl: "[parameters('exampleEventSubscriptionName1EndpointUrl')]" } });
    expect(requestDestination.endpointType).toBe('WebHook');
    expect(eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    // With the URL as the example gives it, the same properties conform to the preview's schema.
    const previewBody = { ...sub, apiVersion: '2020-04-01-preview', properties: { ...sub.properties, destination: requestDestination } };
    expect(armSchemaErrors('2020-04-01-preview', 'partnerTopics_eventSubscriptions', previewBody)).toEqual([]);
  });

  test.each(['2025-02-15', '2022-06-15', '2020-04-01-preview'])('PartnerTopics_Activate %s: not deployable; the metadata gives the command for the example\'s topic', (version) => {
    const p = officialExample(version, 'PartnerTopics_Activate').parameters;
    const stack = exampleStack(p.subscriptionId);
    PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: p.subscriptionId,
      partnerTopicResourceGroupName: p.resourceGroupName,
      partnerTopicName: p.partnerTopicName,
      location: 'westus2',
      apiVersion: version === '2020-04-01-preview' ? undefined : apiVersionOf(version),
    }).activate();
    const template = templateOf(stack);
    expect(template.resources).toEqual([]);
    const apiVersion = version === '2020-04-01-preview' ? '2025-02-15' : version; // activation runs at a GA version
    expect(template.metadata.notDeployedByThisTemplate).toEqual([expect.objectContaining({
      constructPath: 'stack/Topic',
      action: 'activate',
      command: `az rest --method post --url "https://management.azure.com/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.EventGrid/partnerTopics/${p.partnerTopicName}/activate?api-version=${apiVersion}"`,
    })]);
  });

  test('every official example is classified (rebuilt above, or why not)', () => {
    const found: string[] = [];
    for (const version of ['2025-02-15', '2022-06-15', '2020-04-01-preview']) {
      for (const f of fs.readdirSync(path.join(referenceDir(), 'arm', version, 'examples'))) {
        found.push(`${version}/${f.replace(/\.json$/, '')}`);
      }
    }
    expect(found.sort()).toEqual(Object.keys(EXAMPLES).sort());
  });
});
