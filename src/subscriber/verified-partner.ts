import { Construct } from 'constructs';
import { PartnerEventsApiVersion } from '../common/api-version';
import { AzapiResourceData, ensureAzapiProvider } from '../internal/cdktf';
import { EVENTGRID } from '../model';
import { checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

export interface VerifiedPartnerProps {
  /**
   * The verified partner's name, as Event Grid lists it (`az eventgrid partner verified-partner list`), for
   * example `Auth0` or `MicrosoftGraphAPI`. It is also the partner name a partner configuration authorizes.
   */
  readonly partnerName: string;
  /**
   * The API version of the lookup.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
}

/**
 * A verified partner (`Microsoft.EventGrid/verifiedPartners`, tenant scope, read-only): a partner that Microsoft
 * has verified, looked up by name on every plan with the azapi `azapi_resource` data source. Gives the
 * partner's immutable registration id, which a `PartnerConfiguration` authorizes.
 */
export class VerifiedPartner extends Construct {
  /** The verified partner's name (the name it was looked up by). */
  public readonly partnerName: string;
  /** The ARM id of the verified partner, `/providers/Microsoft.EventGrid/verifiedPartners/<name>`. */
  public readonly verifiedPartnerId: string;
  /** The immutable id (GUID) of the partner's registration (known at plan time). */
  public readonly partnerRegistrationImmutableId: string;
  /** The partner's organization name (known at plan time). */
  public readonly organizationName: string;
  /** The partner's display name (known at plan time). */
  public readonly partnerDisplayName: string;
  /** The API version of the lookup. */
  public readonly apiVersion: PartnerEventsApiVersion;

  constructor(scope: Construct, id: string, props: VerifiedPartnerProps) {
    super(scope, id);
    checkRequired(this, 'partnerName', props.partnerName);
    if (known(props.partnerName) && /[/?#]/.test(props.partnerName)) {
      fail(this, 'EGP042', 'partnerName is not a resource name: it holds "/", "?" or "#"', props.partnerName,
        'give the verified partner\'s name as Event Grid lists it, for example MicrosoftGraphAPI');
    }
    this.partnerName = props.partnerName;
    this.apiVersion = props.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    this.verifiedPartnerId = `/providers/${EVENTGRID}/verifiedPartners/${props.partnerName}`;

    ensureAzapiProvider(this);
    const lookup = new AzapiResourceData(this, 'Lookup', {
      type: `${EVENTGRID}/verifiedPartners@${this.apiVersion}`,
      resourceId: this.verifiedPartnerId,
      responseExportValues: [
        'properties.partnerRegistrationImmutableId',
        'properties.organizationName',
        'properties.partnerDisplayName',
      ],
    });
    this.node.defaultChild = lookup;
    this.partnerRegistrationImmutableId = lookup.outputString('properties.partnerRegistrationImmutableId');
    this.organizationName = lookup.outputString('properties.organizationName');
    this.partnerDisplayName = lookup.outputString('properties.partnerDisplayName');
  }
}
