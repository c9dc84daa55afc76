import { Construct, IConstruct } from 'constructs';
import { parseChildArmId } from './arm-ids';
import { checkTarget, ExpiryOptions, namespaceWriteLocks, PartnerTopicTarget, renderExpiry } from './channel-common';
import type { IPartnerNamespace } from './partner-namespace';
import { PartnerEventsApiVersion } from '../common/api-version';
import { nameFromPath } from '../common/names';
import { withoutUndefined } from '../internal/objects';
import { EVENTGRID, PartnerTopicCoordinates, referenceTo, REPLACED_WHEN_CHANGED, ResourceDescription } from '../model';
import { renderAzapiResource } from '../render/terraform/azapi-resources';
import { keyedMembershipOf } from '../render/terraform/keyed-membership';
import { keyedRendererFor } from '../render/terraform/keyed-resources';
import { addPropertyOverride } from '../render/terraform/property-overrides';
import { terraformReferenceOr } from '../render/terraform/references';
import { PartnerTopic } from '../subscriber/partner-topic';
import { checkName, known } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { fail } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/** One event type a channel declares for its partner topic (shown to the customer, used for filtering). */
export interface EventTypeDefinition {
  /** The CloudEvents `type`, for example `com.contoso.ticketcreated`. */
  readonly type: string;
  /**
   * What the event means.
   * @default - none
   */
  readonly description?: string;
  /**
   * A display name.
   * @default - none
   */
  readonly displayName?: string;
  /**
   * Where the event is documented.
   * @default - none
   */
  readonly documentationUrl?: string;
  /**
   * The URL of the JSON schema of the event's `data`.
   * @default - none
   */
  readonly dataSchemaUrl?: string;
}

/** A channel's settings, without its namespace (as `namespace.addChannel` takes them). */
export interface ChannelOptions extends PartnerTopicTarget, ExpiryOptions {
  /**
   * The channel's name, unique in the region; publishers send it in the `aeg-channel-name` header.
   * @default - derived from the construct path: stable, unique per path, 3-50 letters, digits and hyphens
   */
  readonly channelName?: string;
  /** The source the partner topic shows the customer (for example `Contoso:account-123`). */
  readonly source: string;
  /**
   * The event types published on this channel.
   * @default - none declared
   */
  readonly eventTypes?: EventTypeDefinition[];
  /**
   * A message the customer sees when activating the partner topic, at most 256 characters.
   * @default - none
   */
  readonly messageForActivation?: string;
  /**
   * The API version the channel is rendered at.
   * @default - the namespace's API version
   */
  readonly apiVersion?: PartnerEventsApiVersion;
}

export interface ChannelProps extends ChannelOptions {
  /** The namespace the channel belongs to. Its routing mode must be channel-name-header. */
  readonly partnerNamespace: IPartnerNamespace;
}

export const MAX_ACTIVATION_MESSAGE_LENGTH = 256;

/** A channel, owned (`Channel`) or imported (`Channel.fromChannelId`, `Channel.fromChannelAttributes`). */
export interface IChannel extends IConstruct {
  /** The ARM id of the channel. */
  readonly channelId: string;
  /** The channel's name (the `aeg-channel-name` header value). */
  readonly channelName: string;
  /** The ARM id of the channel's partner namespace. */
  readonly partnerNamespaceId: string;
}

/** An existing channel, by its namespace and name. */
export interface ChannelAttributes {
  /** The channel's partner namespace, owned or imported. */
  readonly partnerNamespace: IPartnerNamespace;
  /** The channel's name (the `aeg-channel-name` header value). */
  readonly channelName: string;
}

/**
 * A GA channel (`Microsoft.EventGrid/partnerNamespaces/channels`, `channelType: PartnerTopic`): creating it makes
 * a pending partner topic appear in the customer's subscription. Channel and partner topic are one-to-one.
 * Rendered as azapi `azapi_resource`.
 */
export class Channel extends Construct implements IChannel {
  /**
   * Refers to an existing channel by its ARM id
   * (`/subscriptions/…/providers/Microsoft.EventGrid/partnerNamespaces/<namespace>/channels/<name>`). Creates no
   * resource.
   */
  public static fromChannelId(scope: Construct, id: string, channelId: string): IChannel {
    return new ImportedChannel(scope, id, channelId);
  }

  /** Refers to an existing channel by its namespace and name. Creates no resource. */
  public static fromChannelAttributes(scope: Construct, id: string, attrs: ChannelAttributes): IChannel {
    return new ImportedChannel(scope, id, undefined, attrs);
  }

  /** The channel's name (the `aeg-channel-name` header value). */
  public readonly channelName: string;
  /** The ARM id the partner topic has in the customer's subscription. */
  public readonly partnerTopicId: string;
  public readonly partnerTopicSubscriptionId: string;
  public readonly partnerTopicResourceGroupName: string;
  public readonly partnerTopicName: string;
  /** The source the partner topic shows. */
  public readonly source: string;
  /** The namespace of the channel. */
  public readonly partnerNamespace: IPartnerNamespace;
  /** The API version the channel is rendered at. */
  public readonly apiVersion: PartnerEventsApiVersion;

  /** The ARM id of the channel. */
  public get channelId(): string {
    // read on demand: a Terraform reference is a token whose creation captures a stack trace
    const keyed = keyedMembershipOf(this);
    return keyed !== undefined ? keyed.block.instanceAttribute(keyed.key, 'id') : (this.node.defaultChild as unknown as { id: string }).id;
  }

  constructor(scope: Construct, id: string, props: ChannelProps) {
    super(scope, id);
    checkTarget(this, props, props.source);
    const message = props.messageForActivation;
    if (known(message) && message.length > MAX_ACTIVATION_MESSAGE_LENGTH) {
      fail(this, 'EGP005', `messageForActivation has ${message.length} characters, more than ${MAX_ACTIVATION_MESSAGE_LENGTH}`, message);
    }
    const inlineEventTypes = renderEventTypes(this, props.eventTypes);
    this.channelName = props.channelName ?? nameFromPath(this);
    checkName(this, 'channelName', this.channelName);

    this.partnerNamespace = props.partnerNamespace;
    this.apiVersion = props.apiVersion ?? props.partnerNamespace.apiVersion;
    this.partnerTopicSubscriptionId = props.partnerTopicSubscriptionId;
    this.partnerTopicResourceGroupName = props.partnerTopicResourceGroupName;
    this.partnerTopicName = props.partnerTopicName;
    this.source = props.source;
    const coordinates = PartnerTopicCoordinates.of(props);
    this.partnerTopicId = coordinates.id;

    const expiry = renderExpiry(this, props);
    const properties = withoutUndefined({
      channelType: 'PartnerTopic',
      partnerTopicInfo: withoutUndefined({
        azureSubscriptionId: props.partnerTopicSubscriptionId,
        resourceGroupName: props.partnerTopicResourceGroupName,
        name: props.partnerTopicName,
        source: props.source,
        eventTypeInfo: inlineEventTypes ? { kind: 'Inline', inlineEventTypes } : undefined,
      }),
      messageForActivation: message,
      expirationTimeIfNotActivatedUtc: expiry.value,
    });

    const namespaceId = terraformReferenceOr(referenceTo(props.partnerNamespace, 'id'), props.partnerNamespace.partnerNamespaceId);
    // every member is fixed by now: the description is built once, when first read, and shared by its readers
    let described: ResourceDescription | undefined;
    const describe = (): ResourceDescription => (described ??= {
      construct: this,
      type: `${EVENTGRID}/partnerNamespaces/channels`,
      replacedWhenChanged: REPLACED_WHEN_CHANGED[`${EVENTGRID}/partnerNamespaces/channels`],
      setOnCreateOnly: expiry.setOnCreateOnly,
      apiVersion: this.apiVersion,
      name: this.channelName,
      parent: props.partnerNamespace,
      properties,
    });
    // a fleet shard renders its namespace's channels as instances of one block, keyed by the channel's id
    const shared = keyedRendererFor(props.partnerNamespace);
    if (shared !== undefined) {
      shared.add(this, id, namespaceId, describe);
    } else {
      renderAzapiResource(this, describe, { parentId: namespaceId, locks: namespaceWriteLocks(namespaceId) });
    }

    ValidationIndex.of(this).registerChannel({
      construct: this,
      kind: 'Channel',
      namespace: props.partnerNamespace,
      source: props.source,
      partnerTopicSubscriptionId: props.partnerTopicSubscriptionId,
      partnerTopicResourceGroupName: props.partnerTopicResourceGroupName,
      partnerTopicName: props.partnerTopicName,
      channelName: this.channelName,
    });
    addPartnerChecks(this);
  }

  /**
   * Sets a member of the ARM `properties` of the channel this construct deploys, in every output (the Terraform
   * block, the ARM template, the emulator's model file) and for every rule, like AWS CDK's `addPropertyOverride`:
   * for what the props do not offer. `path` is dotted, relative to `properties` (`partnerTopicInfo.eventTypeInfo.kind`); `undefined`
   * removes the member.
   * @see https://learn.microsoft.com/azure/templates/microsoft.eventgrid/partnernamespaces/channels
   */
  public addPropertyOverride(path: string, value: any): void {
    addPropertyOverride(this, path, value);
  }

  /**
   * The partner topic this channel creates, for a customer side in the same app (made once, as a child of the
   * channel, in the namespace's region): call `activate()` on it to activate it once the channel exists.
   */
  public get partnerTopic(): PartnerTopic {
    return PartnerTopic._ofChannel(this, this, this.partnerNamespace.location, this.apiVersion);
  }

  /** The ARM id of the channel's partner namespace. */
  public get partnerNamespaceId(): string {
    return this.partnerNamespace.partnerNamespaceId;
  }
}

/** A channel that exists: its attributes only, no resource. */
class ImportedChannel extends Construct implements IChannel {
  public readonly channelId: string;
  public readonly channelName: string;
  public readonly partnerNamespaceId: string;

  constructor(scope: Construct, id: string, channelId: string | undefined, attrs?: ChannelAttributes) {
    super(scope, id);
    if (attrs === undefined) {
      const parsed = parseChildArmId(this, 'channelId', channelId!, `${EVENTGRID}/partnerNamespaces`, 'channels');
      this.channelId = channelId!;
      this.channelName = parsed.name;
      this.partnerNamespaceId = parsed.parentId;
    } else {
      checkName(this, 'channelName', attrs.channelName);
      this.channelName = attrs.channelName;
      this.partnerNamespaceId = attrs.partnerNamespace.partnerNamespaceId;
      this.channelId = `${this.partnerNamespaceId}/channels/${attrs.channelName}`;
    }
  }
}

/** EGP007, then the `inlineEventTypes` map (undefined when none are declared). */
function renderEventTypes(scope: Construct, eventTypes: EventTypeDefinition[] | undefined): { [type: string]: any } | undefined {
  if (eventTypes === undefined) {
    return undefined;
  }
  if (eventTypes.length === 0) {
    fail(scope, 'EGP007', 'eventTypes is an empty list', [], 'declare at least one event type, or leave eventTypes unset');
  }
  const out: { [type: string]: any } = {};
  eventTypes.forEach((t, i) => {
    if (!known(t.type)) {
      fail(scope, 'EGP007', `eventTypes[${i}].type is a token; inline event types are keyed by their name`, t.type,
        'give the type name as a plain string');
    }
    if (t.type.trim() === '') {
      fail(scope, 'EGP007', `eventTypes[${i}].type is empty`, t.type);
    }
    if (Object.prototype.hasOwnProperty.call(out, t.type)) {
      fail(scope, 'EGP007', `eventTypes[${i}] declares an event type that is already declared`, t.type,
        'declare each event type once');
    }
    out[t.type] = withoutUndefined({
      description: t.description,
      displayName: t.displayName,
      documentationUrl: t.documentationUrl,
      dataSchemaUrl: t.dataSchemaUrl,
    });
  });
  return out;
}
