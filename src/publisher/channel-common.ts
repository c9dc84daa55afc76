// What Channel and EventChannel share: the partner topic they create, and the expiry of an unactivated topic.
import { IConstruct } from 'constructs';
import { Duration } from '../common/duration';
import { Fn, requireTerraformVersion } from '../internal/cdktf';
import { checkName, checkRequired, checkResourceGroupName, checkSubscriptionId, known } from '../validation/checks';
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
   * activated the topic: 1 minute to 7 days. Terraform computes the timestamp when it creates the channel
   * (`timeadd(plantimestamp(), …)`) and never updates it (`lifecycle.ignore_changes`), so a channel that Event Grid
   * deleted at expiry is re-created with a fresh expiry, and an activated channel is never updated for it. The ARM
   * template takes the timestamp as a parameter that is sent only when given (see docs/lifecycle.md).
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
  checkResourceGroupName(scope, 'partnerTopicResourceGroupName', target.partnerTopicResourceGroupName);
  checkName(scope, 'partnerTopicName', target.partnerTopicName);
  checkRequired(scope, 'source', source);
}


/** Where a channel or event channel carries its expiry. */
export const EXPIRY_PATH = 'properties.expirationTimeIfNotActivatedUtc';

/** The expiry as rendered, and whether it is set on creation only (the duration form). */
export interface RenderedExpiry {
  /** `expirationTimeIfNotActivatedUtc`: a timestamp or a Terraform expression (undefined: Event Grid's default). */
  readonly value?: string;
  /** The description paths set when the channel is created and never updated after (the duration form). */
  readonly setOnCreateOnly?: readonly string[];
}

/**
 * EGP006, then the rendered `expirationTimeIfNotActivatedUtc`: an explicit timestamp as given; a duration as
 * `timeadd(plantimestamp(), …)`, set when the channel is created and never updated (Terraform 1.5 or later has
 * `plantimestamp()`).
 */
export function renderExpiry(scope: IConstruct, options: ExpiryOptions): RenderedExpiry {
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
    return { value: at };
  }
  if (after === undefined) {
    return {};
  }
  if (after.toSeconds() < MIN_CHANNEL_EXPIRY.toSeconds() || after.toSeconds() > MAX_CHANNEL_EXPIRY.toSeconds()) {
    fail(scope, 'EGP006', 'expiresIfNotActivatedAfter is outside 1 minute to 7 days', after.toString());
  }
  requireTerraformVersion(scope, PLANTIMESTAMP_TERRAFORM_VERSION, 'plantimestamp() (a channel expiry set when the channel is created)');
  return { value: Fn.timeadd(Fn.plantimestamp(), after.toTerraformOffset()), setOnCreateOnly: [EXPIRY_PATH] };
}

/** `plantimestamp()` came with Terraform 1.5 (developer.hashicorp.com/terraform/language/functions/plantimestamp). */
export const PLANTIMESTAMP_TERRAFORM_VERSION = '1.5';
