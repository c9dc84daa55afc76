// The HTTP side of delivery to one webhook: a keep-alive agent, the requests (deliveries and the CloudEvents
// validation handshake) and their outcomes, the body of a batch, and URLs as messages show them.
import * as http from 'http';
import * as https from 'https';
import { AttemptResult, Item } from './delivery-types';
import { OUTCOMES } from './retry';

export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

/** Sends requests to one webhook endpoint. */
export class WebhookClient {
  private readonly agent: http.Agent;
  /** Where requests go, taken from the URL once (http.request would convert the URL at every request). */
  private readonly target: http.RequestOptions;

  constructor(private readonly url: URL, concurrency: number, private readonly timeoutMs: number) {
    const Agent = url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    this.target = {
      protocol: url.protocol,
      // (a URL keeps an IPv6 address in brackets; http.request takes it without)
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      path: `${url.pathname}${url.search}`,
      ...(url.username || url.password ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    };
  }

  /** Closes the connections. */
  public destroy(): void {
    this.agent.destroy();
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

  public request(
    method: string, body: Buffer | undefined, headers: { [name: string]: string },
  ): Promise<AttemptResult & { allowedOrigin?: string }> {
    const mod = this.url.protocol === 'https:' ? https : http;
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
        timeout: this.timeoutMs,
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
        req.destroy(new Error(`no response within ${this.timeoutMs} ms`));
        finish({ outcome: 'TimedOut', detail: `no response within ${this.timeoutMs} ms` });
      });
      req.on('error', (e) => finish({ outcome: 'GenericError', detail: e.message }));
      req.end(body);
    });
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

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/** A URL for messages: scheme, host and path, never its query (which may hold a key). */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}
