// A jsii build of the working tree in a temporary copy, for the package tests (package-contents, api-md).
//
// Why a copy: `npm test` must change no file of the checkout (README), and .ci/run runs it before `npx projen
// compile`, so lib/ and .jsii may be missing or older than src/. The copy holds the project's files (not lib/,
// .jsii, node_modules or other build output; node_modules is a link to the checkout's), plus decoys of what must
// never ship (cdktf.out/, reference/). jsii builds it in about 15 s. The build is kept in the system's temporary
// folder under a hash of the copied files, so the two test files of a run (and later runs on unchanged files)
// share it; two workers building at once each build in their own folder and the first to finish is kept.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Top-level entries of the checkout that are build output or local state, never copied. */
const NOT_COPIED = new Set([
  'node_modules', '.git', 'lib', 'dist', '.jsii', 'coverage', 'test-reports', 'tsconfig.tsbuildinfo',
  'cdktf.out', 'reference', '.partner-events', '.terraform', '.gen',
]);

/** Files planted in the copy that must never be packed. */
export const DECOYS = [
  'cdktf.out/stacks/partner/cdk.tf.json',
  'reference/schemas/Microsoft.EventGrid.json',
  'my-notes.txt',
];

const PREFIX = 'cdktf-ape-package-';

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (!rel && NOT_COPIED.has(e.name)) continue;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The folder of a jsii build of the current files (lib/ and .jsii made by `jsii`), building it when no build of
 * these exact files exists yet.
 */
export function builtPackage(): string {
  const files = listFiles(ROOT);
  const hash = createHash('sha256');
  // the build links the checkout's node_modules: a build made for another checkout (a fresh clone since deleted)
  // is not this one's
  hash.update(ROOT).update('\0');
  for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(ROOT, f))).update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const final = path.join(os.tmpdir(), `${PREFIX}${key}`);
  if (fs.existsSync(path.join(final, '.built')) && fs.existsSync(path.join(final, 'node_modules', 'jsii'))) return final;
  fs.rmSync(final, { recursive: true, force: true });

  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}work-`));
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(work, f));
    }
    for (const d of DECOYS) {
      fs.mkdirSync(path.dirname(path.join(work, d)), { recursive: true });
      fs.writeFileSync(path.join(work, d), '{"decoy": "must not be packed"}\n');
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    run(process.execPath, [path.join(ROOT, 'node_modules', 'jsii', 'bin', 'jsii'), '--silence-warnings=reserved-word'], work);
    fs.writeFileSync(path.join(work, '.built'), '');
    try {
      fs.renameSync(work, final);
    } catch {
      // Another worker finished the same build first: use its folder.
      fs.rmSync(work, { recursive: true, force: true });
    }
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
  removeOldBuilds(final);
  return final;
}

/** Builds of other files, untouched for an hour (so none that a run in progress uses). */
function removeOldBuilds(keep: string): void {
  const hourAgo = Date.now() - 3600_000;
  for (const name of fs.readdirSync(os.tmpdir())) {
    const p = path.join(os.tmpdir(), name);
    if (!name.startsWith(PREFIX) || p === keep) continue;
    try {
      if (fs.statSync(p).mtimeMs < hourAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

export interface PackResult {
  readonly files: string[];
  readonly size: number;
  readonly unpackedSize: number;
  readonly bundled: string[];
  readonly filename: string;
}

/** What `npm pack --dry-run --json` says it would pack in a folder (no tarball is written, no network used). */
export function packDryRun(dir: string): PackResult {
  const out = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], dir);
  const [r] = JSON.parse(out);
  return {
    files: r.files.map((f: { path: string }) => f.path).sort(),
    size: r.size,
    unpackedSize: r.unpackedSize,
    bundled: r.bundled ?? [],
    filename: r.filename,
  };
}
