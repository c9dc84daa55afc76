// One mapping per azurerm resource type the library renders: which azurerm attribute holds which member of the
// resource's description, and how the value converts each way. The Terraform renderer builds the azurerm block
// from the description with it (`toAzurerm`), and reads escape-hatch overrides of the block back onto the
// description with it (`toArm`), for the rules, the ARM template and the model file.

import { memberAt } from '../../model';

/** One azurerm attribute of a resource and the member of the description it stands for. */
export interface AzurermField {
  /** The attribute as Terraform names it (`local_authentication_enabled`). */
  readonly attribute: string;
  /** The same attribute in the cdktf provider class's config (`localAuthenticationEnabled`). */
  readonly configKey: string;
  /** The member of the description (`['properties', 'disableLocalAuth']`). */
  readonly member: readonly string[];
  /** A resolved Terraform value (snake_case blocks, `${…}` expressions) to the description's form. */
  readonly toArm: (value: any) => any;
  /** The description's value to the provider config's form (camelCase blocks). */
  readonly toAzurerm: (value: any) => any;
}

const same = (v: any) => v;
/** `!x` of a Terraform boolean expression, kept as an expression. */
const notExpression = (v: any) => (typeof v === 'boolean' ? !v : `\${!(${String(v).replace(/^\$\{|\}$/g, '')})}`);

function field(attribute: string, configKey: string, member: string[], toArm = same, toAzurerm = same): AzurermField {
  return { attribute, configKey, member, toArm, toAzurerm };
}

/** The fields of each azurerm type, by Terraform attribute name. */
export const AZURERM_MAPPINGS: { readonly [tfType: string]: { readonly [attribute: string]: AzurermField } } = {
  azurerm_eventgrid_partner_registration: byAttribute([
    field('name', 'name', ['name']),
    field('tags', 'tags', ['tags']),
  ]),
  azurerm_eventgrid_partner_namespace: byAttribute([
    field('name', 'name', ['name']),
    field('location', 'location', ['location']),
    field('tags', 'tags', ['tags']),
    field('partner_registration_id', 'partnerRegistrationId', ['properties', 'partnerRegistrationFullyQualifiedId']),
    field('partner_topic_routing_mode', 'partnerTopicRoutingMode', ['properties', 'partnerTopicRoutingMode']),
    field('public_network_access', 'publicNetworkAccess', ['properties', 'publicNetworkAccess']),
    field('local_authentication_enabled', 'localAuthenticationEnabled', ['properties', 'disableLocalAuth'], notExpression,
      (v) => (typeof v === 'boolean' ? !v : v)),
    field('inbound_ip_rule', 'inboundIpRule', ['properties', 'inboundIpRules'],
      (v) => (Array.isArray(v) ? v.map((r: any) => ({ ipMask: r.ip_mask, action: r.action ?? 'Allow' })) : v),
      (v) => (Array.isArray(v) ? v.map((r: any) => ({ ipMask: r.ipMask, action: r.action })) : v)),
  ]),
  azurerm_eventgrid_partner_configuration: byAttribute([
    field('tags', 'tags', ['tags']),
    field('default_maximum_expiration_time_in_days', 'defaultMaximumExpirationTimeInDays',
      ['properties', 'partnerAuthorization', 'defaultMaximumExpirationTimeInDays']),
    field('partner_authorization', 'partnerAuthorization', ['properties', 'partnerAuthorization', 'authorizedPartnersList'],
      (v) => (Array.isArray(v) ? v.map((p: any) => {
        const out: { [key: string]: unknown } = { partnerRegistrationImmutableId: p.partner_registration_id, partnerName: p.partner_name };
        if (p.authorization_expiration_time_in_utc !== undefined) {
          out.authorizationExpirationTimeInUtc = p.authorization_expiration_time_in_utc;
        }
        return out;
      }) : v),
      (v) => (Array.isArray(v) ? v.map((p: any) => ({
        partnerRegistrationId: p.partnerRegistrationImmutableId,
        partnerName: p.partnerName,
        authorizationExpirationTimeInUtc: p.authorizationExpirationTimeInUtc,
      })) : v)),
  ]),
};

function byAttribute(fields: AzurermField[]): { [attribute: string]: AzurermField } {
  const out: { [attribute: string]: AzurermField } = {};
  for (const f of fields) {
    out[f.attribute] = f;
  }
  return out;
}

/** The field of an azurerm type that holds a member of the description (`properties.x.y`), if any. */
export function azurermFieldFor(tfType: string, member: string): AzurermField | undefined {
  return Object.values(AZURERM_MAPPINGS[tfType] ?? {}).find((f) => f.member.join('.') === member);
}

/**
 * The provider-class config of an azurerm type, from a description: every mapped member the description holds,
 * converted. Attributes with no member in the description (`resource_group_name`: the scope) are the caller's.
 */
export function azurermConfigOf(tfType: string, description: { [key: string]: any }): { [configKey: string]: unknown } {
  const config: { [configKey: string]: unknown } = {};
  for (const f of Object.values(AZURERM_MAPPINGS[tfType] ?? {})) {
    const v = memberAt(description, f.member);
    if (v !== undefined) {
      config[f.configKey] = f.toAzurerm(v);
    }
  }
  return config;
}
