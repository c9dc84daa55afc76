// The emulator's HTTP server: the publish endpoints of the namespaces and the admin endpoints, and the handle
// `startEmulator` returns.
import { timingSafeEqual, createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { EmulatorHandle, EmulatorOptions, MAX_REQUEST_BYTES, NamespaceEndpoint, PUBLISH_API_VERSION } from './api';
import { Emulator } from './emulator';
import { readAppModel } from './model-file';
import { ADMIN_HEADER, ADMIN_PREFIX, HttpError, refuse } from './runtime';

/** How much of an oversize request is kept to say which event is too large. */
const DIAGNOSTIC_BYTES = 8 * MAX_REQUEST_BYTES;

function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Answers one request: an admin endpoint, or a namespace's publish endpoint. */
export async function handleRequest(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const body = await readBody(req);
  try {
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      admin(emulator, req, res, url);
      return;
    }
    const ns = emulator.namespaces.find((n) => n.urlPath.toLowerCase() === url.pathname.replace(/\/+$/, '').toLowerCase());
    if (!ns) {
      const first = url.pathname.split('/')[1];
      const known = emulator.namespaces.find((n) => n.urlPath.split('/')[1].toLowerCase() === (first ?? '').toLowerCase());
      throw new HttpError(404, 'NotFound', known
        ? `${url.pathname} is not the publish endpoint of namespace ${known.name}: POST ${known.urlPath}?api-version=${PUBLISH_API_VERSION}`
        : `no partner namespace at ${url.pathname}: the endpoints are ${emulator.namespaces.map((n) => n.urlPath).join(', ') || '(none)'}`);
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      throw refuse(ns, new HttpError(405, 'MethodNotAllowed', `the publish endpoint takes POST, not ${req.method}`));
    }
    emulator.publish(ns, req.headers, url.searchParams, body.data, body.total);
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  } catch (e) {
    if (e instanceof HttpError) {
      const payload = JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
      res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
      res.end(payload);
      return;
    }
    emulator.log('warn', `request ${req.method} ${url.pathname} failed in the emulator: ${(e as Error).stack ?? e}`);
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'the emulator failed on this request (see its log)' } }));
  }
}

/** The `/_emulator` endpoints: the model, stats, activation. */
function admin(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const key = req.headers[ADMIN_HEADER];
  if (typeof key !== 'string' || !secretEquals(key, emulator.adminKey)) {
    throw new HttpError(401, 'Unauthorized', 'Unauthorized');
  }
  const action = url.pathname.slice(ADMIN_PREFIX.length).replace(/^\/|\/$/g, '');
  const send = (value: unknown) => {
    const payload = JSON.stringify(value, null, 2);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  };
  if (req.method === 'GET' && action === '') {
    send({
      namespaces: emulator.namespaces.map((n) => ({ name: n.name, endpoint: n.urlPath, routingMode: n.routingMode })),
      topics: [...emulator.topics.values()].map((t) => emulator.topicInfo(t)),
    });
  } else if (req.method === 'GET' && action === 'stats') {
    send(emulator.stats());
  } else if (req.method === 'POST' && (action === 'activate' || action === 'deactivate')) {
    const topic = url.searchParams.get('topic');
    if (!topic) {
      throw new HttpError(400, 'BadRequest', `give the partner topic: POST ${ADMIN_PREFIX}/${action}?topic=<ARM id | subscription/resourceGroup/name | name>`);
    }
    send(emulator.setActivation(topic, action === 'activate' ? 'Activated' : 'Deactivated'));
  } else {
    throw new HttpError(404, 'NotFound', `admin endpoints: GET ${ADMIN_PREFIX}, GET ${ADMIN_PREFIX}/stats, POST ${ADMIN_PREFIX}/activate?topic=…, POST ${ADMIN_PREFIX}/deactivate?topic=…`);
  }
}

/** The request body, kept up to DIAGNOSTIC_BYTES; `total` counts every byte received. */
function readBody(req: http.IncomingMessage): Promise<{ data: Buffer; total: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (kept < DIAGNOSTIC_BYTES) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    });
    req.on('end', () => resolve({ data: Buffer.concat(chunks), total }));
    req.on('error', reject);
  });
}

/** Starts an emulator for a synthesized app. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const model = options.model ?? readAppModel(options.outdir ?? 'cdktf.out');
  const emulator = new Emulator(model, options);
  const server = http.createServer((req, res) => {
    handleRequest(emulator, req, res).catch((e) => {
      emulator.log('warn', `request failed: ${(e as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(400);
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostText}:${address.port}`;
  const namespaces: NamespaceEndpoint[] = emulator.namespaces.map((ns) => ({
    name: ns.name,
    path: ns.path,
    location: ns.location,
    routingMode: ns.routingMode,
    endpoint: `${url}${ns.urlPath}`,
    keys: ns.keys,
    localAuthEnabled: ns.localAuthEnabled,
    channels: ns.channels.map((c) => ({ name: c.name ?? '(unknown)', kind: c.model.kind, source: c.model.source, partnerTopicId: c.topic?.id ?? null })),
  }));
  const byName = (name: string) => {
    const ns = namespaces.find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (!ns) {
      throw new Error(`no partner namespace ${name} (the emulator has ${namespaces.map((n) => n.name).join(', ') || 'none'})`);
    }
    return ns;
  };
  const unwrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw e instanceof HttpError ? new Error(e.message) : e;
    }
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    namespaces,
    adminKey: emulator.adminKey,
    deadLetterDir: emulator.deadLetterDir,
    endpoint: (name) => byName(name).endpoint,
    keys: (name) => byName(name).keys,
    activate: (topic) => unwrap(() => emulator.setActivation(topic, 'Activated')),
    deactivate: (topic) => unwrap(() => emulator.setActivation(topic, 'Deactivated')),
    topics: () => [...emulator.topics.values()].map((t) => emulator.topicInfo(t)),
    stats: () => emulator.stats(),
    waitForIdle: (timeoutMs = 30_000) => emulator.waitForIdle(timeoutMs),
    stop: () => {
      if (!stopped) {
        stopped = new Promise<void>((resolve) => {
          emulator.stop();
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      return stopped;
    },
  };
}
