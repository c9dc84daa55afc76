import { TerraformStack } from 'cdktf';
import { PartnerNamespace, PartnerRegistration } from '../../../src';
import { descriptionOf } from '../../../src/model';
import { addPropertyOverride } from '../../../src/render/terraform/property-overrides';
import { newStack, onlyResource, SUBSCRIPTION, synthJson } from '../../support/synth';

function partner(stack: TerraformStack = newStack()) {
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'partner-rg', registrationName: 'contoso' });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  const channel = namespace.addChannel('Fabrikam', {
    partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'fabrikam-events', partnerTopicName: 'tickets', source: 'contoso.fabrikam',
  });
  return { stack, registration, namespace, channel };
}

describe('addPropertyOverride: one override, seen by the model and rendered by Terraform', () => {
  test('on an azapi resource: a body override, and the model shows it', () => {
    const { stack, channel } = partner();
    addPropertyOverride(channel, 'messageForActivation', 'Activate to receive tickets');
    expect(descriptionOf(channel)!.properties.messageForActivation).toBe('Activate to receive tickets');
    const block = onlyResource(synthJson(stack, false), 'azapi_resource');
    expect(block.body.properties.messageForActivation).toBe('Activate to receive tickets');
    expect(block.body.properties.partnerTopicInfo.name).toBe('tickets');
  });

  test('on an azurerm resource: the attribute that holds the member, in Terraform\'s names', () => {
    const { stack, namespace } = partner();
    addPropertyOverride(namespace, 'inboundIpRules', [{ ipMask: '203.0.113.0/24', action: 'Allow' }]);
    addPropertyOverride(namespace, 'disableLocalAuth', true);
    const block = onlyResource(synthJson(stack, false), 'azurerm_eventgrid_partner_namespace');
    expect(block.inbound_ip_rule).toEqual([{ ip_mask: '203.0.113.0/24', action: 'Allow' }]);
    expect(block.local_authentication_enabled).toBe(false);
    const d = descriptionOf(namespace)!;
    expect(d.properties.inboundIpRules).toEqual([{ ipMask: '203.0.113.0/24', action: 'Allow' }]);
    expect(d.properties.disableLocalAuth).toBe(true);
  });

  test('a member azurerm has no attribute for is refused, naming the construct, the value and what can be overridden', () => {
    const { namespace } = partner();
    expect(() => addPropertyOverride(namespace, 'minimumTlsVersionAllowed', '1.0'))
      .toThrow(/\[stack\/Namespace\] properties.minimumTlsVersionAllowed has no attribute in azurerm_eventgrid_partner_namespace \("1.0"\) — override one of .*publicNetworkAccess/);
    expect(() => addPropertyOverride(namespace, 'publicNetworkAccess', 'Disabled')).not.toThrow();
  });

  test('a construct that renders no resource is refused', () => {
    const { stack, channel } = partner();
    expect(() => addPropertyOverride(stack, 'x', 1)).toThrow(/\[stack\] describes no Azure resource rendered by the library/);
    expect(() => addPropertyOverride(channel, 'x', 1)).not.toThrow();
  });
});

describe('the public addPropertyOverride of each resource construct', () => {
  test('Channel and PartnerNamespace (azapi and azurerm) render it and the model shows it', () => {
    const { stack, channel, namespace } = partner();
    channel.addPropertyOverride('partnerTopicInfo.eventTypeInfo', { kind: 'Inline', inlineEventTypes: { 'com.contoso.a': {} } });
    namespace.addPropertyOverride('publicNetworkAccess', 'Disabled');
    const json = synthJson(stack, false);
    expect(onlyResource(json, 'azapi_resource').body.properties.partnerTopicInfo.eventTypeInfo.inlineEventTypes).toEqual({ 'com.contoso.a': {} });
    expect(onlyResource(json, 'azurerm_eventgrid_partner_namespace').public_network_access).toBe('Disabled');
    expect(descriptionOf(namespace)!.properties.publicNetworkAccess).toBe('Disabled');
  });
});
