// Eager checks: what one prop shows at once is refused in the constructor. Unresolved tokens are skipped.
import { IConstruct } from 'constructs';
import { isUnresolved } from './context';
import { advise, fail, failHard } from './errors';

/** A GUID (Azure subscription ids, immutable ids, principal ids), as a JSON-schema pattern and a RegExp. */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const GUID = new RegExp(GUID_PATTERN);
const AZURE_NAME = /^[-a-zA-Z0-9]{3,50}$/;
const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;

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

/** EGP008 (warning): partner resource names of 3-50 letters, digits and hyphens. */
export function checkName(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (known(value) && !AZURE_NAME.test(value)) {
    advise(scope, 'EGP008', `${field} is not 3 to 50 letters, digits and hyphens`, value);
  }
}

/** EGP031: an inbound IP rule is an IPv4 address or CIDR range. */
export function checkIpMask(scope: IConstruct, field: string, value: string): void {
  if (known(value) && !IPV4_CIDR.test(value)) {
    fail(scope, 'EGP031', `${field} is not an IPv4 address or CIDR range`, value, 'give an IPv4 CIDR range such as 203.0.113.0/24');
  }
}

export interface ParsedArmId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly name: string;
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
  return { subscriptionId: m[1], resourceGroupName: m[2], name: m[3] };
}
