// The ARM template every synth writes beside each stack's Terraform: the examples' templates conform to the
// official schemas, parse as ARM templates, are deterministic, and hold what the README says.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { addAllExamples } from '../../../examples/all';
import { ARM_TEMPLATE_FILE, renderArmTemplate } from '../../../src/render/arm/template';
import { newPartnerNamespace } from '../../support/fixtures';
import {
  armTemplateSchemaErrors, armTemplateStructureErrors, describeConformance, readTemplates, templateResources,
} from '../../support/reference';
import { newStack, SUBSCRIPTION } from '../../support/synth';

function synthExamples(): { outdir: string; templates: Map<string, { text: string; template: any }> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'arm-examples-'));
  const app = new App({ outdir });
  addAllExamples(app);
  app.synth();
  return { outdir, templates: readTemplates(outdir) };
}

const { outdir, templates } = synthExamples();
const STACKS = ['contoso-partner', 'contoso-private', 'fabrikam-customer'];

function resourceOf(template: any, type: string, name: string): any {
  const found = templateResources(template).filter((r) => r.resource.type === type && r.resource.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  }
  return found[0].resource;
}

describe('deploymentTemplate.json beside each stack', () => {
  test('every example stack gets one, beside its cdk.tf.json', () => {
    expect([...templates.keys()]).toEqual(STACKS);
    for (const stack of STACKS) {
      expect(fs.existsSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
      expect(fs.existsSync(path.join(outdir, 'stacks', stack, ARM_TEMPLATE_FILE))).toBe(true);
    }
  });

  test('the same program gives a byte-identical template', () => {
    const again = synthExamples().templates;
    for (const stack of STACKS) {
      expect(again.get(stack)!.text).toBe(templates.get(stack)!.text);
    }
  });

  test('a stack without partner resources gets none', () => {
    const stack = newStack();
    expect(renderArmTemplate(stack)).toBeUndefined();
    const dir = Testing.fullSynth(stack);
    expect(fs.existsSync(path.join(dir, 'stacks', 'stack', ARM_TEMPLATE_FILE))).toBe(false);
  });

  test('Testing.fullSynth writes it too', () => {
    const stack = newStack();
    newPartnerNamespace(stack, { resourceGroupName: 'rg' });
    const dir = Testing.fullSynth(stack);
    const template = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'stack', ARM_TEMPLATE_FILE), 'utf8'));
    expect(template).toEqual(renderArmTemplate(stack));
    expect(template.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    expect(template.contentVersion).toBe('1.0.0.0');
  });

  test('a stack beyond ARM\'s 800 resources per template still synthesizes; the template says so in metadata.warnings', () => {
    const stack = newStack();
    const { namespace } = newPartnerNamespace(stack, { resourceGroupName: 'rg' });
    for (let i = 0; i < 800; i++) {
      namespace.addChannel(`c${i}`, { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: `topic-${i}`, source: `s${i}` });
    }
    const template = renderArmTemplate(stack)!;
    expect((template.resources as unknown[]).length).toBe(802);
    expect((template.metadata as any).warnings).toEqual(['the template holds 802 resources; ARM deploys at most 800 per template — split the stack']);
    expect(templates.get('contoso-partner')!.template.metadata.warnings).toBeUndefined();
  });

  test.each(STACKS)('snapshot of the %s template', (stack) => {
    expect(templates.get(stack)!.template).toMatchSnapshot();
  });
});

describeConformance('the examples\' templates against the official ARM schemas', () => {
  test.each(STACKS)('every resource of %s validates against the schema of its API version', (stack) => {
    const template = templates.get(stack)!.template;
    expect(templateResources(template).filter((r) => r.resource.type.startsWith('Microsoft.EventGrid/')).length).toBeGreaterThan(0);
    expect(armTemplateSchemaErrors(template)).toEqual([]);
  });

  test.each(STACKS)('%s parses as an ARM template: expressions, parameters, resourceId and dependsOn', (stack) => {
    expect(armTemplateStructureErrors(templates.get(stack)!.template)).toEqual([]);
  });

  test('the structure check finds what is wrong (it is not vacuous)', () => {
    const bad = JSON.parse(JSON.stringify(templates.get('contoso-private')!.template));
    bad.resources[1].properties.partnerRegistrationFullyQualifiedId = "[resourceId('Microsoft.EventGrid/partnerRegistrations', 'nobody')]";
    bad.resources[1].properties.publicNetworkAccess = "[parameters('undeclared')]";
    bad.resources[2].properties.messageForActivation = "[concat('a', 'b']";
    bad.resources[2].properties.expirationTimeIfNotActivatedUtc = "[utcNow('u')]";
    delete bad.resources[0].properties;
    const errors = armTemplateStructureErrors(bad).join('\n');
    expect(errors).toMatch(/names no resource of the template/);
    expect(errors).toMatch(/uses parameter undeclared, which is not declared/);
    expect(errors).toMatch(/malformed expression \[concat\('a', 'b'\]/);
    expect(errors).toMatch(/utcNow outside a parameter default/);
    expect(errors).toMatch(/no properties object/);
  });
});

describe('what the examples\' templates hold', () => {
  test('the partner: registration (global, properties {}), namespaces, one channel per customer; references as resourceId', () => {
    const t = templates.get('contoso-partner')!.template;
    expect(t.metadata.deployTo).toEqual({
      subscriptionId: '9e1f2a3b-4c5d-4e6f-8a7b-0c1d2e3f4a5b', // the example's azurerm provider's
      resourceGroup: 'contoso-partner',
      command: 'az deployment group create --subscription 9e1f2a3b-4c5d-4e6f-8a7b-0c1d2e3f4a5b --resource-group contoso-partner --template-file deploymentTemplate.json',
    });
    const registration = resourceOf(t, 'Microsoft.EventGrid/partnerRegistrations', 'contoso-ticketing');
    expect(registration).toMatchObject({ apiVersion: '2025-02-15', location: 'global', tags: { owner: 'platform' }, properties: {} });
    const namespace = resourceOf(t, 'Microsoft.EventGrid/partnerNamespaces', 'contoso-tickets-westus2');
    expect(namespace.location).toBe('westus2');
    expect(namespace.properties.partnerRegistrationFullyQualifiedId).toBe("[resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso-ticketing')]");
    expect(namespace.dependsOn).toEqual(["[resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso-ticketing')]"]);
    const channels = templateResources(t).filter((r) => r.resource.type === 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channels).toHaveLength(7);
    for (const { resource } of channels) {
      expect(resource.name).toMatch(/^contoso-tickets-(westus2|westeurope)\/[-A-Za-z0-9]+$/);
      expect(resource.location).toBeUndefined();
      const ns = resource.name.split('/')[0];
      expect(resource.dependsOn).toEqual([`[resourceId('Microsoft.EventGrid/partnerNamespaces', '${ns}')]`]);
      expect(resource.properties.expirationTimeIfNotActivatedUtc)
        .toBe("[if(empty(parameters('channelExpiryAfter7Days')), null(), parameters('channelExpiryAfter7Days'))]");
    }
    // The expiry of Duration.days(7): one parameter, empty by default, so that a redeployment sends no new expiry
    // (to channels whose topic is activated, above all); given at the first deployment, it is sent.
    expect(t.parameters).toEqual({
      channelExpiryAfter7Days: expect.objectContaining({ type: 'string', defaultValue: '' }),
    });
    expect(t.parameters.channelExpiryAfter7Days.metadata.description).toMatch(/leave it empty when redeploying/);
    expect(JSON.stringify(t)).not.toMatch(/utcNow/);
  });

  test('outputs: each namespace\'s endpoint with reference(); keys never', () => {
    const t = templates.get('contoso-partner')!.template;
    expect(t.outputs).toEqual({
      contosoTicketsWestus2Endpoint: expect.objectContaining({
        type: 'string', value: "[reference(resourceId('Microsoft.EventGrid/partnerNamespaces', 'contoso-tickets-westus2'), '2025-02-15').endpoint]",
      }),
      contosoTicketsWesteuropeEndpoint: expect.objectContaining({
        type: 'string', value: "[reference(resourceId('Microsoft.EventGrid/partnerNamespaces', 'contoso-tickets-westeurope'), '2025-02-15').endpoint]",
      }),
    });
    for (const stack of STACKS) {
      expect(templates.get(stack)!.text).not.toMatch(/listKeys\(/);
    }
  });

  test('the private use: the consumer resource group goes to two nested deployments, the authorization before the channel and the subscription after it', () => {
    const t = templates.get('contoso-private')!.template;
    const authorization = resourceOf(t, 'Microsoft.Resources/deployments', 'partner-events-private-consumer');
    const subscriptions = resourceOf(t, 'Microsoft.Resources/deployments', 'partner-events-private-consumer-2');
    for (const deployment of [authorization, subscriptions]) {
      expect(deployment.resourceGroup).toBe('private-consumer');
      expect(deployment.subscriptionId).toBeUndefined(); // the provider's subscription is the topic's
    }
    expect(authorization.dependsOn).toEqual(["[resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso-private')]"]);
    expect(resourceOf(t, 'Microsoft.EventGrid/partnerNamespaces/channels', 'contoso-private-westus2/contoso-private-tickets').dependsOn)
      .toContain("[resourceId('Microsoft.Resources/deployments', 'partner-events-private-consumer')]");
    expect(subscriptions.dependsOn).toEqual([
      "[resourceId('Microsoft.EventGrid/partnerNamespaces/channels', 'contoso-private-westus2', 'contoso-private-tickets')]",
    ]);
    expect(subscriptions.properties.template.resources.map((r: any) => `${r.type} ${r.name}`)).toEqual([
      'Microsoft.EventGrid/partnerTopics/eventSubscriptions contoso-private-tickets/private-webhook',
    ]);
    const inner = authorization.properties.template;
    expect(inner.resources.map((r: any) => `${r.type} ${r.name}`)).toEqual(['Microsoft.EventGrid/partnerConfigurations default']);
    // The authorization reads the registration's immutable id from the registration this template deploys.
    expect(inner.resources[0].properties.partnerAuthorization.authorizedPartnersList).toEqual([{
      partnerRegistrationImmutableId: "[reference(resourceId(parameters('deploymentResourceGroupName'), 'Microsoft.EventGrid/partnerRegistrations', 'contoso-private'), '2025-02-15').partnerRegistrationImmutableId]",
      partnerName: 'contoso-private',
    }]);
    expect(inner.resources[0].location).toBe('global');
    // The authorization expiry equal to the configuration's maximum is left to Azure's default (as the model says).
    expect(inner.resources[0].properties.partnerAuthorization.authorizedPartnersList[0].authorizationExpirationTimeInUtc).toBeUndefined();
  });

  test('secrets: the webhook URL is a securestring parameter, passed into the nested deployment, never in the file', () => {
    for (const [stack, url, parameter] of [
      ['contoso-private', 'https://tickets.contoso.example/api/private-events', 'privateWebhookEndpointUrl'],
      ['fabrikam-customer', 'https://tickets.fabrikam.example/api/contoso-events', 'ticketWebhookEndpointUrl'],
    ]) {
      const { text, template } = templates.get(stack)!;
      expect(text).not.toContain(url);
      expect(template.parameters[parameter]).toEqual({ type: 'securestring', metadata: expect.anything() });
      const webhook = templateResources(template).find((r) => r.resource.properties?.destination?.endpointType === 'WebHook')!.resource;
      expect(webhook.properties.destination.properties.endpointUrl).toBe(`[parameters('${parameter}')]`);
    }
    const deployment = resourceOf(templates.get('contoso-private')!.template, 'Microsoft.Resources/deployments', 'partner-events-private-consumer-2');
    expect(deployment.properties.parameters.privateWebhookEndpointUrl).toEqual({ value: "[parameters('privateWebhookEndpointUrl')]" });
    expect(deployment.properties.template.parameters.privateWebhookEndpointUrl).toEqual({ type: 'securestring' });
  });

  test('the customer: authorizations (a verified partner lookup is a parameter), three subscriptions, a nested deployment for staging', () => {
    const t = templates.get('fabrikam-customer')!.template;
    expect(t.metadata.deployTo.resourceGroup).toBe('fabrikam-events');
    expect(t.metadata.deployTo.subscriptionId).toBe('1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d');
    const production = templateResources(t).find((r) => r.where === 'fabrikam-customer/Authorization')!.resource;
    expect(production.properties.partnerAuthorization).toEqual({
      defaultMaximumExpirationTimeInDays: 90,
      authorizedPartnersList: [{
        partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71',
        partnerName: 'Contoso.Tickets',
        authorizationExpirationTimeInUtc: "[parameters('authorizationExpiryAfter30Days')]",
      }],
    });
    expect(t.parameters.authorizationExpiryAfter30Days.defaultValue).toBe("[dateTimeAdd(utcNow('u'), 'PT720H', 'yyyy-MM-ddTHH:mm:ssZ')]");
    expect(t.parameters.contosoTicketsPartnerRegistrationImmutableId.type).toBe('string');
    expect(t.parameters.contosoTicketsPartnerRegistrationImmutableId.metadata.description).toMatch(/verifiedPartners\/Contoso\.Tickets/);
    const staging = resourceOf(t, 'Microsoft.Resources/deployments', 'partner-events-fabrikam-staging');
    expect(staging.properties.template.resources[0].properties.partnerAuthorization.authorizedPartnersList[0].partnerRegistrationImmutableId)
      .toBe("[parameters('contosoTicketsPartnerRegistrationImmutableId')]");
    const subscriptions = templateResources(t).filter((r) => r.resource.type === 'Microsoft.EventGrid/partnerTopics/eventSubscriptions');
    expect(subscriptions.map((r) => r.resource.name)).toEqual(['contoso-tickets/ticket-webhook', 'contoso-tickets/closed-tickets-queue', 'contoso-tickets/analytics-hub']);
    for (const { resource } of subscriptions) {
      expect(resource.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
      expect(resource.dependsOn).toBeUndefined(); // the partner topic is the partner's channel's, not this template's
    }
  });

  test('what ARM cannot do is in metadata.notDeployedByThisTemplate, with the command that does it', () => {
    const customer = templates.get('fabrikam-customer')!.template.metadata.notDeployedByThisTemplate;
    const topic = '/subscriptions/1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d/resourceGroups/fabrikam-events/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets';
    expect(customer.map((n: any) => [n.constructPath, n.action])).toEqual([
      ['fabrikam-customer/ContosoTickets', 'activate'],
      ['fabrikam-customer/ContosoTickets', 'assignIdentity'],
      ['fabrikam-customer/ContosoTickets/ToAnalyticsHub/DestinationAccess', 'roleAssignment'],
    ]);
    expect(customer[0].command).toBe(`az rest --method post --url "https://management.azure.com${topic}/activate?api-version=2025-02-15"`);
    expect(customer[1].command).toBe(`az rest --method patch --url "https://management.azure.com${topic}?api-version=2025-02-15" --body '{"identity":{"type":"SystemAssigned"}}'`);
    expect(customer[2].command).toBe(`az role assignment create --assignee-object-id $(az rest --method get --url "https://management.azure.com${topic}?api-version=2025-02-15" --query identity.principalId --output tsv) `
      + '--assignee-principal-type ServicePrincipal --role "Azure Event Hubs Data Sender" '
      + '--scope "/subscriptions/1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d/resourceGroups/fabrikam-events/providers/Microsoft.EventHub/namespaces/fabrikam-hub/eventhubs/contoso-tickets"');

    const priv = templates.get('contoso-private')!.template.metadata.notDeployedByThisTemplate;
    expect(priv.map((n: any) => n.action)).toEqual(['activate', 'regenerateKey']);
    // The topic name is read from the channel this template creates: a plain name in the command.
    expect(priv[0].resourceId).toBe('/subscriptions/8a0d3bc9-f4e5-4271-8d8e-9f0a1b2c3d4e/resourceGroups/private-consumer/providers/Microsoft.EventGrid/partnerTopics/contoso-private-tickets');
    expect(priv[1].command).toBe('az rest --method post --url "https://management.azure.com/subscriptions/8a0d3bc9-f4e5-4271-8d8e-9f0a1b2c3d4e/resourceGroups/private-partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-private-westus2/regenerateKey?api-version=2025-02-15" --body \'{"keyName":"key1"}\'');

    const partner = templates.get('contoso-partner')!.template.metadata.notDeployedByThisTemplate;
    expect(partner.map((n: any) => [n.constructPath, n.action])).toEqual([
      ['contoso-partner/Namespace-westus2', 'regenerateKey'],
      ['contoso-partner/Namespace-westeurope', 'regenerateKey'],
    ]);
  });

  test('every resource names the construct it comes from', () => {
    for (const stack of STACKS) {
      for (const { resource, where } of templateResources(templates.get(stack)!.template)) {
        if (resource.type !== 'Microsoft.Resources/deployments') {
          expect(where).toMatch(new RegExp(`^${stack}/`));
        }
      }
    }
  });
});
