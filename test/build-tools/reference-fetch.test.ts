// npm run reference:fetch against a local mirror (no network here): an HTTP server on 127.0.0.1 that serves the
// reference folder the tests found (../shared/reference in CI). Skipped, like the conformance suite, without it.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { fetchReference, main } from '../../build-tools/reference/fetch';
import { parseSources } from '../../build-tools/reference/make-manifest';
import { readManifest } from '../../build-tools/reference/read-manifest';
import { describeConformance } from '../support/reference';
import { findReferenceDir } from '../support/reference-location';

const manifest = readManifest();

describe('the reference manifest', () => {
  test('pins every file to a commit of a public Microsoft repository, with a full SHA-256', () => {
    expect(manifest.files.length).toBeGreaterThan(0);
    for (const e of manifest.files) {
      expect(e.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/Azure\/(azure-resource-manager-schemas|azure-rest-api-specs|bicep-types-az)\/[0-9a-f]{40}\/.+\.json$/);
      expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // The files every conformance helper opens are there.
    const paths = manifest.files.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['arm/common/definitions.json', 'arm/2025-02-15/Microsoft.EventGrid.json',
      'arm/2022-06-15/Microsoft.EventGrid.json', 'arm/2020-04-01-preview/Microsoft.EventGrid.json']));
  });

  test('SOURCES.md rows become raw URLs at their commit', () => {
    const rows = parseSources([
      'Repository: `Azure/azure-rest-api-specs`.',
      '| local file | source path | commit | bytes | sha256/16 |',
      '|---|---|---|---|---|',
      `| \`arm/x/examples/A.json\` | \`specification/a/A.json\` | \`${'ab'.repeat(20)}\` | 12 | \`0123456789abcdef\` |`,
    ].join('\n'));
    expect(rows).toEqual([{
      path: 'arm/x/examples/A.json',
      url: `https://raw.githubusercontent.com/Azure/azure-rest-api-specs/${'ab'.repeat(20)}/specification/a/A.json`,
      bytes: 12,
      sha256Prefix: '0123456789abcdef',
    }]);
  });

  test('bad arguments exit 2 with the usage', async () => {
    const errors: string[] = [];
    expect(await main(['--bogus'], () => undefined, (l) => errors.push(l))).toBe(2);
    expect(errors.join('\n')).toMatch(/Usage: npm run reference:fetch/);
    expect(await main(['--base-url', 'not a url'], () => undefined, (l) => errors.push(l))).toBe(2);
  });

  test('the command runs as npm run reference:fetch runs it (ts-node): it reads the manifest and reports a refused connection', () => {
    const root = path.join(__dirname, '..', '..');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reference-cli-')), 'reference');
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', path.join(root, 'build-tools', 'reference', 'fetch.ts'), '--base-url', 'http://127.0.0.1:1', '--out', out, '--timeout', '5'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`reference:fetch: GET http://127.0.0.1:1/${manifest.files[0].path} failed`);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});

describeConformance('npm run reference:fetch from a mirror on 127.0.0.1', () => {
  const source = findReferenceDir()!;
  let server: http.Server;
  let baseUrl: string;
  let work: string;
  /** Paths served with other bytes than the file's, and paths answered with 404. */
  const corrupt = new Map<string, Buffer>();
  const missing = new Set<string>();
  /** Paths whose next request gets its connection reset (as a kept-alive socket closed by the server does). */
  const resetOnce = new Set<string>();
  /** Paths whose every request gets its connection reset. */
  const resetAlways = new Set<string>();
  const requests: string[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-fetch-'));
    server = http.createServer((req, res) => {
      // one request per connection: a kept-alive socket that the server closes while fetch reuses it fails the
      // next download with ECONNRESET (seen when the machine is busy), which is not what these tests are about
      res.setHeader('connection', 'close');
      const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/mirror\//, '');
      if (resetOnce.delete(rel) || resetAlways.has(rel)) {
        req.socket.destroy();
        return;
      }
      requests.push(rel);
      const file = path.join(source, ...rel.split('/'));
      if (missing.has(rel) || rel.split('/').includes('..') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(corrupt.get(rel) ?? fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(work, { recursive: true, force: true });
  });

  beforeEach(() => {
    corrupt.clear();
    missing.clear();
    resetOnce.clear();
    resetAlways.clear();
    requests.length = 0;
  });

  /** Every file of a folder with its SHA-256 (relative paths). */
  function digests(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(r);
        else out[r] = createHash('sha256').update(fs.readFileSync(path.join(dir, r))).digest('hex');
      }
    };
    walk('');
    return out;
  }

  test('downloads every file of the manifest, byte for byte, into --out', async () => {
    const out = path.join(work, 'fetched');
    const lines: string[] = [];
    expect(await main(['--base-url', baseUrl, '--out', out], (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    expect(requests.sort()).toEqual(manifest.files.map((e) => e.path).sort());
    const got = digests(out);
    for (const e of manifest.files) {
      expect(got[e.path]).toBe(e.sha256);
      expect(fs.readFileSync(path.join(out, e.path))).toEqual(fs.readFileSync(path.join(source, e.path)));
    }
    expect(Object.keys(got).filter((p) => !p.startsWith('.')).sort()).toEqual(manifest.files.map((e) => e.path).sort());
    expect(lines.join('\n')).toContain(`${manifest.files.length} reference files`);

    // A second run finds the files there and downloads nothing.
    requests.length = 0;
    expect(await fetchReference({ out, baseUrl, log: () => undefined })).toEqual({ files: 0, bytes: 0, upToDate: true });
    expect(requests).toEqual([]);
  });

  test('a connection reset is tried again (a kept-alive socket the server closed); a second reset of every try fails', async () => {
    const first = manifest.files[0];
    resetOnce.add(first.path);
    const out = path.join(work, 'after-reset');
    expect(await fetchReference({ out, baseUrl, log: () => undefined })).toMatchObject({ files: manifest.files.length, upToDate: false });
    expect(fs.readFileSync(path.join(out, first.path))).toEqual(fs.readFileSync(path.join(source, first.path)));

    resetAlways.add(first.path);
    const again = path.join(work, 'after-resets');
    await expect(fetchReference({ out: again, baseUrl, log: () => undefined })).rejects.toThrow(`GET ${baseUrl}/${first.path} failed`);
    expect(fs.existsSync(again)).toBe(false);
  });

  test('a corrupted file is refused, naming the file and both digests, and nothing is written', async () => {
    const victim = manifest.files[manifest.files.length - 1]; // the last: every other file has arrived by then
    const original = fs.readFileSync(path.join(source, victim.path));
    const bad = Buffer.from(original.toString('utf8').replace(/"/, '"x'));
    corrupt.set(victim.path, bad);
    const actual = createHash('sha256').update(bad).digest('hex');

    const out = path.join(work, 'corrupted');
    const errors: string[] = [];
    expect(await main(['--base-url', baseUrl, '--out', out], () => undefined, (l) => errors.push(l))).toBe(1);
    const message = errors.join('\n');
    expect(message).toContain(`Refused ${victim.path}`);
    expect(message).toContain(`the manifest expects ${victim.sha256}`);
    expect(message).toContain(`its SHA-256 is ${actual}`);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.includes('corrupted'))).toEqual([]); // no temporary folder left
  });

  test('a failed fetch leaves a folder fetched earlier as it was', async () => {
    const out = path.join(work, 'kept');
    await fetchReference({ out, baseUrl, log: () => undefined });
    const before = digests(out);
    fs.rmSync(path.join(out, manifest.files[0].path)); // out of date: the next run downloads again
    const partial = digests(out);

    corrupt.set(manifest.files[1].path, Buffer.from('{}'));
    await expect(fetchReference({ out, baseUrl, log: () => undefined })).rejects.toThrow(`Refused ${manifest.files[1].path}`);
    expect(digests(out)).toEqual(partial);

    corrupt.clear();
    missing.add(manifest.files[2].path);
    await expect(fetchReference({ out, baseUrl, log: () => undefined }))
      .rejects.toThrow(`GET ${baseUrl}/${manifest.files[2].path} answered 404 Not Found`);
    expect(digests(out)).toEqual(partial);

    missing.clear();
    await fetchReference({ out, baseUrl, log: () => undefined });
    expect(digests(out)).toEqual(before);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('.kept'))).toEqual([]);
  });

  test('refuses to replace a folder it did not write', async () => {
    const out = path.join(work, 'someone-elses');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await expect(fetchReference({ out, baseUrl, log: () => undefined })).rejects.toThrow(/was not written by reference:fetch/);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
  });
});
