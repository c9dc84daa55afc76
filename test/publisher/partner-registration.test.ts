import { TerraformOutput, Testing } from 'cdktf';
import { PartnerRegistration } from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { newRegistration } from '../support/fixtures';
import { armSchemaErrors, describeConformance } from '../support/reference';
import { newStack, onlyResource, SUBSCRIPTION, synthJson } from '../support/synth';

const REG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerRegistrations/contoso`;

describe('PartnerRegistration', () => {
  test('renders azurerm eventgrid_partner_registration with its name, group and tags', () => {
    const stack = newStack();
    const reg = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'partner-rg', registrationName: 'contoso', tags: { team: 'events' } });
    new TerraformOutput(stack, 'id', { value: reg.partnerRegistrationId });
    new TerraformOutput(stack, 'immutable', { value: reg.partnerRegistrationImmutableId });
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_eventgrid_partner_registration')).toEqual({ name: 'contoso', resource_group_name: 'partner-rg', tags: { team: 'events' } });
    expect(json.output.id.value).toBe('${azurerm_eventgrid_partner_registration.Registration_8466E9D0.id}');
    expect(json.output.immutable.value).toBe('${azurerm_eventgrid_partner_registration.Registration_8466E9D0.partner_registration_id}');
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('derives a valid, stable name from the construct path', () => {
    const a = new PartnerRegistration(newStack(), 'Registration', { resourceGroupName: 'rg' });
    const b = new PartnerRegistration(newStack(), 'Registration', { resourceGroupName: 'rg' });
    expect(a.partnerRegistrationName).toMatch(/^stack-Registration-[0-9a-f]{8}$/);
    expect(b.partnerRegistrationName).toBe(a.partnerRegistrationName);
  });

  test('EGP030: refuses an empty resource group', () => {
    expect(() => new PartnerRegistration(newStack(), 'Registration', { resourceGroupName: '' }))
      .toThrow('[stack/Registration] EGP030: resourceGroupName is required and must not be empty ("") — give resourceGroupName a value');
  });

  test('fromPartnerRegistrationId reads the immutable id with a data source, only when asked', () => {
    const stack = newStack();
    const reg = PartnerRegistration.fromPartnerRegistrationId(stack, 'Existing', REG_ID);
    expect(reg.partnerRegistrationName).toBe('contoso');
    expect(synthJson(stack).data).toBeUndefined();
    new TerraformOutput(stack, 'immutable', { value: reg.partnerRegistrationImmutableId });
    const json = synthJson(stack);
    expect(Object.values(json.data.azurerm_eventgrid_partner_registration)).toEqual([{ name: 'contoso', resource_group_name: 'partner-rg' }]);
    expect(json.output.immutable.value).toMatch(/^\$\{data\.azurerm_eventgrid_partner_registration\.Existing_Lookup_[0-9A-F]+\.partner_registration_id\}$/);
  });

  test('fromPartnerRegistrationAttributes uses the given immutable id; EGP004 refuses one that is not a GUID', () => {
    const stack = newStack();
    const reg = PartnerRegistration.fromPartnerRegistrationAttributes(stack, 'Existing', {
      partnerRegistrationId: REG_ID, partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71',
    });
    expect(reg.partnerRegistrationImmutableId).toBe('941892bc-f5d0-4d1c-8fb5-477570fc2b71');
    expect(() => PartnerRegistration.fromPartnerRegistrationAttributes(stack, 'Bad', { partnerRegistrationId: REG_ID, partnerRegistrationImmutableId: 'contoso' }))
      .toThrow('[stack/Bad] EGP004: partnerRegistrationImmutableId is not a GUID ("contoso")');
  });

  test('EGP032: refuses an id that is not a partner registration id', () => {
    expect(() => PartnerRegistration.fromPartnerRegistrationId(newStack(), 'Bad', 'contoso'))
      .toThrow('[stack/Bad] EGP032: partnerRegistrationId is not the ARM id of a Microsoft.EventGrid/partnerRegistrations resource ("contoso")');
  });
});

describeConformance('PartnerRegistration conformance', () => {
  test('its ARM description validates against partnerRegistrations (with the properties object the schema requires)', () => {
    const reg = newRegistration(newStack(), 'rg');
    const arm = armResourceOf(reg)!;
    expect(arm.properties).toEqual({});
    expect(arm.location).toBe('global');
    expect(armSchemaErrors('2025-02-15', 'partnerRegistrations', arm)).toEqual([]);
  });
});
