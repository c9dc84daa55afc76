// npm run reference:fetch [-- --out DIR] [-- --base-url URL]
//
// Downloads Microsoft's official ARM schemas, REST examples and bicep types that the conformance tests read, from
// their public URLs at the commits pinned in build-tools/reference/manifest.json, into reference/ (ignored by git;
// the tests look there: test/support/reference-location.ts), and checks each file's SHA-256 against the manifest.
// --base-url reads from a mirror that has the reference folder's layout (`<base-url>/arm/common/definitions.json`).
//
// All or nothing: the files are written to a temporary folder beside the destination, which replaces the
// destination only when every file has arrived with the right digest. A bad digest, an HTTP error or a timeout
// leaves the destination as it was.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { Manifest, MANIFEST_FILE, readManifest } from './read-manifest';

/** The folder the tests look in (besides $PARTNER_EVENTS_REFERENCE_DIR and ../shared/reference). */
export const DEFAULT_OUT = path.resolve(__dirname, '..', '..', 'reference');

/** Written into the destination: marks a folder this command may replace, and says what it holds. */
const MARKER = '.reference-manifest.json';

export interface FetchReferenceOptions {
  /** The destination folder. */
  readonly out: string;
  /** A mirror with the reference folder's layout; default: each file's own URL. */
  readonly baseUrl?: string;
  /** The manifest; default build-tools/reference/manifest.json. */
  readonly manifest?: Manifest;
  /** Per request; default 60 s. */
  readonly timeoutMs?: number;
  /** Progress lines; default console.log. */
  readonly log?: (line: string) => void;
}

export interface FetchReferenceResult {
  /** Files downloaded (0 when the destination was already up to date). */
  readonly files: number;
  readonly bytes: number;
  readonly upToDate: boolean;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The URL of an entry: its own, or its path under the mirror. */
function urlOf(entryPath: string, entryUrl: string, baseUrl?: string): string {
  if (!baseUrl) {
    return entryUrl;
  }
  return new URL(entryPath, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}

/** True when every file of the manifest is in the folder with its digest. */
function upToDate(dir: string, manifest: Manifest): boolean {
  return manifest.files.every((e) => {
    const file = path.join(dir, ...e.path.split('/'));
    return fs.existsSync(file) && sha256(fs.readFileSync(file)) === e.sha256;
  });
}

/** Network errors worth one more try: a kept-alive connection the server closed as it was reused. */
const RETRIED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

async function download(url: string, timeoutMs: number, attempts = 3): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: Error & { code?: string } }).cause;
    if (attempts > 1 && cause?.code !== undefined && RETRIED.has(cause.code)) {
      return download(url, timeoutMs, attempts - 1);
    }
    throw new Error(`GET ${url} failed: ${(e as Error).message}${cause ? ` (${cause.message})` : ''}`);
  }
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  }
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Downloads every file of the manifest into `out`, checking each one's SHA-256; replaces `out` only when all of
 * them are right. Throws, with `out` untouched, on a bad digest (naming the file, the expected and the actual
 * digest), an HTTP error or a timeout. Refuses to replace a folder it did not write.
 */
export async function fetchReference(options: FetchReferenceOptions): Promise<FetchReferenceResult> {
  const manifest = options.manifest ?? readManifest();
  const log = options.log ?? ((line: string) => console.log(line));
  const out = path.resolve(options.out);
  const timeoutMs = options.timeoutMs ?? 60_000;

  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) {
      throw new Error(`${out} exists and is not a folder: choose another --out`);
    }
    if (upToDate(out, manifest)) {
      log(`${out}: the ${manifest.files.length} reference files are already there with their SHA-256; nothing to fetch`);
      return { files: 0, bytes: 0, upToDate: true };
    }
    if (fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, MARKER))) {
      throw new Error(`${out} exists and was not written by reference:fetch (no ${MARKER}): refusing to replace it; choose another --out or remove it`);
    }
  }

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.partial-`));
  let bytes = 0;
  try {
    for (const entry of manifest.files) {
      const url = urlOf(entry.path, entry.url, options.baseUrl);
      const data = await download(url, timeoutMs);
      const actual = sha256(data);
      if (actual !== entry.sha256) {
        throw new Error(`Refused ${entry.path} (from ${url}): its SHA-256 is ${actual}, the manifest expects ${entry.sha256} `
          + `(${data.length} bytes, expected ${entry.bytes}). Nothing was written to ${out}.`);
      }
      const file = path.join(tmp, ...entry.path.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
      bytes += data.length;
    }
    fs.writeFileSync(path.join(tmp, MARKER), `${JSON.stringify({ ...manifest, fetchedFrom: options.baseUrl ?? 'each file\'s url' }, undefined, 2)}\n`);

    // Every file is right: swap the folders.
    if (fs.existsSync(out)) {
      const old = `${tmp}.old-${randomBytes(4).toString('hex')}`;
      fs.renameSync(out, old);
      fs.renameSync(tmp, out);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(tmp, out);
    }
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  log(`${out}: ${manifest.files.length} reference files (${bytes} bytes) from ${options.baseUrl ?? 'their pinned URLs'}, SHA-256 as in ${path.relative(process.cwd(), MANIFEST_FILE)}`);
  return { files: manifest.files.length, bytes, upToDate: false };
}

const USAGE = `Usage: npm run reference:fetch [-- --out DIR] [-- --base-url URL]
  --out DIR        where to write the files (default: ${path.relative(process.cwd(), DEFAULT_OUT) || '.'}/, where the tests look)
  --base-url URL   read from a mirror with the reference folder's layout instead of each file's pinned URL
  --timeout SEC    per request (default 60)`;

/** The command line; returns the exit code (0 done, 1 refused or failed, 2 bad arguments). */
export async function main(argv: string[], log: (line: string) => void = (l) => console.log(l),
  error: (line: string) => void = (l) => console.error(l)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'out': { type: 'string', default: DEFAULT_OUT },
        'base-url': { type: 'string' },
        'timeout': { type: 'string', default: '60' },
        'help': { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) {
    error(`--timeout must be a positive number of seconds, not ${values.timeout}\n${USAGE}`);
    return 2;
  }
  if (values['base-url'] !== undefined) {
    try {
      new URL(values['base-url']);
    } catch {
      error(`--base-url is not a URL: ${values['base-url']}\n${USAGE}`);
      return 2;
    }
  }
  try {
    await fetchReference({ out: values.out!, baseUrl: values['base-url'], timeoutMs: timeout * 1000, log });
    return 0;
  } catch (e) {
    error(`reference:fetch: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
