// The emulator throughput benchmark (issue 7): sustained publishing of ~1 KB CloudEvents 1.0 in batches over
// concurrent keep-alive connections to the local partner namespace emulator, with per-request latency and an exact
// count of what a local webhook subscriber receives (every published id exactly once).
//
// Two processes, everything on 127.0.0.1: the emulator (the system under test) runs alone in a child process, started
// from `src/` (through ts-node) or `lib/`; this process synthesizes the app, generates the load and runs the webhook
// receiver. On two cores each side can have one, and the CPU time of both is measured, so a saturated load generator
// shows in the figures instead of passing for a slow emulator.
//
//   npx ts-node --transpile-only build-tools/bench/emulator.ts [--events 300000] [--batch 100] [--connections 8]
//     [--event-bytes 1024] [--warmup 20000] [--from src|lib] [--client http|sdk|both] [--delivery-batch <n>|structured]
//     [--failure-rate <0-1>] [--slow-phase-ms <ms>] [--suite] [--write-docs] [--cpu-prof <dir>] [--emulator-dir <folder>]
// prints the Markdown section on stdout (--suite: every run of `npm run bench`'s emulator part: http and SDK
// publishers with batched delivery, one event per delivery request, a slow subscriber, and the 1,000,000-event soak
// with 10% of deliveries failing; --write-docs: also replace the emulator section of docs/benchmarks.md).
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.join(__dirname, '..', '..');
const CHILD_FLAG = '--emulator-bench-child';
/**
 * What the benchmark must reach (events/s, end to end; issue 15): one event per delivery request 20,000/s, batched
 * delivery 60,000/s. Azure's ingress limit per partner topic is 5,000/s.
 */
export const EMULATOR_TARGET_EVENTS_PER_SECOND = 20_000;
export const EMULATOR_BATCHED_TARGET_EVENTS_PER_SECOND = 60_000;
/** The delivery timeout of the runs with a failing subscriber (whose slow answers take 500 ms longer). */
const FAULT_DELIVERY_TIMEOUT_MS = 1000;

/** The events/s target of a run: none (0) for the slow-subscriber and failing-subscriber runs. */
function targetOf(o: Pick<EmulatorBenchOptions, 'deliveryBatchSize' | 'batchSize' | 'failureRate' | 'slowPhaseMs'>): number {
  if ((o.failureRate ?? 0) > 0 || (o.slowPhaseMs ?? 0) > 0) {
    return 0;
  }
  return (o.deliveryBatchSize ?? o.batchSize) === 'structured' ? EMULATOR_TARGET_EVENTS_PER_SECOND : EMULATOR_BATCHED_TARGET_EVENTS_PER_SECOND;
}

/** Every file under a folder. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const NAMESPACE = 'contoso-bench';
const CHANNEL = 'bench-tickets';
const SOURCE = 'com.contoso.bench';
const HOOKS_ORIGIN = 'https://bench.contoso.example';
const HOOK_PATH = '/bench';
const ID_PREFIX = 'bench-';
const ID_DIGITS = 10;

export interface EmulatorBenchOptions {
  /** Events published and measured after the warm-up. */
  readonly events: number;
  /** Events per publish request (batched mode, `application/cloudevents-batch+json`). */
  readonly batchSize: number;
  /** Concurrent keep-alive connections (one request in flight on each). */
  readonly connections: number;
  /** Size of each serialized event in bytes (`data` padded to it). */
  readonly eventBytes: number;
  /** Events published, and awaited at the subscriber, before the measurement. */
  readonly warmupEvents: number;
  /** Where the emulator is loaded from: `src` (through ts-node) or `lib` (compiled). */
  readonly from: 'src' | 'lib';
  /**
   * The publisher: `http` (node's http.Agent with keepAlive, bodies the JSON.stringify text of the events) or `sdk` (the
   * official `@azure/eventgrid` EventGridPublisherClient, one client, `connections` concurrent sends).
   * @default 'http'
   */
  readonly client?: 'http' | 'sdk';
  /**
   * maxEventsPerBatch of the webhook subscription (with preferredBatchSizeInKilobytes 1024), or `structured`: no
   * maxEventsPerBatch, so one event per delivery request (Event Grid's default).
   * @default batchSize
   */
  readonly deliveryBatchSize?: number | 'structured';
  /** Writes a V8 CPU profile of the emulator process into this folder (`node --cpu-prof`). */
  readonly cpuProfileDir?: string;
  /**
   * Loads the emulator from this compiled folder (holding `index.js`) instead of `<from>/emulator`, to compare two
   * builds of it; the app is still synthesized from `from`.
   */
  readonly emulatorDir?: string;
  /** The whole run is abandoned after this long. @default 10 minutes */
  readonly timeoutMs?: number;
  /**
   * A subscriber that fails: this share of delivery requests (0-1) fails, half with 500 and half by answering
   * 200 only after the emulator's delivery timeout (so the emulator retries events the subscriber already has:
   * duplicates, which are counted). The subscription dead-letters after `maxDeliveryAttempts`; the run ends when
   * the emulator is idle, and every event must be delivered or dead-lettered.
   */
  readonly failureRate?: number;
  /** maxDeliveryAttempts of the subscription (with failureRate). @default 3 */
  readonly maxDeliveryAttempts?: number;
  /**
   * A slow subscriber: for this long, every delivery is answered after `slowSubscriberDelayMs`, and publishing
   * goes on (503s retried after their Retry-After) until the phase ends; then the subscriber is fast again and the
   * run waits for every accepted event. The emulator's peak memory is the figure.
   */
  readonly slowPhaseMs?: number;
  /** @default 2000 */
  readonly slowSubscriberDelayMs?: number;
  readonly log?: (line: string) => void;
}

export interface EmulatorBenchResult {
  readonly options: {
    readonly events: number;
    readonly batchSize: number;
    readonly connections: number;
    readonly eventBytes: number;
    readonly warmupEvents: number;
    readonly from: 'src' | 'lib';
    readonly client: 'http' | 'sdk';
    readonly deliveryBatchSize: number | 'structured';
    readonly failureRate?: number;
    readonly slowPhaseMs?: number;
  };
  /** Serialized size of the events as the `http` client sends them (the SDK adds a `time` of its own). */
  readonly actualEventBytes: number;
  /** Publish requests of the measured phase. */
  readonly requests: number;
  /** From the first measured request to the last response. */
  readonly publishWallMs: number;
  /** From the first measured request until the subscriber had every measured event. */
  readonly wallMs: number;
  /** Measured events over `wallMs` (end to end: published and delivered). */
  readonly eventsPerSecond: number;
  /** Measured events over `publishWallMs` (accepted by the publish endpoint). */
  readonly publishEventsPerSecond: number;
  /** Request body megabytes (10^6 bytes) of the measured phase over `wallMs`. */
  readonly megabytesPerSecond: number;
  /** Per publish request, from sending it to the end of the response, in ms. */
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Every id published (warm-up included). */
  readonly published: number;
  /** Distinct published ids the subscriber acknowledged. */
  readonly delivered: number;
  /** Published ids never delivered. */
  readonly lost: number;
  /** Deliveries beyond the first of an id. */
  readonly duplicates: number;
  /** Ids delivered that were never published, or to another path. */
  readonly unexpected: number;
  /** Distinct published ids in the dead-letter folder. */
  readonly deadLettered: number;
  /** Ids both delivered and dead-lettered (the subscriber had them, but the emulator saw the attempt fail). */
  readonly deliveredAndDeadLettered: number;
  /** Publish requests answered 503 (backlog full) and sent again after their Retry-After. */
  readonly backpressureRetries: number;
  /** The emulator's own counters at the end. */
  readonly emulator: {
    readonly acceptedEvents: number;
    readonly refusedRequests: number;
    readonly delivered: number;
    readonly deliveryRequests: number;
    readonly failedAttempts: number;
    readonly retries: number;
    readonly pending: number;
  };
  /**
   * CPU use of the measured phase, as % of one core (user + system over wall time); `others`: the rest of the
   * machine's busy time (/proc/stat, Linux only), what other processes took from the benchmark.
   */
  readonly cpuPercent: { readonly emulator: number; readonly loadGenerator: number; readonly others?: number };
  /** Peak resident memory of the emulator process, MB. */
  readonly emulatorMaxRssMb: number;
  readonly targetEventsPerSecond: number;
  readonly targetMet: boolean;
  readonly machine: string;
  /** Where the CPU profile went, when asked for. */
  readonly cpuProfile?: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// The child: the emulator alone in its process, driven over IPC.

type ToChild =
  | {
    readonly type: 'start';
    readonly outdir: string;
    readonly emulatorDir: string;
    readonly receiverUrl: string;
    readonly deadLetterDir: string;
    /** More emulator options (timing). */
    readonly extra?: object;
  }
  | { readonly type: 'cpu' }
  | { readonly type: 'idle'; readonly timeoutMs: number }
  | { readonly type: 'stats' }
  | { readonly type: 'stop' };

type FromChild =
  | { readonly type: 'ready'; readonly endpoint: string; readonly key: string }
  | { readonly type: 'log'; readonly level: string; readonly message: string }
  | { readonly type: 'cpu'; readonly cpu: NodeJS.CpuUsage; readonly at: number }
  | { readonly type: 'idle'; readonly error?: string }
  | { readonly type: 'stats'; readonly stats: any; readonly maxRssKb: number }
  | { readonly type: 'stopped' }
  | { readonly type: 'error'; readonly message: string };

function runChild(): void {
  let emulator: any;
  const send = (m: FromChild) => process.send!(m);
  // The channel closes when the benchmark is done with the emulator, or when the benchmark process is gone.
  process.on('disconnect', () => {
    void Promise.resolve(emulator?.stop()).finally(() => process.exit(0));
  });
  process.on('message', (m: ToChild) => {
    const fail = (e: unknown) => send({ type: 'error', message: (e as Error)?.stack ?? String(e) });
    switch (m.type) {
      case 'start': {
        let startEmulator: (options: object) => Promise<any>;
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          startEmulator = require(m.emulatorDir).startEmulator;
        } catch (e) {
          fail(e);
          break;
        }
        startEmulator({
          outdir: m.outdir,
          host: '127.0.0.1',
          port: 0,
          webhooks: { [HOOKS_ORIGIN]: m.receiverUrl },
          deadLetterDir: m.deadLetterDir,
          ...m.extra,
          logger: (level: string, message: string) => send({ type: 'log', level, message }),
        }).then((handle: any) => {
          emulator = handle;
          send({ type: 'ready', endpoint: handle.endpoint(NAMESPACE), key: handle.keys(NAMESPACE).key1 });
        }, fail);
        break;
      }
      case 'cpu':
        send({ type: 'cpu', cpu: process.cpuUsage(), at: performance.now() + performance.timeOrigin });
        break;
      case 'idle':
        emulator.waitForIdle(m.timeoutMs).then(() => send({ type: 'idle' }), (e: Error) => send({ type: 'idle', error: e.message }));
        break;
      case 'stats':
        send({ type: 'stats', stats: emulator.stats(), maxRssKb: process.resourceUsage().maxRSS });
        break;
      case 'stop':
        Promise.resolve(emulator?.stop()).then(() => {
          send({ type: 'stopped' });
          // Nothing else holds the loop: the process ends (and writes its CPU profile, when asked for).
          process.disconnect();
        }, fail);
        break;
    }
  });
}

/** The parent's side of the child: requests answered in order of type. */
class EmulatorProcess {
  public static async start(
    opts: EmulatorBenchOptions, work: string, start: Omit<ToChild & { type: 'start' }, 'type'>,
  ): Promise<EmulatorProcess> {
    // The child runs this file compiled to JavaScript, so that with `lib` nothing but the emulator runs in it (no
    // ts-node, no source-map hooks); with `src` the emulator itself needs ts-node.
    const script = path.join(work, 'emulator-bench-child.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts: typeof import('typescript') = require('typescript');
    const js = ts.transpileModule(fs.readFileSync(__filename.replace(/\.js$/, '.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    fs.writeFileSync(script, js);
    const execArgv = start.emulatorDir.endsWith('.ts') || fs.existsSync(path.join(start.emulatorDir, 'index.ts'))
      ? ['-r', 'ts-node/register/transpile-only'] : [];
    if (opts.cpuProfileDir) {
      fs.mkdirSync(opts.cpuProfileDir, { recursive: true });
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`);
    }
    const child = fork(script, [CHILD_FLAG], {
      cwd: ROOT,
      execArgv,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const p = new EmulatorProcess(child, opts.log);
    try {
      const ready = await p.request({ type: 'start', ...start }, 'ready', 60_000);
      p.endpoint = ready.endpoint;
      p.key = ready.key;
      return p;
    } catch (e) {
      await p.stop();
      throw e;
    }
  }

  public endpoint = '';
  public key = '';
  public readonly warnings: string[] = [];
  private readonly waiting = new Map<string, Array<{ resolve: (m: any) => void; reject: (e: Error) => void }>>();
  private exited = false;

  private constructor(public readonly child: ChildProcess, log?: (line: string) => void) {
    child.on('message', (m: FromChild) => {
      if (m.type === 'log') {
        if (m.level === 'warn') {
          this.warnings.push(m.message);
        }
        log?.(`emulator ${m.level}: ${m.message}`);
        return;
      }
      if (m.type === 'error') {
        this.failAll(new Error(`the emulator process failed: ${m.message}`));
        return;
      }
      this.waiting.get(m.type)?.shift()?.resolve(m);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.failAll(new Error(`the emulator process exited (${signal ?? code})`));
    });
  }

  public request<T extends FromChild['type']>(m: ToChild, reply: T, timeoutMs: number): Promise<Extract<FromChild, { type: T }>> {
    if (this.exited) {
      return Promise.reject(new Error('the emulator process has exited'));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the emulator process did not answer ${m.type} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(reply) ?? [];
      list.push({
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.waiting.set(reply, list);
      this.child.send(m);
    });
  }

  /** Stops the emulator and waits for its process to end; kills it if it does not. */
  public async stop(): Promise<void> {
    if (this.exited) {
      return;
    }
    const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request({ type: 'stop' }, 'stopped', 10_000);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    } catch {
      // fall through to the kill
    }
    if (!this.exited) {
      this.child.kill('SIGKILL');
      await ended;
    }
  }

  private failAll(e: Error): void {
    for (const list of this.waiting.values()) {
      for (const w of list.splice(0)) {
        w.reject(e);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The app, the events, the subscriber.

/** Synthesizes a namespace, one channel, its partner topic (activated) and one webhook subscription into `outdir`. */
function synthesize(outdir: string, from: 'src' | 'lib', deliveryBatchSize: number | 'structured', maxDeliveryAttempts?: number): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const lib = require(path.join(ROOT, from));
  const { App, TerraformStack } = require('cdktf');
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'emulator-bench');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const registration = new lib.PartnerRegistration(stack, 'Registration', { resourceGroupName: 'bench', registrationName: 'contoso-bench' });
  const namespace = new lib.PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'bench', location: 'westus2', partnerRegistration: registration, namespaceName: NAMESPACE,
  });
  const channel = namespace.addChannel('Channel', {
    channelName: CHANNEL,
    partnerTopicSubscriptionId: '7c1f3b52-4a8e-4d2c-9b6f-1e2d3c4b5a69',
    partnerTopicResourceGroupName: 'bench',
    partnerTopicName: 'bench-tickets',
    source: SOURCE,
  });
  channel.partnerTopic.activate();
  channel.partnerTopic.addEventSubscription('Webhook', {
    eventSubscriptionName: 'bench-webhook',
    destination: new lib.destinations.WebHook(deliveryBatchSize === 'structured'
      ? { endpointUrl: `${HOOKS_ORIGIN}${HOOK_PATH}` }
      : { endpointUrl: `${HOOKS_ORIGIN}${HOOK_PATH}`, maxEventsPerBatch: deliveryBatchSize, preferredBatchSizeInKilobytes: 1024 }),
    ...(maxDeliveryAttempts !== undefined ? {
      maxDeliveryAttempts,
      deadLetter: { storageAccountId: '/subscriptions/7c1f3b52-4a8e-4d2c-9b6f-1e2d3c4b5a69/resourceGroups/bench/providers/Microsoft.Storage/storageAccounts/benchdl', blobContainerName: 'dead-letters' },
    } : {}),
  });
  app.synth();
}

const idOf = (n: number) => `${ID_PREFIX}${String(n).padStart(ID_DIGITS, '0')}`;

/** Builds the events of one request; `data.pad` makes each serialized event `eventBytes` long. */
class EventFactory {
  public readonly actualBytes: number;
  private readonly pad: string;
  private readonly time = new Date().toISOString();

  constructor(eventBytes: number) {
    const bare = Buffer.byteLength(JSON.stringify(this.event(0, '')));
    this.pad = 'x'.repeat(Math.max(0, eventBytes - bare));
    this.actualBytes = Buffer.byteLength(JSON.stringify(this.event(0, this.pad)));
    for (const n of [0, 1, 12_345, 9_999_999_999]) {
      if (this.wire(n) !== JSON.stringify(this.event(n))) {
        throw new Error(`EventFactory.wire(${n}) is not JSON.stringify of event(${n})`);
      }
    }
  }

  /**
   * JSON.stringify(event(n)), written from its parts (the constructor checks that they are the same text): the
   * load generator shares two cores with the emulator, and a template costs a fraction of stringifying each object.
   */
  public wire(n: number): string {
    return `{"specversion":"1.0","id":"${idOf(n)}","source":"${SOURCE}","type":"${n % 2 ? 'com.contoso.ticketclosed' : 'com.contoso.ticketcreated'}",`
      + `"subject":"tickets/${n}","time":"${this.time}","datacontenttype":"application/json","data":{"n":${n},"pad":"${this.pad}"}}`;
  }

  /** The request body of events [from, to) in batched mode, as bytes. */
  public batch(from: number, to: number): Buffer {
    const parts: string[] = new Array(to - from);
    for (let n = from; n < to; n++) {
      parts[n - from] = this.wire(n);
    }
    return Buffer.from(`[${parts.join(',')}]`, 'utf8');
  }

  /** The wire form (what the `http` client sends). */
  public event(n: number, pad = this.pad): { [key: string]: unknown } {
    return {
      specversion: '1.0',
      id: idOf(n),
      source: SOURCE,
      type: n % 2 ? 'com.contoso.ticketclosed' : 'com.contoso.ticketcreated',
      subject: `tickets/${n}`,
      time: this.time,
      datacontenttype: 'application/json',
      data: { n, pad },
    };
  }

  /** The SDK's input form (it adds specversion and the content type itself). */
  public sdkEvent(n: number): { [key: string]: any } {
    const { specversion: _v, time: _t, ...rest } = this.event(n);
    return { ...rest, time: new Date(this.time) };
  }
}

/** The local webhook subscriber: answers the validation handshake, counts every delivered id. */
class Subscriber {
  public static async start(total: number): Promise<Subscriber> {
    const s = new Subscriber(total);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(0, '127.0.0.1', () => resolve());
    });
    return s;
  }

  /** Acknowledgements per id number. */
  public readonly counts: Uint8Array;
  public duplicates = 0;
  public unexpected = 0;
  public requests = 0;
  public handshakes = 0;
  /** Answers every delivery this much later (a slow subscriber); 0: at once. */
  public delayMs = 0;
  /** The share of deliveries that fail (half 500, half answered 200 after `holdMs`); 0: none. */
  public failureRate = 0;
  public holdMs = 0;
  public failed = 0;
  public held = 0;
  /** A deterministic sequence, so that runs fail the same requests. */
  private seed = 12345;
  private readonly server: http.Server;
  private distinctFrom = 0;
  private distinctInRange = 0;
  private rangeEnd = 0;
  private watcher?: { resolve: (at: number) => void };

  private constructor(total: number) {
    this.counts = new Uint8Array(total);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'OPTIONS') {
          this.handshakes++;
          res.writeHead(200, { 'webhook-allowed-origin': 'eventgrid.azure.net' });
          res.end();
          return;
        }
        this.requests++;
        let events: unknown;
        try {
          events = JSON.parse((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'));
        } catch {
          res.writeHead(400);
          res.end();
          return;
        }
        const acknowledge = () => {
          // Acknowledge first: the ids count as delivered once the emulator has its 200.
          res.writeHead(200, { 'content-length': '0' });
          res.end();
          const onPath = (req.url ?? '').split('?')[0] === HOOK_PATH;
          for (const e of Array.isArray(events) ? events : [events]) {
            this.count(onPath, (e as { id?: unknown })?.id);
          }
        };
        if (this.failureRate > 0) {
          this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
          const r = this.seed / 2 ** 31;
          if (r < this.failureRate / 2) {
            this.failed++;
            res.writeHead(500, { 'content-length': '0' });
            res.end();
            return;
          }
          if (r < this.failureRate) {
            // Past the emulator's delivery timeout: it gives up on the request, the events count as delivered here.
            this.held++;
            setTimeout(acknowledge, this.holdMs);
            return;
          }
        }
        if (this.delayMs > 0) {
          setTimeout(acknowledge, this.delayMs);
        } else {
          acknowledge();
        }
      });
    });
    this.server.keepAliveTimeout = 30_000;
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves (with the time, performance.now()) once every id in [from, to) has been delivered. */
  public whenDelivered(from: number, to: number): Promise<number> {
    this.distinctFrom = from;
    this.rangeEnd = to;
    this.distinctInRange = 0;
    for (let i = from; i < to; i++) {
      this.distinctInRange += this.counts[i] > 0 ? 1 : 0;
    }
    return new Promise((resolve) => {
      this.watcher = { resolve };
      this.check();
    });
  }

  public cancelWatch(): void {
    this.watcher = undefined;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private count(onPath: boolean, id: unknown): void {
    const n = typeof id === 'string' && id.startsWith(ID_PREFIX) && id.length === ID_PREFIX.length + ID_DIGITS ? Number(id.slice(ID_PREFIX.length)) : NaN;
    if (!onPath || !Number.isInteger(n) || n < 0 || n >= this.counts.length) {
      this.unexpected++;
      return;
    }
    if (this.counts[n] > 0) {
      this.duplicates++;
      this.counts[n] = Math.min(255, this.counts[n] + 1);
      return;
    }
    this.counts[n] = 1;
    if (n >= this.distinctFrom && n < this.rangeEnd) {
      this.distinctInRange++;
      this.check();
    }
  }

  private check(): void {
    if (this.watcher && this.distinctInRange === this.rangeEnd - this.distinctFrom) {
      const w = this.watcher;
      this.watcher = undefined;
      w.resolve(performance.now());
    }
  }
}

/** Publishes ids [from, to) in batches over `connections` concurrent requests; returns the request latencies. */
async function publish(
  opts: Required<Pick<EmulatorBenchOptions, 'batchSize' | 'connections' | 'client'>>, target: { endpoint: string; key: string },
  factory: EventFactory, from: number, to: number, deadline: number, stopAt = Infinity,
): Promise<{ latencies: number[]; bytes: number; end: number; backpressureRetries: number }> {
  const latencies: number[] = [];
  let bytes = 0;
  let next = from;
  let failed = false;
  let backpressureRetries = 0;
  const take = (): [number, number] | undefined => {
    // (After stopAt no batch is taken; those taken are sent until accepted.)
    if (next >= to || failed || Date.now() >= stopAt) {
      return undefined;
    }
    const range: [number, number] = [next, Math.min(to, next + opts.batchSize)];
    next = range[1];
    return range;
  };
  /** One connection's loop: takes batches until none is left, or until any request failed. */
  const worker = async (sendBatch: (range: [number, number]) => Promise<void>): Promise<void> => {
    try {
      for (let r = take(); r; r = take()) {
        if (Date.now() > deadline) {
          throw new Error('the benchmark ran out of time while publishing');
        }
        await sendBatch(r);
      }
    } catch (e) {
      failed = true;
      throw e;
    }
  };
  if (opts.client === 'sdk') {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { AzureKeyCredential, EventGridPublisherClient } = require('@azure/eventgrid');
    /* eslint-enable @typescript-eslint/no-require-imports */
    // The SDK's own retry policy sends a 503 again after its Retry-After (the emulator's backpressure).
    const client = new EventGridPublisherClient(target.endpoint, 'CloudEvent', new AzureKeyCredential(target.key), {
      allowInsecureConnection: true, retryOptions: { maxRetries: 1000, maxRetryDelayInMs: 2000 },
    });
    await Promise.all(Array.from({ length: opts.connections }, () => worker(async (r) => {
      const events = [];
      for (let n = r[0]; n < r[1]; n++) {
        events.push(factory.sdkEvent(n));
      }
      const t0 = performance.now();
      await client.send(events, { channelName: CHANNEL });
      latencies.push(performance.now() - t0);
      bytes += (r[1] - r[0]) * factory.actualBytes;
    })));
    return { latencies, bytes, end: next, backpressureRetries };
  }
  const url = new URL(`${target.endpoint}?api-version=2018-01-01`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  /** Resolves when the request is accepted; a 503 is sent again after its Retry-After. */
  const send = async (body: Buffer): Promise<void> => {
    for (;;) {
      const retryAfter = await sendOnce(body);
      if (retryAfter === undefined) {
        return;
      }
      backpressureRetries++;
      if (Date.now() > deadline) {
        throw new Error('the benchmark ran out of time while publishing (503s)');
      }
      await new Promise((r) => setTimeout(r, retryAfter * 1000));
    }
  };
  /** undefined when accepted; the Retry-After (s) of a 503. */
  const sendOnce = (body: Buffer) => new Promise<number | undefined>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      timeout: 30_000,
      headers: {
        'content-type': 'application/cloudevents-batch+json; charset=utf-8',
        'content-length': String(body.length),
        'aeg-sas-key': target.key,
        'aeg-channel-name': CHANNEL,
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200
        ? resolve(undefined)
        : res.statusCode === 503 && res.headers['retry-after']
          ? resolve(Number(res.headers['retry-after']) || 1)
          : reject(new Error(`publish answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`))));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('publish request timed out (30 s)')));
    req.on('error', reject);
    req.end(body);
  });
  try {
    await Promise.all(Array.from({ length: opts.connections }, () => worker(async (r) => {
      const body = factory.batch(r[0], r[1]);
      const t0 = performance.now();
      await send(body);
      latencies.push(performance.now() - t0);
      bytes += body.length;
    })));
  } finally {
    agent.destroy();
  }
  return { latencies, bytes, end: next, backpressureRetries };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The machine's busy CPU time so far, ms (Linux: /proc/stat; user, nice, system, irq, softirq, steal). */
function machineBusyMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    // USER_HZ is 100 on Linux.
    return (user + nice + system + irq + softirq + (steal ?? 0)) * 10;
  } catch {
    return undefined;
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// The benchmark.

/** Runs the emulator throughput benchmark (see the file's header). */
export async function runEmulatorBenchmark(options: EmulatorBenchOptions): Promise<EmulatorBenchResult> {
  const opts = {
    ...options,
    client: options.client ?? 'http',
    deliveryBatchSize: options.deliveryBatchSize ?? options.batchSize,
    timeoutMs: options.timeoutMs ?? 10 * 60_000,
  };
  const positive = {
    events: opts.events,
    batchSize: opts.batchSize,
    connections: opts.connections,
    eventBytes: opts.eventBytes,
    deliveryBatchSize: opts.deliveryBatchSize === 'structured' ? 1 : opts.deliveryBatchSize,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${name} must be a positive integer (got ${value})`);
    }
  }
  if (!Number.isInteger(opts.warmupEvents) || opts.warmupEvents < 0) {
    throw new Error(`warmupEvents must be a non-negative integer (got ${opts.warmupEvents})`);
  }
  if (opts.from === 'lib' && !fs.existsSync(path.join(ROOT, 'lib', 'emulator', 'index.js'))) {
    throw new Error('lib/ is not built: run `npx projen compile` first, or use from: \'src\'');
  }
  const deadline = Date.now() + opts.timeoutMs;
  const total = opts.warmupEvents + opts.events;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-events-emulator-bench-'));
  const log = opts.log ?? (() => undefined);
  let subscriber: Subscriber | undefined;
  let emulator: EmulatorProcess | undefined;
  try {
    const outdir = path.join(work, 'cdktf.out');
    const faulty = (opts.failureRate ?? 0) > 0;
    synthesize(outdir, opts.from, opts.deliveryBatchSize, faulty ? opts.maxDeliveryAttempts ?? 3 : undefined);
    subscriber = await Subscriber.start(total);
    const deadLetterDir = path.join(work, 'dead-letters');
    emulator = await EmulatorProcess.start(opts, work, {
      outdir,
      emulatorDir: path.resolve(opts.emulatorDir ?? path.join(ROOT, opts.from, 'emulator')),
      receiverUrl: subscriber.url,
      deadLetterDir,
      // With faults: Event Grid's retry schedule 1000 times shorter (10 ms, 30 ms…), a delivery timeout of 1 s.
      extra: faulty ? { timing: { timeScale: 0.001, deliveryTimeoutMs: FAULT_DELIVERY_TIMEOUT_MS } } : undefined,
    });
    const target = { endpoint: emulator.endpoint, key: emulator.key };
    const factory = new EventFactory(opts.eventBytes);
    const remaining = () => Math.max(1, deadline - Date.now());
    const within = <T>(p: Promise<T>, what: string): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        p.finally(() => clearTimeout(timer)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the benchmark ran out of time waiting for ${what}`)), remaining());
        }),
      ]);
    };
    const publishOpts = { batchSize: opts.batchSize, connections: opts.connections, client: opts.client };

    if (opts.warmupEvents > 0) {
      log(`warm-up: ${opts.warmupEvents} events`);
      await publish(publishOpts, target, factory, 0, opts.warmupEvents, deadline);
      await within(subscriber.whenDelivered(0, opts.warmupEvents), 'the warm-up deliveries');
    }

    log(`measuring: ${opts.events} events, batches of ${opts.batchSize}, ${opts.connections} connections, ${opts.client} client`
      + `${faulty ? `, ${opts.failureRate! * 100}% of deliveries failing` : ''}${opts.slowPhaseMs ? `, a slow subscriber for ${opts.slowPhaseMs} ms` : ''}`);
    const slow = (opts.slowPhaseMs ?? 0) > 0;
    if (faulty) {
      subscriber.failureRate = opts.failureRate!;
      subscriber.holdMs = FAULT_DELIVERY_TIMEOUT_MS + 500;
    }
    if (slow) {
      subscriber.delayMs = opts.slowSubscriberDelayMs ?? 2000;
    }
    const delivered = faulty || slow ? undefined : subscriber.whenDelivered(opts.warmupEvents, total);
    const cpu0 = await emulator.request({ type: 'cpu' }, 'cpu', 10_000);
    const own0 = process.cpuUsage();
    const machine0 = machineBusyMs();
    const t0 = performance.now();
    const stopAt = slow ? Date.now() + opts.slowPhaseMs! : Infinity;
    const { latencies, bytes, end, backpressureRetries } = await publish(publishOpts, target, factory, opts.warmupEvents, total, deadline, stopAt);
    const published = performance.now();
    let doneAt: number;
    if (delivered) {
      doneAt = await within(delivered, 'the deliveries').catch((e) => {
        subscriber?.cancelWatch();
        throw e;
      });
    } else if (slow) {
      // The subscriber catches up: every accepted event must arrive.
      subscriber.delayMs = 0;
      doneAt = await within(subscriber.whenDelivered(opts.warmupEvents, end), 'the deliveries after the slow phase').catch((e) => {
        subscriber?.cancelWatch();
        throw e;
      });
    } else {
      // Faults: done when nothing is queued, in flight, waiting for a retry or a dead-letter write.
      const wait = remaining();
      const idleAt = await emulator.request({ type: 'idle', timeoutMs: wait }, 'idle', wait + 5_000);
      if (idleAt.error) {
        throw new Error(`the emulator did not become idle: ${idleAt.error}`);
      }
      doneAt = performance.now();
    }
    const measured = end - opts.warmupEvents;
    const own1 = process.cpuUsage(own0);
    const machine1 = machineBusyMs();
    const cpu1 = await emulator.request({ type: 'cpu' }, 'cpu', 10_000);
    const idle = await emulator.request({ type: 'idle', timeoutMs: Math.min(60_000, remaining()) }, 'idle', Math.min(60_000, remaining()) + 5_000);
    if (idle.error) {
      throw new Error(`the emulator did not become idle: ${idle.error}`);
    }
    const { stats, maxRssKb } = await emulator.request({ type: 'stats' }, 'stats', 10_000);
    const wallMs = doneAt - t0;
    const publishWallMs = published - t0;
    const busy = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    const emulatorCpuMs = busy({ user: cpu1.cpu.user - cpu0.cpu.user, system: cpu1.cpu.system - cpu0.cpu.system });

    const publishedTotal = end;
    let deliveredIds = 0;
    for (let i = 0; i < publishedTotal; i++) {
      deliveredIds += subscriber.counts[i] > 0 ? 1 : 0;
    }
    // The dead-letter folder: ids of the published events there (each file holds one event).
    const deadIds = new Set<number>();
    for (const file of listFiles(deadLetterDir)) {
      const [event] = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string }>;
      deadIds.add(Number(event.id.slice(ID_PREFIX.length)));
    }
    let both = 0;
    let lost = 0;
    for (let i = 0; i < publishedTotal; i++) {
      const got = subscriber.counts[i] > 0;
      both += got && deadIds.has(i) ? 1 : 0;
      lost += !got && !deadIds.has(i) ? 1 : 0;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const subs = Object.values(stats.subscriptions) as any[];
    const sum = (f: (s: any) => number) => subs.reduce((acc, s) => acc + f(s), 0);
    const ns = stats.namespaces[NAMESPACE];
    const eventsPerSecond = measured / (wallMs / 1000);
    return {
      options: {
        events: opts.events,
        batchSize: opts.batchSize,
        connections: opts.connections,
        eventBytes: opts.eventBytes,
        warmupEvents: opts.warmupEvents,
        from: opts.from,
        client: opts.client,
        deliveryBatchSize: opts.deliveryBatchSize,
        failureRate: opts.failureRate,
        slowPhaseMs: opts.slowPhaseMs,
      },
      actualEventBytes: factory.actualBytes,
      requests: latencies.length,
      publishWallMs,
      wallMs,
      eventsPerSecond,
      publishEventsPerSecond: measured / (publishWallMs / 1000),
      megabytesPerSecond: bytes / 1e6 / (wallMs / 1000),
      latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN },
      published: publishedTotal,
      delivered: deliveredIds,
      lost,
      duplicates: subscriber.duplicates,
      unexpected: subscriber.unexpected,
      deadLettered: deadIds.size,
      deliveredAndDeadLettered: both,
      backpressureRetries,
      emulator: {
        acceptedEvents: ns?.acceptedEvents ?? 0,
        refusedRequests: Object.values(ns?.refused ?? {}).reduce((a: number, b) => a + Number(b), 0),
        delivered: sum((s) => s.delivered),
        deliveryRequests: sum((s) => s.requests),
        failedAttempts: sum((s) => s.failedAttempts),
        retries: sum((s) => s.retries),
        pending: sum((s) => s.pending),
      },
      cpuPercent: {
        emulator: (100 * emulatorCpuMs) / wallMs,
        loadGenerator: (100 * busy(own1)) / wallMs,
        others: machine0 === undefined || machine1 === undefined
          ? undefined : Math.max(0, (100 * (machine1 - machine0 - emulatorCpuMs - busy(own1))) / wallMs),
      },
      emulatorMaxRssMb: maxRssKb / 1024,
      targetEventsPerSecond: targetOf(opts),
      targetMet: faulty
        ? lost === 0 && subscriber.unexpected === 0
        : eventsPerSecond >= targetOf(opts) && lost === 0 && subscriber.duplicates === 0 && subscriber.unexpected === 0,
      machine: machine(),
    };
  } finally {
    await emulator?.stop();
    await subscriber?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** CPU time per measured event, µs, from a CPU share (% of one core) over the run's wall time. */
function cpuPerEventUs(r: EmulatorBenchResult, percent: number): number {
  return (percent / 100) * r.wallMs * 1000 / r.options.events;
}

/** A run's CPU time per measured event as the section gives it: `emulator / publisher and subscriber µs`. */
function cpuPerEventText(r: EmulatorBenchResult): string {
  return `${num(cpuPerEventUs(r, r.cpuPercent.emulator), 1)} / ${num(cpuPerEventUs(r, r.cpuPercent.loadGenerator), 1)} µs`;
}

const PUBLISHERS = { http: 'node `http.Agent` (keepAlive)', sdk: '`EventGridPublisherClient`' };

function deliveryText(o: EmulatorBenchResult['options']): string {
  return o.deliveryBatchSize === 'structured' ? 'one event per request' : `batches of ≤ ${num(o.deliveryBatchSize)}`;
}

/** The heading the emulator's section of docs/benchmarks.md starts with (it runs to the end of the file). */
const EMULATOR_HEADING = '## Emulator throughput';

/**
 * The "## Emulator throughput" section of docs/benchmarks.md: one table row per result (the first is the headline;
 * more results, for example the SDK publisher or one-event-per-request delivery, add rows).
 */
export function renderEmulatorSection(first: EmulatorBenchResult, ...others: EmulatorBenchResult[]): string {
  const runs = [first, ...others];
  const all = runs.filter((r) => !r.options.failureRate && !r.options.slowPhaseMs);
  const special = runs.filter((r) => r.options.failureRate || r.options.slowPhaseMs).map(renderSpecialRun).join('');
  if (all.length === 0) {
    return `${EMULATOR_HEADING}\n\n<!-- Written by build-tools/bench/emulator.ts (renderEmulatorSection). Do not edit by hand. -->\n${special}`;
  }
  const grouped = emulatorRows(all);
  const medians = grouped.map((g) => g.median);
  const repeated = grouped.some((g) => g.runs.length > 1);
  const result = medians[0];
  const o = result.options;
  const rows = medians.map((r) => [
    PUBLISHERS[r.options.client],
    deliveryText(r.options),
    num(r.options.events),
    num(r.options.batchSize),
    num(r.options.connections),
    `${num(r.actualEventBytes)} B`,
    `${num(r.wallMs / 1000, 2)} s`,
    num(r.eventsPerSecond),
    num(r.megabytesPerSecond, 1),
    `${num(r.latencyMs.p50, 1)} ms`,
    `${num(r.latencyMs.p99, 1)} ms`,
    `${num(r.delivered)} / ${num(r.published)}`,
    num(r.lost),
    num(r.duplicates),
    r.targetMet ? 'met' : 'missed',
  ]);
  const perRun = (f: (r: EmulatorBenchResult) => string) => medians.map((r, i) => (medians.length > 1 ? `row ${i + 1}: ${f(r)}` : f(r))).join('; ');
  const lostAll = all.reduce((n, r) => n + r.lost, 0);
  const duplicatesAll = all.reduce((n, r) => n + r.duplicates, 0);
  const runsLine = repeated
    ? `- Each row is the median run, by events/s, of its runs (the rows with a target ran ${num(Math.max(...grouped.map((g) => g.runs.length)))} times, alternating
  with each other); events/s and CPU time per event (emulator / publisher and subscriber) of every run, in the order run:
  ${grouped.map((g, i) => `row ${i + 1}: ${g.runs.map((r) => `${num(r.eventsPerSecond)} (${cpuPerEventText(r)})`).join(', ')}`).join('; ')}.
  Over all ${num(all.length)} runs: lost ${num(lostAll)}, duplicates ${num(duplicatesAll)}.
`
    : '';
  const pct = (n: number | undefined) => (n === undefined ? 'n/a' : `${num(n)}%`);
  return `${EMULATOR_HEADING}

<!-- Written by build-tools/bench/emulator.ts (renderEmulatorSection). Do not edit by hand. -->

Sustained publishing to the local partner namespace emulator (\`startEmulator\`, loaded from \`${o.from}/\`): CloudEvents 1.0
of ${num(result.actualEventBytes)} bytes each (serialized; \`data\` padded), in batched mode
(\`application/cloudevents-batch+json\`), over concurrent keep-alive connections with one request in flight on each,
after a warm-up of ${num(o.warmupEvents)} events. The namespace routes them by \`aeg-channel-name\` to one channel and its
activated partner topic, whose one webhook subscription delivers them, after the validation handshake, to a local
subscriber: in batches (\`maxEventsPerBatch\`, \`preferredBatchSizeInKilobytes\` 1024) or one event per request
(no \`maxEventsPerBatch\`, Event Grid's default). Targets (issue 15): at least ${num(EMULATOR_TARGET_EVENTS_PER_SECOND)} events/s end to end
with one event per delivery request and ${num(EMULATOR_BATCHED_TARGET_EVENTS_PER_SECOND)} with batched delivery, on this machine, every event
delivered exactly once (Azure's documented ingress limit for one partner topic is 5,000 events/s).

| publisher | delivery | events | batch size | connections | event size | wall time | events/s | MB/s | p50 request latency | p99 request latency | delivered | lost | duplicates | target |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

How it was measured:

- Two processes, all traffic on 127.0.0.1. The emulator runs alone in a child process, started on an app the
  benchmark synthesizes (a namespace, one channel, its partner topic activated, one webhook subscription); the
  parent process publishes and runs the webhook subscriber. The publisher is node's \`http.Agent\` with \`keepAlive\`
  (each body the \`JSON.stringify\` text of its events, written from a template the benchmark checks against
  \`JSON.stringify\`, as the publisher shares the machine's two cores with the emulator) or the official
  \`@azure/eventgrid\` \`EventGridPublisherClient\` (one client, as many concurrent \`send\` calls as connections). The
  subscriber is a node \`http\` server that parses every delivery. CPU during the measurement, as % of one core (emulator /
  publisher and subscriber / other processes on the machine): ${perRun((r) => `${pct(r.cpuPercent.emulator)} / ${pct(r.cpuPercent.loadGenerator)} / ${pct(r.cpuPercent.others)}`)};
  CPU time per measured event (emulator / publisher and subscriber): ${perRun(cpuPerEventText)}.
  A run that other processes took a core from is slower than the machine allows: compare the CPU per event.
- Wall time runs from the first measured request until the subscriber has acknowledged every measured event:
  events/s and MB/s (request bodies, 10^6 bytes) count events published *and* delivered. Publishing alone took
  ${perRun((r) => `${num(r.publishWallMs / 1000, 2)} s (${num(r.publishEventsPerSecond)} events/s accepted)`)}.
- Latency is per publish request, from sending it to the end of its 200 response; requests and the slowest:
  ${perRun((r) => `${num(r.requests)}, ${num(r.latencyMs.max, 1)} ms`)}.
- Delivery is checked by id: the subscriber parses every delivery and counts each id. "delivered" counts the
  distinct published ids it acknowledged (warm-up included), "lost" those it never got, "duplicates" deliveries
  beyond the first of an id. Delivery requests and failed attempts: ${perRun((r) => `${num(r.emulator.deliveryRequests)}, ${num(r.emulator.failedAttempts)}`)}.
- Machine: ${result.machine}. Peak memory of the emulator process: ${perRun((r) => `${num(r.emulatorMaxRssMb)} MB`)}.
  Publish requests answered 503 (a subscription's backlog full) and sent again after their \`Retry-After\`:
  ${perRun((r) => (r.options.client === 'sdk' ? 'n/a (the SDK retries them itself)' : num(r.backpressureRetries)))}.
${runsLine}- Command: \`npx ts-node --transpile-only build-tools/bench/emulator.ts --suite --from lib\` (after \`npx projen compile\`;
  \`npm run bench -- --emulator-only\` runs the same and writes this section alone into docs/benchmarks.md).
${special}`;
}

/** The bound the slow-subscriber run must keep the emulator's peak memory under. */
export const SLOW_SUBSCRIBER_RSS_BOUND_MB = 300;

/** The paragraph of a slow-subscriber or failing-subscriber run. */
function renderSpecialRun(r: EmulatorBenchResult): string {
  const o = r.options;
  if (o.slowPhaseMs) {
    const within = r.emulatorMaxRssMb < SLOW_SUBSCRIBER_RSS_BOUND_MB;
    return `
### A slow subscriber

For ${num(o.slowPhaseMs / 1000)} s the subscriber answered every delivery 2 s late (${deliveryText(o)}), while ${num(o.connections)}
connections kept publishing batches of ${num(o.batchSize)} ${num(r.actualEventBytes)}-byte events: the subscription's backlog filled
to its bound (50,000 events or 64 MiB), and publishers got 503 with \`Retry-After: 1\` (${num(r.backpressureRetries)} times) and
sent again. Then the subscriber answered at once until every accepted event had arrived. Peak memory of the emulator
process: **${num(r.emulatorMaxRssMb)} MB** (bound: ${num(SLOW_SUBSCRIBER_RSS_BOUND_MB)} MB, ${within ? 'kept' : 'NOT kept'}). Accepted and delivered:
${num(r.delivered)} / ${num(r.published)} (warm-up included), lost ${num(r.lost)}, duplicates ${num(r.duplicates)}.
`;
  }
  return `
### Soak: ${num(o.events)} events, a subscriber failing ${num((o.failureRate ?? 0) * 100)}% of deliveries

${num(o.events)} events (plus ${num(o.warmupEvents)} warm-up) published in batches of ${num(o.batchSize)} over ${num(o.connections)} connections and
delivered ${deliveryText(o)}; the subscriber failed ${num((o.failureRate ?? 0) * 100)}% of delivery requests, half with 500 and half by answering
only after the emulator's 1 s delivery timeout (the events then count as delivered at the subscriber, and the
emulator retries them: the duplicates below). Event Grid's retry schedule ran 1,000 times faster, with
\`maxDeliveryAttempts\` 3 and dead-lettering to the folder. Result: ${num(r.delivered)} delivered and ${num(r.deadLettered)} dead-lettered
of ${num(r.published)} published (${num(r.deliveredAndDeadLettered)} both: the subscriber had them, the emulator saw each attempt fail);
**lost ${num(r.lost)}**, duplicates ${num(r.duplicates)}, unexpected ${num(r.unexpected)}; ${num(r.emulator.failedAttempts)} failed attempts,
${num(r.emulator.retries)} retries; ${num(r.wallMs / 1000, 1)} s in all (${num(r.eventsPerSecond)} events/s); peak memory ${num(r.emulatorMaxRssMb)} MB.
Every event delivered or dead-lettered: ${r.lost === 0 ? 'yes' : 'NO'}.
`;
}

function parseCli(argv: string[]): EmulatorBenchOptions & { both: boolean } {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (flag: string, dflt: number) => (get(flag) === undefined ? dflt : Number(get(flag)));
  const client = get('--client') ?? 'http';
  return {
    events: int('--events', 300_000),
    batchSize: int('--batch', 100),
    connections: int('--connections', 8),
    eventBytes: int('--event-bytes', 1024),
    warmupEvents: int('--warmup', 20_000),
    from: (get('--from') ?? 'src') as 'src' | 'lib',
    client: client === 'both' ? 'http' : client as 'http' | 'sdk',
    both: client === 'both',
    deliveryBatchSize: get('--delivery-batch') === undefined || get('--delivery-batch') === 'structured'
      ? get('--delivery-batch') as 'structured' | undefined : Number(get('--delivery-batch')),
    cpuProfileDir: get('--cpu-prof'),
    emulatorDir: get('--emulator-dir'),
    failureRate: get('--failure-rate') === undefined ? undefined : Number(get('--failure-rate')),
    slowPhaseMs: get('--slow-phase-ms') === undefined ? undefined : Number(get('--slow-phase-ms')),
    log: (line) => console.error(line),
  };
}

/**
 * The runs of the emulator's part of `npm run bench`: batched delivery (node http and the official SDK), one event
 * per delivery request, a slow subscriber, and the soak (1,000,000 events, 10% of deliveries failing). Smoke: small
 * numbers from src/.
 */
export function emulatorSuite(smoke: boolean, from: 'src' | 'lib' = smoke ? 'src' : 'lib'): EmulatorBenchOptions[] {
  const base: EmulatorBenchOptions = smoke
    ? { events: 2_000, batchSize: 100, connections: 4, eventBytes: 1024, warmupEvents: 200, from }
    : { events: 300_000, batchSize: 100, connections: 8, eventBytes: 1024, warmupEvents: 20_000, from };
  if (smoke) {
    return [base];
  }
  // The two rows with a target run EMULATOR_ROUNDS times, alternating, and report their median run: the machine's
  // speed moves by a quarter within minutes (a virtual machine on a shared host), more than one run can tell apart.
  const rounds = Array.from({ length: EMULATOR_ROUNDS }, () => [base, { ...base, deliveryBatchSize: 'structured' as const }]).flat();
  return [
    ...rounds,
    { ...base, client: 'sdk' },
    { ...base, events: 2_000_000, slowPhaseMs: 30_000, slowSubscriberDelayMs: 2000 },
    { ...base, events: 1_000_000, failureRate: 0.1, maxDeliveryAttempts: 3, timeoutMs: 20 * 60_000 },
  ];
}

/** How many times `npm run bench` runs each row with a target (http publisher; batched, one event per request). */
export const EMULATOR_ROUNDS = 3;

/** The runs of one table row: the same publisher, delivery and load. */
function rowKey(r: EmulatorBenchResult): string {
  const o = r.options;
  return [o.client, deliveryText(o), o.events, o.batchSize, o.connections, o.eventBytes].join('|');
}

/**
 * The results grouped by table row (in the order each row first ran), each row's runs in the order they ran and its
 * median run by events/s (with an even count, the slower of the two middle runs).
 */
export function emulatorRows(results: readonly EmulatorBenchResult[]): Array<{ median: EmulatorBenchResult; runs: EmulatorBenchResult[] }> {
  const groups = new Map<string, EmulatorBenchResult[]>();
  for (const r of results) {
    const key = rowKey(r);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const sorted = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
    return { median: sorted[Math.floor((sorted.length - 1) / 2)], runs };
  });
}

/** Runs emulator benchmarks one after the other (each in its own emulator process). */
export async function runEmulatorSuite(runs: EmulatorBenchOptions[], log: (line: string) => void = () => undefined): Promise<EmulatorBenchResult[]> {
  const results: EmulatorBenchResult[] = [];
  for (const run of runs) {
    const result = await runEmulatorBenchmark({ ...run, log: run.log ?? log });
    log(JSON.stringify(result));
    results.push(result);
  }
  return results;
}

/** The emulator's section of docs/benchmarks.md, or '' when the file has none. */
export function emulatorSectionOf(markdown: string): string {
  const at = markdown.indexOf(EMULATOR_HEADING);
  return at >= 0 ? markdown.slice(at) : '';
}

/** docs/benchmarks.md with its emulator section (from `## Emulator throughput` to the end) replaced. */
export function replaceEmulatorSection(markdown: string, section: string): string {
  const at = markdown.indexOf(EMULATOR_HEADING);
  return `${at >= 0 ? markdown.slice(0, at) : `${markdown.trimEnd()}\n\n`}${section}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = parseCli(argv);
  // --suite: every run of `npm run bench`'s emulator part; --write-docs: replace that section of docs/benchmarks.md.
  const runs: EmulatorBenchOptions[] = argv.includes('--suite')
    ? emulatorSuite(false, opts.from).map((r) => ({ ...r, emulatorDir: opts.emulatorDir, cpuProfileDir: opts.cpuProfileDir, log: opts.log }))
    : (opts.both ? ['http', 'sdk'] as const : [opts.client ?? 'http']).map((client) => ({ ...opts, client }));
  const results = await runEmulatorSuite(runs, (line) => console.error(line));
  const section = renderEmulatorSection(results[0], ...results.slice(1));
  if (argv.includes('--write-docs')) {
    const file = path.join(ROOT, 'docs', 'benchmarks.md');
    fs.writeFileSync(file, replaceEmulatorSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', section));
    console.error(`wrote the emulator section of ${file}`);
  }
  console.log(section);
}

if (process.argv.includes(CHILD_FLAG)) {
  runChild();
} else if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
