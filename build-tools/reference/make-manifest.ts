// Writes build-tools/reference/manifest.json from a reference folder (default ../shared/reference beside the
// checkout) and its SOURCES.md: for each file listed there, its raw.githubusercontent.com URL at the listed commit,
// and the size and SHA-256 of the file actually in the folder. Refuses a file whose size or digest prefix differs
// from SOURCES.md, a listed file that is missing, and a file of the folder that SOURCES.md does not list.
//
//   npm run reference:manifest [-- --from DIR]
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { Manifest, ManifestEntry, MANIFEST_FILE } from './read-manifest';

/** The rows of SOURCES.md's tables, with the repository named above each table. */
export function parseSources(text: string): Array<{ path: string; url: string; bytes: number; sha256Prefix: string }> {
  const rows: Array<{ path: string; url: string; bytes: number; sha256Prefix: string }> = [];
  let repository: string | undefined;
  for (const line of text.split('\n')) {
    const repo = /^Repository: `([^`]+)`/.exec(line);
    if (repo) {
      repository = repo[1];
      continue;
    }
    const row = /^\| `([^`]+)` \| `([^`]+)` \| `([0-9a-f]{40})` \| (\d+) \| `([0-9a-f]+)` \|$/.exec(line.trim());
    if (row) {
      if (!repository) {
        throw new Error(`SOURCES.md: a row before any "Repository:" line: ${line}`);
      }
      const [, local, source, commit, bytes, prefix] = row;
      rows.push({ path: local, url: `https://raw.githubusercontent.com/${repository}/${commit}/${source}`, bytes: Number(bytes), sha256Prefix: prefix });
    }
  }
  return rows;
}

/** Every file under a folder, as `/`-separated relative paths. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      out.push(...filesUnder(dir, rel));
    } else {
      out.push(rel);
    }
  }
  return out;
}

/** The manifest of a reference folder. */
export function makeManifest(from: string): Manifest {
  const rows = parseSources(fs.readFileSync(path.join(from, 'SOURCES.md'), 'utf8'));
  const files: ManifestEntry[] = [];
  for (const row of rows) {
    const data = fs.readFileSync(path.join(from, ...row.path.split('/')));
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (data.length !== row.bytes || !sha256.startsWith(row.sha256Prefix)) {
      throw new Error(`${row.path}: ${data.length} bytes, SHA-256 ${sha256}; SOURCES.md says ${row.bytes} bytes, ${row.sha256Prefix}…`);
    }
    files.push({ path: row.path, url: row.url, bytes: data.length, sha256 });
  }
  const listed = new Set(files.map((f) => f.path));
  const unlisted = ['arm', 'bicep-types'].filter((d) => fs.existsSync(path.join(from, d)))
    .flatMap((d) => filesUnder(from, d)).filter((f) => !listed.has(f));
  if (unlisted.length > 0) {
    throw new Error(`not in SOURCES.md: ${unlisted.join(', ')}`);
  }
  return {
    description: 'Microsoft\'s official ARM schemas, REST examples and bicep types used by the conformance tests: '
      + 'each file\'s path in the reference folder, its public URL at a pinned commit, size and SHA-256. '
      + 'npm run reference:fetch downloads and checks them; npm run reference:manifest writes this file.',
    files,
  };
}

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string', default: path.resolve(__dirname, '..', '..', '..', 'shared', 'reference') } },
  });
  const from = path.resolve(values.from!);
  if (!fs.existsSync(path.join(from, 'SOURCES.md'))) {
    console.error(`reference:manifest: ${from} has no SOURCES.md: give the reference folder with --from DIR`);
    return 1;
  }
  const manifest = makeManifest(from);
  fs.writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, undefined, 2)}\n`);
  console.log(`${path.relative(process.cwd(), MANIFEST_FILE)}: ${manifest.files.length} files from ${from}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
