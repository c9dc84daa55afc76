// `npm run package:try -- <tarball>`: installs a packed tarball of either package into a fresh app in the system's
// temporary folder, next to its platform's peers (from the npm registry), and synthesizes the partner example there
// (examples/partner/app.ts with the app's imports), type-checked first. The platform is read from the tarball's
// name: cdktf-azure-partner-events-*.tgz installs cdktf 0.21 and @cdktf/provider-azurerm 14.23 with the lowest
// constructs the package accepts (10.4.2); cdktn-azure-partner-events-*.tgz installs cdktn 0.24 and
// @cdktn/provider-azurerm 16.1 with the overrides entry their README asks for. Not part of CI (it needs the
// registry or npm's cache, and about a minute).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { onCdktn, ROOT } from './package';

interface Platform {
  readonly library: string;
  readonly peers: string[];
  readonly overrides?: object;
  readonly rewrite: (specifier: string) => string;
}

const PLATFORMS: Record<'cdktf' | 'cdktn', Platform> = {
  cdktf: {
    library: 'cdktf-azure-partner-events',
    peers: ['cdktf@0.21.0', 'constructs@10.4.2', '@cdktf/provider-azurerm@14.23.1'],
    rewrite: (s) => s,
  },
  cdktn: {
    library: 'cdktn-azure-partner-events',
    peers: ['cdktn@0.24.0', 'constructs@10.7.2', '@cdktn/provider-azurerm@16.1.0'],
    overrides: { '@cdktn/provider-azurerm': { cdktn: '$cdktn' } },
    rewrite: onCdktn,
  },
};

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
}

/** The example's source as the app writes it: the library by its package name, the platform's modules. */
function appSource(source: string, platform: Platform): string {
  return source.replace(/(\bfrom\s+)(['"])([^'"]+)\2/g, (_m, pre, q, spec) =>
    `${pre}${q}${spec === '../../src' ? platform.library : platform.rewrite(spec)}${q}`);
}

export function tryPackage(tarball: string): string {
  const name = path.basename(tarball);
  const key = (Object.keys(PLATFORMS) as Array<keyof typeof PLATFORMS>).find((k) => name.startsWith(`${PLATFORMS[k].library}-`));
  if (!key) throw new Error(`${name} is neither package's tarball (cdktf-azure-partner-events-*.tgz, cdktn-azure-partner-events-*.tgz)`);
  const platform = PLATFORMS[key];
  const app = fs.mkdtempSync(path.join(os.tmpdir(), `${key}-app-`));
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: `scratch-${key}-app`, private: true, overrides: platform.overrides }, null, 2));
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'node16', target: 'ES2022', strict: true, esModuleInterop: true, types: ['node'] },
    include: ['*.ts'],
  }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.resolve(tarball), ...platform.peers,
    'typescript@6.0.3', 'ts-node@10.9.2', '@types/node@20'], app);

  const example = path.join(ROOT, 'examples', 'partner');
  fs.copyFileSync(path.join(example, 'customers.json'), path.join(app, 'customers.json'));
  fs.writeFileSync(path.join(app, 'app.ts'), appSource(fs.readFileSync(path.join(example, 'app.ts'), 'utf8'), platform));
  fs.writeFileSync(path.join(app, 'main.ts'), appSource([
    'import { App } from \'cdktf\';',
    'import { addPartnerExample } from \'./app\';',
    '',
    'const app = new App({ outdir: \'out\' });',
    'addPartnerExample(app);',
    'app.synth();',
    '',
  ].join('\n'), platform));
  run(path.join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], app);
  run(path.join(app, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'main.ts'], app);

  const tf = JSON.parse(fs.readFileSync(path.join(app, 'out', 'stacks', 'contoso-partner', 'cdk.tf.json'), 'utf8'));
  const types = Object.keys(tf.resource).sort();
  for (const t of ['azapi_resource', 'azurerm_eventgrid_partner_namespace', 'azurerm_eventgrid_partner_registration']) {
    if (!types.includes(t)) throw new Error(`the partner example synthesized without ${t} (${types.join(', ')})`);
  }
  console.log(`${name}: installed in ${app} with ${platform.peers.join(', ')}; the partner example synthesized on ` +
    `${key} ${tf['//'].metadata.version} with azurerm ${tf.terraform.required_providers.azurerm.version}: ${types.join(', ')}`);
  return app;
}

if (require.main === module) {
  const tarball = process.argv[2];
  if (!tarball) throw new Error('usage: npm run package:try -- <path to a packed .tgz>');
  tryPackage(tarball);
}
