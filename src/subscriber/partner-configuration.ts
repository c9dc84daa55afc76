import { Construct, IConstruct } from 'constructs';
import type { VerifiedPartner } from './verified-partner';
import { PartnerEventsApiVersion } from '../common/api-version';
import { Duration } from '../common/duration';
import {
  ensureTimeProvider,
  EventgridPartnerConfiguration,
  EventgridPartnerConfigurationPartnerAuthorization,
  Fn,
  stackPathOf,
  stackSubscriptionId,
  TimeStatic,
} from '../internal/cdktf';
import { withoutUndefined } from '../internal/objects';
import { EVENTGRID } from '../model';
import { describeResource } from '../render/terraform/describe';
import { watchRenderedOverrides } from '../render/terraform/overrides';
import { addPropertyOverride } from '../render/terraform/property-overrides';
import { referenceOfToken } from '../render/terraform/references';
import { checkGuid, checkRequired, checkResourceGroupName, known, parseArmId } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { fail, failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/**
 * One partner a customer authorizes to create partner topics (through channels) in its resource group.
 *
 * Name the partner with both `partnerRegistrationImmutableId` and `partnerName` (as the official example and the
 * azurerm provider do), or with `verifiedPartner` alone, which supplies both.
 */
export interface PartnerAuthorization {
  /**
   * The immutable id (GUID) of the partner's registration; the partner tells it, or a `VerifiedPartner` looks it up.
   * @default - the verifiedPartner's (required when verifiedPartner is not given)
   */
  readonly partnerRegistrationImmutableId?: string;
  /**
   * The partner's name, for example `Contoso.Finance` (for a verified partner: its name in Event Grid's list).
   * @default - the verifiedPartner's name (required when verifiedPartner is not given)
   */
  readonly partnerName?: string;
  /**
   * A verified partner looked up by name: gives both the immutable id and the name.
   * @default - none: give partnerRegistrationImmutableId and partnerName
   */
  readonly verifiedPartner?: VerifiedPartner;
  /**
   * When the authorization ends, as an ISO 8601 UTC timestamp (`2026-12-01T00:00:00Z`), no later than the
   * configuration's `defaultMaximumExpiration` after the deployment (Azure checks that bound; the library never
   * reads the clock). Give this or `expiresAfter`, not both.
   * @default - expiresAfter's default
   */
  readonly expiresAt?: string;
  /**
   * How long after the authorization is first deployed it ends: 1 day up to the configuration's
   * `defaultMaximumExpiration`. Rendered from a `time_static` resource, so the timestamp is fixed when the
   * authorization is created and plans stay clean; to renew it, replace that `time_static`
   * (`terraform apply -replace=...`) or change the duration. (In the ARM description an expiry equal to the
   * maximum is left to Azure's default; a shorter one stays the Terraform expression.)
   * @default - the configuration's defaultMaximumExpiration
   */
  readonly expiresAfter?: Duration;
}

/**
 * The partner configuration of a resource group, owned (`PartnerConfiguration`) or imported
 * (`PartnerConfiguration.fromPartnerConfigurationId`).
 */
export interface IPartnerConfiguration extends IConstruct {
  /** The ARM id of the configuration. */
  readonly partnerConfigurationId: string;
  /** The resource group of the configuration. */
  readonly resourceGroupName: string;
}

export interface PartnerConfigurationProps {
  /** The customer's resource group the partners may create partner topics in. */
  readonly resourceGroupName: string;
  /**
   * The longest an authorization may last, 1 to 365 whole days; also the default expiry of each authorization.
   * @default Duration.days(7)
   */
  readonly defaultMaximumExpiration?: Duration;
  /**
   * The partners to authorize. More can be added with `authorizePartner`.
   * @default - none
   */
  readonly authorizedPartners?: PartnerAuthorization[];
  /**
   * The API version of the configuration's ARM description.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
  /**
   * Tags of the configuration.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** A partner authorization as rendered (the Terraform and ARM renderings share it). */
interface RenderedPartner {
  readonly immutableId: string;
  readonly name: string;
  /** `authorization_expiration_time_in_utc` for Terraform. */
  readonly expiry: string;
  /** `authorizationExpirationTimeInUtc` for ARM (undefined: Azure's default, the configuration maximum). */
  readonly armExpiry?: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const DAY_SECONDS = 86400;
export const MIN_AUTHORIZATION_EXPIRY = Duration.days(1);
export const MAX_AUTHORIZATION_EXPIRY = Duration.days(365);
export const DEFAULT_AUTHORIZATION_EXPIRY = Duration.days(7);

/**
 * The partner configuration of a customer's resource group (`Microsoft.EventGrid/partnerConfigurations`, the
 * singleton named `default`): which partners may create partner topics there, and until when. Rendered as azurerm
 * `eventgrid_partner_configuration`. One per resource group: it replaces authorizations made elsewhere (portal,
 * CLI) for that group.
 */
export class PartnerConfiguration extends Construct implements IPartnerConfiguration {
  /**
   * Refers to an existing partner configuration by its ARM id
   * (`/subscriptions/…/resourceGroups/<group>/providers/Microsoft.EventGrid/partnerConfigurations/default`).
   * Creates no resource: it neither replaces nor changes the configuration's authorizations.
   */
  public static fromPartnerConfigurationId(scope: Construct, id: string, partnerConfigurationId: string): IPartnerConfiguration {
    return new ImportedPartnerConfiguration(scope, id, partnerConfigurationId);
  }

  /** The ARM id of the configuration. */
  public readonly partnerConfigurationId: string;
  /** The resource group of the configuration. */
  public readonly resourceGroupName: string;
  /** The longest an authorization may last, and the default expiry. */
  public readonly defaultMaximumExpiration: Duration;
  /** The API version of the configuration's ARM description. */
  public readonly apiVersion: PartnerEventsApiVersion;
  private readonly resource: EventgridPartnerConfiguration;
  private readonly partners: RenderedPartner[] = [];
  private readonly partnerKeys = new Map<string, number>();

  constructor(scope: Construct, id: string, props: PartnerConfigurationProps) {
    super(scope, id);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    const maximum = props.defaultMaximumExpiration ?? DEFAULT_AUTHORIZATION_EXPIRY;
    const seconds = maximum.toSeconds();
    if (seconds % DAY_SECONDS !== 0 || seconds < MIN_AUTHORIZATION_EXPIRY.toSeconds() || seconds > MAX_AUTHORIZATION_EXPIRY.toSeconds()) {
      fail(this, 'EGP017', 'defaultMaximumExpiration is not a whole number of days from 1 to 365', maximum.toString(),
        'give defaultMaximumExpiration as Duration.days(n) with n from 1 to 365');
    }
    this.defaultMaximumExpiration = maximum;
    this.resourceGroupName = props.resourceGroupName;
    this.apiVersion = props.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    const maximumDays = seconds / DAY_SECONDS;

    this.resource = new EventgridPartnerConfiguration(this, 'Resource', {
      resourceGroupName: props.resourceGroupName,
      defaultMaximumExpirationTimeInDays: maximumDays,
      tags: props.tags,
    });
    this.node.defaultChild = this.resource;
    this.partnerConfigurationId = this.resource.id;

    describeResource(this, () => withoutUndefined({
      construct: this,
      type: `${EVENTGRID}/partnerConfigurations`,
      apiVersion: this.apiVersion,
      name: 'default',
      // the deploying subscription (the stack's azurerm provider's): channels of the app compare their topic's group
      scope: { kind: 'resourceGroup' as const, resourceGroupName: props.resourceGroupName },
      tags: props.tags,
      properties: {
        partnerAuthorization: {
          defaultMaximumExpirationTimeInDays: maximumDays,
          authorizedPartnersList: this.partners.map((p) => withoutUndefined({
            // A registration of this app (its immutable id attribute given back) is referred to typed.
            partnerRegistrationImmutableId: referenceOfToken(this, p.immutableId) ?? p.immutableId,
            partnerName: p.name,
            authorizationExpirationTimeInUtc: p.armExpiry,
          })),
        },
      },
    }));
    watchRenderedOverrides(this);
    // per subscription when the stack names it (then across stacks), else per stack
    const subscription = stackSubscriptionId(this);
    ValidationIndex.of(this).registerUnique('EGP026', this, [subscription ?? stackPathOf(this), props.resourceGroupName],
      `the partner configuration of resource group ${props.resourceGroupName} (${subscription !== undefined ? `in subscription ${subscription}` : `in stack ${stackPathOf(this)}`})`,
      props.resourceGroupName);
    addPartnerChecks(this);

    for (const authorization of props.authorizedPartners ?? []) {
      this.authorizePartner(authorization);
    }
  }

  /**
   * Sets a member of the ARM `properties` of the partner configuration in every output and for every rule (like AWS
   * CDK's `addPropertyOverride`): `path` is dotted, relative to `properties`
   * (`partnerAuthorization.defaultMaximumExpirationTimeInDays`); `undefined` removes the member. Members azurerm's
   * `eventgrid_partner_configuration` has no attribute for are refused.
   * @see https://learn.microsoft.com/azure/templates/microsoft.eventgrid/partnerconfigurations
   */
  public addPropertyOverride(path: string, value: any): void {
    addPropertyOverride(this, path, value);
  }

  /**
   * Authorizes a partner to create partner topics in the resource group until the authorization's expiry.
   * A partner is authorized once per configuration.
   */
  public authorizePartner(authorization: PartnerAuthorization): void {
    const index = this.partners.length;
    const field = `authorizedPartners[${index}]`;
    const { immutableId, name } = this.partnerOf(field, authorization);

    const key = known(immutableId) ? `id ${immutableId.toLowerCase()}` : known(name) ? `name ${name.toLowerCase()}` : undefined;
    const earlier = key === undefined ? undefined : this.partnerKeys.get(key);
    if (earlier !== undefined) {
      fail(this, 'EGP041', `${field} authorizes the partner that authorizedPartners[${earlier}] already authorizes`,
        known(immutableId) ? immutableId : name, 'authorize each partner once');
    }
    const timeKey = known(immutableId) ? immutableId : known(name) ? name.replace(/\//g, '-') : `#${index}`;
    const expiry = this.expiryOf(field, authorization, immutableId, timeKey);

    if (key !== undefined) {
      this.partnerKeys.set(key, index);
    }
    this.partners.push({ immutableId, name, ...expiry });
    this.resource.putPartnerAuthorization(this.partners.map((p): EventgridPartnerConfigurationPartnerAuthorization => ({
      partnerRegistrationId: p.immutableId,
      partnerName: p.name,
      authorizationExpirationTimeInUtc: p.expiry,
    })));
  }

  /** EGP004/EGP041: the partner's immutable id and name, from the fields or from a verified partner. */
  private partnerOf(field: string, a: PartnerAuthorization): { immutableId: string; name: string } {
    if (a.verifiedPartner !== undefined) {
      if (a.partnerRegistrationImmutableId !== undefined || a.partnerName !== undefined) {
        fail(this, 'EGP041', `${field} names the partner twice: by verifiedPartner and by partnerRegistrationImmutableId or partnerName`,
          {
            verifiedPartner: a.verifiedPartner.node.path,
            partnerRegistrationImmutableId: a.partnerRegistrationImmutableId,
            partnerName: a.partnerName,
          },
          'give verifiedPartner alone, or partnerRegistrationImmutableId and partnerName without it');
      }
      return { immutableId: a.verifiedPartner.partnerRegistrationImmutableId, name: a.verifiedPartner.partnerName };
    }
    if (a.partnerRegistrationImmutableId === undefined || a.partnerName === undefined) {
      failHard(this, 'EGP041',
        `${field} does not name the partner by both its immutable registration id and its name, which an authorization needs`,
        withoutUndefined({ partnerRegistrationImmutableId: a.partnerRegistrationImmutableId, partnerName: a.partnerName }),
        'give both partnerRegistrationImmutableId and partnerName, or a verifiedPartner (a VerifiedPartner looked up by name gives both)');
    }
    checkRequired(this, `${field}.partnerRegistrationImmutableId`, a.partnerRegistrationImmutableId);
    checkGuid(this, `${field}.partnerRegistrationImmutableId`, a.partnerRegistrationImmutableId);
    checkRequired(this, `${field}.partnerName`, a.partnerName);
    return { immutableId: a.partnerRegistrationImmutableId, name: a.partnerName };
  }

  /**
   * EGP017, then the rendered `authorizationExpirationTimeInUtc`: for Terraform a timestamp or a `timeadd`
   * expression; for ARM the timestamp, nothing when the expiry is the maximum (Azure's default), else the same
   * Terraform expression (an ARM template cannot compute a time outside parameter defaults).
   */
  private expiryOf(field: string, a: PartnerAuthorization, immutableId: string, key: string): { expiry: string; armExpiry?: string } {
    if (a.expiresAt !== undefined && a.expiresAfter !== undefined) {
      fail(this, 'EGP017', `${field} sets both expiresAt and expiresAfter`, { expiresAt: a.expiresAt, expiresAfter: a.expiresAfter.toString() },
        'give one of them');
    }
    if (a.expiresAt !== undefined) {
      if (known(a.expiresAt) && (!ISO_UTC.test(a.expiresAt) || Number.isNaN(Date.parse(a.expiresAt)))) {
        fail(this, 'EGP017', `${field}.expiresAt is not an ISO 8601 UTC timestamp`, a.expiresAt,
          'give a timestamp such as 2026-12-01T00:00:00Z, or use expiresAfter');
      }
      return { expiry: a.expiresAt, armExpiry: a.expiresAt };
    }
    const after = a.expiresAfter ?? this.defaultMaximumExpiration;
    if (after.toSeconds() < MIN_AUTHORIZATION_EXPIRY.toSeconds()) {
      fail(this, 'EGP017', `${field}.expiresAfter is shorter than 1 day`, after.toString());
    }
    if (after.toSeconds() > this.defaultMaximumExpiration.toSeconds()) {
      fail(this, 'EGP017', `${field}.expiresAfter is longer than the configuration's defaultMaximumExpiration of ${this.defaultMaximumExpiration.toString()}`,
        after.toString(), 'shorten expiresAfter, or raise defaultMaximumExpiration (at most Duration.days(365))');
    }
    ensureTimeProvider(this);
    const authorizedAt = new TimeStatic(this, `AuthorizedAt-${key}`, {
      partnerRegistrationImmutableId: immutableId,
      expiresAfter: after.toTerraformOffset(),
    });
    const expiry = Fn.timeadd(authorizedAt.rfc3339, after.toTerraformOffset());
    return { expiry, armExpiry: after.toSeconds() === this.defaultMaximumExpiration.toSeconds() ? undefined : expiry };
  }
}

/** A partner configuration that exists: its attributes only, no resource. */
class ImportedPartnerConfiguration extends Construct implements IPartnerConfiguration {
  public readonly partnerConfigurationId: string;
  public readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, partnerConfigurationId: string) {
    super(scope, id);
    const type = `${EVENTGRID}/partnerConfigurations`;
    const parsed = parseArmId(this, 'partnerConfigurationId', partnerConfigurationId, type);
    if (parsed && parsed.name.toLowerCase() !== 'default') {
      failHard(this, 'EGP032', 'partnerConfigurationId names a partner configuration other than default, the only one a resource group has',
        partnerConfigurationId, `give /subscriptions/<guid>/resourceGroups/<group>/providers/${type}/default`);
    }
    this.partnerConfigurationId = partnerConfigurationId;
    // /subscriptions/<s>/resourceGroups/<g>/…: a token id is read by Terraform.
    this.resourceGroupName = parsed?.resourceGroupName ?? Fn.element(Fn.split('/', partnerConfigurationId), 4);
  }
}
