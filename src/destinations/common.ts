// What every event-subscription destination shares: the interface a destination implements, what it is bound to,
// what it renders, and the batching settings of the push destinations.
import { IConstruct } from 'constructs';
import { PartnerEventsApiVersion } from '../common/api-version';

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
