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
import * as http from 'http';
import * as https from 'https';
import { DeadLetterRecord, DeadLetterTarget } from './dead-letter';
import { lookupKey } from './filter';

/** An accepted event, serialized once. */
export interface PublishedEvent {
  readonly id: string;
  /** The event as published, serialized (UTF-8): its own bytes in the publish request. */
  readonly body: Buffer;
  /** `body.length`. */
  readonly bytes: number;
  readonly event: { readonly [key: string]: unknown };
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

/** What one webhook subscription needs to deliver. */
export interface WebhookConfig {
  /** The construct path (stats key). */
  readonly path: string;
  readonly name: string;
  readonly topicName: string;
  /** The URL requests go to (the model's, or a local override). */
  readonly url: URL;
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
  /** `pending`, `succeeded` or `failed`. */
  handshake: string;
}

/** What the deliverer reports to the emulator. */
export interface DeliveryHooks {
  readonly log: (level: 'info' | 'warn', message: string) => void;
  readonly deadLetter: (target: DeadLetterTarget, event: { [key: string]: unknown }, record: DeadLetterRecord) => Promise<string>;
  readonly changed: () => void;
}

interface Item {
  readonly event: PublishedEvent;
  attempts: number;
  due: number;
  lastAttemptAt?: number;
}

interface AttemptResult {
  readonly status?: number;
  readonly outcome: string;
  readonly detail?: string;
}

/** Codes a webhook delivery is not retried after. */
const NO_RETRY = new Set([400, 401, 403, 413]);
const OUTCOMES: { readonly [status: number]: string } = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'TimedOut',
  413: 'RequestEntityTooLarge',
  429: 'Busy',
  503: 'Busy',
};
const UNDELIVERABLE: { readonly [status: number]: string } = {
  400: 'UndeliverableDueToHttpBadRequest',
  401: 'UndeliverableDueToHttpUnauthorized',
  403: 'UndeliverableDueToHttpForbidden',
  413: 'UndeliverableDueToHttpRequestEntityTooLarge',
};
export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

/** A binary min-heap by `due`. */
class DueHeap {
  private readonly items: Item[] = [];
  public get size(): number {
    return this.items.length;
  }
  public peek(): Item | undefined {
    return this.items[0];
  }
  public push(item: Item): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = Math.floor((i - 1) / 2);
      if (a[p].due <= a[i].due) {
        break;
      }
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  public pop(): Item | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].due < a[m].due) {
          m = l;
        }
        if (r < a.length && a[r].due < a[m].due) {
          m = r;
        }
        if (m === i) {
          break;
        }
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Delivers the events of one webhook subscription. */
/** Counters with nothing counted yet. */
export function zeroCounters(handshake: string): SubscriptionCounters {
  return { matched: 0, delivered: 0, requests: 0, failedAttempts: 0, retries: 0, deadLettered: 0, dropped: 0, deadLetterWriteFailures: 0, handshake };
}

export class WebhookDeliverer {
  public readonly counters: SubscriptionCounters = zeroCounters('pending');
  private queue: Item[] = [];
  private head = 0;
  private readonly retryHeap = new DueHeap();
  private retryTimer?: NodeJS.Timeout;
  private retryTimerAt = Infinity;
  private inFlight = 0;
  private pendingDeadLetters = 0;
  private readonly deadLetterTimers = new Set<NodeJS.Timeout>();
  private pumpScheduled = false;
  private handshake?: Promise<void>;
  private stopped = false;
  private readonly agent: http.Agent;
  /** Where requests go, taken from the URL once (http.request would convert the URL at every request). */
  private readonly target: http.RequestOptions;
  private readonly subscriptionHeader: string;
  private readonly ttlMs: number;
  private readonly warned = new Set<string>();

  constructor(private readonly config: WebhookConfig, private readonly timing: DeliveryTiming, private readonly hooks: DeliveryHooks) {
    const Agent = config.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
    const url = config.url;
    this.target = {
      protocol: url.protocol,
      // (a URL keeps an IPv6 address in brackets; http.request takes it without)
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      path: `${url.pathname}${url.search}`,
      ...(url.username || url.password ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    };
    this.subscriptionHeader = config.name.toUpperCase();
    this.ttlMs = config.eventTimeToLiveMinutes * timing.minuteMs;
    if (!config.validate) {
      this.counters.handshake = 'skipped';
    }
  }

  /** Events waiting for delivery, retry or dead-lettering, and requests under way. */
  public get pending(): number {
    return (this.queue.length - this.head) + this.retryHeap.size + this.inFlight + this.pendingDeadLetters;
  }

  public get idle(): boolean {
    return this.pending === 0 && !this.pumpScheduled;
  }

  /** Queues an event that passed the subscription's filter. */
  public enqueue(event: PublishedEvent): void {
    this.counters.matched++;
    this.queue.push({ event, attempts: 0, due: 0 });
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
    this.agent.destroy();
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
      void this.attempt(batch).finally(() => {
        this.inFlight--;
        this.pump();
        this.hooks.changed();
      });
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.hooks.changed();
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

  private async attempt(batch: Item[]): Promise<void> {
    const now = Date.now();
    for (const item of batch) {
      item.attempts++;
      item.lastAttemptAt = now;
    }
    if (this.config.validate) {
      try {
        await this.ensureHandshake();
      } catch (e) {
        this.failed(batch, { outcome: 'WebhookValidationFailed', detail: (e as Error).message });
        return;
      }
    }
    const structured = this.config.maxEventsPerBatch === undefined;
    const body = structured ? batch[0].event.body : batchBody(batch);
    const headers: { [name: string]: string } = {
      'content-type': structured ? 'application/cloudevents+json; charset=utf-8' : 'application/cloudevents-batch+json; charset=utf-8',
      'aeg-event-type': 'Notification',
      'aeg-subscription-name': this.subscriptionHeader,
      'aeg-delivery-count': String(batch[0].attempts - 1),
      'aeg-metadata-version': '1',
      'webhook-request-origin': EVENT_GRID_ORIGIN,
    };
    for (const h of this.config.headers) {
      const value = h.value ?? (h.sourceField ? lookupKey(batch[0].event.event, h.sourceField) : undefined);
      if (value !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        headers[h.name.toLowerCase()] = String(value);
      }
    }
    this.counters.requests++;
    const result = await this.request('POST', body, headers);
    if (result.status !== undefined && result.status >= 200 && result.status <= 204) {
      this.counters.delivered += batch.length;
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
      `subscription ${this.config.name}: delivery to ${redact(this.config.url)} failed (${result.status ?? result.outcome}${result.detail ? `: ${result.detail}` : ''}); retrying per the retry policy`);
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
      this.hooks.deadLetter(target, { ...item.event.event }, record).then(
        () => {
          this.counters.deadLettered++;
        },
        (e: Error) => {
          this.counters.deadLetterWriteFailures++;
          this.hooks.log('warn', `subscription ${this.config.name}: could not write the dead letter of event ${item.event.id}: ${e.message}`);
        },
      ).finally(() => {
        this.pendingDeadLetters--;
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
      this.handshake = this.runHandshake().then(
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

  private async runHandshake(): Promise<void> {
    const result = await this.request('OPTIONS', undefined, { 'webhook-request-origin': EVENT_GRID_ORIGIN });
    if (result.status === undefined) {
      throw new Error(`${result.outcome}${result.detail ? `: ${result.detail}` : ''}`);
    }
    if (result.status < 200 || result.status > 204) {
      throw new Error(`OPTIONS answered ${result.status}`);
    }
    const allowed = (result.allowedOrigin ?? '').split(',').map((s) => s.trim().toLowerCase());
    if (!allowed.includes(EVENT_GRID_ORIGIN) && !allowed.includes('*')) {
      throw new Error(`OPTIONS answered without WebHook-Allowed-Origin: ${EVENT_GRID_ORIGIN} (got ${JSON.stringify(result.allowedOrigin ?? null)})`);
    }
  }

  private request(
    method: string, body: Buffer | undefined, headers: { [name: string]: string },
  ): Promise<AttemptResult & { allowedOrigin?: string }> {
    const mod = this.config.url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: AttemptResult & { allowedOrigin?: string }) => {
        if (!done) {
          done = true;
          resolve(r);
        }
      };
      const req = mod.request({
        ...this.target,
        method,
        agent: this.agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(body.length) },
        timeout: this.timing.deliveryTimeoutMs,
      }, (res) => {
        res.resume();
        res.on('end', () => finish({
          status: res.statusCode,
          outcome: OUTCOMES[res.statusCode ?? 0] ?? 'GenericError',
          allowedOrigin: headerValue(res.headers['webhook-allowed-origin']),
        }));
        res.on('error', (e) => finish({ outcome: 'GenericError', detail: e.message }));
      });
      req.on('timeout', () => {
        req.destroy(new Error(`no response within ${this.timing.deliveryTimeoutMs} ms`));
        finish({ outcome: 'TimedOut', detail: `no response within ${this.timing.deliveryTimeoutMs} ms` });
      });
      req.on('error', (e) => finish({ outcome: 'GenericError', detail: e.message }));
      req.end(body);
    });
  }
}

/** A JSON array of the batch's events, in one buffer. */
function batchBody(batch: readonly Item[]): Buffer {
  let size = 1 + batch.length;
  for (const item of batch) {
    size += item.event.bytes;
  }
  const body = Buffer.allocUnsafe(size);
  body[0] = 0x5b; // [
  let at = 1;
  for (let i = 0; i < batch.length; i++) {
    if (i > 0) {
      body[at++] = 0x2c; // ,
    }
    at += batch[i].event.body.copy(body, at);
  }
  body[at] = 0x5d; // ]
  return body;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/** A URL for messages: scheme, host and path, never its query (which may hold a key). */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}
