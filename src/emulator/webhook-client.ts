// The HTTP side of delivery to one webhook: a pool of keep-alive connections (undici, Node's own fetch engine:
// much less work per request than node's http.request, which was most of the emulator's time when it delivered one
// event per request), the requests (deliveries and the CloudEvents validation handshake) and their outcomes, the
// body of a batch, and URLs as messages show them.
import { IncomingHttpHeaders } from 'http';
import { Dispatcher, Pool } from 'undici';
import { AttemptResult, Item } from './delivery-types';
import { OUTCOMES } from './retry';

export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

/** What one request to the endpoint came to; `allowedOrigin` is the handshake's WebHook-Allowed-Origin. */
export type RequestResult = AttemptResult & { readonly allowedOrigin?: string };

/** How often requests under way are checked against their deadline: a tenth of the timeout, within 5 ms and 1 s. */
function sweepPeriodMs(timeoutMs: number): number {
  return Math.min(1000, Math.max(5, Math.floor(timeoutMs / 10)));
}

/** Sends requests to one webhook endpoint. */
export class WebhookClient {
  private readonly pool: Pool;
  /** The request target (path and query) and the Authorization of a URL with credentials, taken from the URL once. */
  private readonly path: string;
  private readonly authorization?: string;
  /** Requests under way (at most the deliverer's concurrency), checked against their deadline by one timer. */
  private readonly live = new Set<ResponseHandler>();
  private sweeper?: NodeJS.Timeout;

  /**
   * @param concurrency the connections kept open to the endpoint (one request at a time on each: no pipelining, which
   *   not every webhook server takes)
   * @param timeoutMs how long a request may take, from sending it to the end of its answer: later, it fails as
   *   TimedOut (checked every tenth of it, so it ends between timeoutMs and 1.1 × timeoutMs, at most 1 s late)
   */
  constructor(url: URL, concurrency: number, private readonly timeoutMs: number) {
    this.pool = new Pool(url.origin, {
      connections: concurrency,
      pipelining: 1,
      // The deadline is the client's own (one timer for every request, `sweep`); undici's timers would fire up to a
      // second late (they tick every half second).
      headersTimeout: 0,
      bodyTimeout: 0,
      connectTimeout: timeoutMs,
    });
    this.path = `${url.pathname}${url.search}`;
    if (url.username || url.password) {
      // What node's http.request sent for `auth`: Basic credentials from the URL's user information.
      this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    }
  }

  /** Closes the connections (requests under way end as failed). */
  public destroy(): void {
    this.stopSweeper();
    this.pool.destroy().catch(() => undefined);
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
  public request(method: 'POST' | 'OPTIONS', body: Buffer | undefined, headers: { [name: string]: string }): Promise<RequestResult> {
    return new Promise((resolve) => this.send(method, body, headers, resolve));
  }

  /**
   * Sends one request and calls `done` once with its result, always after `send` has returned (the delivery path's
   * form: no promise and no timer per request).
   */
  public send(method: 'POST' | 'OPTIONS', body: Buffer | undefined, headers: { [name: string]: string }, done: (result: RequestResult) => void): void {
    if (this.authorization) {
      headers.authorization = this.authorization;
    }
    const handler = new ResponseHandler(Date.now() + this.timeoutMs, this.timeoutMs, (result) => {
      this.live.delete(handler);
      if (this.live.size === 0) {
        this.stopSweeper();
      }
      done(result);
    });
    this.live.add(handler);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), sweepPeriodMs(this.timeoutMs));
      this.sweeper.unref();
    }
    this.pool.dispatch({ path: this.path, method, headers, body: body ?? null }, handler);
    handler.dispatched = true;
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
 */
class ResponseHandler implements Dispatcher.DispatchHandler {
  /** Set once `dispatch` has returned. */
  public dispatched = false;
  private controller?: Dispatcher.DispatchController;
  private status?: number;
  private allowedOrigin?: string;
  private reported = false;

  constructor(public readonly deadline: number, private readonly timeoutMs: number, private readonly done: (result: RequestResult) => void) {}

  public onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  public onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode >= 200) {
      this.status = statusCode;
      const allowed = headers['webhook-allowed-origin'];
      this.allowedOrigin = Array.isArray(allowed) ? allowed.join(',') : allowed;
    }
  }

  public onResponseData(): void {
    // the body of an answer is not read
  }

  public onResponseEnd(): void {
    this.report({ status: this.status, outcome: OUTCOMES[this.status ?? 0] ?? 'GenericError', allowedOrigin: this.allowedOrigin });
  }

  public onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.report({ outcome: (error as { code?: string }).code === 'UND_ERR_CONNECT_TIMEOUT' ? 'TimedOut' : 'GenericError', detail: error.message });
  }

  /** The deadline passed: the attempt fails as TimedOut, and the request is abandoned (its connection closed). */
  public timeOut(): void {
    this.report({ outcome: 'TimedOut', detail: `no response within ${this.timeoutMs} ms` });
    this.controller?.abort(new Error(`no response within ${this.timeoutMs} ms`));
  }

  private report(result: RequestResult): void {
    if (!this.reported) {
      this.reported = true;
      if (this.dispatched) {
        this.done(result);
      } else {
        process.nextTick(this.done, result);
      }
    }
  }
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
