import { Construct, IConstruct } from 'constructs';
import { AdvancedFilter, checkAdvancedFilters } from './advanced-filter';
import { ImportedEventSubscription, IPartnerTopicEventSubscription, PartnerTopicEventSubscriptionAttributes, SUBSCRIPTION_NAME } from './ievent-subscription';
import { IPartnerTopic, PartnerTopicIdentityType } from './ipartner-topic';
import { PartnerEventsApiVersion } from '../common/api-version';
import { Duration } from '../common/duration';
import { nameFromPath } from '../common/names';
import { DestinationRole, IEventSubscriptionDestination, checkStorageChildName } from '../destinations';
import { RoleAssignment, TerraformResource, TerraformStack } from '../internal/cdktf';
import { definedMembers, withoutUndefined } from '../internal/objects';
import { EVENTGRID } from '../model';
import { renderAzapiResource } from '../render/terraform/azapi-resources';
import { addPropertyOverride } from '../render/terraform/property-overrides';
import { checkRequired, known } from '../validation/checks';
import { ValidationIndex } from '../validation/engine';
import { fail, failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';
import { CLOUD_EVENTS_SCHEMA } from '../validation/schema-guard';

/** Where events that cannot be delivered go: a blob container of a storage account. */
export interface DeadLetterOptions {
  /** The ARM id of the storage account. */
  readonly storageAccountId: string;
  /** The blob container that receives the undeliverable events (3-63 lowercase letters, digits and hyphens). */
  readonly blobContainerName: string;
  /**
   * Whether Event Grid writes dead letters with the partner topic's managed identity
   * (`deadLetterWithResourceIdentity`), which then needs the `Storage Blob Data Contributor` role on the container.
   * @default false (Event Grid's own identity, `deadLetterDestination`)
   */
  readonly withTopicIdentity?: boolean;
}

/** An event subscription's settings, without its partner topic (as `partnerTopic.addEventSubscription` takes them). */
export interface PartnerTopicEventSubscriptionOptions {
  /** Where the subscription delivers events (see the `destinations` module). */
  readonly destination: IEventSubscriptionDestination;
  /**
   * The subscription's name: 3 to 64 letters, digits and hyphens.
   * @default - derived from the construct path: stable, unique per path, at most 64 letters, digits and hyphens
   */
  readonly eventSubscriptionName?: string;
  /**
   * Whether Event Grid delivers with the partner topic's managed identity (`deliveryWithResourceIdentity`). The
   * topic must have an identity.
   * @default false (Event Grid's own identity, `destination`)
   */
  readonly deliverWithTopicIdentity?: boolean;
  /**
   * Whether to grant the partner topic's managed identity the role it needs on the destination (and on the
   * dead-letter container) when delivering (or dead-lettering) with that identity: an `azurerm_role_assignment`,
   * one per identity, role and resource in the stack.
   * @default true
   */
  readonly grantDestinationAccess?: boolean;
  /**
   * Deliver only events whose subject begins with this prefix (no wildcards).
   * @default - any subject
   */
  readonly subjectBeginsWith?: string;
  /**
   * Deliver only events whose subject ends with this suffix (no wildcards).
   * @default - any subject
   */
  readonly subjectEndsWith?: string;
  /**
   * Whether `subjectBeginsWith` and `subjectEndsWith` compare case-sensitively.
   * @default - Event Grid's default, false
   */
  readonly isSubjectCaseSensitive?: boolean;
  /**
   * Deliver only events of these CloudEvents types.
   * @default - every event type
   */
  readonly includedEventTypes?: string[];
  /**
   * Advanced filters on event fields: at most 25 filters and 25 values in total.
   * @default - none
   */
  readonly advancedFilters?: AdvancedFilter[];
  /**
   * Whether advanced filters also match fields that hold arrays (any element matches).
   * @default - Event Grid's default, false
   */
  readonly enableAdvancedFilteringOnArrays?: boolean;
  /**
   * Labels of the subscription.
   * @default - none
   */
  readonly labels?: string[];
  /**
   * When the subscription expires and is deleted, as an ISO 8601 UTC timestamp (`2026-12-01T00:00:00Z`).
   * @default - never
   */
  readonly expirationTimeUtc?: string;
  /**
   * How many times Event Grid tries to deliver an event, 1 to 30.
   * @default - Event Grid's default, 30
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long Event Grid keeps trying to deliver an event: whole minutes, from 1 minute to 24 hours.
   * @default - Event Grid's default, 24 hours
   */
  readonly eventTimeToLive?: Duration;
  /**
   * Where undeliverable events go.
   * @default - none: undeliverable events are dropped
   */
  readonly deadLetter?: DeadLetterOptions;
  /**
   * The API version the subscription is rendered at.
   * @default PartnerEventsApiVersion.V2025_02_15
   */
  readonly apiVersion?: PartnerEventsApiVersion;
}

export interface PartnerTopicEventSubscriptionProps extends PartnerTopicEventSubscriptionOptions {
  /** The partner topic whose events the subscription receives. */
  readonly partnerTopic: IPartnerTopic;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
export const MIN_DELIVERY_ATTEMPTS = 1;
export const MAX_DELIVERY_ATTEMPTS = 30;
export const MIN_EVENT_TIME_TO_LIVE = Duration.minutes(1);
export const MAX_EVENT_TIME_TO_LIVE = Duration.hours(24);
const DEAD_LETTER_ROLE = 'Storage Blob Data Contributor';

/**
 * An event subscription of a partner topic (`Microsoft.EventGrid/partnerTopics/eventSubscriptions`): routes the
 * topic's events, filtered, to a destination. Events are always delivered as CloudEvents 1.0
 * (`eventDeliverySchema: CloudEventSchemaV1_0`). Rendered as azapi `azapi_resource`; secrets of the destination
 * (a webhook URL, secret delivery attributes) go through azapi's write-only `sensitive_body` (Terraform 1.11 or
 * later), so they stay out of plans and state.
 *
 * In its stack, the subscription is created after the Terraform resources its partner topic construct declares
 * when the subscription is added (the topic's managed identity, its activation) and after the role assignments it
 * makes for delivery with the topic's identity.
 */
export class PartnerTopicEventSubscription extends Construct implements IPartnerTopicEventSubscription {
  /**
   * Refers to an existing event subscription by its ARM id
   * (`/subscriptions/…/providers/Microsoft.EventGrid/partnerTopics/<topic>/eventSubscriptions/<name>`). Creates no
   * resource.
   */
  public static fromEventSubscriptionId(scope: Construct, id: string, eventSubscriptionId: string): IPartnerTopicEventSubscription {
    return new ImportedEventSubscription(scope, id, eventSubscriptionId);
  }

  /** Refers to an existing event subscription by its partner topic and name. Creates no resource. */
  public static fromEventSubscriptionAttributes(scope: Construct, id: string,
    attrs: PartnerTopicEventSubscriptionAttributes): IPartnerTopicEventSubscription {
    return new ImportedEventSubscription(scope, id, undefined, attrs);
  }

  /** The subscription's name. */
  public readonly eventSubscriptionName: string;
  /** The partner topic the subscription belongs to. */
  public readonly partnerTopic: IPartnerTopic;
  /** Where the subscription delivers events. */
  public readonly destination: IEventSubscriptionDestination;
  /** The API version the subscription is rendered at. */
  public readonly apiVersion: PartnerEventsApiVersion;

  /** The ARM id of the event subscription. */
  public get eventSubscriptionId(): string {
    // read on demand: a Terraform reference is a token whose creation captures a stack trace
    return (this.node.defaultChild as unknown as { id: string }).id;
  }

  constructor(scope: Construct, id: string, props: PartnerTopicEventSubscriptionProps) {
    super(scope, id);
    const topic = props.partnerTopic;
    this.partnerTopic = topic;
    this.destination = props.destination;
    this.apiVersion = props.apiVersion ?? PartnerEventsApiVersion.V2025_02_15;
    this.eventSubscriptionName = props.eventSubscriptionName ?? nameFromPath(this, 64);
    const name = this.eventSubscriptionName;
    if (known(name) && !SUBSCRIPTION_NAME.test(name)) {
      fail(this, 'EGP016', 'eventSubscriptionName is not 3 to 64 letters, digits and hyphens', name);
    }
    checkRequired(this, 'partnerTopic.partnerTopicId', topic.partnerTopicId);

    // The destination, delivered with Event Grid's identity or the topic's.
    const bound = props.destination.bind(this, { apiVersion: this.apiVersion });
    const destinationJson = { endpointType: bound.endpointType, properties: bound.properties };
    const withIdentity = props.deliverWithTopicIdentity ?? false;
    if (withIdentity && props.destination.identityRole === undefined) {
      fail(this, 'EGP048', `deliverWithTopicIdentity is set, but Event Grid does not deliver to a ${bound.endpointType} destination with a managed identity`, bound.endpointType);
    }
    const grant = props.grantDestinationAccess ?? true;
    const delivery = withIdentity
      ? { deliveryWithResourceIdentity: { identity: this.topicIdentity('deliverWithTopicIdentity'), destination: destinationJson } }
      : { destination: destinationJson };

    const properties = withoutUndefined({
      ...delivery,
      filter: this.renderFilter(props),
      labels: props.labels,
      eventDeliverySchema: CLOUD_EVENTS_SCHEMA,
      retryPolicy: this.renderRetryPolicy(props),
      expirationTimeUtc: this.checkExpiration(props.expirationTimeUtc),
      ...this.renderDeadLetter(props.deadLetter),
    });

    // The subscription waits for what the topic construct itself declares in this stack (its managed identity, its
    // activation), then for the role assignments of delivery (and dead-lettering) with the topic's identity.
    const declared = topic.node.children.filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
    const dependencies: TerraformResource[] = declared.length > 0 && TerraformStack.of(topic) === TerraformStack.of(this) ? declared : [];
    if (withIdentity && grant && props.destination.identityRole) {
      dependencies.push(this.grantRole('DestinationAccess', props.destination.identityRole, 'deliver events'));
    }
    const deadLetter = props.deadLetter;
    if (deadLetter?.withTopicIdentity && grant) {
      dependencies.push(this.grantRole('DeadLetterAccess', {
        roleDefinitionName: DEAD_LETTER_ROLE,
        scope: `${deadLetter.storageAccountId}/blobServices/default/containers/${deadLetter.blobContainerName}`,
      }, 'write undeliverable events'));
    }

    // Secrets (the destination's sensitive members) go to the write-only sensitive body, at the same path.
    const destinationPath = withIdentity ? ['properties', 'deliveryWithResourceIdentity', 'destination'] : ['properties', 'destination'];
    const secretPaths = (bound.sensitivePropertyNames ?? []).map((n) => [...destinationPath, 'properties', n].join('.'));
    renderAzapiResource(this, () => ({
      construct: this,
      type: `${EVENTGRID}/partnerTopics/eventSubscriptions`,
      apiVersion: this.apiVersion,
      name,
      parent: topic,
      properties,
      secretPaths,
    }), { parentId: topic.partnerTopicId, dependsOn: dependencies });

    const model = ValidationIndex.of(this);
    model.registerSubscription(this, topic, topic.partnerTopicId);
    model.registerUnique('EGP027', this,
      [topic.partnerTopicSubscriptionId, topic.partnerTopicResourceGroupName, topic.partnerTopicName, name],
      `event subscription name on partner topic ${topic.partnerTopicName}`, name);
    addPartnerChecks(this);
  }

  /**
   * Sets a member of the ARM `properties` of the event subscription this construct deploys, in every output (the Terraform
   * block, the ARM template, the emulator's model file) and for every rule, like AWS CDK's `addPropertyOverride`:
   * for what the props do not offer. `path` is dotted, relative to `properties` (`retryPolicy.maxDeliveryAttempts`); `undefined`
   * removes the member.
   * @see https://learn.microsoft.com/azure/templates/microsoft.eventgrid/partnertopics/eventsubscriptions
   */
  public addPropertyOverride(path: string, value: any): void {
    addPropertyOverride(this, path, value);
  }

  /** EGP019, then the `identity` of delivery or dead-lettering with resource identity. */
  private topicIdentity(field: string): { [key: string]: string } {
    const topic = this.partnerTopic;
    if (topic.identityType === undefined) {
      failHard(this, 'EGP019', `${field} is set, but partner topic ${topic.node.path} has no managed identity`, topic.partnerTopicId);
    }
    if (topic.identityType === PartnerTopicIdentityType.USER_ASSIGNED) {
      if (topic.userAssignedIdentityId === undefined || (known(topic.userAssignedIdentityId) && topic.userAssignedIdentityId.trim() === '')) {
        failHard(this, 'EGP019', `${field} is set, but partner topic ${topic.node.path} has a user-assigned identity whose id is not known`,
          topic.userAssignedIdentityId ?? null, 'give the partner topic the ARM id of its user-assigned identity (userAssignedIdentityId)');
      }
      return { type: topic.identityType, userAssignedIdentity: topic.userAssignedIdentityId };
    }
    return { type: topic.identityType };
  }

  /** EGP009 (and EGP039 on event types), then the `filter` (undefined when nothing filters). */
  private renderFilter(props: PartnerTopicEventSubscriptionOptions): { [key: string]: any } | undefined {
    const types = props.includedEventTypes;
    if (types !== undefined) {
      if (types.length === 0) {
        fail(this, 'EGP039', 'includedEventTypes is an empty list', [], 'list at least one event type, or leave includedEventTypes unset to receive every type');
      }
      types.forEach((t, i) => checkRequired(this, `includedEventTypes[${i}]`, t));
    }
    if (props.advancedFilters !== undefined) {
      checkAdvancedFilters(this, 'advancedFilters', props.advancedFilters);
    }
    return definedMembers({
      includedEventTypes: types,
      subjectBeginsWith: props.subjectBeginsWith,
      subjectEndsWith: props.subjectEndsWith,
      isSubjectCaseSensitive: props.isSubjectCaseSensitive,
      enableAdvancedFilteringOnArrays: props.enableAdvancedFilteringOnArrays,
      advancedFilters: props.advancedFilters?.map((f) => f.toJson()),
    });
  }

  /** EGP014, then the `retryPolicy` (undefined when Event Grid's defaults apply). */
  private renderRetryPolicy(props: PartnerTopicEventSubscriptionOptions): { [key: string]: any } | undefined {
    const attempts = props.maxDeliveryAttempts;
    if (known(attempts) && (!Number.isInteger(attempts) || attempts < MIN_DELIVERY_ATTEMPTS || attempts > MAX_DELIVERY_ATTEMPTS)) {
      fail(this, 'EGP014', `maxDeliveryAttempts is not a whole number from ${MIN_DELIVERY_ATTEMPTS} to ${MAX_DELIVERY_ATTEMPTS}`, attempts);
    }
    const ttl = props.eventTimeToLive;
    let minutes: number | undefined;
    if (ttl !== undefined) {
      if (ttl.toSeconds() % 60 !== 0) {
        fail(this, 'EGP014', 'eventTimeToLive is not a whole number of minutes', ttl.toString());
      }
      if (ttl.toSeconds() < MIN_EVENT_TIME_TO_LIVE.toSeconds() || ttl.toSeconds() > MAX_EVENT_TIME_TO_LIVE.toSeconds()) {
        fail(this, 'EGP014', 'eventTimeToLive is outside 1 minute to 24 hours', ttl.toString());
      }
      minutes = ttl.toMinutes();
    }
    return definedMembers({ maxDeliveryAttempts: attempts, eventTimeToLiveInMinutes: minutes });
  }

  /** EGP040 on the expiry timestamp. */
  private checkExpiration(at: string | undefined): string | undefined {
    if (known(at) && !ISO_UTC.test(at)) {
      fail(this, 'EGP040', 'expirationTimeUtc is not an ISO 8601 UTC timestamp', at, 'give a timestamp such as 2030-01-01T00:00:00Z');
    }
    return at;
  }

  /** EGP030/EGP032/EGP034/EGP019, then `deadLetterDestination` or `deadLetterWithResourceIdentity`. */
  private renderDeadLetter(deadLetter: DeadLetterOptions | undefined): { [key: string]: any } {
    if (deadLetter === undefined) {
      return {};
    }
    const accountId = deadLetter.storageAccountId;
    checkRequired(this, 'deadLetter.storageAccountId', accountId);
    if (known(accountId) && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i.test(accountId)) {
      fail(this, 'EGP032', 'deadLetter.storageAccountId is not the ARM id of a Microsoft.Storage/storageAccounts resource', accountId,
        'give /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>');
    }
    checkStorageChildName(this, 'blobContainerName', deadLetter.blobContainerName);
    const destination = {
      endpointType: 'StorageBlob',
      properties: { resourceId: accountId, blobContainerName: deadLetter.blobContainerName },
    };
    if (deadLetter.withTopicIdentity) {
      return { deadLetterWithResourceIdentity: { identity: this.topicIdentity('deadLetter.withTopicIdentity'), deadLetterDestination: destination } };
    }
    return { deadLetterDestination: destination };
  }

  /**
   * EGP019, then the role assignment that grants the topic's identity `role`: one per identity, role and scope in
   * the stack (Azure refuses a second identical assignment), kept by the first subscription that needs it.
   */
  private grantRole(id: string, role: DestinationRole, purpose: string): RoleAssignment {
    const topic = this.partnerTopic;
    const principalId = topic.identityPrincipalId;
    if (principalId === undefined || (known(principalId) && principalId.trim() === '')) {
      failHard(this, 'EGP019', `grantDestinationAccess needs the principal id of partner topic ${topic.node.path}'s managed identity to grant it ${role.roleDefinitionName}, but it is not known`,
        principalId ?? null, 'give the partner topic its identityPrincipalId, or set grantDestinationAccess: false and grant the role yourself');
    }
    const stack = TerraformStack.of(this);
    let granted = grantedRoles.get(stack);
    if (!granted) {
      granted = new Map();
      grantedRoles.set(stack, granted);
    }
    const key = [principalId, role.roleDefinitionName, role.scope].map((s) => s.toLowerCase()).join('\u0000');
    let assignment = granted.get(key);
    if (!assignment) {
      assignment = new RoleAssignment(this, id, {
        scope: role.scope,
        roleDefinitionName: role.roleDefinitionName,
        principalId,
        principalType: 'ServicePrincipal',
        description: `Lets the managed identity of an Event Grid partner topic ${purpose} (${role.roleDefinitionName}).`,
      });
      granted.set(key, assignment);
    }
    return assignment;
  }

  /** The ARM id of the partner topic the subscription belongs to. */
  public get partnerTopicId(): string {
    return this.partnerTopic.partnerTopicId;
  }
}

const grantedRoles = new WeakMap<IConstruct, Map<string, RoleAssignment>>();
