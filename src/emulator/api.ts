// The emulator's programmatic API: its options, the handle of a running emulator, its stats, and Event Grid's limits
// on the publish endpoint.
import { NamespaceKeys } from './auth';
import { SubscriptionCounters } from './delivery-types';
import { AppModel } from './model-file';

/** The API version of the publish endpoint (`POST /api/events?api-version=2018-01-01`). */
export const PUBLISH_API_VERSION = '2018-01-01';
/** Event Grid's limits on a publish request (learn.microsoft.com/azure/event-grid/quotas-limits). */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 5000;
/** Event Grid's retry schedule (learn.microsoft.com/azure/event-grid/delivery-and-retry), then every 12 h. */
export const EVENT_GRID_RETRY_SCHEDULE_MS = [10e3, 30e3, 60e3, 300e3, 600e3, 1800e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3];

export type LogLevel = 'info' | 'warn';

/** Timing of delivery. Every Event Grid duration is multiplied by `timeScale`; explicit values win. */
export interface EmulatorTiming {
  /**
   * Multiplies Event Grid's durations: the retry schedule (10 s, 30 s, 1 min…), the 30 s delivery timeout, the
   * 5 min dead-letter delay and the length of a minute for eventTimeToLiveInMinutes. 0.001 turns seconds into ms.
   * @default 1
   */
  readonly timeScale?: number;
  /** The retry schedule in ms (the last entry repeats). */
  readonly retryScheduleMs?: number[];
  /** How long a delivery request may take, from sending it to the end of its answer. @default 30 s × timeScale, at least 1 s */
  readonly deliveryTimeoutMs?: number;
  /** Delay between the last attempt and the dead-letter write. @default 5 min × timeScale */
  readonly deadLetterDelayMs?: number;
}

export interface EmulatorOptions {
  /** The synthesized app (`cdktf.out`). Ignored when `model` is given. @default 'cdktf.out' */
  readonly outdir?: string;
  /** An app model already read (readAppModel). */
  readonly model?: AppModel;
  /** The port of the publish and admin endpoints (0: any free port). @default 0 */
  readonly port?: number;
  /** The address to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Fixed keys per namespace name (default: new random keys at each start). */
  readonly keys?: { readonly [namespaceName: string]: { readonly key1: string; readonly key2?: string } };
  /**
   * Local URLs for webhook subscriptions, keyed by the subscription's construct path, `<topic>/<subscription>`,
   * subscription name, or an origin of the model's URLs (`https://tickets.contoso.example`, replaced by the value's
   * origin, keeping the path).
   */
  readonly webhooks?: { readonly [key: string]: string };
  /** Whether webhooks that are not on this machine are called (otherwise they are reported as not delivered). @default false */
  readonly allowRemoteWebhooks?: boolean;
  /**
   * An Azure Storage API (Azurite, or a storage account) for storage queue destinations and blob dead-lettering:
   * every storage account of the model is this connection string's account. Without it, storage queue destinations
   * are not delivered and dead letters go to `deadLetterDir`.
   */
  readonly storage?: { readonly connectionString: string };
  /** Where dead-lettered events are written without `storage`. @default '.partner-events/dead-letters' (under the working directory) */
  readonly deadLetterDir?: string;
  readonly timing?: EmulatorTiming;
  /** Concurrent delivery requests per subscription. @default 8 */
  readonly concurrency?: number;
  /** Whether webhooks get the CloudEvents validation handshake before the first delivery. @default true */
  readonly webhookValidation?: boolean;
  /** Whether a source that is not a URI-reference is refused (default: accepted with a warning). @default false */
  readonly strictSource?: boolean;
  /** Limits that keep hostile or broken clients from holding the emulator's memory and sockets. */
  readonly limits?: EmulatorLimits;
  /** How many events each subscription may hold before publishers are asked to retry later (503). */
  readonly backlog?: EmulatorBacklog;
  /** The admin key of the `/_emulator` endpoints (default: random). */
  readonly adminKey?: string;
  /** Where log lines go. @default - nowhere */
  readonly logger?: (level: LogLevel, message: string) => void;
}

/**
 * The emulator's own limits on connections (Event Grid does not document its own; these keep one machine safe). A
 * request body is never read past MAX_REQUEST_BYTES: the 413 is answered as soon as the limit is crossed.
 */
export interface EmulatorLimits {
  /** Open connections at once; more are closed as they come. @default 256 */
  readonly maxConnections?: number;
  /** Time for a client to send a request's headers, from its first byte (or from connecting). @default 10 s */
  readonly headersTimeoutMs?: number;
  /** Time for a client to send a whole request, headers and body (answered 408). @default 30 s */
  readonly requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open. @default 5 s */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * A bound on what each subscription holds: events waiting for delivery, a retry or a dead-letter write, and requests
 * under way. A publish request that would take a subscription over either bound is refused, whole, with 503 and
 * `Retry-After` (nothing of it is accepted, so nothing is lost: the official SDKs retry it); a subscription that holds
 * nothing takes any request, so a batch of 5,000 events always gets through eventually.
 */
export interface EmulatorBacklog {
  /** @default 50,000 events */
  readonly maxEvents?: number;
  /** Serialized event bytes. @default 64 MiB */
  readonly maxBytes?: number;
  /** The `Retry-After` of the 503, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
}

/** The defaults of EmulatorLimits and EmulatorBacklog. */
export const DEFAULT_LIMITS = { maxConnections: 256, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 } as const;
export const DEFAULT_BACKLOG = { maxEvents: 50_000, maxBytes: 64 * 1024 * 1024, retryAfterSeconds: 1 } as const;

/** A namespace's publish endpoint. */
export interface NamespaceEndpoint {
  readonly name: string;
  readonly path: string;
  readonly location: string | null;
  readonly routingMode: string;
  /** `http://127.0.0.1:<port>/<namespace>/api/events` (the client adds `?api-version=2018-01-01`). */
  readonly endpoint: string;
  readonly keys: NamespaceKeys;
  readonly localAuthEnabled: boolean;
  readonly channels: Array<{ readonly name: string; readonly kind: string; readonly source: string | null; readonly partnerTopicId: string | null }>;
}

/** A partner topic and its activation state. */
export interface TopicInfo {
  readonly id: string;
  readonly name: string;
  readonly activationState: 'NeverActivated' | 'Activated' | 'Deactivated';
  /** The channels that route to it. */
  readonly channels: string[];
  readonly subscriptions: string[];
}

export interface NamespaceCounters {
  requests: number;
  acceptedEvents: number;
  /** Refused requests by status code. */
  refused: { [status: number]: number };
  /** Accepted events whose source matched no event channel (SourceEventAttribute namespaces). */
  unroutedEvents: number;
}

export interface EmulatorStats {
  readonly namespaces: { readonly [name: string]: NamespaceCounters };
  readonly channels: { readonly [path: string]: { readonly events: number; readonly filteredOut: number } };
  readonly topics: { readonly [id: string]: { readonly activationState: string; readonly received: number; readonly droppedNotActivated: number } };
  readonly subscriptions: { readonly [path: string]: SubscriptionStats };
}

export interface SubscriptionStats extends SubscriptionCounters {
  readonly name: string;
  readonly endpointType: string;
  /** Events the subscription's filter let through (also counted for destinations not delivered locally). */
  readonly filteredOut: number;
  /** Events that matched but that the emulator does not deliver (other destination types, remote URLs…). */
  readonly notDeliveredLocally: number;
  /** Why, when the subscription is not delivered locally. */
  readonly notDeliveredReason?: string;
  readonly pending: number;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly namespaces: NamespaceEndpoint[];
  /** The key of the `/_emulator` admin endpoints (header `x-emulator-admin-key`). */
  readonly adminKey: string;
  /** Where dead letters are written when the emulator has no storage API. */
  readonly deadLetterDir: string;
  /** The storage API's queue and blob endpoints, when the emulator has one. */
  readonly storage?: string;
  /** The publish endpoint of a namespace (by name). */
  endpoint(namespaceName: string): string;
  /** The keys of a namespace (by name). */
  keys(namespaceName: string): NamespaceKeys;
  /** Activates a partner topic (by ARM id, `<subscription>/<resourceGroup>/<name>`, construct path, or unique name). */
  activate(topic: string): TopicInfo;
  deactivate(topic: string): TopicInfo;
  topics(): TopicInfo[];
  stats(): EmulatorStats;
  /** Resolves when nothing is queued, in flight, waiting for a retry or for its dead-letter write. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}
