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

/**
 * Parses a SAS expiry, always as UTC whatever the host's time zone: `M/d/yyyy h:mm:ss AM|PM` (what Event Grid and
 * the .NET and JavaScript SDKs write), or `yyyy-MM-dd[ T]HH:mm:ss[.fraction][Z|±HH:mm]` (Python's
 * `generate_sas` writes `str(datetime)`: `2026-12-01 17:34:21.440000`, with no zone, meaning UTC). A timestamp
 * without a zone is UTC; one with an offset is moved by it. Anything else: undefined (the token is refused).
 */
export function parseServiceTime(text: string): number | undefined {
  const t = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i.exec(t);
  if (us) {
    let hour = Number(us[4]) % 12;
    if (us[7].toUpperCase() === 'PM') {
      hour += 12;
    }
    return checked(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), hour, Number(us[5]), Number(us[6])),
      Number(us[1]), Number(us[2]), Number(us[4]) <= 12);
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!iso) {
    return undefined;
  }
  const ms = iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0;
  let offsetMinutes = 0;
  const zone = iso[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const utc = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), ms);
  return checked(utc - offsetMinutes * 60_000, Number(iso[2]), Number(iso[3]), Number(iso[4]) <= 23);
}

/** The time, unless a field is out of range (month 13, day 32, hour 25: Date.UTC would roll them over). */
function checked(time: number, month: number, day: number, hourValid: boolean): number | undefined {
  return Number.isNaN(time) || month < 1 || month > 12 || day < 1 || day > 31 || !hourValid ? undefined : time;
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
