import { TerraformOutput, Testing } from 'cdktf';
import { PartnerEventsApiVersion, VerifiedPartner } from '../../src';
import { newStack, synthJson } from '../support/synth';

function lookupsOf(json: any): any[] {
  return Object.values(json.data?.azapi_resource ?? {});
}

describe('VerifiedPartner', () => {
  test('looks the partner up by name at tenant scope with the azapi resource data source', () => {
    const stack = newStack();
    const partner = new VerifiedPartner(stack, 'Graph', { partnerName: 'MicrosoftGraphAPI' });
    const json = synthJson(stack);
    expect(lookupsOf(json)).toEqual([{
      type: 'Microsoft.EventGrid/verifiedPartners@2025-02-15',
      resource_id: '/providers/Microsoft.EventGrid/verifiedPartners/MicrosoftGraphAPI',
      response_export_values: [
        'properties.partnerRegistrationImmutableId',
        'properties.organizationName',
        'properties.partnerDisplayName',
      ],
    }]);
    expect(json.resource).toBeUndefined();
    expect(json.provider.azapi).toHaveLength(1);
    expect(partner.partnerName).toBe('MicrosoftGraphAPI');
    expect(partner.verifiedPartnerId).toBe('/providers/Microsoft.EventGrid/verifiedPartners/MicrosoftGraphAPI');
  });

  test('its attributes read the exported response values', () => {
    const stack = newStack();
    const partner = new VerifiedPartner(stack, 'Graph', { partnerName: 'MicrosoftGraphAPI' });
    new TerraformOutput(stack, 'immutable_id', { value: partner.partnerRegistrationImmutableId });
    new TerraformOutput(stack, 'organization', { value: partner.organizationName });
    new TerraformOutput(stack, 'display_name', { value: partner.partnerDisplayName });
    const output = synthJson(stack).output;
    const ref = /^\$\{data\.azapi_resource\.Graph_Lookup_[0-9A-F]+\.output\.properties\.(\w+)\}$/;
    expect(output.immutable_id.value).toMatch(ref);
    expect(ref.exec(output.immutable_id.value)![1]).toBe('partnerRegistrationImmutableId');
    expect(ref.exec(output.organization.value)![1]).toBe('organizationName');
    expect(ref.exec(output.display_name.value)![1]).toBe('partnerDisplayName');
  });

  test('snapshot', () => {
    const stack = newStack();
    new VerifiedPartner(stack, 'Auth0', { partnerName: 'Auth0' });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('the API version can be 2022-06-15', () => {
    const stack = newStack();
    const partner = new VerifiedPartner(stack, 'Auth0', { partnerName: 'Auth0', apiVersion: PartnerEventsApiVersion.V2022_06_15 });
    expect(lookupsOf(synthJson(stack))[0].type).toBe('Microsoft.EventGrid/verifiedPartners@2022-06-15');
    expect(partner.apiVersion).toBe('2022-06-15');
  });

  test('synth is deterministic', () => {
    const make = () => {
      const stack = newStack();
      new VerifiedPartner(stack, 'Auth0', { partnerName: 'Auth0' });
      return Testing.synth(stack);
    };
    expect(make()).toBe(make());
  });

  test('EGP030/EGP042: refuses an empty name or one that is not a resource name; accepts a dotted name', () => {
    const stack = newStack();
    expect(() => new VerifiedPartner(stack, 'Empty', { partnerName: '' }))
      .toThrow('[stack/Empty] EGP030: partnerName is required and must not be empty ("") — give partnerName a value');
    expect(() => new VerifiedPartner(stack, 'Path', { partnerName: 'Contoso/Finance' }))
      .toThrow('[stack/Path] EGP042: partnerName is not a resource name: it holds "/", "?" or "#" ("Contoso/Finance") — give the verified partner\'s name');
    expect(() => new VerifiedPartner(stack, 'Query', { partnerName: 'Contoso?x=1' }))
      .toThrow('[stack/Query] EGP042: partnerName is not a resource name');
    expect(() => new VerifiedPartner(stack, 'Dotted', { partnerName: 'Contoso.Finance' })).not.toThrow();
  });
});
