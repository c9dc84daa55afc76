import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import {
  Duration, PartnerAuthorization, PartnerConfiguration, PartnerConfigurationProps, PartnerEventsApiVersion, Validations, VerifiedPartner,
} from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, resources, synthJson } from '../support/synth';

const CONTOSO = { partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Finance' };
const FABRIKAM = { partnerRegistrationImmutableId: '5362bdb6-ce3e-4d0d-9a5b-3eb92c8aab38', partnerName: 'fabrikam.HR' };

function configuration(props: Partial<PartnerConfigurationProps> = {}, stack = newStack()) {
  const config = new PartnerConfiguration(stack, 'Partners', { resourceGroupName: 'customer-rg', ...props });
  return { stack, config };
}

/** The ARM resource as a deployment template carries it, for the schema. */
function armOf(config: PartnerConfiguration): any {
  const arm = armResourceOf(config)!;
  return { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, ...(arm.tags ? { tags: arm.tags } : {}), properties: arm.properties };
}

describe('PartnerConfiguration rendering', () => {
  test('renders azurerm eventgrid_partner_configuration with the maximum, the partners and their expiry', () => {
    const { stack } = configuration({
      defaultMaximumExpiration: Duration.days(30),
      authorizedPartners: [{ ...CONTOSO, expiresAt: '2026-12-01T00:00:00Z' }],
      tags: { team: 'integration' },
    });
    const resource = onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration');
    expect(resource).toEqual({
      resource_group_name: 'customer-rg',
      default_maximum_expiration_time_in_days: 30,
      tags: { team: 'integration' },
      partner_authorization: [{
        partner_registration_id: CONTOSO.partnerRegistrationImmutableId,
        partner_name: 'Contoso.Finance',
        authorization_expiration_time_in_utc: '2026-12-01T00:00:00Z',
      }],
    });
  });

  test('snapshot of a configuration with a partner by timestamp and one by duration', () => {
    const { stack } = configuration({
      defaultMaximumExpiration: Duration.days(14),
      authorizedPartners: [{ ...CONTOSO, expiresAt: '2026-12-01T00:00:00Z' }, { ...FABRIKAM, expiresAfter: Duration.days(10) }],
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('defaults: 7 days maximum, no partners, API 2025-02-15', () => {
    const { stack, config } = configuration();
    const resource = onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration');
    expect(resource).toEqual({ resource_group_name: 'customer-rg', default_maximum_expiration_time_in_days: 7 });
    expect(config.defaultMaximumExpiration.toDays()).toBe(7);
    expect(config.apiVersion).toBe(PartnerEventsApiVersion.V2025_02_15);
    expect(armResourceOf(config)).toEqual({
      type: 'Microsoft.EventGrid/partnerConfigurations',
      apiVersion: '2025-02-15',
      name: 'default',
      properties: { partnerAuthorization: { defaultMaximumExpirationTimeInDays: 7, authorizedPartnersList: [] } },
    });
  });

  test('an authorization without expiry lasts the configuration maximum, from a time_static, and synth is deterministic', () => {
    const { stack } = configuration({ defaultMaximumExpiration: Duration.days(10), authorizedPartners: [CONTOSO] });
    const first = Testing.synth(stack);
    expect(Testing.synth(stack)).toBe(first);
    const json = JSON.parse(first);
    const partner = onlyResource(json, 'azurerm_eventgrid_partner_configuration').partner_authorization[0];
    expect(partner.authorization_expiration_time_in_utc)
      .toMatch(/^\$\{timeadd\(time_static\.Partners_AuthorizedAt-941892bc-f5d0-4d1c-8fb5-477570fc2b71_[0-9A-F]+\.rfc3339, "240h"\)\}$/);
    expect(onlyResource(json, 'time_static').triggers).toEqual({
      partnerRegistrationImmutableId: CONTOSO.partnerRegistrationImmutableId,
      expiresAfter: '240h',
    });
    expect(json.terraform.required_providers.time.source).toBe('hashicorp/time');
  });

  test('the output does not depend on the clock', () => {
    const render = (now: string) => {
      jest.useFakeTimers().setSystemTime(new Date(now));
      try {
        const { stack } = configuration({ authorizedPartners: [CONTOSO, { ...FABRIKAM, expiresAfter: Duration.hours(36) }] });
        return Testing.synth(stack);
      } finally {
        jest.useRealTimers();
      }
    };
    expect(render('2030-06-01T12:00:00Z')).toBe(render('2024-01-01T00:00:00Z'));
  });

  test('expiresAfter is rendered as a timeadd offset, one time_static per partner', () => {
    const { stack } = configuration({
      authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.hours(36) }, { ...FABRIKAM, expiresAfter: Duration.days(2) }],
    });
    const json = synthJson(stack);
    const [a, b] = onlyResource(json, 'azurerm_eventgrid_partner_configuration').partner_authorization;
    expect(a.authorization_expiration_time_in_utc).toMatch(/, "36h"\)\}$/);
    expect(b.authorization_expiration_time_in_utc).toMatch(/^\$\{timeadd\(time_static\.Partners_AuthorizedAt-5362bdb6[-0-9a-f]+_[0-9A-F]+\.rfc3339, "48h"\)\}$/);
    expect(resources(json, 'time_static')).toHaveLength(2);
  });

  test('authorizePartner adds a partner to both the Terraform and the ARM renderings', () => {
    const { stack, config } = configuration({ authorizedPartners: [{ ...CONTOSO, expiresAt: '2026-12-01T00:00:00Z' }] });
    config.authorizePartner({ ...FABRIKAM, expiresAt: '2026-12-02T00:00:00Z' });
    const rendered = onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration').partner_authorization;
    expect(rendered.map((p: any) => p.partner_name)).toEqual(['Contoso.Finance', 'fabrikam.HR']);
    expect(armResourceOf(config)!.properties.partnerAuthorization.authorizedPartnersList).toEqual([
      { ...CONTOSO, authorizationExpirationTimeInUtc: '2026-12-01T00:00:00Z' },
      { ...FABRIKAM, authorizationExpirationTimeInUtc: '2026-12-02T00:00:00Z' },
    ]);
  });

  test('a VerifiedPartner gives the immutable id (looked up) and the name', () => {
    const stack = newStack();
    const partner = new VerifiedPartner(stack, 'Contoso', { partnerName: 'Contoso.Finance' });
    configuration({ authorizedPartners: [{ verifiedPartner: partner, expiresAfter: Duration.days(3) }] }, stack);
    const json = synthJson(stack);
    const [p] = onlyResource(json, 'azurerm_eventgrid_partner_configuration').partner_authorization;
    expect(p.partner_registration_id).toMatch(/^\$\{data\.azapi_resource\.Contoso_Lookup_[0-9A-F]+\.output\.properties\.partnerRegistrationImmutableId\}$/);
    expect(p.partner_name).toBe('Contoso.Finance');
    expect(p.authorization_expiration_time_in_utc).toMatch(/^\$\{timeadd\(time_static\.Partners_AuthorizedAt-ContosoFinance_[0-9A-F]+\.rfc3339, "72h"\)\}$/);
  });

  test('the ARM description leaves an expiry of the maximum to Azure\'s default, and keeps a shorter duration symbolic', () => {
    const { stack, config } = configuration({
      defaultMaximumExpiration: Duration.days(10),
      authorizedPartners: [CONTOSO, { ...FABRIKAM, expiresAfter: Duration.days(2) }],
    });
    const [contoso, fabrikam] = armResourceOf(config)!.properties.partnerAuthorization.authorizedPartnersList;
    expect(contoso).toEqual(CONTOSO);
    new TerraformOutput(stack, 'fabrikam_expiry', { value: fabrikam.authorizationExpirationTimeInUtc });
    expect(synthJson(stack).output.fabrikam_expiry.value)
      .toMatch(/^\$\{timeadd\(time_static\.Partners_AuthorizedAt-5362bdb6[-0-9a-f]+_[0-9A-F]+\.rfc3339, "48h"\)\}$/);
  });

  test('the API version of the ARM description can be 2022-06-15', () => {
    const { config } = configuration({ apiVersion: PartnerEventsApiVersion.V2022_06_15 });
    expect(armResourceOf(config)!.apiVersion).toBe('2022-06-15');
  });
});

describe('PartnerConfiguration eager checks', () => {
  test.each([
    [Duration.days(0), '0 days'],
    [Duration.days(366), '366 days'],
    [Duration.hours(36), '36 hours'],
  ])('EGP017: refuses defaultMaximumExpiration %s', (duration, shown) => {
    expect(() => configuration({ defaultMaximumExpiration: duration }))
      .toThrow(`[stack/Partners] EGP017: defaultMaximumExpiration is not a whole number of days from 1 to 365 ("${shown}") — give defaultMaximumExpiration as Duration.days(n) with n from 1 to 365`);
  });

  test.each([Duration.days(1), Duration.days(365), Duration.hours(48)])('EGP017: accepts defaultMaximumExpiration %s', (duration) => {
    expect(() => configuration({ defaultMaximumExpiration: duration })).not.toThrow();
  });

  test('EGP017: refuses an expiresAfter under 1 day or over the maximum; accepts 1 day and the maximum', () => {
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.hours(23) }] }))
      .toThrow('[stack/Partners] EGP017: authorizedPartners[0].expiresAfter is shorter than 1 day ("23 hours")');
    const tenDays = Duration.days(10);
    expect(() => configuration({ defaultMaximumExpiration: tenDays, authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.days(11) }] }))
      .toThrow('[stack/Partners] EGP017: authorizedPartners[0].expiresAfter is longer than the configuration\'s defaultMaximumExpiration of 10 days ("11 days") — shorten expiresAfter');
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.seconds(7 * 86400 + 1) }] }))
      .toThrow('[stack/Partners] EGP017: authorizedPartners[0].expiresAfter is longer than the configuration\'s defaultMaximumExpiration of 7 days ("604801 seconds")');
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.days(1) }] })).not.toThrow();
    expect(() => configuration({ defaultMaximumExpiration: tenDays, authorizedPartners: [{ ...CONTOSO, expiresAfter: tenDays }] })).not.toThrow();
  });

  test('EGP017: an authorizePartner call is checked against the configuration maximum too', () => {
    const { config } = configuration({ defaultMaximumExpiration: Duration.days(3) });
    expect(() => config.authorizePartner({ ...CONTOSO, expiresAfter: Duration.days(4) }))
      .toThrow('[stack/Partners] EGP017: authorizedPartners[0].expiresAfter is longer than the configuration\'s defaultMaximumExpiration of 3 days ("4 days")');
    expect(() => config.authorizePartner({ ...CONTOSO, expiresAfter: Duration.days(3) })).not.toThrow();
  });

  test('EGP017: refuses both expiry forms, and timestamps that are not ISO 8601 UTC; accepts ISO 8601 UTC', () => {
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAt: '2026-12-01T00:00:00Z', expiresAfter: Duration.days(2) }] }))
      .toThrow('[stack/Partners] EGP017: authorizedPartners[0] sets both expiresAt and expiresAfter ({"expiresAt":"2026-12-01T00:00:00Z","expiresAfter":"2 days"}) — give one of them');
    for (const bad of ['2026-12-01 10:00', '2026-12-01T00:00:00+02:00', '2026-13-01T00:00:00Z', 'tomorrow']) {
      expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAt: bad }] }))
        .toThrow(`[stack/Partners] EGP017: authorizedPartners[0].expiresAt is not an ISO 8601 UTC timestamp (${JSON.stringify(bad)})`);
    }
    for (const good of ['2026-12-01T00:00:00Z', '2022-01-28T01:20:55.142Z']) {
      expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, expiresAt: good }] })).not.toThrow();
    }
  });

  test('EGP041: refuses a partner named by only its immutable id or only its name; accepts both', () => {
    expect(() => configuration({ authorizedPartners: [{ partnerRegistrationImmutableId: CONTOSO.partnerRegistrationImmutableId }] }))
      .toThrow(`[stack/Partners] EGP041: authorizedPartners[0] does not name the partner by both its immutable registration id and its name, which an authorization needs ({"partnerRegistrationImmutableId":"${CONTOSO.partnerRegistrationImmutableId}"}) — give both`);
    expect(() => configuration({ authorizedPartners: [{ partnerName: 'Contoso.Finance' }] }))
      .toThrow('[stack/Partners] EGP041: authorizedPartners[0] does not name the partner by both its immutable registration id and its name, which an authorization needs ({"partnerName":"Contoso.Finance"})');
    expect(() => configuration({ authorizedPartners: [{}] }))
      .toThrow('[stack/Partners] EGP041: authorizedPartners[0] does not name the partner by both its immutable registration id and its name, which an authorization needs ({})');
    expect(() => configuration({ authorizedPartners: [CONTOSO] })).not.toThrow();
  });

  test('EGP041: refuses a verifiedPartner together with an explicit name; accepts it alone', () => {
    const stack = newStack();
    const partner = new VerifiedPartner(stack, 'Contoso', { partnerName: 'Contoso.Finance' });
    expect(() => configuration({ authorizedPartners: [{ verifiedPartner: partner, partnerName: 'Contoso.Finance' }] }, stack))
      .toThrow('[stack/Partners] EGP041: authorizedPartners[0] names the partner twice: by verifiedPartner and by partnerRegistrationImmutableId or partnerName ({"verifiedPartner":"stack/Contoso","partnerName":"Contoso.Finance"})');
    const other = newStack();
    const partner2 = new VerifiedPartner(other, 'Contoso', { partnerName: 'Contoso.Finance' });
    expect(() => configuration({ authorizedPartners: [{ verifiedPartner: partner2 }] }, other)).not.toThrow();
  });

  test('EGP041: refuses the same partner twice (immutable ids compared case-insensitively); accepts two partners', () => {
    expect(() => configuration({
      authorizedPartners: [CONTOSO, { ...CONTOSO, partnerRegistrationImmutableId: CONTOSO.partnerRegistrationImmutableId.toUpperCase() }],
    })).toThrow(`[stack/Partners] EGP041: authorizedPartners[1] authorizes the partner that authorizedPartners[0] already authorizes ("${CONTOSO.partnerRegistrationImmutableId.toUpperCase()}") — authorize each partner once`);
    expect(() => configuration({ authorizedPartners: [CONTOSO, FABRIKAM] })).not.toThrow();
  });

  test('EGP004: refuses an immutable id that is not a GUID; accepts a GUID', () => {
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, partnerRegistrationImmutableId: 'contoso-finance' }] }))
      .toThrow('[stack/Partners] EGP004: authorizedPartners[0].partnerRegistrationImmutableId is not a GUID ("contoso-finance")');
    expect(() => configuration({ authorizedPartners: [CONTOSO] })).not.toThrow();
  });

  test('EGP030: refuses an empty resource group or partner name; accepts a named one', () => {
    expect(() => configuration({ resourceGroupName: ' ' }))
      .toThrow('[stack/Partners] EGP030: resourceGroupName is required and must not be empty (" ")');
    expect(() => configuration({ authorizedPartners: [{ ...CONTOSO, partnerName: '' }] }))
      .toThrow('[stack/Partners] EGP030: authorizedPartners[0].partnerName is required and must not be empty ("")');
    expect(() => configuration({ resourceGroupName: 'rg' })).not.toThrow();
  });

  test('unresolved tokens are skipped, not guessed', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'partner_id', { type: 'string' });
    const at = new TerraformVariable(stack, 'expires_at', { type: 'string' });
    const rg = new TerraformVariable(stack, 'rg', { type: 'string' }).stringValue;
    const { config } = configuration({
      resourceGroupName: rg,
      authorizedPartners: [{ partnerRegistrationImmutableId: id.stringValue, partnerName: 'Contoso.Finance', expiresAt: at.stringValue }],
    }, stack);
    const partner = onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration').partner_authorization[0];
    expect(partner).toEqual({
      partner_registration_id: '${var.partner_id}',
      partner_name: 'Contoso.Finance',
      authorization_expiration_time_in_utc: '${var.expires_at}',
    });
    expect(config.resourceGroupName).toBe(rg);
    expect(onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration').resource_group_name).toBe('${var.rg}');
  });
});

describeConformance('PartnerConfiguration conformance', () => {
  test('configured like the official PartnerConfigurations_CreateOrUpdate example, renders its request properties', () => {
    const example = officialExample('2025-02-15', 'PartnerConfigurations_CreateOrUpdate');
    const expected = example.parameters.partnerConfigurationInfo.properties;
    const authorizations: PartnerAuthorization[] = expected.partnerAuthorization.authorizedPartnersList.map((p: any) => ({
      partnerRegistrationImmutableId: p.partnerRegistrationImmutableId,
      partnerName: p.partnerName,
      expiresAt: p.authorizationExpirationTimeInUtc,
    }));
    const { stack, config } = configuration({
      resourceGroupName: example.parameters.resourceGroupName,
      defaultMaximumExpiration: Duration.days(expected.partnerAuthorization.defaultMaximumExpirationTimeInDays),
      authorizedPartners: authorizations,
    });
    const arm = armResourceOf(config)!;
    expect(arm.properties).toEqual(expected);
    expect(arm.name).toBe(example.responses['200'].body.name);
    expect(arm.type).toBe(example.responses['200'].body.type);
    expect(arm.apiVersion).toBe(example.parameters['api-version']);

    // The example's expiries are dated 2022 and 23 days apart, more than its maximum of 10 days: no moment makes
    // both valid (EGP017 checks them against the clock), so the example is rendered with the rule suppressed.
    Validations.of(stack).suppress('EGP017', 'the official example dates its authorizations in 2022, 23 days apart');
    const resource = onlyResource(synthJson(stack), 'azurerm_eventgrid_partner_configuration');
    expect(resource.resource_group_name).toBe(example.parameters.resourceGroupName);
    expect(resource.default_maximum_expiration_time_in_days).toBe(expected.partnerAuthorization.defaultMaximumExpirationTimeInDays);
    expect(resource.partner_authorization).toEqual(expected.partnerAuthorization.authorizedPartnersList.map((p: any) => ({
      partner_registration_id: p.partnerRegistrationImmutableId,
      partner_name: p.partnerName,
      authorization_expiration_time_in_utc: p.authorizationExpirationTimeInUtc,
    })));
  });

  const renderings: Array<[string, () => PartnerConfiguration]> = [
    ['the defaults', () => configuration().config],
    ['a tagged configuration with partners by timestamp and by duration', () => configuration({
      defaultMaximumExpiration: Duration.days(365),
      tags: { team: 'integration' },
      authorizedPartners: [{ ...CONTOSO, expiresAt: '2026-12-01T00:00:00Z' }, { ...FABRIKAM, expiresAfter: Duration.days(365) }],
    }).config],
    ['a partner with the default expiry', () => configuration({ authorizedPartners: [CONTOSO] }).config],
    ['API version 2022-06-15', () => configuration({ apiVersion: PartnerEventsApiVersion.V2022_06_15, authorizedPartners: [CONTOSO] }).config],
  ];

  test.each(renderings)('%s validates against the official ARM schema', (_name, make) => {
    const config = make();
    expect(armSchemaErrors(config.apiVersion, 'partnerConfigurations', armOf(config))).toEqual([]);
  });

  test('the schema check can fail: a configuration named other than default is refused', () => {
    const config = configuration().config;
    expect(armSchemaErrors('2025-02-15', 'partnerConfigurations', { ...armOf(config), name: 'custom' })).not.toEqual([]);
  });
});
