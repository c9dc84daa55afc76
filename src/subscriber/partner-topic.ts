import { Construct, IConstruct } from 'constructs';
import { PartnerTopicEventSubscription, PartnerTopicEventSubscriptionOptions } from './event-subscription';
import { IPartnerTopic, PartnerTopicIdentityType } from './ipartner-topic';
import { PartnerEventsApiVersion } from '../common/api-version';
import { AzapiResourceAction, ensureAzapiProvider } from '../internal/cdktf';
import { Slot } from '../internal/objects';
import {
  descriptionOf, EVENTGRID, hasOverrides, partnerTopicOf, PARTNER_TOPIC_PATHS, PartnerTopicCoordinates, referenceTo, ResourceIdentity,
} from '../model';
import { PartnerTopicTarget } from '../publisher/channel-common';
import { describeExistingResource } from '../render/terraform/describe';
import { terraformReference } from '../render/terraform/references';
import { checkEnum, checkGuid, checkName, checkRequired, checkResourceGroupName, checkSubscriptionId, parseArmId } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { fail, failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';

/** The managed identity a partner topic delivers (and dead-letters) with. */
export interface PartnerTopicIdentity {
  /** System-assigned (created with the topic) or user-assigned (an identity you manage). */
  readonly type: PartnerTopicIdentityType;
  /**
   * The ARM id of the user-assigned identity
   * (`/subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`).
   * @default - none; required when type is USER_ASSIGNED, refused otherwise
   */
  readonly userAssignedIdentityId?: string;
  /**
   * The principal (object) id of the user-assigned identity, so that role assignments for delivery can be made.
   * @default - unknown: the topic's identityPrincipalId is undefined and role assignments are left to you
   */
  readonly userAssignedPrincipalId?: string;
}

/** A partner topic in the customer's subscription, as the customer refers to it. */
export interface PartnerTopicAttributes extends PartnerTopicTarget {
  /** The region of the topic: the region of the partner namespace whose channel creates it (the partner tells it). */
  readonly location: string;
  /**
   * The API version of the activation and the identity update.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
}

/** What creates a partner topic construct: the attributes, and for the same-app case the channel it waits for. */
interface PartnerTopicInit extends PartnerTopicTarget {
  readonly location?: string;
  readonly apiVersion?: PartnerEventsApiVersion;
  /** The channel (or event channel) that creates the topic, when it is in the same app. */
  readonly creator?: IConstruct;
}

const forChannel = new Slot<PartnerTopic>('cdktf-azure-partner-events:partnerTopic');

/**
 * A partner topic (`Microsoft.EventGrid/partnerTopics`) as the customer sees it. The customer never creates the
 * topic: the partner's channel does, in the customer's subscription and resource group, in the namespace's region.
 * This construct refers to that topic, activates it (azapi `azapi_resource_action` `activate`, which fails until
 * the channel exists), gives it a managed identity (an azapi `azapi_resource_action` that PATCHes the topic's
 * `identity` alone, after the activation) and adds event subscriptions (after both).
 *
 * Get one with `PartnerTopic.fromPartnerTopicAttributes` (the customer's own app) or `channel.partnerTopic` (a
 * channel in the same app: the activation then waits for the channel).
 */
export class PartnerTopic extends Construct implements IPartnerTopic {
  /**
   * Refers to a partner topic by its subscription, resource group, name and region. Creates no resource: give the
   * topic a managed identity with `assignIdentity()`, then activate it with `activate()`.
   */
  public static fromPartnerTopicAttributes(scope: Construct, id: string, attrs: PartnerTopicAttributes): PartnerTopic {
    const topic = new PartnerTopic(scope, id, attrs);
    // The removed `activate` and `identity` attributes are refused, so that a JavaScript caller still passing them
    // does not silently lose the activation or the identity.
    const removed = attrs as unknown as { readonly activate?: unknown; readonly identity?: unknown };
    for (const [name, call] of [['activate', 'topic.activate()'], ['identity', 'topic.assignIdentity(identity)']] as const) {
      if (removed[name] !== undefined) {
        throw new Error(`[${topic.node.path}] PartnerTopic.fromPartnerTopicAttributes: the ${name} attribute was removed, an import creates no resource — call ${call} on the imported topic instead`);
      }
    }
    checkRequired(topic, 'location', attrs.location);
    ValidationIndex.of(topic).registerTopicReference({
      construct: topic,
      partnerTopicSubscriptionId: attrs.partnerTopicSubscriptionId,
      partnerTopicResourceGroupName: attrs.partnerTopicResourceGroupName,
      partnerTopicName: attrs.partnerTopicName,
      location: attrs.location,
    });
    return topic;
  }

  /**
   * The partner topic a channel of the same app creates, as a child `PartnerTopic` of the channel, made once.
   * Its activation depends on the channel's resource.
   * @internal
   */
  public static _ofChannel(channel: Construct, target: PartnerTopicTarget, location?: string, apiVersion?: PartnerEventsApiVersion): PartnerTopic {
    let topic = forChannel.get(channel);
    if (!topic) {
      topic = new PartnerTopic(channel, 'PartnerTopic', {
        partnerTopicSubscriptionId: target.partnerTopicSubscriptionId,
        partnerTopicResourceGroupName: target.partnerTopicResourceGroupName,
        partnerTopicName: target.partnerTopicName,
        location,
        apiVersion,
        creator: channel,
      });
      forChannel.set(channel, topic);
    }
    return topic;
  }

  public readonly partnerTopicName: string;
  public readonly partnerTopicSubscriptionId: string;
  public readonly partnerTopicResourceGroupName: string;
  /** The region of the topic (unknown only for the topic of a channel whose namespace's region is unknown). */
  public readonly location?: string;
  /** The API version of the activation and the identity update. */
  public readonly apiVersion: PartnerEventsApiVersion;
  private identity?: PartnerTopicIdentity;
  private identityUpdate?: AzapiResourceAction;
  private activation?: AzapiResourceAction;
  /** The topic's id without identity: read from the channel's resource for the topic of a same-app channel. */
  private readonly baseId: string;
  /** The id as handed out: the identity PATCH's `resource_id` once the topic has an identity. */
  private handedOutId?: string;
  /** Whether the id has been handed out (then an identity can no longer be assigned). */
  private idUsed = false;

  private constructor(scope: Construct, id: string, init: PartnerTopicInit) {
    super(scope, id);
    if (!init.creator) {
      // (A channel has checked its own target already.)
      checkSubscriptionId(this, 'partnerTopicSubscriptionId', init.partnerTopicSubscriptionId);
      checkResourceGroupName(this, 'partnerTopicResourceGroupName', init.partnerTopicResourceGroupName);
      checkName(this, 'partnerTopicName', init.partnerTopicName);
    }
    this.partnerTopicSubscriptionId = init.partnerTopicSubscriptionId;
    this.partnerTopicResourceGroupName = init.partnerTopicResourceGroupName;
    this.partnerTopicName = init.partnerTopicName;
    // In the same app, the id reads the topic's name from the channel's resource, so that whatever uses the id
    // (activation, identity, event subscriptions) is created after the channel that creates the topic.
    const coordinates = PartnerTopicCoordinates.of(init);
    // (the name's token is made right here: a token captures the call stack, and every frame costs at 10,000 channels)
    this.baseId = init.creator
      ? coordinates.withName(terraformReference(referenceTo(init.creator, CHANNEL_TOPIC_NAME))).id
      : coordinates.id;
    this.location = init.location;
    this.apiVersion = init.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    // The topic exists (the partner's channel creates it): described so that its subscriptions, its activation
    // and its identity are in the model; no renderer creates it.
    // The topic of a same-app channel is where the channel's effective description puts it (overrides included).
    const creator = init.creator;
    describeExistingResource(this, () => {
      const at = (creator && hasOverrides(creator) && partnerTopicOf(descriptionOf(creator)!)) || coordinates;
      return {
        construct: this,
        type: `${EVENTGRID}/partnerTopics`,
        apiVersion: this.apiVersion,
        name: at.name,
        scope: { kind: 'resourceGroup', subscriptionId: at.subscriptionId, resourceGroupName: at.resourceGroupName },
        location: this.location,
        properties: {},
        identity: this.identityType === undefined ? undefined : identityOf(this.identityType, this.userAssignedIdentityId),
        // in the order they run: the activation, then the identity
        actions: [
          ...(this.activated ? [{ action: 'activate', purpose: 'start receiving the partner\'s events' }] : []),
          ...(this.identityType === undefined ? [] : [{ action: 'identity', purpose: 'PATCH the topic\'s managed identity (nothing else of the topic)' }]),
        ],
        createdBy: creator,
      };
    });
    addPartnerChecks(this);
  }

  /**
   * The ARM id of the partner topic. A Terraform reference (resolving to the same id) when the topic has a managed
   * identity or comes from a channel of the same app, so that what uses it waits for the identity and the channel.
   */
  public get partnerTopicId(): string {
    this.idUsed = true;
    if (this.handedOutId === undefined) {
      // With an identity, the id is read from the identity PATCH, so that the event subscriptions (which may
      // deliver with that identity) wait for it.
      this.handedOutId = this.identityUpdate ? this.identityUpdate.getStringAttribute('resource_id') : this.baseId;
      // EGP002 knows a hand-written subscription whose scope is this id as a subscription of a partner topic
      ValidationIndex.of(this).registerPartnerTopicId(this.handedOutId);
    }
    return this.handedOutId;
  }

  /** The type of the topic's managed identity, when it has one. */
  public get identityType(): PartnerTopicIdentityType | undefined {
    return this.identity?.type;
  }

  /** The ARM id of the user-assigned identity, when the topic uses one. */
  public get userAssignedIdentityId(): string | undefined {
    return this.identity?.userAssignedIdentityId;
  }

  /**
   * The principal id of the topic's managed identity, for role assignments: read from the response of the identity
   * PATCH for a system-assigned identity, as given for a user-assigned one.
   */
  public get identityPrincipalId(): string | undefined {
    if (this.identityType === PartnerTopicIdentityType.SYSTEM_ASSIGNED && this.identityUpdate) {
      return this.identityUpdate.outputString('identity.principalId');
    }
    return this.identity?.userAssignedPrincipalId;
  }

  /** Whether the topic is activated by this app. */
  public get activated(): boolean {
    return this.activation !== undefined;
  }

  /**
   * Activates the topic (POST `…/partnerTopics/<name>/activate`, on apply, once), so that it starts receiving the
   * partner's events. It fails until the partner's channel has created the topic: deploy after the partner has
   * onboarded you. An ARM template cannot perform it. Calling it again does nothing. The topic's identity
   * (`assignIdentity()`) and its event subscriptions come after it.
   */
  public activate(): void {
    if (this.activation) {
      return;
    }
    ensureAzapiProvider(this);
    // The id of a same-app channel's topic refers to the channel's resource, so the activation waits for the channel.
    this.activation = new AzapiResourceAction(this, 'Activation', {
      type: this.azapiType(),
      resourceId: this.baseId,
      action: 'activate',
      method: 'POST',
    });
  }

  /**
   * Gives the existing topic a managed identity, to deliver (and dead-letter) with: an azapi
   * `azapi_resource_action` (`Identity`) that PATCHes the topic's `identity` and nothing else (a GET-merge-PUT of the
   * whole topic would re-send Event Grid's default activation message, which is longer than the 256 characters a
   * write accepts: Azure/azure-rest-api-specs#37280). It runs after the activation, when the topic has one. Call it
   * before `addEventSubscription()` and any use of `partnerTopicId`, which then wait for the identity; once.
   */
  public assignIdentity(identity: PartnerTopicIdentity): void {
    if (this.identity !== undefined) {
      failHard(this, 'EGP036', 'assignIdentity() is called on a topic that already has a managed identity', identity.type,
        'assign a topic one managed identity');
    }
    if (this.idUsed) {
      failHard(this, 'EGP036', 'assignIdentity() is called after the topic\'s id was used (by an event subscription or your code), which would not wait for the identity',
        identity.type, 'call assignIdentity() right after importing the topic, before addEventSubscription() and any use of partnerTopicId');
    }
    this.checkIdentity(identity);
    this.identity = identity;
    const system = identity.type === PartnerTopicIdentityType.SYSTEM_ASSIGNED;
    ensureAzapiProvider(this);
    // PATCH (PartnerTopics_Update: identity and tags only), as the ARM template's command does; after the
    // activation, whichever of activate() and assignIdentity() is called first.
    this.identityUpdate = new AzapiResourceAction(this, 'Identity', {
      type: this.azapiType(),
      resourceId: this.baseId,
      method: 'PATCH',
      body: {
        identity: system
          ? { type: identity.type }
          : { type: identity.type, userAssignedIdentities: { [identity.userAssignedIdentityId!]: {} } },
      },
      responseExportValues: system ? ['identity.principalId'] : undefined,
      lateDependsOn: () => (this.activation ? [this.activation] : []),
    });
  }

  /** Adds an event subscription that routes the topic's events to a handler. */
  public addEventSubscription(id: string, options: PartnerTopicEventSubscriptionOptions): PartnerTopicEventSubscription {
    return new PartnerTopicEventSubscription(this, id, { ...options, partnerTopic: this });
  }

  private azapiType(): string {
    return `${EVENTGRID}/partnerTopics@${this.apiVersion}`;
  }

  /** EGP004/EGP032/EGP036 on an identity. */
  private checkIdentity(identity: PartnerTopicIdentity): void {
    checkEnum(this, 'identity.type', identity.type, PartnerTopicIdentityType, 'PartnerTopicIdentityType');
    if (identity.type === PartnerTopicIdentityType.USER_ASSIGNED) {
      if (identity.userAssignedIdentityId === undefined) {
        failHard(this, 'EGP036', 'identity.userAssignedIdentityId is required for a user-assigned identity', null,
          'give the ARM id of the user-assigned identity, or use PartnerTopicIdentityType.SYSTEM_ASSIGNED');
      }
      parseArmId(this, 'identity.userAssignedIdentityId', identity.userAssignedIdentityId, 'Microsoft.ManagedIdentity/userAssignedIdentities');
      if (identity.userAssignedPrincipalId !== undefined) {
        checkGuid(this, 'identity.userAssignedPrincipalId', identity.userAssignedPrincipalId);
      }
    } else if (identity.userAssignedIdentityId !== undefined || identity.userAssignedPrincipalId !== undefined) {
      fail(this, 'EGP036', 'identity gives a user-assigned identity, but its type is not USER_ASSIGNED',
        { type: identity.type, userAssignedIdentityId: identity.userAssignedIdentityId, userAssignedPrincipalId: identity.userAssignedPrincipalId },
        'use PartnerTopicIdentityType.USER_ASSIGNED, or leave userAssignedIdentityId and userAssignedPrincipalId unset');
    }
  }
}

/** Where a GA channel (the creator of a same-app partner topic) sends the topic's name. */
const CHANNEL_TOPIC_NAME = PARTNER_TOPIC_PATHS[`${EVENTGRID}/partnerNamespaces/channels`].name;

/** The model's form of a topic's managed identity. */
function identityOf(type: PartnerTopicIdentityType, userAssignedIdentityId: string | undefined): ResourceIdentity {
  return type === PartnerTopicIdentityType.SYSTEM_ASSIGNED
    ? { type: 'SystemAssigned' }
    : { type: 'UserAssigned', userAssignedIdentityId };
}
