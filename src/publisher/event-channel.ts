import { Construct, IConstruct } from 'constructs';
import { parseChildArmId } from './arm-ids';
import { checkTarget, ExpiryOptions, namespaceWriteLocks, PartnerTopicTarget, renderExpiry } from './channel-common';
import type { IPartnerNamespace } from './partner-namespace';
import { EVENT_CHANNEL_API_VERSION } from '../common/api-version';
import { nameFromPath } from '../common/names';
import { withoutUndefined } from '../internal/objects';
import { EVENTGRID, PartnerTopicCoordinates, referenceTo, REPLACED_WHEN_CHANGED } from '../model';
import { renderAzapiResource } from '../render/terraform/azapi-resources';
import { addPropertyOverride } from '../render/terraform/property-overrides';
import { terraformReferenceOr } from '../render/terraform/references';
import { AdvancedFilter, checkAdvancedFilters, PREVIEW_2020_OPERATORS } from '../subscriber/advanced-filter';
import { checkName } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { advise } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/** An event channel's settings, without its namespace (as `namespace.addEventChannel` takes them). */
export interface EventChannelOptions extends PartnerTopicTarget, ExpiryOptions {
  /**
   * The event channel's name.
   * @default - derived from the construct path: stable, unique per path, 3-50 letters, digits and hyphens
   */
  readonly eventChannelName?: string;
  /**
   * The CloudEvents `source` that routes an event to this channel's partner topic (for example
   * `com.contoso.account1`). One event channel per source in a namespace.
   */
  readonly source: string;
  /**
   * Filters on published events: only matching events reach the partner topic. At most 25, with the 12
   * operators of API 2020-04-01-preview.
   * @default - no filters
   */
  readonly advancedFilters?: AdvancedFilter[];
  /**
   * A description of the partner topic, shown to the customer.
   * @default - none
   */
  readonly partnerTopicFriendlyDescription?: string;
}

/**
 * An event channel, owned (`EventChannel`) or imported (`EventChannel.fromEventChannelId`,
 * `EventChannel.fromEventChannelAttributes`).
 */
export interface IEventChannel extends IConstruct {
  /** The ARM id of the event channel. */
  readonly eventChannelId: string;
  /** The event channel's name. */
  readonly eventChannelName: string;
  /** The ARM id of the event channel's partner namespace. */
  readonly partnerNamespaceId: string;
}

/** An existing event channel, by its namespace and name. */
export interface EventChannelAttributes {
  /** The event channel's partner namespace, owned or imported. */
  readonly partnerNamespace: IPartnerNamespace;
  /** The event channel's name. */
  readonly eventChannelName: string;
}

export interface EventChannelProps extends EventChannelOptions {
  /** The namespace; its routing mode must be source-event-attribute. */
  readonly partnerNamespace: IPartnerNamespace;
}

/**
 * An event channel (`Microsoft.EventGrid/partnerNamespaces/eventChannels@2020-04-01-preview`), the onboarding
 * article's source-routed model: events whose `source` matches go to the partner topic the channel creates.
 * Preview API: prefer `Channel` for new work. Rendered as azapi `azapi_resource`.
 */
export class EventChannel extends Construct implements IEventChannel {
  /**
   * Refers to an existing event channel by its ARM id
   * (`/subscriptions/…/providers/Microsoft.EventGrid/partnerNamespaces/<namespace>/eventChannels/<name>`). Creates
   * no resource.
   */
  public static fromEventChannelId(scope: Construct, id: string, eventChannelId: string): IEventChannel {
    return new ImportedEventChannel(scope, id, eventChannelId);
  }

  /** Refers to an existing event channel by its namespace and name. Creates no resource. */
  public static fromEventChannelAttributes(scope: Construct, id: string, attrs: EventChannelAttributes): IEventChannel {
    return new ImportedEventChannel(scope, id, undefined, attrs);
  }

  public readonly eventChannelName: string;
  /** The ARM id the partner topic has in the customer's subscription. */
  public readonly partnerTopicId: string;
  public readonly partnerTopicSubscriptionId: string;
  public readonly partnerTopicResourceGroupName: string;
  public readonly partnerTopicName: string;
  /** The source that routes events to this channel. */
  public readonly source: string;
  public readonly partnerNamespace: IPartnerNamespace;

  /** The ARM id of the event channel. */
  public get eventChannelId(): string {
    // read on demand: a Terraform reference is a token whose creation captures a stack trace
    return (this.node.defaultChild as unknown as { id: string }).id;
  }

  constructor(scope: Construct, id: string, props: EventChannelProps) {
    super(scope, id);
    checkTarget(this, props, props.source);
    const filters = props.advancedFilters ?? [];
    checkAdvancedFilters(this, 'advancedFilters', filters, PREVIEW_2020_OPERATORS, EVENT_CHANNEL_API_VERSION);
    advise(this, 'EGP025', 'event channels exist only in the preview API version', EVENT_CHANNEL_API_VERSION);
    this.eventChannelName = props.eventChannelName ?? nameFromPath(this);
    checkName(this, 'eventChannelName', this.eventChannelName);
    this.partnerNamespace = props.partnerNamespace;
    this.partnerTopicSubscriptionId = props.partnerTopicSubscriptionId;
    this.partnerTopicResourceGroupName = props.partnerTopicResourceGroupName;
    this.partnerTopicName = props.partnerTopicName;
    this.source = props.source;
    const coordinates = PartnerTopicCoordinates.of(props);
    this.partnerTopicId = coordinates.id;

    const expiry = renderExpiry(this, props);
    const properties = withoutUndefined({
      source: { source: props.source },
      destination: {
        azureSubscriptionId: props.partnerTopicSubscriptionId,
        resourceGroup: props.partnerTopicResourceGroupName,
        partnerTopicName: props.partnerTopicName,
      },
      expirationTimeIfNotActivatedUtc: expiry.value,
      filter: filters.length > 0 ? { advancedFilters: filters.map((f) => f.toJson()) } : undefined,
      partnerTopicFriendlyDescription: props.partnerTopicFriendlyDescription,
    });

    const namespaceId = terraformReferenceOr(referenceTo(props.partnerNamespace, 'id'), props.partnerNamespace.partnerNamespaceId);
    renderAzapiResource(this, () => ({
      construct: this,
      type: `${EVENTGRID}/partnerNamespaces/eventChannels`,
      replacedWhenChanged: REPLACED_WHEN_CHANGED[`${EVENTGRID}/partnerNamespaces/eventChannels`],
      setOnCreateOnly: expiry.setOnCreateOnly,
      apiVersion: EVENT_CHANNEL_API_VERSION,
      name: this.eventChannelName,
      parent: props.partnerNamespace,
      properties,
    }), {
      parentId: namespaceId,
      locks: namespaceWriteLocks(namespaceId),
      // azapi's embedded schemas do not all carry this preview version.
      schemaValidationEnabled: false,
    });

    ValidationIndex.of(this).registerChannel({
      construct: this,
      kind: 'EventChannel',
      namespace: props.partnerNamespace,
      source: props.source,
      partnerTopicSubscriptionId: props.partnerTopicSubscriptionId,
      partnerTopicResourceGroupName: props.partnerTopicResourceGroupName,
      partnerTopicName: props.partnerTopicName,
      channelName: this.eventChannelName,
    });
    addPartnerChecks(this);
  }

  /**
   * Sets a member of the ARM `properties` of the event channel this construct deploys, in every output (the Terraform
   * block, the ARM template, the emulator's model file) and for every rule, like AWS CDK's `addPropertyOverride`:
   * for what the props do not offer. `path` is dotted, relative to `properties` (`partnerTopicFriendlyDescription`); `undefined`
   * removes the member.
   * @see https://learn.microsoft.com/azure/templates/microsoft.eventgrid/partnernamespaces/eventchannels
   */
  public addPropertyOverride(path: string, value: any): void {
    addPropertyOverride(this, path, value);
  }
  /** The ARM id of the event channel's partner namespace. */
  public get partnerNamespaceId(): string {
    return this.partnerNamespace.partnerNamespaceId;
  }
}

/** An event channel that exists: its attributes only, no resource. */
class ImportedEventChannel extends Construct implements IEventChannel {
  public readonly eventChannelId: string;
  public readonly eventChannelName: string;
  public readonly partnerNamespaceId: string;

  constructor(scope: Construct, id: string, eventChannelId: string | undefined, attrs?: EventChannelAttributes) {
    super(scope, id);
    if (attrs === undefined) {
      const parsed = parseChildArmId(this, 'eventChannelId', eventChannelId!, `${EVENTGRID}/partnerNamespaces`, 'eventChannels');
      this.eventChannelId = eventChannelId!;
      this.eventChannelName = parsed.name;
      this.partnerNamespaceId = parsed.parentId;
    } else {
      checkName(this, 'eventChannelName', attrs.eventChannelName);
      this.eventChannelName = attrs.eventChannelName;
      this.partnerNamespaceId = attrs.partnerNamespace.partnerNamespaceId;
      this.eventChannelId = `${this.partnerNamespaceId}/eventChannels/${attrs.eventChannelName}`;
    }
  }
}
