// Where a partner topic event subscription delivers events: the `destination` (or
// `deliveryWithResourceIdentity.destination`) of `Microsoft.EventGrid/partnerTopics/eventSubscriptions`.
import { IConstruct } from 'constructs';
import { PartnerEventsApiVersion, TlsVersion } from '../common/api-version';
import { Duration } from '../common/duration';
import { withoutUndefined } from '../model/resource';
import { checkGuid, checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

/** What a destination needs to know of the subscription it is bound to. */
export interface DestinationBindOptions {
  /** The API version the subscription is rendered at. */
  readonly apiVersion: PartnerEventsApiVersion;
}

/** A built-in Azure role the partner topic's managed identity needs to deliver to a destination. */
export interface DestinationRole {
  /** The built-in role's name, for example `Azure Event Hubs Data Sender`. */
  readonly roleDefinitionName: string;
  /** The ARM id of the resource the role is needed on. */
  readonly scope: string;
}

/** A destination as the ARM API takes it, for one event subscription. */
export interface DestinationConfig {
  /** The `endpointType`: `WebHook`, `EventHub`, `StorageQueue`… */
  readonly endpointType: string;
  /** The destination's `properties`, secrets included. */
  readonly properties: { [key: string]: any };
  /**
   * The names of the members of `properties` that are secrets (a webhook URL, delivery attributes with secret
   * values). Renderers keep them out of plain output.
   * @default - none
   */
  readonly sensitivePropertyNames?: string[];
}

/** A place an event subscription delivers events to. */
export interface IEventSubscriptionDestination {
  /** The `endpointType` Event Grid knows the destination by. */
  readonly endpointType: string;
  /**
   * The built-in role the partner topic's managed identity needs on the destination when the subscription
   * delivers with that identity, and its scope.
   * @default - none: the destination does not authorize delivery with Azure roles
   */
  readonly identityRole?: DestinationRole;
  /**
   * Checks the destination's settings for the subscription `scope` (errors name its construct path) and renders
   * the destination.
   */
  bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig;
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery attributes

/** The kinds of delivery attribute mapping Event Grid offers. */
export enum DeliveryAttributeMappingType {
  /** A fixed value. */
  STATIC = 'Static',
  /** A value read from the event (a JSON path such as `data.orderId`). */
  DYNAMIC = 'Dynamic',
}

/**
 * A delivery attribute: a header (webhook, Azure Function, hybrid connection) or message property (Event Hubs,
 * Service Bus) that Event Grid sets on every delivered event, either a fixed value or a value read from the event.
 */
export class DeliveryAttributeMapping {
  /** A fixed value, shown in plain output (use `secretValue` for credentials). */
  public static staticValue(name: string, value: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.STATIC, value, false);
  }

  /**
   * A fixed secret value (`isSecret: true`): kept out of plain Terraform output (sent through azapi's write-only
   * `sensitive_body`), and never returned by Event Grid.
   */
  public static secretValue(name: string, value: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.STATIC, value, true);
  }

  /** A value read from each event, by its JSON path (for example `data.orderId` or `subject`). */
  public static fromEventField(name: string, sourceField: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.DYNAMIC, sourceField, false);
  }

  private constructor(
    /** The header or property name. */
    public readonly name: string,
    /** Static or dynamic. */
    public readonly type: DeliveryAttributeMappingType,
    private readonly valueOrField: string,
    /** Whether the value is a secret. */
    public readonly isSecret: boolean,
  ) {}

  /** @internal the mapping as the ARM API takes it (secret values included) */
  public _render(): any {
    if (this.type === DeliveryAttributeMappingType.DYNAMIC) {
      return { name: this.name, type: this.type, properties: { sourceField: this.valueOrField } };
    }
    return {
      name: this.name,
      type: this.type,
      properties: this.isSecret ? { value: this.valueOrField, isSecret: true } : { value: this.valueOrField },
    };
  }

  /** @internal EGP011 on the name and the value */
  public _check(scope: IConstruct, field: string): void {
    checkRequired(scope, `${field}.name`, this.name);
    if (this.type === DeliveryAttributeMappingType.DYNAMIC) {
      checkRequired(scope, `${field} (${this.name}) sourceField`, this.valueOrField);
    } else if (this.valueOrField === undefined || this.valueOrField === null) {
      fail(scope, 'EGP011', `${field} (${this.name}) has no value`, null, 'give the attribute a value');
    }
  }
}

/** Settings every destination that carries delivery attributes shares. */
export interface DeliveryAttributeOptions {
  /**
   * Headers or message properties Event Grid sets on every delivered event.
   * @default - none
   */
  readonly deliveryAttributes?: DeliveryAttributeMapping[];
}

/** EGP011 on a list of delivery attributes, then the rendered list (undefined when none). */
function renderDeliveryAttributes(scope: IConstruct, mappings: DeliveryAttributeMapping[] | undefined): any[] | undefined {
  if (mappings === undefined) {
    return undefined;
  }
  if (mappings.length === 0) {
    fail(scope, 'EGP011', 'deliveryAttributes is an empty list', [], 'give at least one delivery attribute, or leave deliveryAttributes unset');
  }
  const seen = new Set<string>();
  return mappings.map((m, i) => {
    m._check(scope, `deliveryAttributes[${i}]`);
    if (known(m.name)) {
      const key = m.name.toLowerCase();
      if (seen.has(key)) {
        fail(scope, 'EGP011', `deliveryAttributes[${i}] sets an attribute that is already set (names are compared case-insensitively, as header names are)`,
          m.name, 'set each delivery attribute once');
      }
      seen.add(key);
    }
    return m._render();
  });
}

/** The secret members of a destination's properties: the delivery attributes when any of them is secret. */
function secretAttributeNames(mappings: DeliveryAttributeMapping[] | undefined): string[] {
  // A JSON merge patch replaces arrays whole: the list goes to the write-only body as a unit.
  return (mappings ?? []).some((m) => m.isSecret) ? ['deliveryAttributeMappings'] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Shared checks

/** EGP011: the ARM id of a resource of the given (possibly nested) type, such as `Microsoft.EventHub/namespaces/eventhubs`. */
function checkResourceId(scope: IConstruct, field: string, value: string, resourceType: string): void {
  checkRequired(scope, field, value);
  if (!known(value)) {
    return;
  }
  const [provider, ...types] = resourceType.split('/');
  const segments = types.map((t) => `/${t}/[^/]+`).join('');
  const pattern = new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${provider.replace('.', '\\.')}${segments}$`, 'i');
  if (!pattern.test(value)) {
    const example = `/subscriptions/<guid>/resourceGroups/<group>/providers/${provider}${types.map((t) => `/${t}/<name>`).join('')}`;
    fail(scope, 'EGP011', `${field} is not the ARM id of a ${resourceType} resource`, value, `give ${example}`);
  }
}

/** EGP010: a setting that only API version 2025-02-15 offers. */
function checkNewerApi(scope: IConstruct, options: DestinationBindOptions, what: string, value: unknown): void {
  if (options.apiVersion !== PartnerEventsApiVersion.V2025_02_15) {
    fail(scope, 'EGP010', `${what} needs API version 2025-02-15, but the subscription is rendered at ${options.apiVersion}`, value);
  }
}

export const MIN_EVENTS_PER_BATCH = 1;
export const MAX_EVENTS_PER_BATCH = 5000;
export const MIN_BATCH_SIZE_KB = 1;
export const MAX_BATCH_SIZE_KB = 1024;

/** Batching of the webhook and Azure Function destinations. */
export interface BatchingOptions {
  /**
   * The most events Event Grid delivers in one request, 1 to 5000.
   * @default 1 (Event Grid's default)
   */
  readonly maxEventsPerBatch?: number;
  /**
   * The preferred size of a request in kilobytes, 1 to 1024 (a single larger event is still delivered alone).
   * @default 64 (Event Grid's default)
   */
  readonly preferredBatchSizeInKilobytes?: number;
}

/** EGP015 on the batching settings. */
function checkBatching(scope: IConstruct, options: BatchingOptions): void {
  const events = options.maxEventsPerBatch;
  if (known(events) && (!Number.isInteger(events) || events < MIN_EVENTS_PER_BATCH || events > MAX_EVENTS_PER_BATCH)) {
    fail(scope, 'EGP015', `maxEventsPerBatch is not a whole number from ${MIN_EVENTS_PER_BATCH} to ${MAX_EVENTS_PER_BATCH}`, events);
  }
  const kb = options.preferredBatchSizeInKilobytes;
  if (known(kb) && (!Number.isInteger(kb) || kb < MIN_BATCH_SIZE_KB || kb > MAX_BATCH_SIZE_KB)) {
    fail(scope, 'EGP015', `preferredBatchSizeInKilobytes is not a whole number from ${MIN_BATCH_SIZE_KB} to ${MAX_BATCH_SIZE_KB}`, kb);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// WebHook

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
      fail(scope, 'EGP011', 'entraTenantId is set without entraApplicationIdOrUri', p.entraTenantId,
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

// ---------------------------------------------------------------------------------------------------------------
// Azure Function

export interface AzureFunctionProps extends BatchingOptions, DeliveryAttributeOptions {
  /**
   * The ARM id of the function:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Web/sites/<app>/functions/<function>`.
   */
  readonly functionId: string;
}

/** An Azure Function with an Event Grid trigger. Event Grid authenticates with the function's system key. */
export class AzureFunction implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'AzureFunction';
  /** None: Event Grid delivers to a function with the function's Event Grid extension key, not an Azure role. */
  public readonly identityRole?: DestinationRole = undefined;

  constructor(private readonly props: AzureFunctionProps) {}

  public bind(scope: IConstruct, _options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkResourceId(scope, 'functionId', p.functionId, 'Microsoft.Web/sites/functions');
    checkBatching(scope, p);
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: p.functionId,
        maxEventsPerBatch: p.maxEventsPerBatch,
        preferredBatchSizeInKilobytes: p.preferredBatchSizeInKilobytes,
        deliveryAttributeMappings: renderDeliveryAttributes(scope, p.deliveryAttributes),
      }),
      sensitivePropertyNames: secretAttributeNames(p.deliveryAttributes),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Resource-id destinations: Event Hubs, Service Bus, hybrid connections, namespace topics

/** A destination named by its ARM id, with an optional role and delivery attributes. */
abstract class ResourceIdDestination implements IEventSubscriptionDestination {
  public abstract readonly endpointType: string;
  public readonly identityRole?: DestinationRole;

  protected constructor(
    private readonly field: string,
    private readonly resourceId: string,
    private readonly resourceType: string,
    role: string | undefined,
    private readonly deliveryAttributes: DeliveryAttributeMapping[] | undefined,
    /** Whether only API version 2025-02-15 offers the destination. */
    private readonly newestApiOnly = false,
  ) {
    this.identityRole = role ? { roleDefinitionName: role, scope: resourceId } : undefined;
  }

  public bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig {
    if (this.newestApiOnly) {
      checkNewerApi(scope, options, `the ${this.endpointType} destination`, this.endpointType);
    }
    checkResourceId(scope, this.field, this.resourceId, this.resourceType);
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: this.resourceId,
        deliveryAttributeMappings: renderDeliveryAttributes(scope, this.deliveryAttributes),
      }),
      sensitivePropertyNames: secretAttributeNames(this.deliveryAttributes),
    };
  }
}

export interface EventHubProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the event hub (not its namespace):
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<namespace>/eventhubs/<hub>`.
   */
  readonly eventHubId: string;
}

/**
 * An event hub. With delivery through the partner topic's identity, that identity needs the
 * `Azure Event Hubs Data Sender` role on the event hub.
 */
export class EventHub extends ResourceIdDestination {
  public readonly endpointType: string = 'EventHub';

  constructor(props: EventHubProps) {
    super('eventHubId', props.eventHubId, 'Microsoft.EventHub/namespaces/eventhubs', 'Azure Event Hubs Data Sender', props.deliveryAttributes);
  }
}

export interface ServiceBusQueueProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the queue:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>/queues/<queue>`.
   */
  readonly queueId: string;
}

/**
 * A Service Bus queue. With delivery through the partner topic's identity, that identity needs the
 * `Azure Service Bus Data Sender` role on the queue.
 */
export class ServiceBusQueue extends ResourceIdDestination {
  public readonly endpointType: string = 'ServiceBusQueue';

  constructor(props: ServiceBusQueueProps) {
    super('queueId', props.queueId, 'Microsoft.ServiceBus/namespaces/queues', 'Azure Service Bus Data Sender', props.deliveryAttributes);
  }
}

export interface ServiceBusTopicProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the topic:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>/topics/<topic>`.
   */
  readonly topicId: string;
}

/**
 * A Service Bus topic. With delivery through the partner topic's identity, that identity needs the
 * `Azure Service Bus Data Sender` role on the topic.
 */
export class ServiceBusTopic extends ResourceIdDestination {
  public readonly endpointType: string = 'ServiceBusTopic';

  constructor(props: ServiceBusTopicProps) {
    super('topicId', props.topicId, 'Microsoft.ServiceBus/namespaces/topics', 'Azure Service Bus Data Sender', props.deliveryAttributes);
  }
}

export interface HybridConnectionProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the Azure Relay hybrid connection:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Relay/namespaces/<namespace>/hybridConnections/<name>`.
   */
  readonly hybridConnectionId: string;
}

/** An Azure Relay hybrid connection (events reach a listener in a private network). */
export class HybridConnection extends ResourceIdDestination {
  public readonly endpointType: string = 'HybridConnection';

  constructor(props: HybridConnectionProps) {
    // Event Grid's managed-identity delivery documents no Azure role for hybrid connections.
    super('hybridConnectionId', props.hybridConnectionId, 'Microsoft.Relay/namespaces/hybridConnections', undefined, props.deliveryAttributes);
  }
}

export interface NamespaceTopicProps {
  /**
   * The ARM id of the Event Grid namespace topic:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/namespaces/<namespace>/topics/<topic>`.
   */
  readonly namespaceTopicId: string;
}

/**
 * A topic of an Event Grid namespace (pull or push delivery, MQTT). Needs API version 2025-02-15. With delivery
 * through the partner topic's identity, that identity needs the `EventGrid Data Sender` role on the namespace topic.
 */
export class NamespaceTopic extends ResourceIdDestination {
  public readonly endpointType: string = 'NamespaceTopic';

  constructor(props: NamespaceTopicProps) {
    super('namespaceTopicId', props.namespaceTopicId, 'Microsoft.EventGrid/namespaces/topics', 'EventGrid Data Sender', undefined, true);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage queue

const STORAGE_CHILD_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** EGP011: a storage queue or blob container name (3-63 lowercase letters, digits and single hyphens). */
export function checkStorageChildName(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (known(value) && !STORAGE_CHILD_NAME.test(value)) {
    fail(scope, 'EGP011', `${field} is not 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`, value,
      `give a storage ${field === 'queueName' ? 'queue' : 'container'} name such as events-1`);
  }
}

export interface StorageQueueProps {
  /** The ARM id of the storage account that holds the queue. */
  readonly storageAccountId: string;
  /** The queue's name. */
  readonly queueName: string;
  /**
   * How long the delivered messages live in the queue (rendered as `queueMessageTimeToLiveInSeconds`), at least
   * 1 second. Give this or `queueMessagesNeverExpire`, not both.
   * @default - the storage queue's default, 7 days
   */
  readonly queueMessageTimeToLive?: Duration;
  /**
   * Whether the delivered messages never expire (rendered as `queueMessageTimeToLiveInSeconds: -1`).
   * @default false
   */
  readonly queueMessagesNeverExpire?: boolean;
}

/**
 * A storage queue. With delivery through the partner topic's identity, that identity needs the
 * `Storage Queue Data Message Sender` role, granted on the queue itself.
 */
export class StorageQueue implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'StorageQueue';
  /** `Storage Queue Data Message Sender` on the queue (`<account id>/queueServices/default/queues/<name>`). */
  public readonly identityRole?: DestinationRole;

  constructor(private readonly props: StorageQueueProps) {
    this.identityRole = {
      roleDefinitionName: 'Storage Queue Data Message Sender',
      scope: `${props.storageAccountId}/queueServices/default/queues/${props.queueName}`,
    };
  }

  public bind(scope: IConstruct, _options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkResourceId(scope, 'storageAccountId', p.storageAccountId, 'Microsoft.Storage/storageAccounts');
    checkStorageChildName(scope, 'queueName', p.queueName);
    let ttl: number | undefined;
    if (p.queueMessageTimeToLive !== undefined && p.queueMessagesNeverExpire) {
      fail(scope, 'EGP011', 'both queueMessageTimeToLive and queueMessagesNeverExpire are set', p.queueMessageTimeToLive.toString(),
        'give one of them');
    }
    if (p.queueMessageTimeToLive !== undefined) {
      ttl = p.queueMessageTimeToLive.toSeconds();
      if (ttl < 1) {
        fail(scope, 'EGP011', 'queueMessageTimeToLive is shorter than 1 second', p.queueMessageTimeToLive.toString(),
          'give at least Duration.seconds(1), or set queueMessagesNeverExpire');
      }
    } else if (p.queueMessagesNeverExpire) {
      ttl = -1;
    }
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: p.storageAccountId,
        queueName: p.queueName,
        queueMessageTimeToLiveInSeconds: ttl,
      }),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Monitor alert

/** The severity of the alerts a Monitor alert destination fires. */
export enum MonitorAlertSeverity {
  /** Critical. */
  SEV0 = 'Sev0',
  /** Error. */
  SEV1 = 'Sev1',
  /** Warning. */
  SEV2 = 'Sev2',
  /** Informational. */
  SEV3 = 'Sev3',
  /** Verbose. */
  SEV4 = 'Sev4',
}

export interface MonitorAlertProps {
  /** The severity of every alert fired through the subscription. */
  readonly severity: MonitorAlertSeverity;
  /**
   * The ARM ids of the action groups every alert triggers
   * (`/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>`).
   * @default - none: the alerts show in Azure Monitor without notifying anyone
   */
  readonly actionGroupIds?: string[];
  /**
   * The description attached to every alert.
   * @default - none
   */
  readonly description?: string;
}

/** An Azure Monitor alert fired for every event. Needs API version 2025-02-15. */
export class MonitorAlert implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'MonitorAlert';
  /** None: Event Grid raises Monitor alerts itself. */
  public readonly identityRole?: DestinationRole = undefined;

  constructor(private readonly props: MonitorAlertProps) {}

  public bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkNewerApi(scope, options, 'the MonitorAlert destination', this.endpointType);
    checkRequired(scope, 'severity', p.severity);
    (p.actionGroupIds ?? []).forEach((id, i) => checkResourceId(scope, `actionGroupIds[${i}]`, id, 'Microsoft.Insights/actionGroups'));
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        severity: p.severity,
        description: p.description,
        actionGroups: p.actionGroupIds,
      }),
    };
  }
}
