import { Construct, IConstruct } from 'constructs';
import { nameFromPath } from '../common/names';
import { EventgridPartnerRegistration, EventgridPartnerRegistrationConfig, stackPathOf, stackSubscriptionId } from '../internal/cdktf';
import { DataAzurermEventgridPartnerRegistration } from '../internal/cdktf/azurerm-data';
import { withoutUndefined } from '../internal/objects';
import { EVENTGRID, referenceTo } from '../model';
import { azurermConfigOf } from '../render/terraform/azurerm-mappings';
import { describeResource } from '../render/terraform/describe';
import { watchRenderedOverrides } from '../render/terraform/overrides';
import { attributeToken } from '../render/terraform/references';
import { checkGuid, checkName, checkResourceGroupName, parseArmId } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/** A partner registration: the partner's global identity in Event Grid. Owned or imported. */
export interface IPartnerRegistration extends IConstruct {
  /** The ARM id, `/subscriptions/…/providers/Microsoft.EventGrid/partnerRegistrations/<name>`. */
  readonly partnerRegistrationId: string;
  /** The server-generated GUID that customers authorize the partner by. */
  readonly partnerRegistrationImmutableId: string;
  /** The registration's name. */
  readonly partnerRegistrationName: string;
}

export interface PartnerRegistrationProps {
  /** The resource group the registration lives in (in the partner's subscription). */
  readonly resourceGroupName: string;
  /**
   * The registration's name.
   * @default - derived from the construct path: stable, unique per path, 3-50 letters, digits and hyphens
   */
  readonly registrationName?: string;
  /**
   * Tags of the registration.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** The attributes of an existing partner registration. */
export interface PartnerRegistrationAttributes {
  /** The ARM id of the registration. */
  readonly partnerRegistrationId: string;
  /**
   * Its immutable id (GUID).
   * @default - read at plan time with the azurerm `eventgrid_partner_registration` data source (the provider's
   * subscription must be the registration's)
   */
  readonly partnerRegistrationImmutableId?: string;
}

/**
 * An Event Grid partner registration (`Microsoft.EventGrid/partnerRegistrations`), rendered as azurerm
 * `eventgrid_partner_registration`. Creating one is self-serve; only Microsoft-approved registrations are
 * discoverable by customers.
 */
export class PartnerRegistration extends Construct implements IPartnerRegistration {
  /** Imports a registration by its ARM id; its immutable id is read at plan time. */
  public static fromPartnerRegistrationId(scope: Construct, id: string, partnerRegistrationId: string): IPartnerRegistration {
    return new ImportedPartnerRegistration(scope, id, { partnerRegistrationId });
  }

  /** Imports a registration by its ARM id and, when known, its immutable id. */
  public static fromPartnerRegistrationAttributes(scope: Construct, id: string, attrs: PartnerRegistrationAttributes): IPartnerRegistration {
    return new ImportedPartnerRegistration(scope, id, attrs);
  }

  public readonly partnerRegistrationId: string;
  public readonly partnerRegistrationImmutableId: string;
  public readonly partnerRegistrationName: string;
  /** The resource group of the registration. */
  public readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, props: PartnerRegistrationProps) {
    super(scope, id);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    this.partnerRegistrationName = props.registrationName ?? nameFromPath(this);
    checkName(this, 'registrationName', this.partnerRegistrationName);
    this.resourceGroupName = props.resourceGroupName;

    // The registration once, as Azure sees it; the azurerm block is rendered from it through the azurerm mapping.
    const description = withoutUndefined({
      construct: this,
      type: `${EVENTGRID}/partnerRegistrations`,
      apiVersion: '2025-02-15',
      name: this.partnerRegistrationName,
      scope: { kind: 'resourceGroup' as const, resourceGroupName: props.resourceGroupName },
      location: 'global',
      tags: props.tags,
      properties: {},
    });
    describeResource(this, () => description);
    const resource = new EventgridPartnerRegistration(this, 'Resource', {
      ...azurermConfigOf('azurerm_eventgrid_partner_registration', description),
      resourceGroupName: props.resourceGroupName,
    } as EventgridPartnerRegistrationConfig);
    this.node.defaultChild = resource;
    this.partnerRegistrationId = resource.id;
    // A token the library recognises when it is given back (a partner configuration's authorization refers to the
    // registration through it, typed in the model).
    this.partnerRegistrationImmutableId = attributeToken(referenceTo(this, 'properties.partnerRegistrationImmutableId'));

    watchRenderedOverrides(this);
    // one registration of a name per resource group: per subscription when the stack names it, else per stack
    const subscription = stackSubscriptionId(this);
    ValidationIndex.of(this).registerUnique('EGP047', this, [subscription ?? stackPathOf(this), props.resourceGroupName, this.partnerRegistrationName],
      `partner registration name in resource group ${props.resourceGroupName} (${subscription !== undefined ? `subscription ${subscription}` : `stack ${stackPathOf(this)}`})`,
      this.partnerRegistrationName);
    addPartnerChecks(this);
  }

}

class ImportedPartnerRegistration extends Construct implements IPartnerRegistration {
  public readonly partnerRegistrationId: string;
  public readonly partnerRegistrationName: string;
  private readonly givenImmutableId?: string;
  private readonly parsed?: { resourceGroupName: string; name: string };
  private lookup?: DataAzurermEventgridPartnerRegistration;

  constructor(scope: Construct, id: string, attrs: PartnerRegistrationAttributes) {
    super(scope, id);
    this.parsed = parseArmId(this, 'partnerRegistrationId', attrs.partnerRegistrationId, `${EVENTGRID}/partnerRegistrations`);
    if (attrs.partnerRegistrationImmutableId !== undefined) {
      checkGuid(this, 'partnerRegistrationImmutableId', attrs.partnerRegistrationImmutableId);
    }
    this.partnerRegistrationId = attrs.partnerRegistrationId;
    this.partnerRegistrationName = this.parsed?.name ?? attrs.partnerRegistrationId;
    this.givenImmutableId = attrs.partnerRegistrationImmutableId;
  }

  public get partnerRegistrationImmutableId(): string {
    if (this.givenImmutableId !== undefined) {
      return this.givenImmutableId;
    }
    if (!this.parsed) {
      failHard(this, 'EGP038', 'the immutable id of a registration imported by a token id cannot be looked up', this.partnerRegistrationId,
        'import it with fromPartnerRegistrationAttributes and give partnerRegistrationImmutableId');
    }
    this.lookup ??= new DataAzurermEventgridPartnerRegistration(this, 'Lookup', {
      name: this.parsed.name,
      resourceGroupName: this.parsed.resourceGroupName,
    });
    return this.lookup.partnerRegistrationId;
  }
}
