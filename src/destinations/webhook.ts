// WebHook
import { IConstruct } from 'constructs';
import { checkBatching, checkNewerApi, renderDeliveryAttributes, secretAttributeNames } from './bind-checks';
import { BatchingOptions, DestinationBindOptions, DestinationConfig, DestinationRole, IEventSubscriptionDestination } from './common';
import { DeliveryAttributeOptions } from './delivery-attributes';
import { TlsVersion } from '../common/api-version';
import { withoutUndefined } from '../internal/objects';
import { checkGuid, checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

export interface WebHookProps extends BatchingOptions, DeliveryAttributeOptions {
  /**
   * The https:// URL Event Grid posts events to. A secret (it usually carries a key): rendered through azapi's
   * write-only `sensitive_body`, kept out of plain output, and never returned by Event Grid.
   */
  readonly endpointUrl: string;
  /**
   * The Microsoft Entra application id (or application id URI) whose access token Event Grid sends as the bearer
   * token of each delivery request.
   * @default - no Entra token: the endpoint authenticates deliveries itself (for example with a key in the URL)
   */
  readonly entraApplicationIdOrUri?: string;
  /**
   * The Microsoft Entra tenant of `entraApplicationIdOrUri` (a GUID).
   * @default - the tenant of the event subscription
   */
  readonly entraTenantId?: string;
  /**
   * The lowest TLS version the endpoint must support. Needs API version 2025-02-15.
   * @default - Event Grid's default
   */
  readonly minimumTlsVersionAllowed?: TlsVersion;
}

/** A webhook: Event Grid posts CloudEvents 1.0 batches to an https:// endpoint. */
export class WebHook implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'WebHook';
  /** None: a webhook is authorized by its URL or a Microsoft Entra application, not by an Azure role. */
  public readonly identityRole?: DestinationRole = undefined;

  constructor(private readonly props: WebHookProps) {}

  public bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkRequired(scope, 'endpointUrl', p.endpointUrl);
    if (known(p.endpointUrl)) {
      if (!/^https:\/\/[^\s/?#]+/i.test(p.endpointUrl)) {
        // The URL is a secret: show its scheme and host only.
        fail(scope, 'EGP018', 'endpointUrl is not an https:// URL', redactUrl(p.endpointUrl));
      }
    }
    if (p.entraTenantId !== undefined && p.entraApplicationIdOrUri === undefined) {
      fail(scope, 'EGP043', 'entraTenantId is set without entraApplicationIdOrUri', p.entraTenantId,
        'give the Entra application id (or URI) the endpoint expects, or leave entraTenantId unset');
    }
    if (p.entraTenantId !== undefined) {
      checkGuid(scope, 'entraTenantId', p.entraTenantId);
    }
    if (p.entraApplicationIdOrUri !== undefined) {
      checkRequired(scope, 'entraApplicationIdOrUri', p.entraApplicationIdOrUri);
    }
    checkBatching(scope, p);
    if (p.minimumTlsVersionAllowed !== undefined) {
      checkNewerApi(scope, options, 'the webhook\'s minimumTlsVersionAllowed', p.minimumTlsVersionAllowed);
    }
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        endpointUrl: p.endpointUrl,
        maxEventsPerBatch: p.maxEventsPerBatch,
        preferredBatchSizeInKilobytes: p.preferredBatchSizeInKilobytes,
        azureActiveDirectoryTenantId: p.entraTenantId,
        azureActiveDirectoryApplicationIdOrUri: p.entraApplicationIdOrUri,
        deliveryAttributeMappings: renderDeliveryAttributes(scope, p.deliveryAttributes),
        minimumTlsVersionAllowed: p.minimumTlsVersionAllowed,
      }),
      sensitivePropertyNames: ['endpointUrl', ...secretAttributeNames(p.deliveryAttributes)],
    };
  }
}

/** `https://host/…` for messages: the scheme and host of a URL, never its path or query (which hold keys). */
function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
  return m ? `${m[1]}/…` : '(not a URL)';
}
