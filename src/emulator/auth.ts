// Publisher authentication of a partner namespace: an access key in `aeg-sas-key`, or a SAS token in
// `aeg-sas-token` (`r=<resource>&e=<expiry>&s=<signature>`, the signature an HMAC-SHA256 of `r=…&e=…` with the
// base64-decoded key, as Event Grid documents and the Azure SDKs build it). Compared in constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** A namespace's two access keys. */
export interface NamespaceKeys {
  readonly key1: string;
  readonly key2: string;
}

/** A new random key, shaped like Event Grid's (32 bytes, base64). */
export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether `given` equals one of the keys; every key is compared, in constant time. */
export function keyMatches(given: string, keys: NamespaceKeys): boolean {
  const g = digest(given);
  const a = timingSafeEqual(g, digest(keys.key1));
  const b = timingSafeEqual(g, digest(keys.key2));
  return a || b;
}

/** The HMAC-SHA256 signature of `unsigned` with a base64 key. */
function sign(key: string, unsigned: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(unsigned, 'utf8').digest();
}

/** `r=…&e=…&s=…` for a resource URL and expiry, as the Azure SDKs build it (for tests and tools). */
export function buildSasToken(resource: string, expiresOn: Date, key: string): string {
  const unsigned = `r=${encodeURIComponent(resource)}&e=${encodeURIComponent(toServiceTime(expiresOn))}`;
  return `${unsigned}&s=${encodeURIComponent(sign(key, unsigned).toString('base64'))}`;
}

/** The expiry format Event Grid uses in SAS tokens: .NET `M/d/yyyy h:mm:ss tt`, en-US, UTC. */
export function toServiceTime(d: Date): string {
  const h = d.getUTCHours();
  const hour = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hour}:${mm}:${ss} ${h >= 12 ? 'PM' : 'AM'}`;
}

/** Parses a SAS expiry: `M/d/yyyy h:mm:ss AM|PM` (UTC) or an ISO 8601 timestamp. */
export function parseServiceTime(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i.exec(text.trim());
  if (m) {
    let hour = Number(m[4]) % 12;
    if (m[7].toUpperCase() === 'PM') {
      hour += 12;
    }
    return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6]));
  }
  const iso = Date.parse(text);
  return Number.isNaN(iso) ? undefined : iso;
}

function decodeComponent(text: string): string | undefined {
  try {
    // .NET's HttpUtility.UrlEncode writes a space as '+'.
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Whether a SAS token is valid for a request to `requestPath` now: signed with one of the keys (constant-time),
 * not expired, and issued for a resource whose path is a prefix of the request's (`/<namespace>/api/events`).
 */
export function sasTokenValid(token: string, keys: NamespaceKeys, requestPath: string, now: number = Date.now()): boolean {
  const at = token.lastIndexOf('&s=');
  if (at <= 0) {
    return false;
  }
  const unsigned = token.slice(0, at);
  const signature = decodeComponent(token.slice(at + 3));
  const fields = new Map<string, string>();
  for (const part of unsigned.split('&')) {
    const eq = part.indexOf('=');
    const value = eq > 0 ? decodeComponent(part.slice(eq + 1)) : undefined;
    if (value === undefined) {
      return false;
    }
    fields.set(part.slice(0, eq), value);
  }
  const given = Buffer.from(signature ?? '', 'base64');
  // Both keys are always checked, whatever the token says.
  const a = equalBytes(given, sign(keys.key1, unsigned));
  const b = equalBytes(given, sign(keys.key2, unsigned));
  if (!(a || b) || signature === undefined) {
    return false;
  }
  const expiry = parseServiceTime(fields.get('e') ?? '');
  if (expiry === undefined || expiry <= now) {
    return false;
  }
  return resourceCovers(fields.get('r') ?? '', requestPath);
}

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length ? timingSafeEqual(a, b) : timingSafeEqual(b, b) && false;
}

/** Whether a token's resource (a URL or a path) names the request path or a folder above it. */
function resourceCovers(resource: string, requestPath: string): boolean {
  let p: string;
  try {
    p = new URL(resource).pathname;
  } catch {
    p = resource.split('?')[0];
  }
  const norm = (s: string) => s.toLowerCase().replace(/\/+$/, '');
  const r = norm(p);
  const req = norm(requestPath);
  // (A token for the host's root covers every path; the signature still binds it to this namespace's keys.)
  return r === '' || req === r || req.startsWith(`${r}/`);
}
