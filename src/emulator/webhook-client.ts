// The HTTP side of delivery to one webhook: keep-alive connections (undici, Node's own fetch engine:
// much less work per request than node's http.request, which was most of the emulator's time when it delivered one
// event per request), the requests (deliveries and the CloudEvents validation handshake) and their outcomes, the
// body of a batch, and URLs as messages show them.
import { Client, Dispatcher } from 'undici';
import { AttemptResult, Item } from './delivery-types';
import { OUTCOMES } from './retry';

export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

/** What one request to the endpoint came to; `allowedOrigin` is the handshake's WebHook-Allowed-Origin. */
export type RequestResult = AttemptResult & { readonly allowedOrigin?: string };

/** How often requests under way are checked against their deadline: a tenth of the timeout, within 5 ms and 1 s. */
function sweepPeriodMs(timeoutMs: number): number {
  return Math.min(1000, Math.max(5, Math.floor(timeoutMs / 10)));
}

/**
 * A request's headers: an object, or undici's flat form (name, value, name, value, …), which undici reads without
 * listing an object's keys, and which a caller can build once and send with many requests (it is never changed).
 */
export type RequestHeaders = { readonly [name: string]: string } | readonly string[];

/** The result of a request sent to, or waiting in, a client that was destroyed. */
const CLOSED: RequestResult = { outcome: 'GenericError', detail: 'the webhook client was closed' };

/** A request waiting for a free connection (only when more are sent at once than there are connections). */
interface Waiting {
  readonly method: 'POST' | 'OPTIONS';
  readonly body: Buffer | undefined;
  readonly headers: RequestHeaders;
  readonly done: (result: RequestResult) => void;
}

/**
 * Sends requests to one webhook endpoint, over at most `concurrency` keep-alive connections with one request at a
 * time on each. Each connection is an undici `Client` that this class hands requests to itself, taking an idle one:
 * undici's `Pool` does the same with a 'drain' event and a queue per request, which cost about a tenth of a
 * delivery request.
 */
export class WebhookClient {
  /** The request target (path and query) and the Authorization of a URL with credentials, taken from the URL once. */
  private readonly path: string;
  private readonly authorization?: string;
  private readonly origin: string;
  /** Every connection opened so far (at most `concurrency`), and those without a request under way. */
  private readonly connections: Client[] = [];
  private readonly idle: Client[] = [];
  /** Requests sent while every connection was busy, in order. */
  private waiting: Waiting[] = [];
  /** Requests under way (at most `concurrency`), checked against their deadline by one timer. */
  private readonly live = new Set<ResponseHandler>();
  private sweeper?: NodeJS.Timeout;
  private destroyed = false;

  /**
   * @param concurrency the connections kept open to the endpoint (one request at a time on each: no pipelining, which
   *   not every webhook server takes, and which HTTP/1.1 advises against for POST)
   * @param timeoutMs how long a request may take, from sending it to the end of its answer: later, it fails as
   *   TimedOut (checked every tenth of it, so it ends between timeoutMs and 1.1 × timeoutMs, at most 1 s late)
   */
  constructor(url: URL, private readonly concurrency: number, public readonly timeoutMs: number) {
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    if (url.username || url.password) {
      // What node's http.request sent for `auth`: Basic credentials from the URL's user information.
      this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    }
  }

  /** The connections opened so far (each is opened when a request first needs it). */
  public get connectionCount(): number {
    return this.connections.length;
  }

  /** Closes the connections: requests under way and waiting end as failed. */
  public destroy(): void {
    this.destroyed = true;
    this.stopSweeper();
    for (const client of this.connections) {
      client.destroy().catch(() => undefined);
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      process.nextTick(w.done, CLOSED);
    }
  }

  /** The CloudEvents webhook validation handshake; throws why it failed. */
  public async handshake(): Promise<void> {
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

  /** Sends one request; the promise always resolves, with the status or why there is none. */
  public request(method: 'POST' | 'OPTIONS', body: Buffer | undefined, headers: RequestHeaders): Promise<RequestResult> {
    return new Promise((resolve) => this.send(method, body, headers, resolve));
  }

  /**
   * Sends one request and calls `done` once with its result, always after `send` has returned (the delivery path's
   * form: no promise and no timer per request). With every connection busy, the request waits for the first to free.
   */
  public send(method: 'POST' | 'OPTIONS', body: Buffer | undefined, headers: RequestHeaders, done: (result: RequestResult) => void): void {
    if (this.destroyed) {
      process.nextTick(done, CLOSED);
      return;
    }
    let client = this.idle.pop();
    if (!client) {
      if (this.connections.length >= this.concurrency) {
        this.waiting.push({ method, body, headers, done });
        return;
      }
      client = new Client(this.origin, {
        pipelining: 1,
        // The deadline is this class's own (one timer for every request, `sweep`); undici's timers would fire up to a
        // second late (they tick every half second).
        headersTimeout: 0,
        bodyTimeout: 0,
        connectTimeout: this.timeoutMs,
      });
      this.connections.push(client);
    }
    this.dispatch(client, method, body, headers, done);
  }

  private dispatch(client: Client, method: 'POST' | 'OPTIONS', body: Buffer | undefined, headers: RequestHeaders, done: (result: RequestResult) => void): void {
    if (this.authorization) {
      headers = isFlat(headers) ? [...headers, 'authorization', this.authorization] : { ...headers, authorization: this.authorization };
    }
    const handler = new ResponseHandler(this, client, Date.now() + this.timeoutMs, method === 'OPTIONS', done);
    this.live.add(handler);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), sweepPeriodMs(this.timeoutMs));
      this.sweeper.unref();
    }
    client.dispatch({ path: this.path, method, headers: headers as string[] | { [name: string]: string }, body: body ?? null }, handler);
    handler.dispatched = true;
  }

  /** A request's end, called by its handler once: its connection freed, then its result passed on. */
  public ended(handler: ResponseHandler, result: RequestResult): void {
    this.live.delete(handler);
    this.release(handler.client);
    if (this.live.size === 0) {
      this.stopSweeper();
    }
    handler.done(result);
  }

  /** A connection whose request ended takes the next waiting request, or becomes idle. */
  private release(client: Client): void {
    if (this.destroyed) {
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      this.dispatch(client, next.method, next.body, next.headers, next.done);
    } else {
      this.idle.push(client);
    }
  }

  /** Fails the requests past their deadline. */
  private sweep(): void {
    const now = Date.now();
    for (const handler of this.live) {
      if (handler.deadline <= now) {
        handler.timeOut();
      }
    }
  }

  private stopSweeper(): void {
    if (this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

/**
 * Collects one response's status (its body is read and dropped) and reports it once, never from within `dispatch`
 * (undici reports a request it refuses, such as one with a header value it cannot send, before `dispatch` returns).
 *
 * It implements the handler interface that undici's core calls itself (`onConnect`, `onHeaders`, `onData`,
 * `onComplete`, `onError`; undici's own `request()` uses it too, though its types mark it deprecated in favour of the
 * newer one). A handler of the newer interface (`onRequestStart`, `onResponseStart`, …) is wrapped in an adapter for
 * every request, which parses the response's headers and trailers into objects: about a tenth of what a delivery
 * request cost. The raw headers are read only for the handshake's
 * WebHook-Allowed-Origin. undici is bundled at a pinned version, and test/emulator/emulator-webhook-client.test.ts
 * covers each callback.
 */
class ResponseHandler implements Dispatcher.DispatchHandler {
  /** Set once `dispatch` has returned. */
  public dispatched = false;
  private abort?: (reason?: Error) => void;
  private status?: number;
  private allowedOrigin?: string;
  private reported = false;

  constructor(
    private readonly owner: WebhookClient,
    public readonly client: Client,
    public readonly deadline: number,
    private readonly readsOrigin: boolean,
    public readonly done: (result: RequestResult) => void,
  ) {}

  private get timeoutMs(): number {
    return this.owner.timeoutMs;
  }

  public onConnect(abort: (reason?: Error) => void): void {
    this.abort = abort;
    if (this.reported) {
      // Timed out while waiting for its connection: it is not sent late.
      abort(new Error(`no response within ${this.timeoutMs} ms`));
    }
  }

  /** The status line and headers (called again for each informational 1xx answer, which is not the outcome). */
  public onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode >= 200) {
      this.status = statusCode;
      if (this.readsOrigin) {
        this.allowedOrigin = headerValues(rawHeaders, 'webhook-allowed-origin');
      }
    }
    return true;
  }

  public onData(): boolean {
    // the body of an answer is not read
    return true;
  }

  public onComplete(): void {
    this.report({ status: this.status, outcome: OUTCOMES[this.status ?? 0] ?? 'GenericError', allowedOrigin: this.allowedOrigin });
  }

  public onError(error: Error): void {
    this.report({ outcome: (error as { code?: string }).code === 'UND_ERR_CONNECT_TIMEOUT' ? 'TimedOut' : 'GenericError', detail: error.message });
  }

  /** The deadline passed: the attempt fails as TimedOut, and the request is abandoned (its connection closed). */
  public timeOut(): void {
    this.report({ outcome: 'TimedOut', detail: `no response within ${this.timeoutMs} ms` });
    this.abort?.(new Error(`no response within ${this.timeoutMs} ms`));
  }

  private report(result: RequestResult): void {
    if (!this.reported) {
      this.reported = true;
      if (this.dispatched) {
        this.owner.ended(this, result);
      } else {
        process.nextTick(() => this.owner.ended(this, result));
      }
    }
  }
}

function isFlat(headers: RequestHeaders): headers is readonly string[] {
  return Array.isArray(headers);
}

/** The values of a header in undici's raw form (name, value, name, value, …), joined by commas; undefined without it. */
export function headerValues(rawHeaders: ReadonlyArray<Buffer | string>, name: string): string | undefined {
  let joined: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toString('latin1').toLowerCase() === name) {
      const value = rawHeaders[i + 1].toString('latin1');
      joined = joined === undefined ? value : `${joined},${value}`;
    }
  }
  return joined;
}

/** A JSON array of the batch's events, in one buffer. */
export function batchBody(batch: readonly Item[]): Buffer {
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

/** A URL for messages: scheme, host and path, never its query (which may hold a key). */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}
