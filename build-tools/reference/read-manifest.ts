// Reads the committed list of reference files (build-tools/reference/manifest.json): each file's place in the reference
// folder, its public URL at a pinned commit, its size and its SHA-256. Read by `npm run reference:fetch`, written by
// `npm run reference:manifest`.
import * as fs from 'fs';
import * as path from 'path';

/** The committed manifest. */
export const MANIFEST_FILE = path.join(__dirname, 'manifest.json');

/** One reference file. */
export interface ManifestEntry {
  /** Its path inside the reference folder, with `/` (`arm/2025-02-15/Microsoft.EventGrid.json`). */
  readonly path: string;
  /** Its public URL at a pinned commit. */
  readonly url: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** Its SHA-256, 64 lowercase hex digits. */
  readonly sha256: string;
}

export interface Manifest {
  readonly description: string;
  readonly files: ManifestEntry[];
}

/** Reads a manifest and checks its shape: relative paths without `..`, unique; https URLs; full digests. */
export function readManifest(file: string = MANIFEST_FILE): Manifest {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (!Array.isArray(manifest?.files) || manifest.files.length === 0) {
    throw new Error(`${file}: no files listed`);
  }
  const seen = new Set<string>();
  for (const e of manifest.files) {
    if (typeof e.path !== 'string' || !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(e.path) || e.path.split('/').includes('..')) {
      throw new Error(`${file}: bad path ${JSON.stringify(e.path)}`);
    }
    if (seen.has(e.path)) {
      throw new Error(`${file}: ${e.path} is listed twice`);
    }
    seen.add(e.path);
    if (typeof e.url !== 'string' || !e.url.startsWith('https://')) {
      throw new Error(`${file}: ${e.path} has no https URL`);
    }
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) {
      throw new Error(`${file}: ${e.path} has no SHA-256 (64 lowercase hex digits)`);
    }
    if (!Number.isInteger(e.bytes) || e.bytes < 0) {
      throw new Error(`${file}: ${e.path} has no size in bytes`);
    }
  }
  return manifest;
}
