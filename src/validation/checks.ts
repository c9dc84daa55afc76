// Eager checks: what one prop shows at once is refused in the constructor. Unresolved tokens are skipped.
import { IConstruct } from 'constructs';
import { isUnresolved } from './context';
import { fail, failHard } from './errors';

/** A GUID (Azure subscription ids, immutable ids, principal ids), as a JSON-schema pattern and a RegExp. */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const GUID = new RegExp(GUID_PATTERN);
const AZURE_NAME = /^[-a-zA-Z0-9]{3,50}$/;
const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
const IPV4_ADDRESS = new RegExp(`^${IPV4}$`);
const IPV4_CIDR = new RegExp(`^${IPV4}\\/(3[0-2]|[12]?\\d)$`);
/** The most inbound IP rules the library lets a partner namespace have (EGP031). */
export const MAX_INBOUND_IP_RULES = 16;
/**
 * A resource group name as Azure Resource Manager accepts it: 1 to 90 underscores, hyphens, periods, parentheses,
 * letters and digits (Unicode letters and digits included), not ending with a period.
 */
const RESOURCE_GROUP_NAME = /^[-_.()\p{L}\p{Nd}]{1,90}$/u;

/** True for a value that can be checked now (present and not a token). */
export function known<T>(value: T | undefined): value is T {
  return value !== undefined && !isUnresolved(value);
}

/** EGP030: a required string must not be empty or blank. */
export function checkRequired(scope: IConstruct, field: string, value: string | undefined): void {
  if (value === undefined || (known(value) && value.trim() === '')) {
    fail(scope, 'EGP030', `${field} is required and must not be empty`, value ?? null, `give ${field} a value`);
  }
}

/** EGP004: an Azure subscription id is a GUID. */
export function checkSubscriptionId(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (known(value) && !GUID.test(value)) {
    fail(scope, 'EGP004', `${field} is not a GUID`, value);
  }
}

/** EGP004 for GUID-valued ids other than subscriptions (for example a partner registration immutable id). */
export function checkGuid(scope: IConstruct, field: string, value: string): void {
  if (known(value) && !GUID.test(value)) {
    fail(scope, 'EGP004', `${field} is not a GUID`, value, `give ${field} as a GUID, for example 5b4b650e-28b9-4790-b3ab-ddbd88d727c4`);
  }
}

/** EGP008: partner resource names of 3-50 letters, digits and hyphens. */
export function checkName(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (known(value) && !AZURE_NAME.test(value)) {
    fail(scope, 'EGP008', `${field} is not 3 to 50 letters, digits and hyphens`, value,
      `give ${field} 3 to 50 letters, digits and hyphens, such as ${suggestName(value)}`);
  }
}

/** The nearest valid partner resource name to `value`, for fixes. */
function suggestName(value: string): string {
  const cleaned = value.replace(/[^a-zA-Z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 50);
  return cleaned.length >= 3 ? cleaned : 'contoso-tickets';
}

/** EGP044: a partner namespace's name (a DNS label of its public endpoint) holds no word Azure reserves. */
export function checkReservedWords(scope: IConstruct, field: string, value: string): void {
  if (!known(value)) {
    return;
  }
  const reserved = reservedWordIn(value);
  if (reserved !== undefined) {
    fail(scope, 'EGP044', `${field} ${reserved}`, value);
  }
}

/**
 * Why Azure refuses `name` as the name of a resource with a public endpoint, or undefined: a reserved word as the
 * whole name, MICROSOFT or WINDOWS anywhere in it, or LOGIN at its start (Azure compares case-insensitively).
 */
export function reservedWordIn(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (RESERVED_WHOLE_NAMES.has(upper)) {
    return `is the reserved word ${upper}`;
  }
  const inside = RESERVED_ANYWHERE.find((w) => upper.includes(w));
  if (inside !== undefined) {
    return `contains the reserved word ${inside}`;
  }
  if (upper.startsWith('LOGIN')) {
    return 'starts with the reserved word LOGIN';
  }
  return undefined;
}

/** Whole names Azure reserves for resources with a public endpoint (error-reserved-resource-name). */
const RESERVED_WHOLE_NAMES = new Set([
  'ACCESS', 'APP_CODE', 'APP_THEMES', 'APP_DATA', 'APP_GLOBALRESOURCES', 'APP_LOCALRESOURCES', 'APP_WEBREFERENCES',
  'APP_BROWSERS', 'AZURE', 'BING', 'BIZSPARK', 'BIZTALK', 'CORTANA', 'DIRECTX', 'DOTNET', 'DYNAMICS', 'EXCEL',
  'EXCHANGE', 'FOREFRONT', 'GROOVE', 'HOLOLENS', 'HYPERV', 'KINECT', 'LYNC', 'MSDN', 'O365', 'OFFICE', 'OFFICE365',
  'ONEDRIVE', 'ONENOTE', 'OUTLOOK', 'POWERPOINT', 'SHAREPOINT', 'SKYPE', 'VISIO', 'VISUALSTUDIO', 'WEB.CONFIG', 'XBOX',
]);
/** Words Azure refuses anywhere in such a name. */
const RESERVED_ANYWHERE = ['MICROSOFT', 'WINDOWS'];

/** EGP045: a resource group name as Azure Resource Manager accepts it. */
export function checkResourceGroupName(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (!known(value) || value.trim() === '') {
    return;
  }
  if (!RESOURCE_GROUP_NAME.test(value)) {
    fail(scope, 'EGP045', `${field} is not 1 to 90 letters, digits, underscores, hyphens, periods and parentheses`, value);
  } else if (value.endsWith('.')) {
    fail(scope, 'EGP045', `${field} ends with a period`, value, `remove the trailing period: ${value.replace(/\.+$/, '')}`);
  }
}

/** EGP046: a prop typed as one of the library's enums holds one of its values (JavaScript callers can pass any string). */
export function checkEnum(scope: IConstruct, field: string, value: unknown, values: { [key: string]: string }, enumName: string): void {
  if (value === undefined || !known(value)) {
    return;
  }
  const allowed = Object.values(values);
  if (!allowed.includes(value as string)) {
    const near = typeof value === 'string' ? allowed.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
    const members = Object.entries(values).map(([k, v]) => `${enumName}.${k} (${JSON.stringify(v)})`).join(', ');
    fail(scope, 'EGP046', `${field} is not a value of ${enumName}`, value,
      near !== undefined ? `write it as ${JSON.stringify(near)} (values are case-sensitive), or use ${members}` : `use one of ${members}`);
  }
}

/** EGP031: inbound IP rules are IPv4 CIDR ranges, at most MAX_INBOUND_IP_RULES of them. */
export function checkIpRules(scope: IConstruct, rules: ReadonlyArray<{ readonly ipMask: string }>): void {
  if (rules.length > MAX_INBOUND_IP_RULES) {
    fail(scope, 'EGP031', `inboundIpRules has ${rules.length} rules, more than ${MAX_INBOUND_IP_RULES}`, rules.length,
      `merge ranges into at most ${MAX_INBOUND_IP_RULES} CIDR ranges`);
  }
  rules.forEach((r, i) => checkIpMask(scope, `inboundIpRules[${i}].ipMask`, r.ipMask));
}

/** EGP031: an inbound IP rule is an IPv4 CIDR range (a single address is written with /32). */
export function checkIpMask(scope: IConstruct, field: string, value: string): void {
  if (!known(value)) {
    return;
  }
  if (IPV4_ADDRESS.test(value)) {
    fail(scope, 'EGP031', `${field} is an address without a prefix length, not a CIDR range`, value, `write it as ${value}/32`);
  } else if (!IPV4_CIDR.test(value)) {
    fail(scope, 'EGP031', `${field} is not an IPv4 CIDR range`, value, 'give an IPv4 CIDR range such as 203.0.113.0/24');
  }
}

export interface ParsedArmId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly name: string;
}

/** EGP004 and EGP045 on the subscription and resource group an ARM id names. */
export function checkArmIdScope(scope: IConstruct, field: string, value: string): void {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(value);
  if (!m) {
    return;
  }
  if (!GUID.test(m[1])) {
    fail(scope, 'EGP004', `${field} names a subscription that is not a GUID`, value,
      'give the ARM id with the subscription\'s GUID, for example /subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourceGroups/…');
  }
  checkResourceGroupName(scope, `the resource group of ${field}`, m[2]);
}

/** EGP032: an ARM id of the given resource type (`Microsoft.EventGrid/partnerNamespaces`), parsed. */
export function parseArmId(scope: IConstruct, field: string, value: string, resourceType: string): ParsedArmId | undefined {
  checkRequired(scope, field, value);
  if (!known(value)) {
    return undefined;
  }
  const [provider, type] = resourceType.split('/');
  const pattern = new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${provider}/${type}/([^/]+)$`, 'i');
  const m = pattern.exec(value);
  if (!m) {
    failHard(scope, 'EGP032', `${field} is not the ARM id of a ${resourceType} resource`, value,
      `give /subscriptions/<guid>/resourceGroups/<group>/providers/${resourceType}/<name>`);
  }
  checkArmIdScope(scope, field, value);
  return { subscriptionId: m[1], resourceGroupName: m[2], name: m[3] };
}
