// One measured fleet synthesis, in its own process: `<customers> <per shard> <outdir> <library folder>`.
// `ChannelFleet` with `customers` customers (two regions, two event types per channel, as the fleet example) in
// shards of at most `per shard` channels, validated, with every file the library writes for a shard (cdk.tf.json and
// the emulator's model; no ARM template, the fleet's default).
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const [count, perShard, outdir, libDir] = process.argv.slice(2);
const n = Number(count);
const loadStarted = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const { App } = require('cdktf');
const lib = require(libDir);
/* eslint-enable @typescript-eslint/no-require-imports */

const PARTNER = '00000000-0000-4000-8000-000000000001';
const namespaceId = (name: string) => `/subscriptions/${PARTNER}/resourceGroups/contoso-partner/providers/Microsoft.EventGrid/partnerNamespaces/${name}`;
const customers = Array.from({ length: n }, (_, i) => {
  const id = String(i).padStart(6, '0');
  return {
    customerId: `customer-${id}`,
    subscriptionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resourceGroupName: `customer-${id}-events`,
    partnerTopicName: 'contoso-tickets',
    source: `com.contoso.customer${id}`,
    region: i % 3 === 0 ? 'westeurope' : 'westus2',
  };
});

function bytesUnder(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? bytesUnder(p) : fs.statSync(p).size;
  }
  return total;
}

const loadMs = performance.now() - loadStarted;
const started = performance.now();
const app = new App({ outdir });
const fleet = new lib.ChannelFleet(app, 'contoso-fleet', {
  customers,
  maxChannelsPerStack: Number(perShard),
  namespaces: [
    { partnerNamespaceId: namespaceId('contoso-tickets-westus2'), location: 'westus2' },
    { partnerNamespaceId: namespaceId('contoso-tickets-westeurope'), location: 'westeurope' },
  ],
  eventTypes: [{ type: 'com.contoso.ticketcreated' }, { type: 'com.contoso.ticketclosed' }],
  subscriptionId: PARTNER,
});
const built = performance.now();
app.synth();
const done = performance.now();
// every customer is an instance of its shard's block
let instances = 0;
for (const shard of fleet.shards) {
  const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', shard.node.id, 'cdk.tf.json'), 'utf8'));
  for (const block of Object.values(tf.resource?.azapi_resource ?? {}) as any[]) {
    instances += Object.keys(block.for_each ?? {}).length;
  }
}
process.stdout.write(`${JSON.stringify({
  customers: n,
  shards: fleet.shards.length,
  instances,
  loadMs,
  buildMs: built - started,
  synthMs: done - built,
  totalMs: done - started,
  maxRssKb: process.resourceUsage().maxRSS,
  outputBytes: bytesUnder(outdir),
})}\n`);
