// `npm run synth`: synthesizes every example into cdktf.out/ and prints what it wrote.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { addAllExamples } from './all';

const outdir = path.resolve(process.argv[2] ?? 'cdktf.out');
fs.rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
const app = new App({ outdir });
addAllExamples(app);
app.synth();
const elapsed = Date.now() - started;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

console.log(`Synthesized ${Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks).length} stacks into ${path.relative(process.cwd(), outdir) || '.'} in ${elapsed} ms:`);
for (const file of filesUnder(outdir).sort()) {
  const rel = path.relative(process.cwd(), file);
  const bytes = fs.statSync(file).size;
  let detail = '';
  if (file.endsWith('cdk.tf.json')) {
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    const counts: string[] = [];
    for (const [kind, byType] of [['resource', tf.resource], ['data', tf.data]] as const) {
      for (const [type, byId] of Object.entries(byType ?? {})) {
        counts.push(`${Object.keys(byId as object).length} ${kind === 'data' ? 'data.' : ''}${type}`);
      }
    }
    detail = ` — ${counts.join(', ')}; ${Object.keys(tf.output ?? {}).length} outputs`;
  } else if (file.endsWith('deploymentTemplate.json')) {
    // The ARM template of the stack: its resources by type (nested deployments' included), parameters, outputs,
    // and what it leaves to commands (metadata.notDeployedByThisTemplate).
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const byType = new Map<string, number>();
    const count = (resources: any[]): void => {
      for (const r of resources) {
        byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
        count(r.properties?.template?.resources ?? []);
      }
    };
    count(template.resources ?? []);
    const counts = [...byType].map(([type, n]) => `${n} ${type.replace(/^Microsoft\.EventGrid\//, '')}`);
    const left = (template.metadata?.notDeployedByThisTemplate ?? []).map((n: any) => n.action);
    detail = ` — ARM: ${counts.join(', ')}; ${Object.keys(template.parameters ?? {}).length} parameters, `
      + `${Object.keys(template.outputs ?? {}).length} outputs; deploy with az deployment group create`
      + ` -g ${template.metadata?.deployTo?.resourceGroup ?? '<resource group>'}`
      + (left.length > 0 ? `; left to commands: ${[...new Set(left)].join(', ')}` : '');
  }
  console.log(`  ${rel} (${bytes} bytes)${detail}`);
}
