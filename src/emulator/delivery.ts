// Delivery to one webhook event subscription, as Event Grid documents it
// (learn.microsoft.com/azure/event-grid/delivery-and-retry, …/end-point-validation-cloud-events-schema):
// - CloudEvents 1.0: one event per request in structured mode (`application/cloudevents+json`), or, when the
//   subscription sets maxEventsPerBatch, batches (`application/cloudevents-batch+json`) of at most that many events
//   and about preferredBatchSizeInKilobytes (default 64; a larger single event still goes alone). Events are not
//   held back to fill a batch.
// - Before the first delivery, the CloudEvents webhook validation handshake: `OPTIONS` with
//   `WebHook-Request-Origin: eventgrid.azure.net`, expecting `WebHook-Allowed-Origin` (that origin or `*`) back.
// - 200-204 acknowledge; anything else (or no answer within the timeout, 30 s) fails the attempt. 400, 401, 403 and
//   413 are not retried (dead-lettered at once, or dropped without a dead-letter destination). Others are retried on
//   the schedule 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, then every 12 h (at least 2 min after a
//   408 and 30 s after a 503), within maxDeliveryAttempts and the event time-to-live; then dead-lettered
//   (MaxDeliveryAttemptsExceeded / TimeToLiveExceeded), five minutes after the last attempt.
// Every duration is scaled by the emulator's timing options so that tests run in milliseconds.
import { DeadLetterRecord } from './dead-letter';
import { AttemptResult, DeliveryHooks, DeliveryTiming, Item, PublishedEvent, SubscriptionCounters, WebhookConfig, zeroCounters } from './delivery-types';
import { lookupKey } from './filter';
import { DueHeap, NO_RETRY, OUTCOMES, UNDELIVERABLE } from './retry';
import { batchBody, EVENT_GRID_ORIGIN, redact, RequestHeaders, WebhookClient } from './webhook-client';

/** Delivers the events of one webhook subscription. */
export class WebhookDeliverer {
  public readonly counters: SubscriptionCounters = zeroCounters('pending');
  private queue: Item[] = [];
  private head = 0;
  private readonly retryHeap = new DueHeap();
  private retryTimer?: NodeJS.Timeout;
  private retryTimerAt = Infinity;
  private inFlight = 0;
  /** Events of the requests under way. */
  private inFlightEvents = 0;
  /** Serialized bytes of every event held (queued, waiting for a retry or a dead-letter write, under way). */
  private heldBytes = 0;
  private pendingDeadLetters = 0;
  private readonly deadLetterTimers = new Set<NodeJS.Timeout>();
  private pumpScheduled = false;
  private handshake?: Promise<void>;
  private stopped = false;
  /** The webhook's connections (none for a transport). */
  private readonly client?: WebhookClient;
  private readonly subscriptionHeader: string;
  private readonly ttlMs: number;
  private readonly warned = new Set<string>();
  /** The headers of every first delivery attempt (without delivery attribute mappings), built once. */
  private firstAttemptHeaders?: readonly string[];

  constructor(private readonly config: WebhookConfig, private readonly timing: DeliveryTiming, private readonly hooks: DeliveryHooks) {
    if (!config.transport) {
      this.client = new WebhookClient(config.url, config.concurrency, timing.deliveryTimeoutMs);
    }
    this.subscriptionHeader = config.name.toUpperCase();
    this.ttlMs = config.eventTimeToLiveMinutes * timing.minuteMs;
    if (!config.validate) {
      this.counters.handshake = 'skipped';
    }
  }

  /** Events waiting for delivery, retry or dead-lettering, or under way. */
  public get pending(): number {
    return (this.queue.length - this.head) + this.retryHeap.size + this.inFlightEvents + this.pendingDeadLetters;
  }

  /** Serialized bytes of the events `pending` counts. */
  public get pendingBytes(): number {
    return this.heldBytes;
  }

  /** The subscription's construct path and name. */
  public get path(): string {
    return this.config.path;
  }

  public get name(): string {
    return this.config.name;
  }

  /**
   * Whether taking `events` more events of `bytes` bytes would go past the backlog bound. A subscription that holds
   * nothing takes any request (so that a request larger than the bound still gets through once it has drained).
   */
  public wouldOverflow(events: number, bytes: number): boolean {
    const held = this.pending;
    return held > 0 && (held + events > this.config.maxBacklogEvents || this.heldBytes + bytes > this.config.maxBacklogBytes);
  }

  public get idle(): boolean {
    return this.pending === 0 && !this.pumpScheduled;
  }

  /** Queues an event that passed the subscription's filter. */
  public enqueue(event: PublishedEvent): void {
    this.counters.matched++;
    this.heldBytes += event.bytes;
    this.queue.push({ event, attempts: 0, due: 0 });
    const held = this.pending;
    if (held > this.counters.peakBacklog) {
      this.counters.peakBacklog = held;
    }
    this.schedulePump();
  }

  /** Stops delivering: timers cleared, connections closed. Events still queued stay counted as pending. */
  public stop(): void {
    this.stopped = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
    }
    for (const t of this.deadLetterTimers) {
      clearTimeout(t);
    }
    this.deadLetterTimers.clear();
    this.client?.destroy();
    this.config.transport?.destroy();
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.hooks.log('warn', message);
    }
  }

  private schedulePump(): void {
    if (!this.pumpScheduled && !this.stopped) {
      // Events of one publish request are queued before the first batch is cut.
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.config.concurrency && this.head < this.queue.length) {
      const batch = this.takeBatch();
      if (batch.length === 0) {
        break;
      }
      this.inFlight++;
      this.inFlightEvents += batch.length;
      this.attempt(batch);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.hooks.changed();
  }

  /** The end of an attempt (always asynchronous to `attempt`): its outcome settled, the next batches sent. */
  private completed(batch: Item[], result: AttemptResult): void {
    this.settle(batch, result);
    this.inFlight--;
    this.inFlightEvents -= batch.length;
    this.pump();
  }

  /** The next batch: expired events are dead-lettered on the way. */
  private takeBatch(): Item[] {
    const now = Date.now();
    const max = this.config.maxEventsPerBatch ?? 1;
    const batch: Item[] = [];
    let bytes = 2;
    while (this.head < this.queue.length && batch.length < max) {
      const item = this.queue[this.head];
      if (now >= item.event.publishedAt + this.ttlMs) {
        this.head++;
        this.giveUp(item, 'TimeToLiveExceeded', { outcome: item.attempts > 0 ? 'TimedOut' : 'NotDelivered' });
        continue;
      }
      if (batch.length > 0 && bytes + item.event.bytes + 1 > this.config.preferredBatchSizeBytes) {
        break;
      }
      bytes += item.event.bytes + 1;
      batch.push(item);
      this.head++;
    }
    return batch;
  }

  /**
   * Sends one batch; `completed` follows once, from a later turn of the event loop. The delivery path has no promise
   * per request: with one event per request, per-request work is most of what delivery costs.
   */
  private attempt(batch: Item[]): void {
    const now = Date.now();
    for (const item of batch) {
      item.attempts++;
      item.lastAttemptAt = now;
    }
    const transport = this.config.transport;
    if (transport) {
      this.counters.requests++;
      transport.send(batch).then(
        (result) => this.completed(batch, result),
        (e: Error) => this.completed(batch, { outcome: 'GenericError', detail: e?.message ?? String(e) }));
      return;
    }
    if (this.config.validate && this.counters.handshake !== 'succeeded') {
      this.ensureHandshake().then(
        () => this.post(batch),
        (e: Error) => this.completed(batch, { outcome: 'WebhookValidationFailed', detail: e.message }));
      return;
    }
    this.post(batch);
  }

  /** The delivery request of a batch: the events (one, or a JSON array) and Event Grid's headers. */
  private post(batch: Item[]): void {
    const structured = this.config.maxEventsPerBatch === undefined;
    const body = structured ? batch[0].event.body : batchBody(batch);
    const attempt = batch[0].attempts;
    let headers: RequestHeaders;
    if (this.config.headers.length > 0) {
      headers = this.mapHeaders(batch, this.deliveryHeaders(structured, attempt));
    } else if (attempt === 1) {
      // The first attempt's headers are the same for every request: built once.
      headers = this.firstAttemptHeaders ??= this.deliveryHeaders(structured, 1);
    } else {
      headers = this.deliveryHeaders(structured, attempt);
    }
    this.counters.requests++;
    this.client!.send('POST', body, headers, (result) => this.completed(batch, result));
  }

  /** Event Grid's headers of a delivery request, in undici's flat form (name, value, …). */
  private deliveryHeaders(structured: boolean, attempt: number): string[] {
    return [
      'content-type', structured ? 'application/cloudevents+json; charset=utf-8' : 'application/cloudevents-batch+json; charset=utf-8',
      'aeg-event-type', 'Notification',
      'aeg-subscription-name', this.subscriptionHeader,
      'aeg-delivery-count', String(attempt - 1),
      'aeg-metadata-version', '1',
      'webhook-request-origin', EVENT_GRID_ORIGIN,
    ];
  }

  /**
   * Event Grid's headers with the delivery attribute mappings set over them (a mapping of the same name replaces
   * one): fixed values, and fields of the (first) event, parsed again for them.
   */
  private mapHeaders(batch: Item[], flat: readonly string[]): { [name: string]: string } {
    const headers: { [name: string]: string } = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
      headers[flat[i]] = flat[i + 1];
    }
    let parsed: { [key: string]: unknown } | undefined;
    for (const h of this.config.headers) {
      if (h.sourceField && parsed === undefined) {
        parsed = JSON.parse(batch[0].event.body.toString('utf8')) as { [key: string]: unknown };
      }
      const value = h.value ?? (h.sourceField ? lookupKey(parsed!, h.sourceField) : undefined);
      if (value !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        headers[h.name.toLowerCase()] = String(value);
      }
    }
    return headers;
  }

  /** Counts a delivered batch, or hands a failed one to the retry policy. */
  private settle(batch: Item[], result: AttemptResult): void {
    if (result.status !== undefined && result.status >= 200 && result.status <= 204) {
      this.counters.delivered += batch.length;
      for (const item of batch) {
        this.heldBytes -= item.event.bytes;
      }
      return;
    }
    this.failed(batch, result);
  }

  private failed(batch: Item[], result: AttemptResult): void {
    if (this.stopped) {
      // Stopped while the request was under way: nothing is rescheduled (the events stay counted as not delivered).
      return;
    }
    const now = Date.now();
    this.counters.failedAttempts += batch.length;
    this.warnOnce(`fail:${result.status ?? result.outcome}`,
      `subscription ${this.config.name}: delivery to ${this.config.transport?.description ?? redact(this.config.url)} failed (${result.status ?? result.outcome}${result.detail ? `: ${result.detail}` : ''}); retrying per the retry policy`);
    for (const item of batch) {
      if (result.status !== undefined && NO_RETRY.has(result.status)) {
        this.giveUp(item, UNDELIVERABLE[result.status], result);
        continue;
      }
      if (item.attempts >= this.config.maxDeliveryAttempts) {
        this.giveUp(item, 'MaxDeliveryAttemptsExceeded', result);
        continue;
      }
      const schedule = this.timing.retryScheduleMs;
      const delay = Math.max(schedule[Math.min(item.attempts - 1, schedule.length - 1)],
        result.status !== undefined ? this.timing.minRetryDelayMs[result.status] ?? 0 : 0);
      item.due = now + delay;
      if (item.due >= item.event.publishedAt + this.ttlMs) {
        this.giveUp(item, 'TimeToLiveExceeded', result);
        continue;
      }
      (item as { lastResult?: AttemptResult }).lastResult = result;
      this.retryHeap.push(item);
    }
    this.armRetryTimer();
  }

  private armRetryTimer(): void {
    const next = this.retryHeap.peek();
    if (this.stopped || !next || next.due >= this.retryTimerAt) {
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
    }
    this.retryTimerAt = next.due;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryTimerAt = Infinity;
      const now = Date.now();
      let moved = 0;
      while (this.retryHeap.size > 0 && this.retryHeap.peek()!.due <= now) {
        this.queue.push(this.retryHeap.pop()!);
        moved++;
      }
      this.counters.retries += moved;
      this.armRetryTimer();
      this.pump();
    }, Math.max(0, next.due - Date.now()));
  }

  /** Dead-letters an event (after the dead-letter delay), or drops it when there is no dead-letter destination. */
  private giveUp(item: Item, reason: string, result: AttemptResult): void {
    const target = this.config.deadLetter;
    if (!target) {
      this.counters.dropped++;
      this.heldBytes -= item.event.bytes;
      this.warnOnce(`drop:${reason}`, `subscription ${this.config.name}: event ${item.event.id} dropped (${reason}); the subscription has no dead-letter destination, so Event Grid drops such events too`);
      return;
    }
    const record: DeadLetterRecord = {
      reason,
      deliveryAttempts: item.attempts,
      lastDeliveryOutcome: result.status !== undefined ? OUTCOMES[result.status] ?? 'GenericError' : result.outcome,
      lastHttpStatusCode: result.status,
      publishTime: item.event.publishedAt,
      lastDeliveryAttemptTime: item.lastAttemptAt,
    };
    this.pendingDeadLetters++;
    const timer = setTimeout(() => {
      this.deadLetterTimers.delete(timer);
      this.hooks.deadLetter(target, item.event, record).then(
        () => {
          this.counters.deadLettered++;
        },
        (e: Error) => {
          this.counters.deadLetterWriteFailures++;
          this.hooks.log('warn', `subscription ${this.config.name}: could not write the dead letter of event ${item.event.id}: ${e.message}`);
        },
      ).finally(() => {
        this.pendingDeadLetters--;
        this.heldBytes -= item.event.bytes;
        this.hooks.changed();
      });
    }, this.timing.deadLetterDelayMs);
    this.deadLetterTimers.add(timer);
  }

  private ensureHandshake(): Promise<void> {
    if (this.counters.handshake === 'succeeded') {
      return Promise.resolve();
    }
    if (!this.handshake) {
      this.handshake = this.client!.handshake().then(
        () => {
          this.counters.handshake = 'succeeded';
          this.hooks.log('info', `subscription ${this.config.name}: webhook validation handshake with ${redact(this.config.url)} succeeded`);
        },
        (e: Error) => {
          this.handshake = undefined;
          this.counters.handshake = 'failed';
          this.warnOnce('handshake', `subscription ${this.config.name}: webhook validation handshake with ${redact(this.config.url)} failed: ${e.message} (Azure refuses to create such a subscription); deliveries count as failed attempts`);
          throw e;
        },
      );
    }
    return this.handshake;
  }
}
