// Typed references of the model (referenceTo) in the ARM template: rendered as resourceId(...)/reference(...) with a
// dependsOn, never as a parameter, whether or not a Terraform block shows the reference.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PartnerConfiguration, PartnerNamespace, PartnerRegistration } from '../../../src';
import { descriptionOf, isReference, referenceTo } from '../../../src/model';
import { armResourceOf } from '../../../src/render/arm';
import { ARM_TEMPLATE_FILE, renderArmTemplate } from '../../../src/render/arm/template';
import { describeResource } from '../../../src/render/terraform/describe';
import { CUSTOMER_TARGET, newPartnerNamespace, newRegistration } from '../../support/fixtures';
import { newStack, onlyResource, synthJson } from '../../support/synth';

const REGISTRATION_ID = "resourceId('Microsoft.EventGrid/partnerRegistrations', 'contoso')";

/**
 * A resource described only in the model (no Terraform block): the template can render what it refers to only
 * from the typed references of its description.
 */
class Widget extends Construct {
  constructor(scope: Construct, id: string, public readonly resourceGroupName: string, properties: { [key: string]: unknown }) {
    super(scope, id);
    describeResource(this, () => ({ construct: this, type: 'Contoso.Test/widgets', apiVersion: '2024-01-01', name: id.toLowerCase(), properties }));
  }
}

function widgetOf(template: any, name: string): any {
  const found = [...(template.resources as any[]), ...(template.resources as any[])
    .filter((r) => r.type === 'Microsoft.Resources/deployments').flatMap((d) => d.properties.template.resources)]
    .filter((r) => r.type === 'Contoso.Test/widgets' && r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('a typed reference renders as resourceId(...)/reference(...) with a dependsOn, and no parameter', () => {
  test('to the id and to a property Azure computes', () => {
    const stack = newStack();
    const registration = newRegistration(stack);
    new Widget(stack, 'Widget', 'partner-rg', {
      registrationId: referenceTo(registration, 'id'),
      nested: { list: [{ immutableId: referenceTo(registration, 'properties.partnerRegistrationImmutableId') }] },
    });
    const template = renderArmTemplate(stack)!;
    const widget = widgetOf(template, 'widget');
    expect(widget.properties).toEqual({
      registrationId: `[${REGISTRATION_ID}]`,
      nested: { list: [{ immutableId: `[reference(${REGISTRATION_ID}, '2025-02-15').partnerRegistrationImmutableId]` }] },
    });
    expect(widget.dependsOn).toEqual([`[${REGISTRATION_ID}]`]);
    expect(template.parameters).toEqual({});
  });

  test('to a property the target is given: its value, translated where it is used; the dependency stays', () => {
    const stack = newStack();
    const source = new Widget(stack, 'Source', 'partner-rg', { size: 'large', count: 3 });
    new Widget(stack, 'User', 'partner-rg', { size: referenceTo(source, 'properties.size'), count: referenceTo(source, 'properties.count'), name: referenceTo(source, 'name') });
    const template = renderArmTemplate(stack)!;
    const user = widgetOf(template, 'user');
    expect(user.properties).toEqual({ size: 'large', count: '3', name: 'source' });
    expect(user.dependsOn).toEqual(["[resourceId('Contoso.Test/widgets', 'source')]"]);
  });

  test('to a resource of another resource group: resourceId names the group; the nested deployment waits for it', () => {
    const stack = newStack();
    const registration = newRegistration(stack, 'registrations');
    new Widget(stack, 'Widget', 'widgets', { registrationId: referenceTo(registration, 'id') });
    const template = renderArmTemplate(stack)!;
    const deployment = (template.resources as any[]).find((r) => r.type === 'Microsoft.Resources/deployments');
    expect(deployment).toMatchObject({ resourceGroup: 'widgets', dependsOn: [`[${REGISTRATION_ID}]`] });
    expect(widgetOf(template, 'widget').properties.registrationId)
      .toBe("[resourceId(parameters('deploymentResourceGroupName'), 'Microsoft.EventGrid/partnerRegistrations', 'contoso')]");
    expect(template.parameters).toEqual({});
  });

  test('a reference to what a template cannot name is refused, naming the reference', () => {
    const stack = newStack();
    const registration = newRegistration(stack);
    new Widget(stack, 'Widget', 'partner-rg', { where: referenceTo(registration, 'location') });
    expect(() => renderArmTemplate(stack)).toThrow(
      "[stack/Widget] ARM template: a reference to location of stack/Registration: the template refers to a resource's id, name or properties");
  });

  test('references that go round across resource groups are refused, naming both', () => {
    const stack = newStack();
    const a: Widget = new Widget(stack, 'A', 'group-a', {});
    const b = new Widget(stack, 'B', 'group-b', { peer: referenceTo(a, 'id') });
    new Widget(stack, 'C', 'group-a', { peer: referenceTo(b, 'id') });
    // A's group is the template's; B's nested deployment waits for A; C (in A's group) waits for that deployment: no
    // cycle yet. A waiting for B closes the circle.
    expect(() => renderArmTemplate(stack)).not.toThrow();
    const stack2 = newStack(Testing.app(), 'stack2');
    const holder: { ref?: unknown } = {};
    const a2 = new Widget(stack2, 'A', 'group-a', holder);
    const b2 = new Widget(stack2, 'B', 'group-b', { peer: referenceTo(a2, 'id') });
    holder.ref = referenceTo(b2, 'id');
    expect(() => renderArmTemplate(stack2)).toThrow(/\[stack2\] ARM template: the resources depend on each other in a circle across resource groups: stack2\/A -> the nested deployment partner-events-group-b \(stack2\/B\) -> stack2\/A/);
  });
});

describe('the library\'s own references are typed in the model', () => {
  test('a namespace refers to a registration of the app by a typed reference; Terraform gets the same token as before', () => {
    const { stack, namespace, registration } = newPartnerNamespace();
    const value = descriptionOf(namespace)!.properties.partnerRegistrationFullyQualifiedId;
    expect(isReference(value)).toBe(true);
    expect(value).toEqual({ referenceTo: registration, attribute: 'id' });
    expect(onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_namespace').partner_registration_id)
      .toMatch(/^\$\{azurerm_eventgrid_partner_registration\.Registration_[0-9A-F]+\.id\}$/);
    // Shown on its own, the description holds the ARM expression of the reference.
    expect(armResourceOf(namespace)!.properties.partnerRegistrationFullyQualifiedId).toBe(`[${REGISTRATION_ID}]`);
    const template = renderArmTemplate(stack)!;
    const ns = (template.resources as any[]).find((r) => r.type === 'Microsoft.EventGrid/partnerNamespaces');
    expect(ns.properties.partnerRegistrationFullyQualifiedId).toBe(`[${REGISTRATION_ID}]`);
    expect(ns.dependsOn).toEqual([`[${REGISTRATION_ID}]`]);
    expect(template.parameters).toEqual({});
  });

  test('a partner configuration given a registration\'s immutable id of the app refers to it typed', () => {
    const { stack, registration } = newPartnerNamespace();
    const config = new PartnerConfiguration(stack, 'Partners', {
      resourceGroupName: 'partner-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: 'contoso', expiresAt: '2026-12-01T00:00:00Z' }],
    });
    const [partner] = descriptionOf(config)!.properties.partnerAuthorization.authorizedPartnersList;
    expect(partner.partnerRegistrationImmutableId).toEqual({ referenceTo: registration, attribute: 'properties.partnerRegistrationImmutableId' });
    expect(onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration').partner_authorization[0].partner_registration_id)
      .toMatch(/^\$\{azurerm_eventgrid_partner_registration\.Registration_[0-9A-F]+\.partner_registration_id\}$/);
    const template = renderArmTemplate(stack)!;
    const configuration = (template.resources as any[]).find((r) => r.type === 'Microsoft.EventGrid/partnerConfigurations');
    expect(configuration.properties.partnerAuthorization.authorizedPartnersList[0].partnerRegistrationImmutableId)
      .toBe(`[reference(${REGISTRATION_ID}, '2025-02-15').partnerRegistrationImmutableId]`);
    expect(configuration.dependsOn).toEqual([`[${REGISTRATION_ID}]`]);
    expect(template.parameters).toEqual({});
  });

  test('a channel\'s parent is its namespace, typed: Terraform\'s parent_id is the namespace\'s id, the template nests the name', () => {
    const { stack, namespace } = newPartnerNamespace();
    const channel = namespace.addChannel('Customer', { ...CUSTOMER_TARGET, channelName: 'customer' });
    expect(descriptionOf(channel)!.parent).toBe(namespace);
    expect(onlyResource(synthJson(stack), 'azapi_resource').parent_id)
      .toMatch(/^\$\{azurerm_eventgrid_partner_namespace\.Namespace_[0-9A-F]+\.id\}$/);
    const ch = (renderArmTemplate(stack)!.resources as any[]).find((r) => r.type === 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(ch).toMatchObject({ name: 'contoso-westus2/customer', dependsOn: ["[resourceId('Microsoft.EventGrid/partnerNamespaces', 'contoso-westus2')]"] });
  });

  test('an imported registration is referred to by the id it was given', () => {
    const stack = newStack();
    const id = '/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourceGroups/rg/providers/Microsoft.EventGrid/partnerRegistrations/contoso';
    const registration = PartnerRegistration.fromPartnerRegistrationId(stack, 'Imported', id);
    const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
    expect(descriptionOf(ns)!.properties.partnerRegistrationFullyQualifiedId).toBe(id);
  });
});

describe('a typed reference to a resource of another stack', () => {
  test('is the cross-stack expression Terraform is given: a parameter, as any value the template does not compute', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'typed-references-'));
    const app = new App({ outdir });
    const registration = newRegistration(newStack(app, 'global'));
    const regional = newStack(app, 'regional');
    new PartnerNamespace(regional, 'Namespace', { resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2' });
    new PartnerConfiguration(regional, 'Partners', {
      resourceGroupName: 'partner-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: 'contoso', expiresAt: '2026-12-01T00:00:00Z' }],
    });
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'regional', ARM_TEMPLATE_FILE), 'utf8'));
    const [ns, configuration] = template.resources;
    const remote = 'dataTerraformRemoteStateCrossStackReferenceInputGlobalOutputsCrossStackOutputAzurermEventgridPartnerRegistrationRegistration8466E9D0';
    expect(ns.properties.partnerRegistrationFullyQualifiedId).toBe(`[parameters('${remote}id')]`);
    expect(configuration.properties.partnerAuthorization.authorizedPartnersList[0].partnerRegistrationImmutableId)
      .toBe(`[parameters('${remote}partnerRegistrationId')]`);
    expect(template.parameters[`${remote}id`].metadata.description).toMatch(/^The value of Terraform's \$\{data\.terraform_remote_state\.cross-stack-reference-input-global\.outputs\./);
    expect(ns.dependsOn).toBeUndefined();
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
