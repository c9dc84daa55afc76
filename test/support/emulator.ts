// Helpers of the emulator tests: synthesize an app into a temporary folder, a local webhook receiver on 127.0.0.1
// that records what it gets, the official Event Grid publisher client pointed at the emulator, and a local Azure
// Storage API (Azurite).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { App } from 'cdktf';

/** A new temporary folder (removed by `removeTemp`). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `partner-events-${prefix}-`));
}

export function removeTemp(dir: string | undefined): void {
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Synthesizes the stacks `build` adds into a new temporary folder; returns the folder. */
export function synthApp(build: (app: App) => void): string {
  const outdir = tempDir('synth');
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly status: number;
  /** The events of a POST (one for structured mode, the array for batched mode). */
  readonly events: any[];
  /** The body as received. */
  readonly body?: string;
}

/** Decides the status of a POST: from its path, its number on that path (0-based), its events and headers. */
export type ReceiverBehaviour = (path: string, requestNumber: number, events: any[], headers: http.IncomingHttpHeaders) => number;

/** A local webhook endpoint: answers the validation handshake, records deliveries, counts event ids per path. */
export class Receiver {
  public static async start(behaviour: ReceiverBehaviour = () => 200, options: { allowedOrigin?: string | null } = {}): Promise<Receiver> {
    const r = new Receiver(behaviour, options.allowedOrigin === undefined ? 'eventgrid.azure.net' : options.allowedOrigin);
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  public readonly requests: ReceivedRequest[] = [];
  /** Ids acknowledged (2xx) per path, with how many times each was acknowledged. */
  public readonly delivered = new Map<string, Map<string, number>>();
  public keepRequests = true;
  private readonly server: http.Server;
  /** While set, answers to POSTs wait for it (a slow subscriber). */
  private gate?: { promise: Promise<void>; open: () => void };
  private readonly counts = new Map<string, number>();

  private constructor(private readonly behaviour: ReceiverBehaviour, private readonly allowedOrigin: string | null) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.gate && req.method === 'POST') {
          void this.gate.promise.then(() => this.handle(req, res, body));
        } else {
          this.handle(req, res, body);
        }
      });
    });
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Holds the answers to POSTs (deliveries) until `release`: the subscriber is slow. */
  public hold(): void {
    if (!this.gate) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      this.gate = { promise, open };
    }
  }

  /** Answers the held deliveries and those that come. */
  public release(): void {
    const gate = this.gate;
    this.gate = undefined;
    gate?.open();
  }

  /** Forgets every request, delivery and request count. */
  public reset(): void {
    this.requests.length = 0;
    this.delivered.clear();
    this.counts.clear();
  }

  /** The acknowledged ids of a path. */
  public ids(p: string): Map<string, number> {
    return this.delivered.get(p) ?? new Map();
  }

  public async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const p = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      const headers: { [k: string]: string } = {};
      if (this.allowedOrigin !== null) {
        headers['WebHook-Allowed-Origin'] = this.allowedOrigin;
      }
      res.writeHead(200, headers);
      res.end();
      if (this.keepRequests) {
        this.requests.push({ method: 'OPTIONS', path: p, headers: req.headers, status: 200, events: [] });
      }
      return;
    }
    const parsed = body ? JSON.parse(body) : [];
    const events = Array.isArray(parsed) ? parsed : [parsed];
    const n = this.counts.get(p) ?? 0;
    this.counts.set(p, n + 1);
    const status = this.behaviour(p, n, events, req.headers);
    if (status >= 200 && status <= 204) {
      let ids = this.delivered.get(p);
      if (!ids) {
        ids = new Map();
        this.delivered.set(p, ids);
      }
      for (const e of events) {
        ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
      }
    }
    if (this.keepRequests) {
      this.requests.push({ method: req.method ?? '', path: p, headers: req.headers, status, events, body });
    }
    res.writeHead(status);
    res.end();
  }
}

/**
 * The official publisher client for CloudEvents, on plain http to the emulator: without client-side retries, or, with
 * `retries`, with the SDK's own policy (which retries a 503 after its Retry-After: the emulator's backpressure).
 */
export function publisher(endpoint: string, key: string, options: { retries?: boolean } = {}): EventGridPublisherClient<'CloudEvent'> {
  return new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureKeyCredential(key), {
    allowInsecureConnection: true,
    retryOptions: options.retries ? { maxRetries: 20 } : { maxRetries: 0 },
  });
}

/**
 * Azurite's well-known development account, read from Azurite itself (it publishes this name and key for local use;
 * they open nothing but the Azurite process a test starts).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const azuriteAccount: { EMULATOR_ACCOUNT_NAME: string; EMULATOR_ACCOUNT_KEY_STR: string } = require('azurite/dist/src/blob/utils/constants');

/** A local Azure Storage API (Azurite, from the `azurite` dev dependency), in memory, on 127.0.0.1 and free ports. */
export class Azurite {
  /** Azurite's development account name. */
  public static readonly ACCOUNT: string = azuriteAccount.EMULATOR_ACCOUNT_NAME;

  /** Starts Azurite's blob and queue services; resolves once both listen (or rejects after 30 s). */
  public static async start(): Promise<Azurite> {
    const main = require.resolve('azurite/dist/src/azurite.js');
    const child = spawn(process.execPath, [main, '--silent', '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--disableProductStyleUrl',
      '--blobHost', '127.0.0.1', '--blobPort', '0', '--queueHost', '127.0.0.1', '--queuePort', '0', '--tableHost', '127.0.0.1', '--tablePort', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const ports = await new Promise<{ blob: number; queue: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s: ${out}`)), 30_000);
      const check = () => {
        const blob = /Blob service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        const queue = /Queue service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (blob && queue) {
          clearTimeout(timer);
          resolve({ blob: Number(blob[1]), queue: Number(queue[1]) });
        }
      };
      child.stdout!.on('data', (c) => {
        out += c;
        check();
      });
      child.stderr!.on('data', (c) => (out += c));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${code}): ${out}`));
      });
    }).catch((e) => {
      child.kill('SIGKILL');
      throw e;
    });
    return new Azurite(child, ports.blob, ports.queue);
  }

  private constructor(private readonly child: ChildProcess, public readonly blobPort: number, public readonly queuePort: number) {}

  /** The connection string of the development account at these ports. */
  public get connectionString(): string {
    return `DefaultEndpointsProtocol=http;AccountName=${Azurite.ACCOUNT};AccountKey=${azuriteAccount.EMULATOR_ACCOUNT_KEY_STR};`
      + `BlobEndpoint=http://127.0.0.1:${this.blobPort}/${Azurite.ACCOUNT};QueueEndpoint=http://127.0.0.1:${this.queuePort}/${Azurite.ACCOUNT};`;
  }

  public async stop(): Promise<void> {
    if (this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
