// What Channel and EventChannel share: the partner topic they create, and the expiry of an unactivated topic.
import { IConstruct } from 'constructs';
import { Duration } from '../common/duration';
import { ensureTimeProvider, Fn, TimeStatic } from '../internal/cdktf';
import { checkName, checkRequired, checkSubscriptionId, known } from '../validation/checks';
import { fail } from '../validation/errors';

/** Where the partner topic of a channel is created: in the customer's subscription and resource group. */
export interface PartnerTopicTarget {
  /** The customer's Azure subscription id (a GUID). */
  readonly partnerTopicSubscriptionId: string;
  /** The customer's resource group. */
  readonly partnerTopicResourceGroupName: string;
  /** The name the partner topic gets in the customer's resource group. */
  readonly partnerTopicName: string;
}

/** The expiry of a channel whose partner topic is never activated. */
export interface ExpiryOptions {
  /**
   * How long after the channel is created it (and its partner topic) is deleted if the customer has not
   * activated the topic: 1 minute to 7 days. Rendered from a `time_static` resource, so the timestamp is fixed
   * when the channel is created and plans stay clean.
   * @default - Event Grid's default, 7 days
   */
  readonly expiresIfNotActivatedAfter?: Duration;
  /**
   * The same expiry as an explicit ISO 8601 UTC timestamp (`2026-12-01T00:00:00Z`). Give this or
   * `expiresIfNotActivatedAfter`, not both.
   * @default - Event Grid's default, 7 days after creation
   */
  readonly expirationTimeIfNotActivatedUtc?: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
export const MIN_CHANNEL_EXPIRY = Duration.minutes(1);
export const MAX_CHANNEL_EXPIRY = Duration.days(7);

/**
 * The azapi `locks` of every azapi write to a namespace or its channels: the minimum-TLS update and each channel's
 * PUT change the same namespace during the first apply, and azapi runs the writes that lock one id one at a time.
 */
export function namespaceWriteLocks(partnerNamespaceId: string): string[] {
  return [partnerNamespaceId];
}

/** EGP004/EGP008/EGP030 on a partner topic target and its source. */
export function checkTarget(scope: IConstruct, target: PartnerTopicTarget, source: string): void {
  checkSubscriptionId(scope, 'partnerTopicSubscriptionId', target.partnerTopicSubscriptionId);
  checkRequired(scope, 'partnerTopicResourceGroupName', target.partnerTopicResourceGroupName);
  checkName(scope, 'partnerTopicName', target.partnerTopicName);
  checkRequired(scope, 'source', source);
}


/** EGP006, then the rendered `expirationTimeIfNotActivatedUtc` (a timestamp or a Terraform expression). */
export function renderExpiry(scope: IConstruct, options: ExpiryOptions, triggers: { [key: string]: string }): string | undefined {
  const after = options.expiresIfNotActivatedAfter;
  const at = options.expirationTimeIfNotActivatedUtc;
  if (after !== undefined && at !== undefined) {
    fail(scope, 'EGP006', 'both expiresIfNotActivatedAfter and expirationTimeIfNotActivatedUtc are set', { after: after.toString(), at },
      'give one of them');
  }
  if (at !== undefined) {
    if (known(at) && !ISO_UTC.test(at)) {
      fail(scope, 'EGP006', 'expirationTimeIfNotActivatedUtc is not an ISO 8601 UTC timestamp', at,
        'give a timestamp such as 2026-12-01T00:00:00Z');
    }
    return at;
  }
  if (after === undefined) {
    return undefined;
  }
  if (after.toSeconds() < MIN_CHANNEL_EXPIRY.toSeconds() || after.toSeconds() > MAX_CHANNEL_EXPIRY.toSeconds()) {
    fail(scope, 'EGP006', 'expiresIfNotActivatedAfter is outside 1 minute to 7 days', after.toString());
  }
  ensureTimeProvider(scope);
  const createdAt = new TimeStatic(scope, 'CreatedAt', triggers);
  return Fn.timeadd(createdAt.rfc3339, after.toTerraformOffset());
}
