// How the ARM template carries what Terraform leaves to tokens: references between library constructs, Terraform
// variables, foreign resources, data lookups, resources in other groups, subscriptions and stacks; what it refuses;
// and escape hatches the official schema rejects.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { App, Fn, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  Channel, destinations, PartnerConfiguration, PartnerNamespace, PartnerRegistration, PartnerTopic, PartnerTopicRoutingMode,
} from '../../../src';
import { ARM_TEMPLATE_FILE, renderArmTemplate } from '../../../src/render/arm/template';
import { newPartnerNamespace, newRegistration } from '../../support/fixtures';
import {
  armTemplateSchemaErrors, armTemplateStructureErrors, describeConformance, templateResources,
} from '../../support/reference';
import { newStack, OTHER_SUBSCRIPTION, SUBSCRIPTION } from '../../support/synth';

function partner(stack: TerraformStack = newStack()) {
  return newPartnerNamespace(stack);
}

const target = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', source: 'com.contoso.c' };

/** The template the synth writes (validations run first), after the structure check. */
function synthTemplate(stack: TerraformStack): any {
  const dir = Testing.fullSynth(stack);
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack.node.id, ARM_TEMPLATE_FILE), 'utf8'));
  expect(armTemplateStructureErrors(template)).toEqual([]);
  return template;
}

function resource(template: any, type: string): any {
  const found = templateResources(template).filter((r) => r.resource.type === type);
  expect(found).toHaveLength(1);
  return found[0].resource;
}

describeConformance('a property the official schema rejects fails the ARM conformance check, naming the construct', () => {
  test('an unknown channelType forced through the azapi escape hatch reaches the template and fails', () => {
    const { stack, namespace } = partner();
    const channel = namespace.addChannel('Customer', { ...target, channelName: 'customer' });
    (channel.node.defaultChild as TerraformResource).addOverride('body.properties.channelType', 'Bogus');
    const template = synthTemplate(stack);
    expect(resource(template, 'Microsoft.EventGrid/partnerNamespaces/channels').properties.channelType).toBe('Bogus');
    const errors = armTemplateSchemaErrors(template);
    expect(errors).toContainEqual(expect.stringMatching(
      /^\[stack\/Namespace\/Customer\] Microsoft\.EventGrid\/partnerNamespaces\/channels@2025-02-15: \/properties\/channelType must be equal to one of the allowed values/));
    expect(errors.every((e) => e.startsWith('[stack/Namespace/Customer] '))).toBe(true);
  });

  test('an unknown routing mode forced through the azurerm escape hatch fails on the namespace', () => {
    const { stack, namespace } = partner();
    (namespace.node.defaultChild as TerraformResource).addOverride('partner_topic_routing_mode', 'Bogus');
    const errors = armTemplateSchemaErrors(renderArmTemplate(stack));
    expect(errors).toContainEqual(expect.stringMatching(/^\[stack\/Namespace\] Microsoft\.EventGrid\/partnerNamespaces@2025-02-15: \/properties\/partnerTopicRoutingMode must be equal to one of the allowed values/));
  });

  test('an unknown destination endpointType in an event subscription fails on the subscription', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    const sub = topic.addEventSubscription('Hook', { destination: new destinations.WebHook({ endpointUrl: 'https://example.com/h' }) });
    (sub.node.defaultChild as TerraformResource).addOverride('body.properties.destination.endpointType', 'Carrier pigeon');
    const errors = armTemplateSchemaErrors(renderArmTemplate(stack));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('[stack/Topic/Hook] Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15: '))).toBe(true);
  });
});

describe('references between library constructs', () => {
  test('a namespace refers to its registration with resourceId and waits for it; a channel names its namespace', () => {
    const { stack, namespace } = partner();
    namespace.addChannel('Customer', { ...target, channelName: 'customer' });
    const t = synthTemplate(stack);
    expect(resource(t, 'Microsoft.EventGrid/partnerNamespaces').properties.partnerRegistrationFullyQualifiedId)
      .toBe("[resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso')]");
    const channel = resource(t, 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channel.name).toBe('contoso-westus2/customer');
    expect(channel.dependsOn).toEqual(["[resourceId('Microsoft.EventGrid/partnerNamespaces', 'contoso-westus2')]"]);
  });

  test('a registration in another resource group than the namespace: the namespace goes to a nested deployment', () => {
    const stack = newStack();
    const registration = newRegistration(stack, 'registrations');
    new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'namespaces', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2' });
    const t = synthTemplate(stack);
    expect(t.metadata.deployTo.resourceGroup).toBe('registrations');
    const deployment = resource(t, 'Microsoft.Resources/deployments');
    expect(deployment).toMatchObject({ name: 'partner-events-namespaces', resourceGroup: 'namespaces', dependsOn: ["[resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso')]"] });
    expect(resource(t, 'Microsoft.EventGrid/partnerNamespaces').properties.partnerRegistrationFullyQualifiedId)
      .toBe("[resourceId(parameters('deploymentResourceGroupName'), 'Microsoft.EventGrid/partnerRegistrations', 'contoso')]");
    // The endpoint output reads the namespace in its own group.
    expect(Object.values<any>(t.outputs)[0].value).toBe("[reference(resourceId('namespaces', 'Microsoft.EventGrid/partnerNamespaces', 'contoso-westus2'), '2025-02-15').endpoint]");
  });

  test('event subscriptions of a topic in another subscription: a nested deployment into that subscription', () => {
    const stack = newStack(); // the provider names no subscription: the topic's may be another one
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: OTHER_SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    topic.addEventSubscription('Queue', {
      eventSubscriptionName: 'queue',
      destination: new destinations.StorageQueue({ storageAccountId: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.Storage/storageAccounts/acct`, queueName: 'tickets' }),
    });
    const t = synthTemplate(stack);
    const deployment = resource(t, 'Microsoft.Resources/deployments');
    expect(deployment).toMatchObject({ subscriptionId: OTHER_SUBSCRIPTION, resourceGroup: 'customer-rg', name: `partner-events-customer-rg-${OTHER_SUBSCRIPTION.slice(0, 8)}` });
    expect(resource(t, 'Microsoft.EventGrid/partnerTopics/eventSubscriptions').name).toBe('tickets/queue');
    expect(t.metadata.deployTo.resourceGroup).toBeNull();
  });

  test('with the provider in the topic\'s subscription, the same subscriptions are the template\'s own resources', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: OTHER_SUBSCRIPTION });
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: OTHER_SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    topic.addEventSubscription('Hook', { eventSubscriptionName: 'hook', destination: new destinations.WebHook({ endpointUrl: 'https://example.com/h' }) });
    const t = synthTemplate(stack);
    expect(t.resources.map((r: any) => r.type)).toEqual(['Microsoft.EventGrid/partnerTopics/eventSubscriptions']);
    expect(t.metadata.deployTo).toMatchObject({ subscriptionId: OTHER_SUBSCRIPTION, resourceGroup: 'customer-rg' });
  });

  test('a channel of a namespace owned by another stack: named and placed by that namespace, not deployed again', () => {
    const app = Testing.app();
    const { namespace } = partner(newStack(app, 'partner'));
    const channels = newStack(app, 'channels');
    namespace.addChannel('Customer', { ...target, channelName: 'customer' }); // in the partner stack
    new Channel(channels, 'Other', { ...target, partnerTopicName: 'other', channelName: 'other', partnerNamespace: namespace });
    const t = renderArmTemplate(channels)!;
    expect(t.resources).toEqual([expect.objectContaining({ type: 'Microsoft.EventGrid/partnerNamespaces/channels', name: 'contoso-westus2/other' })]);
    expect((t.resources as any[])[0].dependsOn).toBeUndefined();
    expect((t.metadata as any).deployTo.resourceGroup).toBe('partner-rg');
  });
});

describe('Terraform values the template does not compute become parameters', () => {
  test('Terraform variables: typed parameters with their default and description; a sensitive one is a securestring', () => {
    const { stack, namespace } = partner();
    const source = new TerraformVariable(stack, 'customer_source', { type: 'string', default: 'com.contoso.c', description: 'The customer\'s source.' });
    const message = new TerraformVariable(stack, 'activation-message', { type: 'string' });
    namespace.addChannel('Customer', { ...target, channelName: 'customer', source: source.stringValue, messageForActivation: message.stringValue });
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    const attempts = new TerraformVariable(stack, 'attempts', { type: 'number', default: 10 });
    const url = new TerraformVariable(stack, 'hook_url', { type: 'string', sensitive: true });
    topic.addEventSubscription('Hook', {
      eventSubscriptionName: 'hook',
      destination: new destinations.WebHook({ endpointUrl: url.stringValue }),
      maxDeliveryAttempts: attempts.numberValue,
    });
    const t = synthTemplate(stack);
    expect(t.parameters.customer_source).toEqual({ type: 'string', defaultValue: 'com.contoso.c', metadata: { description: 'The customer\'s source.' } });
    expect(t.parameters.activationMessage).toEqual({ type: 'string', metadata: { description: 'Terraform variable activation-message.' } });
    expect(t.parameters.attempts).toEqual({ type: 'int', defaultValue: 10, metadata: expect.anything() });
    expect(t.parameters.hook_url).toEqual({ type: 'securestring', metadata: expect.anything() });
    const channel = resource(t, 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channel.properties.partnerTopicInfo.source).toBe("[parameters('customer_source')]");
    expect(channel.properties.messageForActivation).toBe("[parameters('activationMessage')]");
    const hook = resource(t, 'Microsoft.EventGrid/partnerTopics/eventSubscriptions');
    expect(hook.properties.destination.properties.endpointUrl).toBe("[parameters('hook_url')]");
    expect(hook.properties.retryPolicy.maxDeliveryAttempts).toBe("[parameters('attempts')]");
  });

  test('a webhook URL from a plain variable still becomes a securestring parameter (it goes through sensitive_body)', () => {
    const stack = newStack();
    const url = new TerraformVariable(stack, 'hook_url', { type: 'string', default: 'https://example.com/h?code=1' });
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    topic.addEventSubscription('Hook', { destination: new destinations.WebHook({ endpointUrl: url.stringValue }) });
    const t = synthTemplate(stack);
    expect(t.parameters.hook_url).toEqual({ type: 'securestring', metadata: expect.anything() });
    expect(JSON.stringify(t)).not.toContain('code=1');
  });

  test('a foreign resource\'s attribute: a parameter named after the resource; text around a token: format()', () => {
    const stack = newStack();
    const account = new TerraformResource(stack, 'Account', { terraformResourceType: 'azurerm_storage_account' });
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    const rg = new TerraformVariable(stack, 'rg', { type: 'string' });
    topic.addEventSubscription('Queue', {
      eventSubscriptionName: 'queue',
      destination: new destinations.StorageQueue({
        storageAccountId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg.stringValue}/providers/Microsoft.Storage/storageAccounts/acct`,
        queueName: 'tickets',
      }),
      deadLetter: { storageAccountId: account.getStringAttribute('id'), blobContainerName: 'dead' },
    });
    const t = synthTemplate(stack);
    const sub = resource(t, 'Microsoft.EventGrid/partnerTopics/eventSubscriptions');
    expect(sub.properties.deadLetterDestination.properties.resourceId).toBe("[parameters('accountId')]");
    expect(t.parameters.accountId.metadata.description).toMatch(/azurerm_storage_account\.Account\.id/);
    expect(sub.properties.destination.properties.resourceId)
      .toBe(`[format('/subscriptions/${SUBSCRIPTION}/resourceGroups/{0}/providers/Microsoft.Storage/storageAccounts/acct', parameters('rg'))]`);
  });

  test('a registration imported by id: its immutable id (a data lookup in Terraform) is a parameter that says how to look it up', () => {
    const stack = newStack();
    const registration = PartnerRegistration.fromPartnerRegistrationId(stack, 'Contoso',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerRegistrations/contoso`);
    new PartnerConfiguration(stack, 'Partners', {
      resourceGroupName: 'customer-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: 'Contoso', expiresAt: '2026-12-01T00:00:00Z' }],
    });
    const t = synthTemplate(stack);
    const list = resource(t, 'Microsoft.EventGrid/partnerConfigurations').properties.partnerAuthorization.authorizedPartnersList;
    expect(list[0].partnerRegistrationImmutableId).toBe("[parameters('contosoPartnerRegistrationImmutableId')]");
    expect(t.parameters.contosoPartnerRegistrationImmutableId.metadata.description)
      .toContain('az rest --method get --url "https://management.azure.com/subscriptions/<subscription>/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerRegistrations/contoso?api-version=2025-02-15" --query properties.partnerRegistrationImmutableId --output tsv');
  });

  test('a namespace imported by a token id: the channel\'s group, subscription and parent name are split from it', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'namespace_id', { type: 'string' });
    const namespace = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Namespace', {
      partnerNamespaceId: id.stringValue, location: 'westus2', routingMode: PartnerTopicRoutingMode.CHANNEL_NAME_HEADER,
    });
    namespace.addChannel('Customer', { ...target, channelName: 'customer' });
    const t = synthTemplate(stack);
    const deployment = resource(t, 'Microsoft.Resources/deployments');
    expect(deployment.subscriptionId).toBe("[split(parameters('namespace_id'), '/')[2]]");
    expect(deployment.resourceGroup).toBe("[split(parameters('namespace_id'), '/')[4]]");
    expect(resource(t, 'Microsoft.EventGrid/partnerNamespaces/channels').name)
      .toBe("[format('{0}/customer', last(split(parameters('namespace_id'), '/')))]");
  });

  test('a literal that starts with [ is escaped, so ARM does not read it as an expression', () => {
    const { stack, namespace } = partner();
    namespace.addChannel('Customer', { ...target, channelName: 'customer', messageForActivation: '[Contoso] activate to receive tickets' });
    const channel = resource(synthTemplate(stack), 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channel.properties.messageForActivation).toBe('[[Contoso] activate to receive tickets');
  });
});

describe('what the template leaves to commands', () => {
  test('a role assignment on a namespace of the template: after the deployment, on the namespace\'s id', () => {
    const { stack, namespace } = partner();
    new RoleAssignment(namespace, 'Publisher', {
      scope: namespace.partnerNamespaceId, roleDefinitionName: 'EventGrid Data Sender', principalId: '0c7a5e3f-6a2b-4a59-9d0e-2f1f5c3e8a11',
    });
    const t = synthTemplate(stack);
    const id = '/subscriptions/<subscription>/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2';
    expect(t.metadata.notDeployedByThisTemplate).toContainEqual({
      constructPath: 'stack/Namespace/Publisher',
      action: 'roleAssignment',
      resourceId: id,
      when: expect.stringMatching(/^after this template is deployed/),
      command: `az role assignment create --assignee-object-id 0c7a5e3f-6a2b-4a59-9d0e-2f1f5c3e8a11 --assignee-principal-type ServicePrincipal --role "EventGrid Data Sender" --scope "${id}"`,
    });
  });
});

describe('what the template refuses, with the construct path', () => {
  test('a value computed with a Terraform function from a resource of this template', () => {
    const { stack, registration, namespace } = partner();
    namespace.addChannel('Customer', { ...target, channelName: 'customer', messageForActivation: Fn.upper(registration.partnerRegistrationImmutableId) });
    expect(() => renderArmTemplate(stack)).toThrow(
      /^\[stack\/Namespace\/Customer\] ARM template: properties\.messageForActivation is the Terraform expression \$\{upper\(azurerm_eventgrid_partner_registration\.Registration_[0-9A-F]+\.partner_registration_id\)\}, which computes with stack\/Registration, a resource of this template/);
  });

  test('the same expression on a foreign value is a parameter instead', () => {
    const { stack, namespace } = partner();
    const v = new TerraformVariable(stack, 'who', { type: 'string' });
    namespace.addChannel('Customer', { ...target, channelName: 'customer', messageForActivation: Fn.upper(v.stringValue) });
    const t = renderArmTemplate(stack)!;
    const channel = templateResources(t).find((r) => r.resource.type === 'Microsoft.EventGrid/partnerNamespaces/channels')!.resource;
    expect(channel.properties.messageForActivation).toBe("[parameters('customerMessageForActivation')]");
    expect((t.parameters as any).customerMessageForActivation.metadata.description).toContain('${upper(var.who)}');
  });

  test('app.synth() fails on it, naming the construct', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'arm-refuse-')) });
    const { registration, namespace } = partner(newStack(app));
    namespace.addChannel('Customer', { ...target, channelName: 'customer', messageForActivation: Fn.upper(registration.partnerRegistrationImmutableId) });
    expect(() => app.synth()).toThrow(/\[stack\/Namespace\/Customer\] ARM template:/);
  });
});
