import { TerraformOutput, Testing } from 'cdktf';
import {
  AzapiProvider, PartnerEventsApiVersion, PartnerNamespace, PartnerRegistration, PartnerTopicRoutingMode,
  PublicNetworkAccess, TlsVersion,
} from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { newRegistration } from '../support/fixtures';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, resources, SUBSCRIPTION, synthJson } from '../support/synth';

const NS_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2`;

function registrationIn(stack = newStack()) {
  return { stack, registration: newRegistration(stack) };
}

describe('PartnerNamespace', () => {
  test('defaults: channel-name-header routing, public access, local auth on, TLS 1.2 through azapi', () => {
    const { stack, registration } = registrationIn();
    const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration });
    const json = synthJson(stack);
    const rendered = onlyResource(json, 'azurerm_eventgrid_partner_namespace');
    expect(rendered).toEqual({
      name: ns.partnerNamespaceName,
      location: 'westus2',
      resource_group_name: 'partner-rg',
      partner_registration_id: '${azurerm_eventgrid_partner_registration.Registration_8466E9D0.id}',
      partner_topic_routing_mode: 'ChannelNameHeader',
      public_network_access: 'Enabled',
      local_authentication_enabled: true,
    });
    expect(onlyResource(json, 'azapi_update_resource')).toEqual({
      type: 'Microsoft.EventGrid/partnerNamespaces@2025-02-15',
      resource_id: '${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}',
      body: { properties: { minimumTlsVersionAllowed: '1.2' } },
      locks: ['${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}'],
    });
    expect(ns.routingMode).toBe(PartnerTopicRoutingMode.CHANNEL_NAME_HEADER);
    expect(ns.localAuthEnabled).toBe(true);
    expect(ns.partnerNamespaceName).toMatch(/^stack-Namespace-[0-9a-f]{8}$/);
  });

  test('the minimum-TLS update and every channel and event channel of the namespace write under one azapi lock, the namespace\'s id', () => {
    const { stack, registration } = registrationIn();
    const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration });
    const legacy = new PartnerNamespace(stack, 'Legacy', {
      resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
    });
    const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg' };
    ns.addChannel('One', { ...target, partnerTopicName: 'one', source: 'one' });
    ns.addChannel('Two', { ...target, partnerTopicName: 'two', source: 'two' });
    legacy.addEventChannel('Three', { ...target, partnerTopicName: 'three', source: 'three' });
    const json = synthJson(stack);
    const lockOf = (id: string) => [`\${azurerm_eventgrid_partner_namespace.${id}.id}`];
    const nsId = Object.keys(json.resource.azurerm_eventgrid_partner_namespace);
    const [main, old] = [nsId.find((k) => k.startsWith('Namespace_'))!, nsId.find((k) => k.startsWith('Legacy_'))!];
    for (const block of [...resources(json, 'azapi_resource'), ...resources(json, 'azapi_update_resource')]) {
      // each write locks the namespace it writes to: its parent (a channel) or its resource (the TLS update)
      expect(block.locks).toEqual([block.parent_id ?? block.resource_id]);
      expect([lockOf(main), lockOf(old)]).toContainEqual(block.locks);
    }
    expect(resources(json, 'azapi_resource').filter((b) => b.locks[0] === lockOf(main)[0])).toHaveLength(2);
  });

  test('the channels of an imported namespace lock its id as given', () => {
    const stack = newStack();
    const ns = PartnerNamespace.fromPartnerNamespaceId(stack, 'Imported', NS_ID);
    ns.addChannel('One', { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'one', source: 'one' });
    expect(onlyResource(synthJson(stack), 'azapi_resource').locks).toEqual([NS_ID]);
  });

  test('renders every setting', () => {
    const { stack, registration } = registrationIn();
    new PartnerNamespace(stack, 'Namespace', {
      resourceGroupName: 'partner-rg',
      location: 'westeurope',
      partnerRegistration: registration,
      namespaceName: 'contoso-weu',
      routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
      publicNetworkAccess: PublicNetworkAccess.DISABLED,
      inboundIpRules: [{ ipMask: '203.0.113.0/24' }, { ipMask: '198.51.100.7/32' }],
      localAuthEnabled: false,
      minimumTlsVersion: TlsVersion.TLS1_1,
      tags: { env: 'prod' },
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
    const json = synthJson(stack);
    const rendered = onlyResource(json, 'azurerm_eventgrid_partner_namespace');
    expect(rendered.inbound_ip_rule).toEqual([{ ip_mask: '203.0.113.0/24', action: 'Allow' }, { ip_mask: '198.51.100.7/32', action: 'Allow' }]);
    expect(rendered.local_authentication_enabled).toBe(false);
    expect(rendered.public_network_access).toBe('Disabled');
    expect(rendered.tags).toEqual({ env: 'prod' });
    expect(onlyResource(json, 'azapi_update_resource').body.properties.minimumTlsVersionAllowed).toBe('1.1');
  });

  test('the access keys come from listKeys on every plan, only into sensitive values, and only when asked for', () => {
    const { stack, registration } = registrationIn();
    const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration });
    expect(synthJson(stack).data).toBeUndefined();
    new TerraformOutput(stack, 'key1', { value: ns.partnerNamespacePrimaryKey, sensitive: true });
    new TerraformOutput(stack, 'key2', { value: ns.partnerNamespaceSecondaryKey, sensitive: true });
    const json = synthJson(stack);
    const keys = Object.values(json.data.azapi_resource_action) as any[];
    expect(keys).toEqual([{
      type: 'Microsoft.EventGrid/partnerNamespaces@2025-02-15',
      resource_id: '${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}',
      action: 'listKeys',
      method: 'POST',
      sensitive_response_export_values: ['key1', 'key2'],
    }]);
    expect(json.output.key1).toEqual({ sensitive: true, value: '${data.azapi_resource_action.Namespace_Keys_D09DDEF7.sensitive_output.key1}' });
    expect(json.output.key2.value).toBe('${data.azapi_resource_action.Namespace_Keys_D09DDEF7.sensitive_output.key2}');
  });

  test('exposes the endpoint and id as references to the namespace', () => {
    const { stack, registration } = registrationIn();
    const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration });
    new TerraformOutput(stack, 'endpoint', { value: ns.partnerNamespaceEndpoint });
    new TerraformOutput(stack, 'id', { value: ns.partnerNamespaceId });
    const json = synthJson(stack);
    expect(json.output.endpoint.value).toBe('${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.endpoint}');
    expect(json.output.id.value).toBe('${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}');
  });

  test('EGP010: refuses a minimum TLS version on API 2022-06-15; without it, renders no TLS update', () => {
    const { stack, registration } = registrationIn();
    expect(() => new PartnerNamespace(stack, 'Old', {
      resourceGroupName: 'partner-rg',
      location: 'westus2',
      partnerRegistration: registration,
      apiVersion: PartnerEventsApiVersion.V2022_06_15,
      minimumTlsVersion: TlsVersion.TLS1_2,
    })).toThrow('[stack/Old] EGP010: minimumTlsVersion needs API version 2025-02-15, but the namespace uses 2022-06-15 ("1.2") — select API version 2025-02-15, or leave the setting unset');
    const ok = new PartnerNamespace(stack, 'OldOk', {
      resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, apiVersion: PartnerEventsApiVersion.V2022_06_15,
    });
    expect(ok.minimumTlsVersion).toBeUndefined();
    expect(synthJson(stack).resource.azapi_update_resource).toBeUndefined();
  });

  test('EGP031: refuses an inbound IP rule that is not IPv4/CIDR, accepts one that is', () => {
    const { stack, registration } = registrationIn();
    expect(() => new PartnerNamespace(stack, 'Bad', {
      resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, inboundIpRules: [{ ipMask: '10.0.0.0/33' }],
    })).toThrow('[stack/Bad] EGP031: inboundIpRules[0].ipMask is not an IPv4 CIDR range ("10.0.0.0/33") — give an IPv4 CIDR range such as 203.0.113.0/24');
    // the azurerm provider validates ip_mask as CIDR: one address is written with /32
    expect(() => new PartnerNamespace(stack, 'Address', {
      resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, inboundIpRules: [{ ipMask: '10.0.0.1' }],
    })).toThrow('[stack/Address] EGP031: inboundIpRules[0].ipMask is an address without a prefix length, not a CIDR range ("10.0.0.1") — write it as 10.0.0.1/32');
    expect(() => new PartnerNamespace(stack, 'Good', {
      resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, inboundIpRules: [{ ipMask: '10.0.0.0/8' }],
    })).not.toThrow();
  });

  test('EGP030: refuses an empty location or resource group', () => {
    const { stack, registration } = registrationIn();
    expect(() => new PartnerNamespace(stack, 'NoLocation', { resourceGroupName: 'partner-rg', location: '', partnerRegistration: registration }))
      .toThrow('[stack/NoLocation] EGP030: location is required and must not be empty ("")');
    expect(() => new PartnerNamespace(stack, 'NoRg', { resourceGroupName: '', location: 'westus2', partnerRegistration: registration }))
      .toThrow('[stack/NoRg] EGP030: resourceGroupName is required');
  });
});

describe('imported partner namespaces', () => {
  test('fromPartnerNamespaceId parses the name and takes channels', () => {
    const stack = newStack();
    const ns = PartnerNamespace.fromPartnerNamespaceId(stack, 'Existing', NS_ID);
    expect(ns.partnerNamespaceName).toBe('contoso-westus2');
    expect(ns.location).toBeUndefined();
    ns.addChannel('Customer', { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'c-rg', partnerTopicName: 'topic', source: 's', channelName: 'customer' });
    const channel = onlyResource(synthJson(stack), 'azapi_resource');
    expect(channel.parent_id).toBe(NS_ID);
    expect(() => ns.partnerNamespaceEndpoint).toThrow('[stack/Existing] EGP038: the endpoint of namespace contoso-westus2 was not given at import');
  });

  test('fromPartnerNamespaceAttributes carries region, routing mode and endpoint', () => {
    const stack = newStack();
    const ns = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Existing', {
      partnerNamespaceId: NS_ID,
      location: 'westus2',
      routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
      partnerNamespaceEndpoint: 'https://contoso-westus2.westus2-1.eventgrid.azure.net/api/events',
    });
    expect(ns.routingMode).toBe(PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE);
    expect(ns.partnerNamespaceEndpoint).toBe('https://contoso-westus2.westus2-1.eventgrid.azure.net/api/events');
  });

  test('EGP032: refuses an id that is not a partner namespace id', () => {
    const stack = newStack();
    expect(() => PartnerNamespace.fromPartnerNamespaceId(stack, 'Bad', '/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t'))
      .toThrow('[stack/Bad] EGP032: partnerNamespaceId is not the ARM id of a Microsoft.EventGrid/partnerNamespaces resource');
  });
});

describe('the azapi provider', () => {
  test('is declared once, implicitly, when the stack does not configure it', () => {
    const { stack, registration } = registrationIn();
    new PartnerNamespace(stack, 'A', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
    new PartnerNamespace(stack, 'B', { resourceGroupName: 'rg', location: 'eastus', partnerRegistration: registration });
    expect(synthJson(stack).provider.azapi).toEqual([{}]);
  });

  test.each(['before', 'after'])('AzapiProvider configured %s the library constructs replaces the implicit one', (when) => {
    const { stack, registration } = registrationIn();
    const configure = () => new AzapiProvider(stack, 'Azapi', { subscriptionId: SUBSCRIPTION, useOidc: true });
    if (when === 'before') configure();
    new PartnerNamespace(stack, 'A', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
    if (when === 'after') configure();
    expect(synthJson(stack).provider.azapi).toEqual([{ subscription_id: SUBSCRIPTION, use_oidc: true }]);
  });

  test('a second default configuration is refused; an aliased one is accepted', () => {
    const stack = newStack();
    new AzapiProvider(stack, 'Azapi');
    expect(() => new AzapiProvider(stack, 'Again')).toThrow(/\[stack\/Again\/Provider\] the stack already configures the default azapi provider at stack\/Azapi\/Provider/);
    new AzapiProvider(stack, 'Other', { alias: 'other', subscriptionId: SUBSCRIPTION });
    expect(synthJson(stack).provider.azapi).toEqual([{}, { alias: 'other', subscription_id: SUBSCRIPTION }]);
  });
});

describeConformance('PartnerNamespace conformance with the official ARM schema', () => {
  test('the namespace description (and so its azapi parts) validates against partnerNamespaces', () => {
    const { stack, registration } = registrationIn();
    const ns = new PartnerNamespace(stack, 'Namespace', {
      resourceGroupName: 'rg',
      location: 'westus2',
      partnerRegistration: registration,
      namespaceName: 'contoso',
      inboundIpRules: [{ ipMask: '203.0.113.0/24' }],
      publicNetworkAccess: PublicNetworkAccess.ENABLED,
    });
    const arm = armResourceOf(ns)!;
    expect(armSchemaErrors('2025-02-15', 'partnerNamespaces', arm)).toEqual([]);
    const update = onlyResource(synthJson(stack), 'azapi_update_resource');
    expect(armSchemaErrors('2025-02-15', 'partnerNamespaces', {
      type: arm.type, apiVersion: arm.apiVersion, name: arm.name, location: arm.location, ...update.body,
    })).toEqual([]);
  });

  test('a namespace configured like PartnerNamespaces_CreateOrUpdate describes the example request', () => {
    const example = officialExample('2025-02-15', 'PartnerNamespaces_CreateOrUpdate').parameters;
    const stack = newStack();
    const registration = PartnerRegistration.fromPartnerRegistrationId(stack, 'Registration', example.partnerNamespaceInfo.properties.partnerRegistrationFullyQualifiedId);
    const ns = new PartnerNamespace(stack, 'Namespace', {
      resourceGroupName: example.resourceGroupName,
      location: example.partnerNamespaceInfo.location,
      partnerRegistration: registration,
      namespaceName: example.partnerNamespaceName,
      tags: example.partnerNamespaceInfo.tags,
    });
    const arm = armResourceOf(ns)!;
    expect(arm.location).toBe(example.partnerNamespaceInfo.location);
    expect(arm.tags).toEqual(example.partnerNamespaceInfo.tags);
    // The library states its defaults explicitly; the example leaves them to the service.
    expect(arm.properties).toEqual({
      ...example.partnerNamespaceInfo.properties,
      partnerTopicRoutingMode: 'ChannelNameHeader',
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
      minimumTlsVersionAllowed: '1.2',
    });
    expect(resources(synthJson(stack), 'azurerm_eventgrid_partner_namespace')[0].partner_registration_id)
      .toBe(example.partnerNamespaceInfo.properties.partnerRegistrationFullyQualifiedId);
  });
});
