import { Construct } from 'constructs';
import { PartnerConfiguration, PartnerNamespace, PartnerRegistration } from '../../../src';
import { descriptionOf, isUnresolved, referenceTo } from '../../../src/model';
import { renderAzapiResource, splitSecrets } from '../../../src/render/terraform/azapi-resources';
import { mergePatch } from '../../support/merge-patch';
import { newStack, synthJson } from '../../support/synth';

describe('splitSecrets (the azapi body and its write-only sensitive_body)', () => {
  const properties = {
    destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://h.example/?code=s3cret', maxEventsPerBatch: 1 } },
    labels: ['a'],
  };

  test('a secret member moves to the sensitive side at the same path; a merge patch gives the whole back', () => {
    const { plain, secret } = splitSecrets(properties, ['properties.destination.properties.endpointUrl']);
    expect(plain).toEqual({ destination: { endpointType: 'WebHook', properties: { maxEventsPerBatch: 1 } }, labels: ['a'] });
    expect(secret).toEqual({ destination: { properties: { endpointUrl: 'https://h.example/?code=s3cret' } } });
    expect(mergePatch(plain, secret)).toEqual(properties);
    expect(plain.labels).toBe(properties.labels); // what is not on the way to a secret is shared, not copied
    expect(properties.destination.properties.endpointUrl).toBe('https://h.example/?code=s3cret'); // input unchanged
  });

  test('an object the split empties is dropped from the plain side', () => {
    const only = { destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://h.example/' } } };
    const { plain } = splitSecrets(only, ['properties.destination.properties.endpointUrl']);
    expect(plain).toEqual({ destination: { endpointType: 'WebHook' } });
  });

  test('secret paths that are absent leave the body whole and no sensitive side', () => {
    const { plain, secret } = splitSecrets(properties, ['properties.destination.properties.deliveryAttributeMappings']);
    expect(plain).toBe(properties);
    expect(secret).toBeUndefined();
  });
});

describe('renderAzapiResource', () => {
  test('a typed reference in the properties renders as the Terraform expression of what it refers to', () => {
    const { stack, namespace } = partnerFixture();
    const holder = new Construct(stack, 'Holder');
    renderAzapiResource(holder, () => ({
      construct: holder,
      type: 'Microsoft.EventGrid/partnerNamespaces/channels',
      apiVersion: '2025-02-15',
      name: 'holder',
      parent: namespace,
      properties: { pointsAt: referenceTo(namespace, 'id'), plain: 'x' },
    }), { parentId: namespace.partnerNamespaceId });
    const block: any = Object.values(synthJson(stack, false).resource.azapi_resource)[0];
    expect(block.body.properties).toEqual({ pointsAt: '${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}', plain: 'x' });
    expect(block.parent_id).toBe('${azurerm_eventgrid_partner_namespace.Namespace_9B63B8C8.id}');
    // the model keeps the typed reference: it is known only at apply
    expect(isUnresolved(descriptionOf(holder)!.properties.pointsAt)).toBe(true);
    expect(isUnresolved(descriptionOf(holder)!.properties.plain)).toBe(false);
  });
});

describe('PartnerConfiguration.addPropertyOverride', () => {
  test('a member azurerm holds is set on its attribute; one it does not hold is refused', () => {
    const stack = newStack();
    const config = new PartnerConfiguration(stack, 'Partners', { resourceGroupName: 'customer-rg' });
    config.addPropertyOverride('partnerAuthorization.defaultMaximumExpirationTimeInDays', 30);
    expect((Object.values(synthJson(stack, false).resource.azurerm_eventgrid_partner_configuration)[0] as any)
      .default_maximum_expiration_time_in_days).toBe(30);
    expect(descriptionOf(config)!.properties.partnerAuthorization.defaultMaximumExpirationTimeInDays).toBe(30);
    expect(() => config.addPropertyOverride('provisioningState', 'x')).toThrow(/\[stack\/Partners\] properties.provisioningState has no attribute in azurerm_eventgrid_partner_configuration/);
  });
});

function partnerFixture() {
  const stack = newStack();
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'partner-rg', registrationName: 'contoso' });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  return { stack, namespace };
}
