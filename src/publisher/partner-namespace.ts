import { Construct, IConstruct } from 'constructs';
import { Channel, ChannelOptions } from './channel';
import { namespaceWriteLocks } from './channel-common';
import { EventChannel, EventChannelOptions } from './event-channel';
import { PartnerEventsApiVersion, PartnerTopicRoutingMode, PublicNetworkAccess, TlsVersion } from '../common/api-version';
import { nameFromPath } from '../common/names';
import {
  RoleAssignment,
  AzapiResourceActionData,
  AzapiUpdateResource,
  ensureAzapiProvider,
  EventgridPartnerNamespace,
  EventgridPartnerNamespaceConfig,
  stackSubscriptionId,
} from '../internal/cdktf';
import { withoutUndefined } from '../internal/objects';
import { baseDescriptionOf, EVENTGRID, referenceTo } from '../model';
import { IPartnerRegistration } from './partner-registration';
import { azurermConfigOf } from '../render/terraform/azurerm-mappings';
import { describeExistingResource, describeResource } from '../render/terraform/describe';
import { watchRenderedOverrides } from '../render/terraform/overrides';
import { addPropertyOverride } from '../render/terraform/property-overrides';
import { terraformValue } from '../render/terraform/references';
import {
  checkEnum, checkGuid, checkIpRules, checkName, checkRequired, checkReservedWords, checkResourceGroupName, parseArmId,
} from '../validation/checks';
import { normalizeRegion, ValidationIndex } from '../validation/engine';
import { advise, fail, failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/** The built-in role that lets a Microsoft Entra principal publish events to Event Grid. */
export const EVENTGRID_DATA_SENDER = 'EventGrid Data Sender';

/** The POST action that reads a namespace's access keys (for the `aeg-sas-key` header). */
const LIST_KEYS = { action: 'listKeys', purpose: 'read the access keys publishers send in the aeg-sas-key header' };

/** A partner namespace: the regional publishing endpoint. Owned or imported. */
export interface IPartnerNamespace extends IConstruct {
  /** The ARM id of the namespace. */
  readonly partnerNamespaceId: string;
  /** The namespace's name. */
  readonly partnerNamespaceName: string;
  /** The publishing endpoint, `https://<name>.<region>-1.eventgrid.azure.net/api/events`. */
  readonly partnerNamespaceEndpoint: string;
  /** The region, when known (imported namespaces may not say). */
  readonly location?: string;
  /** The routing mode, when known (imported namespaces may not say). */
  readonly routingMode?: PartnerTopicRoutingMode;
  /** The API version that channels of this namespace use by default. */
  readonly apiVersion: PartnerEventsApiVersion;

  /** Adds a GA channel (one customer's partner topic) to this namespace. */
  addChannel(id: string, options: ChannelOptions): Channel;
  /** Adds a 2020-04-01-preview event channel (source-routed) to this namespace. */
  addEventChannel(id: string, options: EventChannelOptions): EventChannel;
}

/** An inbound IP rule of a namespace. */
export interface InboundIpRule {
  /** An IPv4 address or CIDR range, for example `203.0.113.0/24`. */
  readonly ipMask: string;
}

export interface PartnerNamespaceProps {
  /** The resource group the namespace lives in (in the partner's subscription). */
  readonly resourceGroupName: string;
  /** The region, for example `westus2`. Channels and their partner topics live in the same region. */
  readonly location: string;
  /** The partner registration the namespace publishes for. */
  readonly partnerRegistration: IPartnerRegistration;
  /**
   * The namespace's name, also the first DNS label of its endpoint.
   * @default - derived from the construct path: stable, unique per path, 3-50 letters, digits and hyphens
   */
  readonly namespaceName?: string;
  /**
   * How published events find their partner topic. Cannot be changed once the namespace exists.
   * @default PartnerTopicRoutingMode.CHANNEL_NAME_HEADER (the GA mode, for `Channel`)
   */
  readonly routingMode?: PartnerTopicRoutingMode;
  /**
   * Whether publishers may reach the endpoint from the public internet.
   * @default PublicNetworkAccess.ENABLED
   */
  readonly publicNetworkAccess?: PublicNetworkAccess;
  /**
   * IP ranges allowed to publish when public network access is enabled.
   * @default - no rules: every address may publish
   */
  readonly inboundIpRules?: InboundIpRule[];
  /**
   * Whether publishers may authenticate with the namespace's access keys (`aeg-sas-key`) and SAS tokens.
   * @default true (the onboarding article's publishing flow uses the `aeg-sas-key` header)
   */
  readonly localAuthEnabled?: boolean;
  /**
   * The lowest TLS version publishers may use. Needs API version 2025-02-15.
   * @default TlsVersion.TLS1_2
   */
  readonly minimumTlsVersion?: TlsVersion;
  /**
   * The API version for the namespace's azapi parts and, by default, its channels.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
  /**
   * Tags of the namespace.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** The attributes of an existing partner namespace. */
export interface PartnerNamespaceAttributes {
  /** The ARM id of the namespace. */
  readonly partnerNamespaceId: string;
  /**
   * Its region.
   * @default - unknown: region rules are skipped for its channels
   */
  readonly location?: string;
  /**
   * Its routing mode.
   * @default - unknown: routing-mode rules are skipped for its channels
   */
  readonly routingMode?: PartnerTopicRoutingMode;
  /**
   * Its publishing endpoint.
   * @default - unknown (reading it on an import without it is refused)
   */
  readonly partnerNamespaceEndpoint?: string;
  /**
   * The API version its channels use by default.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
}

abstract class PartnerNamespaceBase extends Construct implements IPartnerNamespace {
  public abstract readonly partnerNamespaceId: string;
  public abstract readonly partnerNamespaceName: string;
  public abstract readonly partnerNamespaceEndpoint: string;
  public abstract readonly location?: string;
  public abstract readonly routingMode?: PartnerTopicRoutingMode;
  public abstract readonly apiVersion: PartnerEventsApiVersion;

  public addChannel(id: string, options: ChannelOptions): Channel {
    return new Channel(this, id, { ...options, partnerNamespace: this });
  }

  public addEventChannel(id: string, options: EventChannelOptions): EventChannel {
    return new EventChannel(this, id, { ...options, partnerNamespace: this });
  }
}

/**
 * An Event Grid partner namespace (`Microsoft.EventGrid/partnerNamespaces`): the regional endpoint a partner
 * publishes CloudEvents 1.0 to. Rendered as azurerm `eventgrid_partner_namespace`, with azapi for what azurerm
 * lacks: the minimum TLS version (`azapi_update_resource`) and the access keys (`listKeys`, read on every plan).
 */
export class PartnerNamespace extends PartnerNamespaceBase {
  /** Imports a namespace by its ARM id. */
  public static fromPartnerNamespaceId(scope: Construct, id: string, partnerNamespaceId: string): IPartnerNamespace {
    return new ImportedPartnerNamespace(scope, id, { partnerNamespaceId });
  }

  /** Imports a namespace by its attributes, so that region and routing-mode rules can check its channels. */
  public static fromPartnerNamespaceAttributes(scope: Construct, id: string, attrs: PartnerNamespaceAttributes): IPartnerNamespace {
    return new ImportedPartnerNamespace(scope, id, attrs);
  }

  public readonly partnerNamespaceId: string;
  public readonly partnerNamespaceName: string;
  public readonly partnerNamespaceEndpoint: string;
  /** The region (always known for a namespace this app creates). */
  public readonly location?: string;
  /** The routing mode (always known for a namespace this app creates). */
  public readonly routingMode?: PartnerTopicRoutingMode;
  public readonly apiVersion: PartnerEventsApiVersion;
  /** Whether publishers may use the access keys. */
  public readonly localAuthEnabled: boolean;
  /** The lowest TLS version publishers may use (undefined on API 2022-06-15, where it cannot be set). */
  public readonly minimumTlsVersion?: TlsVersion;
  private readonly resource: EventgridPartnerNamespace;
  private keys?: AzapiResourceActionData;

  constructor(scope: Construct, id: string, props: PartnerNamespaceProps) {
    super(scope, id);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkRequired(this, 'location', props.location);
    checkEnum(this, 'routingMode', props.routingMode, PartnerTopicRoutingMode, 'PartnerTopicRoutingMode');
    checkEnum(this, 'publicNetworkAccess', props.publicNetworkAccess, PublicNetworkAccess, 'PublicNetworkAccess');
    checkEnum(this, 'minimumTlsVersion', props.minimumTlsVersion, TlsVersion, 'TlsVersion');
    checkEnum(this, 'apiVersion', props.apiVersion, PartnerEventsApiVersion, 'PartnerEventsApiVersion');
    this.apiVersion = props.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    if (props.minimumTlsVersion !== undefined && this.apiVersion === PartnerEventsApiVersion.V2022_06_15) {
      fail(this, 'EGP010', 'minimumTlsVersion needs API version 2025-02-15, but the namespace uses 2022-06-15', props.minimumTlsVersion);
    }
    checkIpRules(this, props.inboundIpRules ?? []);
    this.partnerNamespaceName = props.namespaceName ?? nameFromPath(this);
    checkName(this, 'namespaceName', this.partnerNamespaceName);
    checkReservedWords(this, 'namespaceName', this.partnerNamespaceName);
    this.location = props.location;
    this.routingMode = props.routingMode ?? PartnerTopicRoutingMode.CHANNEL_NAME_HEADER;
    this.localAuthEnabled = props.localAuthEnabled ?? true;
    this.minimumTlsVersion = this.apiVersion === PartnerEventsApiVersion.V2025_02_15
      ? props.minimumTlsVersion ?? TlsVersion.TLS1_2 : undefined;
    const publicNetworkAccess = props.publicNetworkAccess ?? PublicNetworkAccess.ENABLED;
    if (this.localAuthEnabled) {
      advise(this, 'EGP022', 'local authentication is enabled: publishers can use the namespace\'s shared access keys', true);
    }
    if (this.minimumTlsVersion === TlsVersion.TLS1_0 || this.minimumTlsVersion === TlsVersion.TLS1_1) {
      advise(this, 'EGP023', 'the namespace accepts publishers on TLS below 1.2', this.minimumTlsVersion);
    }
    if (publicNetworkAccess === PublicNetworkAccess.ENABLED && (props.inboundIpRules ?? []).length === 0) {
      advise(this, 'EGP024', 'public network access is enabled and no inbound IP rule limits it', publicNetworkAccess);
    }

    // The namespace once, as Azure sees it; the azurerm block is rendered from it through the azurerm mapping,
    // and the one setting azurerm lacks (the minimum TLS version) through azapi.
    const description = withoutUndefined({
      construct: this,
      type: `${EVENTGRID}/partnerNamespaces`,
      apiVersion: this.apiVersion,
      name: this.partnerNamespaceName,
      scope: { kind: 'resourceGroup' as const, resourceGroupName: props.resourceGroupName },
      location: props.location,
      tags: props.tags,
      properties: withoutUndefined({
        // A registration of this app is referred to typed; an imported one by the id it was given.
        partnerRegistrationFullyQualifiedId: createdInApp(props.partnerRegistration)
          ? referenceTo(props.partnerRegistration, 'id') : props.partnerRegistration.partnerRegistrationId,
        partnerTopicRoutingMode: this.routingMode,
        publicNetworkAccess,
        inboundIpRules: props.inboundIpRules?.map((r) => ({ ipMask: r.ipMask, action: 'Allow' })),
        disableLocalAuth: !this.localAuthEnabled,
        minimumTlsVersionAllowed: this.minimumTlsVersion,
      }),
    });
    // the keys are read with the listKeys action only when the app asks for them
    describeResource(this, () => (this.keys ? { ...description, actions: [LIST_KEYS] } : description));
    this.resource = new EventgridPartnerNamespace(this, 'Resource', {
      ...azurermConfigOf('azurerm_eventgrid_partner_namespace', terraformValue(description)),
      resourceGroupName: props.resourceGroupName,
    } as EventgridPartnerNamespaceConfig);
    this.node.defaultChild = this.resource;
    this.partnerNamespaceId = this.resource.id;
    this.partnerNamespaceEndpoint = this.resource.endpoint;

    if (this.minimumTlsVersion !== undefined) {
      ensureAzapiProvider(this);
      new AzapiUpdateResource(this, 'MinimumTls', {
        type: `${EVENTGRID}/partnerNamespaces@${this.apiVersion}`,
        resourceId: this.partnerNamespaceId,
        body: { properties: { minimumTlsVersionAllowed: description.properties.minimumTlsVersionAllowed } },
        // the namespace's channels are written under the same lock (namespaceWriteLocks): one write at a time
        locks: namespaceWriteLocks(this.partnerNamespaceId),
      });
    }
    watchRenderedOverrides(this);
    ValidationIndex.of(this).registerUnique('EGP028', this, [normalizeRegion(props.location), this.partnerNamespaceName],
      `namespace name in region ${props.location} (endpoint https://${this.partnerNamespaceName}.${normalizeRegion(props.location)}-1.eventgrid.azure.net)`,
      this.partnerNamespaceName,
      { subscriptionId: stackSubscriptionId(this), resourceGroupName: props.resourceGroupName, name: this.partnerNamespaceName });
    addPartnerChecks(this);
  }

  /**
   * Sets a member of the ARM `properties` of the partner namespace this construct deploys, in every output (the Terraform
   * block, the ARM template, the emulator's model file) and for every rule, like AWS CDK's `addPropertyOverride`:
   * for what the props do not offer. `path` is dotted, relative to `properties` (`publicNetworkAccess`); `undefined`
   * removes the member.
   * @see https://learn.microsoft.com/azure/templates/microsoft.eventgrid/partnernamespaces
   */
  public addPropertyOverride(path: string, value: any): void {
    addPropertyOverride(this, path, value);
  }

  /**
   * Lets a Microsoft Entra principal (the publishing app's service principal or managed identity) publish to this
   * namespace: an azurerm role assignment of the built-in *EventGrid Data Sender* role on the namespace. With
   * `localAuthEnabled: false`, this is how publishers authenticate.
   * @param id the construct id of the role assignment
   * @param principalId the object id of the principal (a GUID)
   */
  public grantPublish(id: string, principalId: string): void {
    const assignment = new Construct(this, id);
    checkGuid(assignment, 'principalId', principalId);
    new RoleAssignment(assignment, 'Resource', {
      scope: this.partnerNamespaceId,
      roleDefinitionName: EVENTGRID_DATA_SENDER,
      principalId,
      description: `Lets ${principalId} publish events to partner namespace ${this.partnerNamespaceName} with Microsoft Entra ID.`,
    });
  }

  /**
   * The namespace's first access key, for the `aeg-sas-key` header. Sensitive: Terraform marks it so, and it
   * must only go to sensitive outputs. Read with the `listKeys` action on every plan.
   */
  public get partnerNamespacePrimaryKey(): string {
    return this.keysAction().sensitiveOutputString('key1');
  }

  /** The namespace's second access key (sensitive), for rotation without downtime. */
  public get partnerNamespaceSecondaryKey(): string {
    return this.keysAction().sensitiveOutputString('key2');
  }

  private keysAction(): AzapiResourceActionData {
    if (!this.keys) {
      ensureAzapiProvider(this);
      this.keys = new AzapiResourceActionData(this, 'Keys', {
        type: `${EVENTGRID}/partnerNamespaces@${this.apiVersion}`,
        resourceId: this.partnerNamespaceId,
        action: 'listKeys',
        method: 'POST',
        sensitiveResponseExportValues: ['key1', 'key2'],
      });
    }
    return this.keys;
  }
}

class ImportedPartnerNamespace extends PartnerNamespaceBase {
  public readonly partnerNamespaceId: string;
  public readonly partnerNamespaceName: string;
  public readonly location?: string;
  public readonly routingMode?: PartnerTopicRoutingMode;
  public readonly apiVersion: PartnerEventsApiVersion;
  private readonly endpoint?: string;

  constructor(scope: Construct, id: string, attrs: PartnerNamespaceAttributes) {
    super(scope, id);
    const parsed = parseArmId(this, 'partnerNamespaceId', attrs.partnerNamespaceId, `${EVENTGRID}/partnerNamespaces`);
    this.partnerNamespaceId = attrs.partnerNamespaceId;
    this.partnerNamespaceName = parsed?.name ?? attrs.partnerNamespaceId;
    this.location = attrs.location;
    this.routingMode = attrs.routingMode;
    this.apiVersion = attrs.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    this.endpoint = attrs.partnerNamespaceEndpoint;
    checkEnum(this, 'routingMode', attrs.routingMode, PartnerTopicRoutingMode, 'PartnerTopicRoutingMode');
    checkEnum(this, 'apiVersion', attrs.apiVersion, PartnerEventsApiVersion, 'PartnerEventsApiVersion');
    // An imported namespace holds its name in its region as much as one the app creates (EGP028).
    if (parsed !== undefined && attrs.location !== undefined) {
      ValidationIndex.of(this).registerUnique('EGP028', this, [normalizeRegion(attrs.location), parsed.name],
        `namespace name in region ${attrs.location} (imported namespace ${attrs.partnerNamespaceId})`, parsed.name,
        { subscriptionId: parsed.subscriptionId, resourceGroupName: parsed.resourceGroupName, name: parsed.name });
    }
    // An existing namespace: described so that its channels' rules and the model file know what was given of it.
    describeExistingResource(this, () => ({
      construct: this,
      type: `${EVENTGRID}/partnerNamespaces`,
      apiVersion: this.apiVersion,
      name: this.partnerNamespaceName,
      location: this.location,
      properties: withoutUndefined({ partnerTopicRoutingMode: this.routingMode }),
    }));
  }

  public get partnerNamespaceEndpoint(): string {
    if (this.endpoint === undefined) {
      failHard(this, 'EGP038', `the endpoint of namespace ${this.partnerNamespaceName} was not given at import`, undefined,
        'import it with fromPartnerNamespaceAttributes and give partnerNamespaceEndpoint');
    }
    return this.endpoint;
  }
}

/** True when the app creates the resource the construct describes (not an imported or existing one). */
function createdInApp(construct: IConstruct): boolean {
  const description = baseDescriptionOf(construct);
  return description !== undefined && description.existing !== true;
}
