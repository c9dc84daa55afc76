// The emulator's HTTP client for webhook deliveries (src/emulator/webhook-client.ts, undici clients, one per connection) and what the
// deliverer makes of its outcomes: the delivery timeout (Event Grid: no answer within the timeout fails the attempt,
// learn.microsoft.com/azure/event-grid/delivery-and-retry), credentials in a webhook URL, a request the client
// cannot send, connections kept open and closed.
import * as http from 'http';
import { AddressInfo } from 'net';
import { DeadLetterRecord } from '../../src/emulator/dead-letter';
import { WebhookDeliverer } from '../../src/emulator/delivery';
import { DeliveryTiming, PublishedEvent, WebhookConfig } from '../../src/emulator/delivery-types';
import { headerValues, RequestResult, WebhookClient } from '../../src/emulator/webhook-client';

/** 200 with Event Grid's origin allowed (for the handshake too). */
function answerOk(_req: http.IncomingMessage, res: http.ServerResponse): boolean {
  res.writeHead(200, { 'webhook-allowed-origin': 'eventgrid.azure.net' });
  res.end();
  return true;
}

/** A local endpoint whose answers each test decides; it records what it got. */
class Endpoint {
  public static async start(): Promise<Endpoint> {
    const e = new Endpoint();
    await new Promise<void>((resolve) => e.server.listen(0, '127.0.0.1', resolve));
    return e;
  }

  public readonly requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  /** Sockets connected so far. */
  public connections = 0;
  /** Answers a request, or returns false to leave it unanswered (a webhook that hangs). */
  public answer: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = answerOk;
  private readonly server: http.Server;

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        this.answer(req, res);
      });
    });
    this.server.on('connection', () => this.connections++);
  }

  public url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let endpoint: Endpoint;
const clients: WebhookClient[] = [];

beforeEach(async () => {
  endpoint = await Endpoint.start();
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.destroy();
  }
  await endpoint.stop();
});

function client(url: string, concurrency = 2, timeoutMs = 5000): WebhookClient {
  const c = new WebhookClient(new URL(url), concurrency, timeoutMs);
  clients.push(c);
  return c;
}

/** Sends one request through the callback form; the result and how long it took. */
function sendOnce(c: WebhookClient, headers: { [name: string]: string } = {}, body = Buffer.from('{"id":"e1"}')): Promise<{ result: RequestResult; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => c.send('POST', body, { 'content-type': 'application/cloudevents+json; charset=utf-8', ...headers }, (result) => resolve({ result, ms: Date.now() - t0 })));
}

describe('the webhook client', () => {
  test('reports the status of an answer and sends the body and headers as given', async () => {
    endpoint.answer = (_req, res) => {
      res.writeHead(202, { 'content-type': 'text/plain' });
      res.end('accepted, and a body the client reads and drops');
      return true;
    };
    const { result } = await sendOnce(client(endpoint.url('/hook?code=a%3D%3D')), { 'aeg-delivery-count': '0' });
    expect(result).toEqual({ status: 202, outcome: 'GenericError', allowedOrigin: undefined });
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toMatchObject({ method: 'POST', url: '/hook?code=a%3D%3D', body: '{"id":"e1"}' });
    expect(endpoint.requests[0].headers).toMatchObject({ 'aeg-delivery-count': '0', 'content-length': '11', 'content-type': 'application/cloudevents+json; charset=utf-8' });
  });

  test('a request not answered within the timeout ends as TimedOut, near the timeout; one answered in time does not', async () => {
    endpoint.answer = () => false;
    const { result, ms } = await sendOnce(client(endpoint.url(), 2, 300));
    expect(result).toEqual({ outcome: 'TimedOut', detail: 'no response within 300 ms' });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2000);

    endpoint.answer = (_req, res) => {
      setTimeout(() => res.end(), 100);
      return true;
    };
    expect((await sendOnce(client(endpoint.url(), 2, 300))).result).toMatchObject({ status: 200 });
  });

  test('credentials in the webhook URL are sent as Basic authorization (decoded), as node\'s http.request sent them', async () => {
    await sendOnce(client(`http://ops%40contoso:s%3Acret@127.0.0.1:${new URL(endpoint.url()).port}/hook`));
    expect(endpoint.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('ops@contoso:s:cret').toString('base64')}`);
    // Without credentials, no authorization header.
    await sendOnce(client(endpoint.url()));
    expect(endpoint.requests[1].headers.authorization).toBeUndefined();
  });

  test('a request the client cannot send (a header value with a line break) fails the attempt, reported after send returns', async () => {
    const c = client(endpoint.url());
    let returned = false;
    const outcome = new Promise<RequestResult>((resolve) => {
      c.send('POST', Buffer.from('{}'), { 'x-ticket': 'a\r\nx-injected: 1' }, resolve);
      returned = true;
    });
    const result = await outcome;
    expect(returned).toBe(true);
    expect(result.outcome).toBe('GenericError');
    expect(result.status).toBeUndefined();
    expect(endpoint.requests).toHaveLength(0);
    // The nearest good request goes through.
    expect((await sendOnce(c, { 'x-ticket': 'a x-injected: 1' })).result).toMatchObject({ status: 200 });
  });

  test('a refused connection is a GenericError naming the cause', async () => {
    const url = endpoint.url();
    await endpoint.stop();
    const { result } = await sendOnce(client(url));
    expect(result.outcome).toBe('GenericError');
    expect(result.detail).toMatch(/ECONNREFUSED/);
    endpoint = await Endpoint.start();
  });

  test('keeps at most `concurrency` connections open and reuses them (keep-alive)', async () => {
    const c = client(endpoint.url(), 3);
    const results = await Promise.all(Array.from({ length: 30 }, () => sendOnce(c)));
    expect(results.every((r) => r.result.status === 200)).toBe(true);
    expect(endpoint.requests).toHaveLength(30);
    expect(endpoint.connections).toBeGreaterThanOrEqual(1);
    expect(endpoint.connections).toBeLessThanOrEqual(3);
  });

  test('the validation handshake: OPTIONS with Event Grid\'s origin, accepted only with WebHook-Allowed-Origin', async () => {
    const c = client(endpoint.url());
    await c.handshake();
    expect(endpoint.requests[0]).toMatchObject({ method: 'OPTIONS', headers: expect.objectContaining({ 'webhook-request-origin': 'eventgrid.azure.net' }) });
    endpoint.answer = (_req, res) => {
      res.end();
      return true;
    };
    await expect(c.handshake()).rejects.toThrow('OPTIONS answered without WebHook-Allowed-Origin: eventgrid.azure.net (got null)');
  });

  test('the handshake reads WebHook-Allowed-Origin given on several header lines, and not from an informational 1xx answer', async () => {
    const c = client(endpoint.url());
    // 103 Early Hints carrying the origin, then a final answer without it: refused (only the final answer counts).
    endpoint.answer = (_req, res) => {
      res.writeEarlyHints({ 'webhook-allowed-origin': 'eventgrid.azure.net', 'link': '</style.css>; rel=preload' });
      res.end();
      return true;
    };
    await expect(c.handshake()).rejects.toThrow('(got null)');
    // The origin on the second of two header lines, after an early hint: accepted.
    endpoint.answer = (_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.setHeader('WebHook-Allowed-Origin', ['https://portal.contoso.example', 'eventgrid.azure.net']);
      res.end();
      return true;
    };
    await expect(c.handshake()).resolves.toBeUndefined();
    // Neither line allows Event Grid: refused, naming both.
    endpoint.answer = (_req, res) => {
      res.setHeader('WebHook-Allowed-Origin', ['https://portal.contoso.example', 'https://ops.contoso.example']);
      res.end();
      return true;
    };
    await expect(c.handshake()).rejects.toThrow('(got "https://portal.contoso.example,https://ops.contoso.example")');
  });

  test('more requests at once than connections: the rest wait for a free connection, in order; destroy fails the waiting ones too', async () => {
    const order: string[] = [];
    endpoint.answer = (req, res) => {
      order.push(String(req.headers['x-n']));
      res.end();
      return true;
    };
    const c = client(endpoint.url(), 1);
    const results = await Promise.all(['1', '2', '3', '4'].map((n) => sendOnce(c, { 'x-n': n })));
    expect(results.map((r) => r.result.status)).toEqual([200, 200, 200, 200]);
    expect(order).toEqual(['1', '2', '3', '4']);
    expect(endpoint.connections).toBe(1);
    expect(c.connectionCount).toBe(1);

    endpoint.answer = () => false;
    const running = sendOnce(c, { 'x-n': '5' });
    const waiting = sendOnce(c, { 'x-n': '6' });
    await new Promise((r) => setTimeout(r, 100));
    c.destroy();
    expect((await running).result).toMatchObject({ outcome: 'GenericError' });
    expect((await waiting).result).toEqual({ outcome: 'GenericError', detail: 'the webhook client was closed' });
    expect(order).toEqual(['1', '2', '3', '4']);
    // A destroyed client sends nothing more.
    expect((await sendOnce(c)).result).toEqual({ outcome: 'GenericError', detail: 'the webhook client was closed' });
  });

  test('destroy ends a request under way as failed', async () => {
    endpoint.answer = () => false;
    const c = client(endpoint.url());
    const pending = sendOnce(c);
    await new Promise((r) => setTimeout(r, 100));
    c.destroy();
    const { result } = await pending;
    expect(result.status).toBeUndefined();
    expect(result.outcome).toBe('GenericError');
  });
});

describe('headerValues', () => {
  test('joins the values of a header given on several lines, whatever the case of its name; undefined without it', () => {
    const raw = [Buffer.from('Content-Length'), Buffer.from('0'), Buffer.from('WebHook-Allowed-Origin'), Buffer.from('a.example'),
      Buffer.from('webhook-allowed-origin'), Buffer.from('eventgrid.azure.net')];
    expect(headerValues(raw, 'webhook-allowed-origin')).toBe('a.example,eventgrid.azure.net');
    expect(headerValues(raw, 'content-length')).toBe('0');
    expect(headerValues(raw, 'webhook-request-origin')).toBeUndefined();
    expect(headerValues(['WebHook-Allowed-Origin', '*'], 'webhook-allowed-origin')).toBe('*');
  });
});

/** What a deliverer dead-lettered. */
type DeadLetters = Array<{ event: PublishedEvent; record: DeadLetterRecord }>;

describe('the deliverer over the client', () => {
  const timing: DeliveryTiming = {
    retryScheduleMs: [10, 30],
    deliveryTimeoutMs: 200,
    deadLetterDelayMs: 10,
    minuteMs: 60_000,
    minRetryDelayMs: {},
  };

  function deliverer(url: string, dead: DeadLetters, changed: () => void, maxEventsPerBatch?: number): WebhookDeliverer {
    const config: WebhookConfig = {
      path: 'app/Topic/Hook',
      name: 'hook',
      topicName: 'topic',
      url: new URL(url),
      maxEventsPerBatch,
      preferredBatchSizeBytes: 64 * 1024,
      maxDeliveryAttempts: 2,
      eventTimeToLiveMinutes: 1440,
      headers: [],
      deadLetter: { storageAccountName: 'dl', blobContainerName: 'letters', topicName: 'topic', subscriptionName: 'hook' },
      concurrency: 4,
      validate: true,
      maxBacklogEvents: 1000,
      maxBacklogBytes: 1024 * 1024,
    };
    return new WebhookDeliverer(config, timing, {
      log: () => undefined,
      deadLetter: async (_target, event, record) => {
        dead.push({ event, record });
        return 'memory';
      },
      changed,
    });
  }

  function published(id: string): PublishedEvent {
    const body = Buffer.from(JSON.stringify({ specversion: '1.0', id, source: 'com.contoso.hooks', type: 'com.contoso.ticketcreated' }));
    return { id, body, bytes: body.length, publishedAt: Date.now() };
  }

  /** Waits (bounded) until the deliverer holds nothing. */
  async function idle(d: WebhookDeliverer): Promise<void> {
    for (let i = 0; i < 200 && !d.idle; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(d.idle).toBe(true);
  }

  test('a webhook that does not answer within the delivery timeout: each attempt fails as TimedOut, then the event is dead-lettered', async () => {
    endpoint.answer = (req, res) => {
      if (req.method === 'OPTIONS') {
        res.writeHead(200, { 'webhook-allowed-origin': 'eventgrid.azure.net' });
        res.end();
        return true;
      }
      return false;
    };
    const dead: DeadLetters = [];
    const d = deliverer(endpoint.url(), dead, () => undefined);
    try {
      d.enqueue(published('slow-1'));
      await idle(d);
      expect(endpoint.requests.filter((r) => r.method === 'POST').map((r) => r.headers['aeg-delivery-count'])).toEqual(['0', '1']);
      expect(dead).toHaveLength(1);
      expect(dead[0].record).toMatchObject({ reason: 'MaxDeliveryAttemptsExceeded', deliveryAttempts: 2, lastDeliveryOutcome: 'TimedOut', lastHttpStatusCode: undefined });
      expect(d.counters).toMatchObject({ delivered: 0, failedAttempts: 2, retries: 1, deadLettered: 1, requests: 2 });
    } finally {
      d.stop();
    }
  });

  test('one event per request: every event delivered once, the counters and the changed hook follow', async () => {
    const dead: DeadLetters = [];
    let changes = 0;
    const d = deliverer(endpoint.url(), dead, () => changes++);
    try {
      for (let i = 0; i < 50; i++) {
        d.enqueue(published(`e-${i}`));
      }
      await idle(d);
      const posts = endpoint.requests.filter((r) => r.method === 'POST');
      expect(posts.map((r) => JSON.parse(r.body).id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `e-${i}`).sort());
      expect(posts.every((r) => r.headers['content-type'] === 'application/cloudevents+json; charset=utf-8' && r.headers['aeg-delivery-count'] === '0')).toBe(true);
      expect(d.counters).toMatchObject({ delivered: 50, requests: 50, failedAttempts: 0, handshake: 'succeeded' });
      expect(d.pending).toBe(0);
      expect(d.pendingBytes).toBe(0);
      expect(changes).toBeGreaterThan(0);
      expect(dead).toEqual([]);
    } finally {
      d.stop();
    }
  });
});
