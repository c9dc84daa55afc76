// Placement over resource groups and subscriptions: the template's own resource group, nested deployments for the
// others (one per scope, resource groups compared as Azure does), and resources in another subscription.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { destinations } from '../../../src';
import { literal } from '../../../src/render/arm/expressions';
import { deploymentName } from '../../../src/render/arm/placement';
import { renderArmTemplate } from '../../../src/render/arm/template';
import { describeResource } from '../../../src/render/terraform/describe';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../../support/fixtures';
import { newStack, OTHER_SUBSCRIPTION, SUBSCRIPTION } from '../../support/synth';

class Widget extends Construct {
  constructor(scope: Construct, id: string, public readonly resourceGroupName: string | undefined) {
    super(scope, id);
    describeResource(this, () => ({ construct: this, type: 'Contoso.Test/widgets', apiVersion: '2024-01-01', name: id.toLowerCase(), properties: {} }));
  }
}

test('a subscription on the partner topic of a channel in another subscription: a nested deployment into that subscription, after the channel', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: SUBSCRIPTION });
  const { namespace } = newPartnerNamespace(stack);
  const channel = namespace.addChannel('Customer', { ...CUSTOMER_TARGET, partnerTopicSubscriptionId: OTHER_SUBSCRIPTION, channelName: 'customer' });
  channel.partnerTopic.addEventSubscription('Hook', { eventSubscriptionName: 'hook', destination: new destinations.WebHook({ endpointUrl: 'https://example.com/h' }) });
  const t = renderArmTemplate(stack)!;
  expect(t.metadata).toMatchObject({ deployTo: { subscriptionId: SUBSCRIPTION, resourceGroup: 'partner-rg' } });
  const [registration, ns, ch, deployment] = t.resources as any[];
  expect([registration.type, ns.type, ch.type]).toEqual([
    'Microsoft.EventGrid/partnerRegistrations', 'Microsoft.EventGrid/partnerNamespaces', 'Microsoft.EventGrid/partnerNamespaces/channels',
  ]);
  expect(deployment).toMatchObject({
    type: 'Microsoft.Resources/deployments',
    name: `partner-events-customer-rg-${OTHER_SUBSCRIPTION.slice(0, 8)}`,
    subscriptionId: OTHER_SUBSCRIPTION,
    resourceGroup: 'customer-rg',
    // The partner topic's creator is typed in the model (createdBy): the deployment waits for the channel.
    dependsOn: ["[resourceId('Microsoft.EventGrid/partnerNamespaces/channels', 'contoso-westus2', 'customer')]"],
  });
  expect(deployment.properties.template.resources.map((r: any) => [r.type, r.name])).toEqual([
    ['Microsoft.EventGrid/partnerTopics/eventSubscriptions', 'contoso-tickets/hook'],
  ]);
});

test('the same subscription as the provider\'s is the deployment\'s own: no subscriptionId, the template\'s group when it is the first', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: SUBSCRIPTION });
  const { namespace } = newPartnerNamespace(stack);
  const channel = namespace.addChannel('Customer', { ...CUSTOMER_TARGET, channelName: 'customer' });
  channel.partnerTopic.addEventSubscription('Hook', { eventSubscriptionName: 'hook', destination: new destinations.WebHook({ endpointUrl: 'https://example.com/h' }) });
  const deployment = (renderArmTemplate(stack)!.resources as any[]).find((r) => r.type === 'Microsoft.Resources/deployments');
  expect(deployment.subscriptionId).toBeUndefined();
  expect(deployment).toMatchObject({ name: 'partner-events-customer-rg', resourceGroup: 'customer-rg' });
});

test('resource groups are compared as Azure compares them: one nested deployment for Group-B and group-b', () => {
  const stack = newStack();
  new Widget(stack, 'A', 'group-a');
  new Widget(stack, 'B1', 'Group-B');
  new Widget(stack, 'B2', 'group-b');
  const resources = renderArmTemplate(stack)!.resources as any[];
  expect(resources.map((r) => r.type)).toEqual(['Contoso.Test/widgets', 'Microsoft.Resources/deployments']);
  expect(resources[1]).toMatchObject({ name: 'partner-events-Group-B', resourceGroup: 'Group-B' });
  expect(resources[1].properties.template.resources.map((r: any) => r.name)).toEqual(['b1', 'b2']);
});

test('nested deployment names: made of the group and subscription, sanitized, unique', () => {
  const used = new Set<string>();
  const next = new Map<string, number>();
  expect(deploymentName({ resourceGroup: literal('my rg!') }, used, next)).toBe('partner-events-my-rg-');
  expect(deploymentName({ resourceGroup: literal('my rg?') }, used, next)).toBe('partner-events-my-rg--2');
  expect(deploymentName({ resourceGroup: literal('rg'), subscriptionId: literal(OTHER_SUBSCRIPTION) }, used, next)).toBe('partner-events-rg-0c7a5e3f');
  expect(deploymentName({ resourceGroup: { expr: "parameters('rg')" } }, used, next)).toBe('partner-events-group');
});

test('a resource whose resource group is not known is refused, naming it', () => {
  const stack = newStack();
  new Widget(stack, 'Lost', undefined);
  expect(() => renderArmTemplate(stack)).toThrow('[stack/Lost] ARM template: the resource group of Contoso.Test/widgets lost is not known');
});
