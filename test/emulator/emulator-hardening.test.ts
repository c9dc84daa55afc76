// The emulator under hostile input, slow subscribers and real command lines (issue 15, defects 1-7; defect 8 is in
// emulator-publish.test.ts, with the onboarding article's request): no input gets a 5xx, bodies are never read past
// the limit, slow clients are cut off, a subscriber's backlog is bounded with 503 + Retry-After and nothing lost,
// errors repeat little of what they refuse, the command line takes real keys and URLs.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import * as ts from 'typescript';
import { destinations, PartnerNamespace, PartnerRegistration, PartnerTopicRoutingMode } from '../../src';
import { EmulatorHandle, EmulatorOptions, generateKey, readDeadLetters, startEmulator } from '../../src/emulator';
import { parseArgs, runCli } from '../../src/emulator/cli';
import { Receiver, removeTemp, synthApp, tempDir } from '../support/emulator';

const SUB = '0b6e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
const HOOKS = 'https://hard.contoso.example';
/** Subscription names that are also members of every plain JavaScript object (defect 4). */
const OBJECT_MEMBER_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
const NAMESPACE = 'contoso-hard';
const CHANNEL = 'hard-tickets';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/hard/providers/Microsoft.Storage/storageAccounts/harddl`;

function buildApp(app: App): void {
  const stack = new TerraformStack(app, 'hardening');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'hard', registrationName: 'contoso-hard' });
  const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'hard', location: 'westus2', partnerRegistration: registration, namespaceName: NAMESPACE });
  const topic = ns.addChannel('Channel', {
    channelName: CHANNEL, partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'hard', partnerTopicName: 'hard-tickets', source: 'com.contoso.hard',
  }).partnerTopic;
  topic.activate();
  for (const name of OBJECT_MEMBER_NAMES) {
    topic.addEventSubscription(`Sub${name}`, {
      eventSubscriptionName: name,
      destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/${name}` }),
      // One of them dead-letters (the others drop what they give up).
      ...(name === 'constructor' ? { deadLetter: { storageAccountId: STORAGE, blobContainerName: 'hard-dead-letters' } } : {}),
    });
  }
  const bySource = new PartnerNamespace(stack, 'SourceNamespace', {
    resourceGroupName: 'hard', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-source', routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
  });
  bySource.addEventChannel('Account1', {
    eventChannelName: 'account1', source: 'com.contoso.account1', partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'hard', partnerTopicName: 'account1',
  });
}

let outdir: string;
let receiver: Receiver;
let emulator: EmulatorHandle | undefined;
let deadLetters: string | undefined;
const logs: string[] = [];

beforeAll(async () => {
  outdir = synthApp(buildApp);
  receiver = await Receiver.start();
});

afterAll(async () => {
  await receiver?.stop();
  removeTemp(outdir);
});

beforeEach(() => {
  receiver.reset();
  logs.length = 0;
});

afterEach(async () => {
  receiver.release();
  await emulator?.stop();
  emulator = undefined;
  removeTemp(deadLetters);
  deadLetters = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  deadLetters = tempDir('hard-dead-letters');
  emulator = await startEmulator({
    outdir,
    webhooks: { [HOOKS]: receiver.url },
    deadLetterDir: deadLetters,
    timing: { timeScale: 0.001, deliveryTimeoutMs: 10_000 },
    logger: (level, message) => logs.push(`${level}: ${message}`),
    ...options,
  });
  return emulator;
}

function event(id: string, extra: object = {}): { [key: string]: unknown } {
  return { specversion: '1.0', id, type: 'com.contoso.ticketcreated', source: 'com.contoso.hard', ...extra };
}

/** Posts raw bytes to the namespace's endpoint with its key; the status and body of the answer. */
async function postRaw(
  em: EmulatorHandle, body: string | Buffer, headers: { [k: string]: string } = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${em.endpoint(NAMESPACE)}?api-version=2018-01-01`, {
    method: 'POST',
    body,
    headers: { 'aeg-sas-key': em.keys(NAMESPACE).key1, 'content-type': 'application/cloudevents-batch+json', 'aeg-channel-name': CHANNEL, ...headers },
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Resolves with what `register` reports, or rejects after `ms` (a bounded wait). */
function within<T>(ms: number, what: string, register: (resolve: (v: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    register((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

describe('defect 1: no input gets a 5xx', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

  test('values nested 100,000 deep in any attribute are refused with 400 (or accepted where CloudEvents allows them), never 500', async () => {
    const em = await start();
    const fields = ['id', 'specversion', 'source', 'type', 'subject', 'time', 'dataschema', 'datacontenttype', 'data_base64'];
    for (const field of fields) {
      const attrs = JSON.stringify(event(`deep-${field}`)).slice(1, -1).replace(new RegExp(`"${field}":"[^"]*",?`), '');
      const body = `[{${attrs},"${field}":${deep(100_000)}}]`;
      const res = await postRaw(em, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      // The answer names the field and repeats nothing of the value but its kind.
      expect(res.text.length).toBeLessThan(2000);
    }
    // An extension attribute nested deep: the CloudEvents SDK takes it; whatever the answer, it is not a 5xx.
    const extension = await postRaw(em, `[${JSON.stringify(event('deep-extension')).slice(0, -1)},"comexampleextension":${deep(100_000)}}]`);
    expect(extension.status).toBeLessThan(500);
    // The event itself, or the whole batch, nested deep.
    for (const body of [`[${deep(100_000)}]`, deep(100_000), `[${deepObject(100_000)}]`]) {
      const res = await postRaw(em, body);
      expect(res.status).toBe(400);
    }
    const structured = await postRaw(em, deepObject(100_000), { 'content-type': 'application/cloudevents+json' });
    expect(structured.status).toBe(400);
    // Deeply nested data is valid CloudEvents: accepted, and delivered as published.
    const withDeepData = `[${JSON.stringify(event('deep-data')).slice(0, -1)},"data":${deepObject(100_000)}}]`;
    expect((await postRaw(em, withDeepData)).status).toBe(200);
    await em.waitForIdle(20_000);
    const delivered = receiver.requests.find((r) => r.path === '/constructor' && r.method === 'POST' && r.events[0]?.id === 'deep-data');
    expect(delivered?.body === withDeepData.slice(1, -1)).toBe(true);
    expect(Object.keys(em.stats().namespaces[NAMESPACE].refused)).toEqual(['400']);
  });

  test('deeply nested data that ends in the dead-letter folder is written, not lost to a stack overflow', async () => {
    const failing = await Receiver.start(() => 400);
    try {
      const em = await start({ webhooks: { [HOOKS]: failing.url } });
      const body = `[${JSON.stringify(event('deep-dead-letter')).slice(0, -1)},"data":${deep(50_000)}}]`;
      expect((await postRaw(em, body)).status).toBe(200);
      await em.waitForIdle(20_000);
      const stats = Object.values(em.stats().subscriptions);
      // constructor dead-letters; the other three have no dead-letter destination and drop it, as Event Grid does.
      expect(stats.map((s) => [s.name, s.deadLettered, s.dropped, s.deadLetterWriteFailures])).toEqual([
        ['constructor', 1, 0, 0], ['toString', 0, 1, 0], ['valueOf', 0, 1, 0], ['hasOwnProperty', 0, 1, 0],
      ]);
      const [letter] = readDeadLetters(em.deadLetterDir);
      expect(letter.event).toMatchObject({ id: 'deep-dead-letter', deadletterreason: 'UndeliverableDueToHttpBadRequest', lasthttpstatuscode: 400 });
      expect(fs.readFileSync(letter.file, 'utf8')).toContain(`"data":${deep(50_000)},"deadletterreason":`);
    } finally {
      await failing.stop();
    }
  });
});

describe('defect 2: the command line', () => {
  test('base64 keys (with their = padding) and webhook URLs with queries are taken whole; bad --key values are refused', () => {
    const [key1, key2] = [generateKey(), generateKey()];
    expect(key1.endsWith('=')).toBe(true);
    const { options } = parseArgs(['emulate', 'out', '--key', `${NAMESPACE}=${key1},${key2}`, '--webhook', 'https://hard.contoso.example=http://127.0.0.1:3000/hook?code=a%3D%3D&x=1==']);
    expect(options.keys).toEqual({ [NAMESPACE]: { key1, key2 } });
    expect(options.webhooks).toEqual({ 'https://hard.contoso.example': 'http://127.0.0.1:3000/hook?code=a%3D%3D&x=1==' });
    // The example: a namespace "ns=A" with an empty key1 before; now namespace ns, keys "A=" and "B".
    expect(parseArgs(['--key', 'ns=A=,B']).options.keys).toEqual({ ns: { key1: 'A=', key2: 'B' } });
    expect(parseArgs(['--key=ns=A==']).options.keys).toEqual({ ns: { key1: 'A==', key2: undefined } });
    expect(() => parseArgs(['--key', 'ns=,B'])).toThrow('--key ns=…: give one or two non-empty keys separated by a comma (<key1>[,<key2>]), got 2 part(s) with an empty one');
    expect(() => parseArgs(['--key', 'ns=a,b,c'])).toThrow(/got 3 part\(s\)/);
    expect(() => parseArgs(['--key', '=abc'])).toThrow('--key takes <name>=<value> (got "=abc")');
    expect(() => parseArgs(['--webhook', 'sub=not a url'])).toThrow('--webhook sub=…: "not a url" is not a URL (give http://127.0.0.1:<port>/<path>)');
    expect(() => parseArgs(['--colour'])).toThrow(/Unknown option '--colour'/);
    expect(() => parseArgs(['--max-backlog', '0'])).toThrow('--max-backlog takes a whole number from 1 to 10000000 (got "0")');
    expect(parseArgs(['--max-backlog', '100', '--max-connections', '8']).options).toMatchObject({ backlog: { maxEvents: 100 }, limits: { maxConnections: 8 } });
  });

  test('a key or webhook that names nothing in the model is refused, listing the names that exist', async () => {
    await expect(start({ keys: { 'contoso-hrad': { key1: generateKey() } } })).rejects.toThrow(
      'keys are given for "contoso-hrad", which is no partner namespace of the app: the namespaces are contoso-hard, contoso-source');
    await expect(start({ webhooks: { [HOOKS]: receiver.url, 'to-string': receiver.url } })).rejects.toThrow(
      /^webhook mapping\(s\) "to-string" match no webhook subscription of the app: give a subscription name, <topic>\/<subscription>, a construct path, or the origin of an endpoint URL — they are constructor, .*hard-tickets\/toString, .*https:\/\/hard\.contoso\.example, toString, valueOf$/);
    // The nearest good input: the same names spelled right (a namespace name in another case, as Azure compares them).
    const em = await start({ keys: { 'Contoso-Hard': { key1: 'a2V5MQ==', key2: 'a2V5Mg==' } }, webhooks: { [HOOKS]: receiver.url, 'hard-tickets/toString': `${receiver.url}/renamed` } });
    expect(em.keys(NAMESPACE)).toEqual({ key1: 'a2V5MQ==', key2: 'a2V5Mg==' });
  });

  test('the command runs with a real key; a taken port is refused with a message that says what to do', async () => {
    const key = generateKey();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const dl = tempDir('cli-hard');
    const first = await runCli(['emulate', outdir, '--port', '0', '--key', `${NAMESPACE}=${key}`, '--webhook', `${HOOKS}=${receiver.url}`, '--dead-letter-dir', dl], io);
    try {
      expect(first!.keys(NAMESPACE).key1).toBe(key);
      expect(lines).toContain(`  aeg-sas-key key1: ${key}`);
      const published = await fetch(`${first!.endpoint(NAMESPACE)}?api-version=2018-01-01`, {
        method: 'POST', body: JSON.stringify([event('cli-1')]), headers: { 'aeg-sas-key': key, 'content-type': 'application/cloudevents-batch+json', 'aeg-channel-name': CHANNEL },
      });
      expect(published.status).toBe(200);
      const port = new URL(first!.url).port;
      await expect(runCli(['emulate', outdir, '--port', port], io)).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use (another emulator, or another program): stop it, or choose another port (--port <n>, or --port 0 for any free port)`);
    } finally {
      await first?.stop();
      removeTemp(dl);
    }
  });
});

describe('defect 3: SAS token expiry is UTC whatever the host\'s time zone', () => {
  /** Runs the emulator's token check in a node process with the given TZ. */
  function inTimeZone(tz: string): { offsetMinutes: number; before: boolean; after: boolean; iso: boolean; parsed: number } {
    const js = ts.transpileModule(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'emulator', 'auth.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dir = tempDir('tz');
    try {
      fs.writeFileSync(path.join(dir, 'auth.js'), js);
      const script = `
        const { createHmac } = require('crypto');
        const auth = require(${JSON.stringify(path.join(dir, 'auth.js'))});
        const key = Buffer.from('emulator-test-key-0123456789abcdef').toString('base64');
        const resource = 'http://127.0.0.1:4711/contoso-hard/api/events?api-version=2018-01-01';
        // What azure-eventgrid's Python generate_sas writes: e = str(datetime), no zone, meaning UTC.
        const unsigned = 'r=' + encodeURIComponent(resource) + '&e=' + encodeURIComponent('2026-12-01 17:34:21.440000');
        const token = unsigned + '&s=' + encodeURIComponent(createHmac('sha256', Buffer.from(key, 'base64')).update(unsigned).digest('base64'));
        const expiry = Date.UTC(2026, 11, 1, 17, 34, 21, 440);
        const keys = { key1: key, key2: key };
        console.log(JSON.stringify({
          offsetMinutes: new Date(2026, 11, 1).getTimezoneOffset(),
          before: auth.sasTokenValid(token, keys, '/contoso-hard/api/events', expiry - 60000),
          after: auth.sasTokenValid(token, keys, '/contoso-hard/api/events', expiry + 60000),
          iso: auth.parseServiceTime('2026-12-01T17:34:21.44+09:00') === expiry - 9 * 3600000,
          parsed: auth.parseServiceTime('2026-12-01 17:34:21.440000'),
        }));`;
      const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 20_000 });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout);
    } finally {
      removeTemp(dir);
    }
  }

  test.each([['Asia/Tokyo', -540], ['America/Los_Angeles', 480], ['UTC', 0]])('on a host in %s', (tz, offset) => {
    const r = inTimeZone(tz);
    // The child really ran in that zone…
    expect(r.offsetMinutes).toBe(offset);
    // …and the token is valid a minute before its UTC expiry and refused a minute after.
    expect(r).toMatchObject({ before: true, after: false, iso: true, parsed: Date.UTC(2026, 11, 1, 17, 34, 21, 440) });
  });
});

describe('defect 4: names that are members of every JavaScript object', () => {
  test('subscriptions named constructor, toString, valueOf and hasOwnProperty are delivered', async () => {
    const em = await start();
    expect((await postRaw(em, JSON.stringify([event('object-names')]))).status).toBe(200);
    await em.waitForIdle(10_000);
    for (const name of OBJECT_MEMBER_NAMES) {
      expect({ name, ids: [...receiver.ids(`/${name}`).keys()] }).toEqual({ name, ids: ['object-names'] });
    }
    expect(Object.values(em.stats().subscriptions).map((s) => s.notDeliveredLocally)).toEqual([0, 0, 0, 0]);
  });
});

describe('defect 5: bodies, slow clients and connections are bounded', () => {
  test('a body that never ends gets 413 as soon as it crosses 1 MB, and its connection is closed', async () => {
    const em = await start();
    const url = new URL(`${em.endpoint(NAMESPACE)}?api-version=2018-01-01`);
    const req = http.request(url, {
      method: 'POST',
      headers: { 'aeg-sas-key': em.keys(NAMESPACE).key1, 'content-type': 'application/cloudevents-batch+json', 'aeg-channel-name': CHANNEL, 'transfer-encoding': 'chunked' },
    });
    req.on('error', () => undefined);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const response = within<http.IncomingMessage>(10_000, 'the 413', (resolve) => req.on('response', resolve));
    const pump = setInterval(() => {
      // Never ends: 64 KB every 5 ms until the test is over.
      if (!req.destroyed) {
        req.write(chunk);
        sent += chunk.length;
      }
    }, 5);
    try {
      const res = await response;
      const text = await new Promise<string>((resolve) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(t));
      });
      expect(res.statusCode).toBe(413);
      expect(JSON.parse(text).error.message).toMatch(/^the request is more than 1048576 bytes, over the request size limit/);
      // The body was still being sent when the answer came; the emulator then closes the connection.
      expect(sent).toBeGreaterThan(1024 * 1024);
      await within(10_000, 'closing the connection', (resolve) => (req.socket?.destroyed ? resolve(undefined) : req.socket?.once('close', () => resolve(undefined))));
    } finally {
      clearInterval(pump);
      req.destroy();
    }
    // A Content-Length over the limit is refused before any byte of the body is sent.
    const declared = http.request(url, { method: 'POST', headers: { 'aeg-sas-key': em.keys(NAMESPACE).key1, 'content-length': String(2 * 1024 * 1024) } });
    declared.on('error', () => undefined);
    declared.flushHeaders();
    const early = await within<http.IncomingMessage>(5000, 'the early 413', (resolve) => declared.on('response', resolve));
    expect(early.statusCode).toBe(413);
    declared.destroy();
    // A client that goes away in the middle of a body is no failure of the emulator.
    const aborted = http.request(url, { method: 'POST', headers: { 'aeg-sas-key': em.keys(NAMESPACE).key1, 'content-length': '1000' } });
    aborted.on('error', () => undefined);
    aborted.write('[{"id":');
    await new Promise((r) => setTimeout(r, 100));
    aborted.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.filter((l) => /failed in the emulator/.test(l))).toEqual([]);
    expect(em.stats().namespaces[NAMESPACE].refused).toEqual({ 400: 1, 413: 2 });
    // The nearest good input: a body just under the limit is read whole (and refused only for what it holds).
    const justUnder = JSON.stringify([event('big', { data: { pad: 'x'.repeat(1024 * 1024 - 200) } })]);
    expect(Buffer.byteLength(justUnder)).toBeLessThanOrEqual(1024 * 1024);
    expect((await postRaw(em, justUnder)).status).toBe(200);
  });

  /** A raw connection; resolves with what the server sent once it closes it (rejects if it stays open). */
  function connect(em: EmulatorHandle, send: string | undefined, waitMs: number): Promise<string> {
    const { port } = new URL(em.url);
    return new Promise((resolve, reject) => {
      let got = '';
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        if (send !== undefined) {
          socket.write(send);
        }
      });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the emulator kept the connection open for ${waitMs} ms`));
      }, waitMs);
      socket.on('data', (d) => (got += d));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(got);
      });
    });
  }

  test('slow headers, slow bodies and silent connections are cut off at the timeouts', async () => {
    const em = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const started = Date.now();
    // Headers that never end.
    expect(await connect(em, `POST ${new URL(em.endpoint(NAMESPACE)).pathname} HTTP/1.1\r\nHost: x\r\n`, 5000)).toMatch(/^HTTP\/1\.1 408/);
    // A connection that says nothing.
    await connect(em, undefined, 5000);
    // A body that stops halfway.
    const headers = `POST ${new URL(em.endpoint(NAMESPACE)).pathname}?api-version=2018-01-01 HTTP/1.1\r\nHost: x\r\naeg-sas-key: ${em.keys(NAMESPACE).key1}\r\n`
      + `content-type: application/cloudevents-batch+json\r\naeg-channel-name: ${CHANNEL}\r\ncontent-length: 100\r\n\r\n[{"id":`;
    expect(await connect(em, headers, 5000)).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The nearest good input: a whole request in time is answered.
    expect((await postRaw(em, JSON.stringify([event('in-time')]))).status).toBe(200);
  });

  test('connections past the cap are closed as they come; one closes, the next is served', async () => {
    const em = await start({ limits: { maxConnections: 3 } });
    const { port } = new URL(em.url);
    const open = await Promise.all([0, 1, 2].map(() => new Promise<net.Socket>((resolve) => {
      const s = net.connect(Number(port), '127.0.0.1', () => resolve(s));
      s.on('error', () => undefined);
    })));
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(await connect(em, undefined, 5000)).toBe('');
      open[0].destroy();
      await new Promise((r) => setTimeout(r, 100));
      const served = await connect(em, `GET ${new URL(em.endpoint(NAMESPACE)).pathname} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 5000);
      expect(served).toMatch(/^HTTP\/1\.1 405/);
    } finally {
      open.forEach((s) => s.destroy());
    }
  });
});

describe('defect 6: a slow subscriber', () => {
  test('its backlog is bounded: publishers get 503 with Retry-After, the official client retries, no event is lost or duplicated', async () => {
    receiver.hold();
    const em = await start({ backlog: { maxEvents: 20, retryAfterSeconds: 1 } });
    const batch = (from: number) => JSON.stringify(Array.from({ length: 10 }, (_, i) => event(`slow-${from + i}`)));
    expect((await postRaw(em, batch(0))).status).toBe(200);
    expect((await postRaw(em, batch(10))).status).toBe(200);
    const full = await postRaw(em, batch(20));
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(full.text).error).toMatchObject({ code: 'ServiceUnavailable', message: expect.stringMatching(/^subscription \w+ of this namespace's partner topic holds 20 events not yet delivered: retry after 1 s \(nothing of this request was accepted\)$/) });
    // The official client, with its default retry policy, gets through once the subscriber catches up.
    const client = new EventGridPublisherClient(em.endpoint(NAMESPACE), 'CloudEvent', new AzureKeyCredential(em.keys(NAMESPACE).key1), { allowInsecureConnection: true });
    const sent = client.send(Array.from({ length: 10 }, (_, i) => ({ id: `slow-${20 + i}`, type: 'com.contoso.ticketcreated', source: 'com.contoso.hard', data: {} })), { channelName: CHANNEL });
    await new Promise((r) => setTimeout(r, 300));
    receiver.release();
    await sent;
    await em.waitForIdle(20_000);
    const stats = em.stats();
    expect(stats.namespaces[NAMESPACE]).toMatchObject({ acceptedEvents: 30 });
    expect(stats.namespaces[NAMESPACE].refused[503]).toBeGreaterThanOrEqual(2);
    for (const name of OBJECT_MEMBER_NAMES) {
      const ids = receiver.ids(`/${name}`);
      expect({ name, count: ids.size, duplicates: [...ids.values()].filter((n) => n > 1).length }).toEqual({ name, count: 30, duplicates: 0 });
    }
    for (const s of Object.values(stats.subscriptions)) {
      expect(s.peakBacklog).toBeLessThanOrEqual(20);
      expect(s).toMatchObject({ matched: 30, delivered: 30, pending: 0 });
    }
  });
});

describe('defect 7: what errors repeat', () => {
  test('a refused 1 MB event gets an answer of a few hundred bytes; attribute names and values are cut short', async () => {
    const em = await start();
    const big = await postRaw(em, JSON.stringify([event('x', { id: 'i'.repeat(0), specversion: 's'.repeat(1000 * 1000) })]));
    expect(big.status).toBe(400);
    expect(big.text.length).toBeLessThan(1000);
    expect(JSON.parse(big.text).error.message).toBe(`event 0: specversion is "${'s'.repeat(64)}"… (1000000 characters): a partner namespace accepts CloudEvents 1.0 only ("specversion": "1.0")`);
    const badName = await postRaw(em, `[${JSON.stringify(event('y')).slice(0, -1)},"${'N'.repeat(500_000)}":1}]`);
    expect(badName.status).toBe(400);
    expect(badName.text.length).toBeLessThan(1000);
    const notObject = await postRaw(em, JSON.stringify(['z'.repeat(900_000)]));
    expect(notObject.text.length).toBeLessThan(1000);
    expect(JSON.parse(notObject.text).error.message).toMatch(/^event 0: \(event\) is not a JSON object \("z{64}"… \(900000 characters\)\)$/);
  });

  test('invalid UTF-8 is refused with 400; valid multi-byte UTF-8 is delivered byte for byte', async () => {
    const em = await start();
    const good = Buffer.from(JSON.stringify([event('utf8', { subject: 'Zürich 東京 🎫' })]));
    const bad = Buffer.from(good);
    bad[bad.indexOf(Buffer.from('東'))] = 0xff;
    const refused = await postRaw(em, bad);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).error.message).toBe('the request body is not valid UTF-8: JSON text must be encoded as UTF-8 (RFC 8259, section 8.1)');
    expect((await postRaw(em, good)).status).toBe(200);
    await em.waitForIdle(10_000);
    const delivered = receiver.requests.find((r) => r.path === '/valueOf' && r.method === 'POST');
    expect(delivered?.body).toBe(good.toString('utf8').slice(1, -1));
  });

  test('a wrong path says little before authentication, and helps after', async () => {
    const em = await start();
    const anonymous = await fetch(`${em.url}/nope/api/events?api-version=2018-01-01`, { method: 'POST', body: '[]' });
    expect(anonymous.status).toBe(404);
    const text = await anonymous.text();
    expect(JSON.parse(text).error.message).toBe('no publish endpoint at this path');
    expect(text).not.toMatch(/contoso/);
    const withKey = await fetch(`${em.url}/contoso-hard/api/other`, { method: 'POST', body: '[]', headers: { 'aeg-sas-key': em.keys(NAMESPACE).key1 } });
    expect(JSON.parse(await withKey.text()).error.message).toBe('/contoso-hard/api/other is not the publish endpoint of namespace contoso-hard: POST /contoso-hard/api/events?api-version=2018-01-01');
    const withAdminKey = await fetch(`${em.url}/nope`, { headers: { 'x-emulator-admin-key': em.adminKey } });
    expect(JSON.parse(await withAdminKey.text()).error.message).toBe('no partner namespace at /nope: the endpoints are /contoso-hard/api/events, /contoso-source/api/events');
  });
});
