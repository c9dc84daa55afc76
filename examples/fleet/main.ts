// `npm run synth:fleet` (or `npx cdktf synth` in this folder): 10,000 channels in 20 shard stacks. Kept out of
// the default synth because it takes seconds and writes tens of megabytes; it prints the assignment file to keep.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { addFleetExample } from './app';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const started = Date.now();
const fleet = addFleetExample(app);
app.synth();
const out = path.join(app.outdir, 'fleet-assignment.json');
fs.writeFileSync(out, fleet.assignmentJson());
const changed = fleet.shardEntries.filter((s) => s.changed).length;
console.log(`Synthesized ${fleet.channels.length} channels into ${fleet.shards.length} shard stacks in ${Date.now() - started} ms; assignment written to ${out} (keep it as examples/fleet/assignment.json so no customer moves); matrix ${path.join(app.outdir, `fleet-${fleet.node.id}.json`)}: ${changed} of ${fleet.shards.length} shards changed.`);
