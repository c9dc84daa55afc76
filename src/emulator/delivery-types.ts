// What delivery to a webhook works with: the accepted events, the (scaled) timing, a subscription's settings, its
// counters, and the hooks through which a deliverer reports to the emulator.
import { DeadLetterRecord, DeadLetterTarget } from './dead-letter';

/**
 * An accepted event, serialized once. The parsed event is not kept (it would double what a backlog holds): the few
 * deliveries that need a field of it (dynamic delivery attribute mappings) parse the bytes again.
 */
export interface PublishedEvent {
  readonly id: string;
  /** The event as published, serialized (UTF-8): its own bytes in the publish request. */
  readonly body: Buffer;
  /** `body.length`. */
  readonly bytes: number;
  /** When the namespace accepted it (ms since the epoch). */
  readonly publishedAt: number;
}

/** Delivery timing, already scaled. */
export interface DeliveryTiming {
  /** Delay before the n-th retry; the last entry repeats. */
  readonly retryScheduleMs: readonly number[];
  readonly deliveryTimeoutMs: number;
  /** Delay between the last attempt and the dead-letter write. */
  readonly deadLetterDelayMs: number;
  /** The length of a minute (for eventTimeToLiveInMinutes). */
  readonly minuteMs: number;
  /** Least delay before retrying after these status codes. */
  readonly minRetryDelayMs: { readonly [status: number]: number };
}

/** A delivery attribute mapping (a header set on every delivery). */
export interface HeaderMapping {
  readonly name: string;
  /** A fixed value… */
  readonly value?: string;
  /** …or the event field it is read from (`data.orderId`). */
  readonly sourceField?: string;
}

/** Where a deliverer sends events when it does not call a webhook (a storage queue). */
export interface DeliveryTransport {
  /** For messages: `storage queue <name>`. */
  readonly description: string;
  /** The destination's URL (the queue's). */
  readonly url: URL;
  /** Sends a batch; a status of 200-204 (or 201) is success. */
  send(batch: readonly Item[]): Promise<AttemptResult>;
  destroy(): void;
}

/** What one webhook subscription needs to deliver. */
export interface WebhookConfig {
  /** The construct path (stats key). */
  readonly path: string;
  readonly name: string;
  readonly topicName: string;
  /** The URL requests go to (the model's, or a local override); with `transport`, the destination's URL (not called). */
  readonly url: URL;
  /** Set for destinations that are not webhooks: events go there instead (one per call, no handshake). */
  readonly transport?: DeliveryTransport;
  readonly maxEventsPerBatch?: number;
  readonly preferredBatchSizeBytes: number;
  readonly maxDeliveryAttempts: number;
  readonly eventTimeToLiveMinutes: number;
  readonly headers: readonly HeaderMapping[];
  readonly deadLetter?: DeadLetterTarget;
  /** Concurrent requests to the endpoint. */
  readonly concurrency: number;
  /** Whether to run the validation handshake before the first delivery. */
  readonly validate: boolean;
  /** The backlog bound: events and serialized bytes held (see EmulatorBacklog). */
  readonly maxBacklogEvents: number;
  readonly maxBacklogBytes: number;
}

/** Counters of one subscription. */
export interface SubscriptionCounters {
  /** Events that passed the subscription's filter. */
  matched: number;
  /** Events the endpoint acknowledged. */
  delivered: number;
  /** Requests sent (deliveries, not handshakes). */
  requests: number;
  /** Failed delivery attempts, per event. */
  failedAttempts: number;
  /** Events put back for another attempt. */
  retries: number;
  deadLettered: number;
  /** Events given up without a dead-letter destination (Event Grid drops them too). */
  dropped: number;
  deadLetterWriteFailures: number;
  /** Publish requests refused with 503 because this subscription's backlog was full. */
  backpressured: number;
  /** The most events the subscription held at once. */
  peakBacklog: number;
  /** `pending`, `succeeded` or `failed`. */
  handshake: string;
}

/** What the deliverer reports to the emulator. */
export interface DeliveryHooks {
  readonly log: (level: 'info' | 'warn', message: string) => void;
  readonly deadLetter: (target: DeadLetterTarget, event: PublishedEvent, record: DeadLetterRecord) => Promise<string>;
  readonly changed: () => void;
}

/** An event waiting for (another) delivery attempt. */
export interface Item {
  readonly event: PublishedEvent;
  attempts: number;
  due: number;
  lastAttemptAt?: number;
}

/** The outcome of one request to the endpoint. */
export interface AttemptResult {
  readonly status?: number;
  readonly outcome: string;
  readonly detail?: string;
}

/** Counters with nothing counted yet. */
export function zeroCounters(handshake: string): SubscriptionCounters {
  const zero = { matched: 0, delivered: 0, requests: 0, failedAttempts: 0, retries: 0, deadLettered: 0, dropped: 0, deadLetterWriteFailures: 0 };
  return { ...zero, backpressured: 0, peakBacklog: 0, handshake };
}
