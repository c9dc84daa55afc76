// `npm run package:cdktn`: the CDK Terrain package (cdktn-azure-partner-events) from the same source as the cdktf one.
//
// jsii builds one assembly per package.json, so the cdktn package is built in a staged folder (dist/cdktn-stage/):
// src/ copied with only the platform adapter's module names rewritten (src/internal/cdktf/, by the table in
// platform-map.js; a cdktf import anywhere else stops the build), a package.json derived from the project's (name,
// description, peer dependencies cdktn / @cdktn/provider-azurerm / constructs, jsii targets), the README with the
// cdktn install section (build-tools/cdktn/README-install.md) and cdktn imports, and node_modules linked to the
// project's. jsii compiles it there, jsii-docgen writes its API.md, and `npm pack` writes the tarball into
// dist/js/ beside the cdktf one. docs/contributing.md, "Two platforms", says why.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGES } = require('./platform-map.js') as { PACKAGES: Record<string, string> };

export const ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'cdktn-azure-partner-events';
/** The folder the adapter lives in: the only one whose imports are rewritten. */
export const ADAPTER = 'src/internal/cdktf/';

/** The CDK Terrain versions the package is built and tested with (package.json devDependencies). */
function devVersion(rootPkg: any, name: string): string {
  const v = rootPkg.devDependencies?.[name];
  if (!v) throw new Error(`package.json has no devDependency ${name}: the cdktn package is built against it (see .projenrc.ts)`);
  return v;
}

/** A module specifier on CDK Terrain: cdktf -> cdktn, @cdktf/provider-azurerm/lib/x -> @cdktn/provider-azurerm/lib/x. */
export function onCdktn(specifier: string): string {
  for (const [from, to] of Object.entries(PACKAGES)) {
    if (specifier === from || specifier.startsWith(`${from}/`)) return to + specifier.slice(from.length);
  }
  return specifier;
}

/** Every module specifier of a TypeScript file (import/export ... from '...', import('...'), require('...')) rewritten. */
export function rewriteImports(source: string): string {
  return source
    .replace(/(\bfrom\s+)(['"])([^'"]+)\2/g, (_m, pre, q, spec) => `${pre}${q}${onCdktn(spec)}${q}`)
    .replace(/(\b(?:import|require)\s*\(\s*)(['"])([^'"]+)\2/g, (_m, pre, q, spec) => `${pre}${q}${onCdktn(spec)}${q}`);
}

/** The platform modules a file imports (the specifiers that rewriteImports would change). */
export function platformImports(source: string): string[] {
  const found: string[] = [];
  const re = /(?:\bfrom\s+|\b(?:import|require)\s*\(\s*)(['"])([^'"]+)\1/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (onCdktn(m[2]) !== m[2]) found.push(m[2]);
  }
  return found;
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** The cdktn package's package.json, derived from the project's. */
export function cdktnPackageJson(rootPkg: any): any {
  const cdktn = devVersion(rootPkg, 'cdktn');
  const provider = devVersion(rootPkg, '@cdktn/provider-azurerm');
  return {
    name: PACKAGE_NAME,
    description: 'CDK Terrain (cdktn) constructs for Azure Event Grid Partner Events: registrations, namespaces, channels, partner topics and their subscriptions, validated at synth. The CDK Terrain build of cdktf-azure-partner-events.',
    version: rootPkg.version,
    license: rootPkg.license,
    author: rootPkg.author,
    repository: rootPkg.repository,
    keywords: [...rootPkg.keywords.filter((k: string) => k !== 'cdktf'), 'cdktn', 'cdk-terrain'].sort(),
    bin: rootPkg.bin,
    main: rootPkg.main,
    types: rootPkg.types,
    files: rootPkg.files,
    // cdktn 0.24 needs Node 20.16 or later
    engines: { node: '>= 20.16.0' },
    stability: rootPkg.stability,
    publishConfig: rootPkg.publishConfig,
    peerDependencies: {
      'cdktn': `^${cdktn}`,
      '@cdktn/provider-azurerm': `^${provider}`,
      // cdktn's own peer range
      'constructs': '>=10.6.0 <10.8.0',
    },
    // jsii reads the peers' assemblies from the devDependencies' versions
    devDependencies: {
      'cdktn': cdktn,
      '@cdktn/provider-azurerm': provider,
      'constructs': devVersion(rootPkg, 'constructs'),
    },
    dependencies: rootPkg.dependencies,
    bundledDependencies: rootPkg.bundledDependencies,
    jsii: {
      ...rootPkg.jsii,
      targets: {
        java: {
          package: 'io.github.cdktn_azure_partner_events',
          maven: { groupId: 'io.github.cdktf-azure-partner-events', artifactId: PACKAGE_NAME },
        },
        python: { distName: PACKAGE_NAME, module: 'cdktn_azure_partner_events' },
        dotnet: { namespace: 'CdktnAzurePartnerEvents', packageId: 'CdktnAzurePartnerEvents' },
        go: { moduleName: 'github.com/cdktf-azure-partner-events/cdktn-azure-partner-events-go' },
      },
    },
  };
}

/** The cdktn package's README: the project's, with the cdktn install section and the code on cdktn. */
export function cdktnReadme(readme: string, installSection: string): string {
  const start = readme.indexOf('\n## Install\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('README.md has no "## Install" section followed by another section to replace');
  const body = readme.slice(0, start + 1) + installSection.trimEnd() + '\n' + readme.slice(end);
  return rewriteImports(body)
    .replace(/^# cdktf-azure-partner-events$/m, `# ${PACKAGE_NAME}`)
    .replace(/(['"])cdktf-azure-partner-events\1/g, `$1${PACKAGE_NAME}$1`);
}

/** Stages the cdktn package's sources from a checkout (`root`) in `stageDir` (emptied first). */
export function stage(stageDir: string, root: string = ROOT): void {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  const outside: string[] = [];
  for (const f of listFiles(path.join(root, 'src'))) {
    const rel = `src/${f}`;
    let text = fs.readFileSync(path.join(root, rel), 'utf8');
    if (rel.endsWith('.ts')) {
      const found = platformImports(text);
      if (rel.startsWith(ADAPTER)) text = rewriteImports(text);
      else if (found.length) outside.push(`${rel} imports ${found.join(', ')}`);
    }
    fs.mkdirSync(path.dirname(path.join(stageDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(stageDir, rel), text);
  }
  if (outside.length) {
    throw new Error(`Only ${ADAPTER} may import cdktf or its providers; route these through the adapter:\n  ${outside.join('\n  ')}`);
  }

  for (const f of ['tsconfig.json', 'LICENSE', 'CHANGELOG.md']) fs.copyFileSync(path.join(root, f), path.join(stageDir, f));
  fs.cpSync(path.join(root, 'docs'), path.join(stageDir, 'docs'), { recursive: true });
  fs.cpSync(path.join(root, 'rosetta'), path.join(stageDir, 'rosetta'), { recursive: true });
  const install = fs.readFileSync(path.join(__dirname, 'README-install.md'), 'utf8');
  fs.writeFileSync(path.join(stageDir, 'README.md'), cdktnReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), install));
  fs.writeFileSync(path.join(stageDir, 'package.json'), JSON.stringify(cdktnPackageJson(rootPkg), null, 2) + '\n');
}

/** The binding whose assembly declares a cdktn range that the project's cdktn is outside of (see overrides). */
const BINDING = '@cdktn/provider-azurerm';

/**
 * node_modules for jsii and jsii-docgen: every package linked to the project's, except the azurerm binding, whose
 * assembly declares the peer `cdktn ^0.23.0`. jsii refuses an assembly whose declared dependency the installed
 * version does not satisfy (cdktn 0.24.0), and it has no option to allow it; npm is told the same thing by the
 * project's `overrides`. So the staged binding is its files linked, with package.json and .jsii copied and their
 * cdktn range widened to the installed cdktn (`^0.23.0 || ^0.24.0`). Nothing of it is packed.
 */
function linkModulesForJsii(stageDir: string): void {
  const modules = path.join(stageDir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  const rootModules = path.join(ROOT, 'node_modules');
  for (const name of fs.readdirSync(rootModules)) {
    if (name === BINDING.split('/')[0]) continue;
    fs.symlinkSync(path.join(rootModules, name), path.join(modules, name));
  }
  const scope = BINDING.split('/')[0];
  fs.mkdirSync(path.join(modules, scope), { recursive: true });
  for (const name of fs.readdirSync(path.join(rootModules, scope))) {
    if (`${scope}/${name}` !== BINDING) fs.symlinkSync(path.join(rootModules, scope, name), path.join(modules, scope, name));
  }
  const from = path.join(rootModules, BINDING);
  const to = path.join(modules, BINDING);
  fs.mkdirSync(to);
  const installed = JSON.parse(fs.readFileSync(path.join(rootModules, 'cdktn', 'package.json'), 'utf8')).version as string;
  for (const name of fs.readdirSync(from)) {
    if (name !== 'package.json' && name !== '.jsii' && name !== 'lib') fs.symlinkSync(path.join(from, name), path.join(to, name));
  }
  // jsii finds a package from its main file's real path: lib/index.js is copied (the rest of lib/ linked), so the
  // binding resolves to this folder and its patched files
  fs.mkdirSync(path.join(to, 'lib'));
  for (const name of fs.readdirSync(path.join(from, 'lib'))) {
    const source = path.join(from, 'lib', name);
    if (name.startsWith('index.')) fs.copyFileSync(source, path.join(to, 'lib', name));
    else fs.symlinkSync(source, path.join(to, 'lib', name));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'));
  const declared: string = pkg.peerDependencies?.cdktn;
  if (!declared) throw new Error(`${BINDING}/package.json declares no cdktn peer range to widen`);
  const range = `${declared} || ^${installed}`;
  pkg.peerDependencies.cdktn = range;
  fs.writeFileSync(path.join(to, 'package.json'), JSON.stringify(pkg, null, 2));
  // the assembly (86 MB) is patched as text: its top-level "dependencies" comes first and names cdktn first
  const assembly = fs.readFileSync(path.join(from, '.jsii'), 'utf8');
  const entry = `"cdktn": "${declared}"`;
  const at = assembly.indexOf(entry);
  if (at < 0 || at > assembly.indexOf('"dependencyClosure"')) throw new Error(`${BINDING}/.jsii declares no dependency ${entry}`);
  fs.writeFileSync(path.join(to, '.jsii'), assembly.slice(0, at) + `"cdktn": "${range}"` + assembly.slice(at + entry.length));
}

/** node_modules for npm pack: a link to the project's, from which npm bundles Ajv and CloudEvents. */
function linkModulesForPack(stageDir: string): void {
  fs.rmSync(path.join(stageDir, 'node_modules'), { recursive: true, force: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stageDir, 'node_modules'), 'dir');
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

/** Stages, compiles with jsii, writes API.md and packs; returns the tarball's path. */
export function buildCdktnPackage(stageDir: string, outDir: string): string {
  stage(stageDir);
  linkModulesForJsii(stageDir);
  const bin = path.join(ROOT, 'node_modules', '.bin');
  run(path.join(bin, 'jsii'), ['--silence-warnings=reserved-word'], stageDir);
  run(path.join(bin, 'jsii-docgen'), ['-o', 'API.md'], stageDir);
  linkModulesForPack(stageDir);
  fs.mkdirSync(outDir, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', outDir], stageDir));
  return path.join(outDir, packed.filename);
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
  };
  const stageDir = arg('--stage') ?? path.join(ROOT, 'dist', 'cdktn-stage');
  const outDir = arg('--out') ?? path.join(ROOT, 'dist', 'js');
  const started = Date.now();
  const tarball = buildCdktnPackage(stageDir, outDir);
  console.log(`wrote ${path.relative(process.cwd(), tarball)} (built in ${path.relative(process.cwd(), stageDir)}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
