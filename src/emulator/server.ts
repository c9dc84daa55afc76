// The emulator's HTTP server: the publish endpoints of the namespaces and the admin endpoints, and the handle
// `startEmulator` returns.
import { timingSafeEqual, createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { DEFAULT_LIMITS, EmulatorHandle, EmulatorOptions, MAX_REQUEST_BYTES, NamespaceEndpoint, PUBLISH_API_VERSION } from './api';
import { Emulator } from './emulator';
import { readAppModel } from './model-file';
import { ADMIN_HEADER, ADMIN_PREFIX, HttpError, refuse } from './runtime';
import { capText } from './text';

/** How long a client may go on sending a body the emulator has already answered (413, 401…) before it is cut off. */
const ABANDONED_BODY_GRACE_MS = 1000;

function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function sendError(res: http.ServerResponse, e: HttpError): void {
  const payload = JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
  res.writeHead(e.status, {
    ...e.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

/** Answers one request: an admin endpoint, or a namespace's publish endpoint. */
export async function handleRequest(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://emulator.local');
  } catch {
    url = new URL('http://emulator.local/');
  }
  try {
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      admin(emulator, req, res, url);
      return;
    }
    const wanted = url.pathname.replace(/\/+$/, '').toLowerCase();
    const ns = emulator.namespaces.find((n) => n.urlPath.toLowerCase() === wanted);
    if (!ns) {
      throw notFound(emulator, req, url);
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      throw refuse(ns, new HttpError(405, 'MethodNotAllowed', `the publish endpoint takes POST, not ${capText(req.method ?? '')}`));
    }
    emulator.authorize(ns, req.headers, url.searchParams);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      throw e instanceof HttpError ? refuse(ns, e) : e;
    }
    emulator.publish(ns, req.headers, body);
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  } catch (e) {
    if (!req.complete) {
      abandonBody(req);
    }
    if (e instanceof HttpError) {
      sendError(res, e);
      return;
    }
    emulator.log('warn', `request ${capText(req.method ?? '')} ${capText(url.pathname)} failed in the emulator: ${(e as Error).stack ?? e}`);
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'the emulator failed on this request (see its log)' } }));
  }
}

/**
 * The 404 of a path that is no publish endpoint. A client that shows a namespace key or the admin key is told which
 * endpoint it may have meant; anyone else learns nothing about the namespaces the emulator serves.
 */
function notFound(emulator: Emulator, req: http.IncomingMessage, url: URL): HttpError {
  if (!emulator.knowsAKey(req.headers)) {
    return new HttpError(404, 'NotFound', 'no publish endpoint at this path');
  }
  const path = capText(url.pathname);
  const first = url.pathname.split('/')[1] ?? '';
  const known = emulator.namespaces.find((n) => n.urlPath.split('/')[1].toLowerCase() === first.toLowerCase());
  return new HttpError(404, 'NotFound', known
    ? `${path} is not the publish endpoint of namespace ${known.name}: POST ${known.urlPath}?api-version=${PUBLISH_API_VERSION}`
    : `no partner namespace at ${path}: the endpoints are ${emulator.namespaces.map((n) => n.urlPath).join(', ') || '(none)'}`);
}

/**
 * Lets a client that is still sending a body the emulator has answered finish for a moment (its bytes are read and
 * dropped, so that it sees the answer rather than a reset), then closes the connection: a body that never ends
 * holds nothing.
 */
function abandonBody(req: http.IncomingMessage): void {
  req.removeAllListeners('data');
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), ABANDONED_BODY_GRACE_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.socket.once('close', () => clearTimeout(timer));
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

/**
 * The request body, read up to MAX_REQUEST_BYTES: a request whose Content-Length is larger is refused before a
 * byte of its body is read, and one without (chunked) as soon as its bytes cross the limit (413).
 */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const limit = `${MAX_REQUEST_BYTES} bytes (1 MB)`;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) {
    return Promise.reject(new HttpError(413, 'PayloadTooLarge', `the request is ${declared} bytes, over the request size limit of ${limit} (an event too is limited to 1 MB)`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_REQUEST_BYTES) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new HttpError(413, 'PayloadTooLarge', `the request is more than ${MAX_REQUEST_BYTES} bytes, over the request size limit of ${limit} (an event too is limited to 1 MB)`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)));
    // A client that goes away mid-body: answered 400 (if anyone is left to read it), never a 5xx.
    const gone = (why: string) => reject(new HttpError(400, 'BadRequest', `the request body could not be read (${capText(why)})`));
    req.on('error', (e) => gone(e.message));
    req.on('close', () => {
      if (!req.complete) {
        gone('the connection closed before the body ended');
      }
    });
  });
}

/** Starts an emulator for a synthesized app. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const model = options.model ?? readAppModel(options.outdir ?? 'cdktf.out');
  const emulator = new Emulator(model, options);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often node checks the two timeouts above (its default, 30 s, would let a slow client hold on that long).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 2)),
  }, (req, res) => {
    handleRequest(emulator, req, res).catch((e) => {
      emulator.log('warn', `request failed: ${(e as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(400);
      }
      res.end();
    });
  });
  // Connections past the cap are closed as they come (node counts them).
  server.maxConnections = limits.maxConnections;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      emulator.stop();
      reject(e.code === 'EADDRINUSE'
        ? new Error(`port ${port} on ${host} is already in use (another emulator, or another program): stop it, or choose another port (--port <n>, or --port 0 for any free port)`)
        : e.code === 'EADDRNOTAVAIL'
          ? new Error(`address ${host} is not an address of this machine: listen on 127.0.0.1 (the default) or another local address`)
          : e);
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
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
    storage: emulator.storageDescription,
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
