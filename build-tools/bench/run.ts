// `npm run bench`: synthesizes N channels (two event types each) plus one subscription per channel with the
// library and with two equivalent hand-written cdktf programs (resources at the top of the stack; resources at the
// library's addresses), rotating the three, each run in its own process;
// writes docs/benchmarks.md and docs/benchmarks-time.svg. `--smoke` runs small N from src (the test task does);
// `--library-only` and `--emulator-only` run one part and keep the other's section of docs/benchmarks.md.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as ts from 'typescript';
import { emulatorSectionOf, emulatorSuite, renderEmulatorSection, replaceEmulatorSection, runEmulatorSuite } from './emulator';

export interface Measurement {
  readonly variant: string;
  readonly channels: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly validationMs: number;
  readonly maxRssKb: number;
  readonly retainedHeapKb: number;
  readonly terraformBytes: number;
  readonly outputBytes: number;
  readonly resources: { [type: string]: number };
  /** `exact`: the Terraform resources as written; `bodies`: what they ask Azure for, addresses left out. */
  readonly resourceDigests: { readonly exact: string; readonly bodies: string };
  /** The whole process, from its start to its exit (node's start-up and module loading included), timed by the parent. */
  readonly processMs: number;
  /** The total time of each run, in run order (set on the medians the benchmark reports). */
  readonly runsMs?: number[];
}

export interface BenchOptions {
  readonly sizes: number[];
  readonly repeats: number;
  /** Where the library is loaded from: `lib` (compiled, the real benchmark) or `src` (through ts-node). */
  readonly from: 'lib' | 'src';
  /** Where docs/benchmarks.md and the chart go. */
  readonly docsDir: string;
  /** Also time the fleet example (10,000 customers, 500 per stack). */
  readonly fleet: boolean;
  readonly log?: (line: string) => void;
}

const ROOT = path.join(__dirname, '..', '..');

function childScript(work: string, name = 'child'): string {
  const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(source, { compilerOptions }).outputText;
  const file = path.join(work, `${name}.js`);
  // the child resolves cdktf and the provider from the project's node_modules
  fs.writeFileSync(file, `module.paths.unshift(${JSON.stringify(path.join(ROOT, 'node_modules'))});\n${js}`);
  return file;
}

function measure(script: string, variant: string, channels: number, opts: BenchOptions, work: string): Measurement {
  const outdir = fs.mkdtempSync(path.join(work, `${variant}-${channels}-`));
  const libDir = path.join(ROOT, opts.from);
  const nodeArgs = opts.from === 'src' ? ['-r', 'ts-node/register/transpile-only'] : [];
  const started = performance.now();
  const stdout = execFileSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', ...nodeArgs, script, variant, String(channels), outdir, libDir], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(outdir, { recursive: true, force: true });
  const processMs = performance.now() - started;
  return { ...JSON.parse(stdout.trim().split('\n').pop()!), processMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * What a table shows of several runs: the run whose total is the median, with the fields `medians` replaced by their
 * medians over every run, the fields `maxima` by their highest, and every run's total kept in run order.
 */
function medianRun<T extends { readonly totalMs: number; readonly runsMs?: number[] }>(
  list: T[], medians: ReadonlyArray<keyof T>, maxima: ReadonlyArray<keyof T> = []): T {
  const t = median(list.map((m) => m.totalMs));
  const out: T = { ...list.find((m) => m.totalMs === t) ?? list[0], totalMs: t, runsMs: list.map((m) => m.totalMs) };
  for (const key of medians) {
    (out as any)[key] = median(list.map((m) => m[key] as unknown as number));
  }
  for (const key of maxima) {
    (out as any)[key] = Math.max(...list.map((m) => m[key] as unknown as number));
  }
  return out;
}

export interface Row {
  readonly channels: number;
  readonly library: Measurement;
  /** Hand-written, each resource at the top of the stack: the same bodies at other addresses. */
  readonly handwritten: Measurement;
  /**
   * Hand-written, each resource at the library's address (under plain constructs): the same cdk.tf.json, byte for
   * byte, so the same Terraform resources. The baseline of the targets.
   */
  readonly addressed: Measurement;
  /** The library with the emulator's model file turned off. */
  readonly libraryNoModel: Measurement;
}

const VARIANTS = ['library', 'handwritten', 'addressed', 'library-no-model'] as const;

/** Runs the benchmark; returns the median measurement per size and variant. */
export function runBenchmark(opts: BenchOptions): Row[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-events-bench-'));
  const script = childScript(work);
  const rows: Row[] = [];
  try {
    for (const channels of opts.sizes) {
      const runs: { [variant: string]: Measurement[] } = Object.fromEntries(VARIANTS.map((v) => [v, []]));
      for (let r = 0; r < opts.repeats; r++) {
        // rotate the order so no variant always runs first, on a cooler (or warmer) machine
        const order = [...VARIANTS.slice(r % VARIANTS.length), ...VARIANTS.slice(0, r % VARIANTS.length)];
        for (const variant of order) {
          const m = measure(script, variant, channels, opts, work);
          runs[variant].push(m);
          opts.log?.(`${variant} N=${channels} run ${r + 1}: ${m.totalMs.toFixed(0)} ms, ${(m.maxRssKb / 1024).toFixed(0)} MB`);
        }
      }
      const pick = (list: Measurement[]): Measurement => medianRun(list, ['maxRssKb', 'processMs', 'retainedHeapKb']);
      rows.push({
        channels,
        library: pick(runs.library),
        handwritten: pick(runs.handwritten),
        addressed: pick(runs.addressed),
        libraryNoModel: pick(runs['library-no-model']),
      });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

/** One fleet synthesis (build-tools/bench/fleet-child.ts), with its whole process timed by the parent. */
export interface FleetMeasurement {
  readonly customers: number;
  readonly shards: number;
  /** The channel instances found in the shards' cdk.tf.json (every customer once). */
  readonly instances: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly maxRssKb: number;
  readonly outputBytes: number;
  readonly processMs: number;
  /** The total time of each run, in run order (on the medians). */
  readonly runsMs?: number[];
}

/** The fleet at each size, in shards of `perShard`: medians of `repeats` runs, the sizes taking turns. */
export interface FleetScale {
  readonly perShard: number;
  readonly repeats: number;
  readonly rows: FleetMeasurement[];
  /**
   * The hand-written program (the first table's baseline) at `baseline.channels` channels, run in the same rotation
   * as the fleet (so that both meet the machine in the same state): medians of the same number of runs.
   */
  readonly baseline?: Measurement;
}

/**
 * Runs `ChannelFleet` at each size, each run its own process, the sizes alternating; with `baselineChannels`, the
 * hand-written program at that size takes its turn in each round too.
 */
export function runFleetScale(sizes: number[], perShard: number, repeats: number, opts: BenchOptions, baselineChannels?: number): FleetScale {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-events-fleet-'));
  const script = childScript(work, 'fleet-child');
  const baselineScript = baselineChannels !== undefined ? childScript(work) : undefined;
  const libDir = path.join(ROOT, opts.from);
  const nodeArgs = opts.from === 'src' ? ['-r', 'ts-node/register/transpile-only'] : [];
  const runs = new Map<number, FleetMeasurement[]>(sizes.map((size) => [size, []]));
  const baselineRuns: Measurement[] = [];
  try {
    for (let r = 0; r < repeats; r++) {
      if (baselineScript !== undefined && baselineChannels !== undefined) {
        const m = measure(baselineScript, 'addressed', baselineChannels, opts, work);
        baselineRuns.push(m);
        opts.log?.(`hand-written N=${baselineChannels} (fleet rotation) run ${r + 1}: ${m.totalMs.toFixed(0)} ms`);
      }
      for (const size of r % 2 === 0 ? sizes : [...sizes].reverse()) {
        const outdir = fs.mkdtempSync(path.join(work, `fleet-${size}-`));
        const started = performance.now();
        const stdout = execFileSync(process.execPath, ['--max-old-space-size=8192', ...nodeArgs, script, String(size), String(perShard), outdir, libDir], {
          cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
        });
        const processMs = performance.now() - started;
        fs.rmSync(outdir, { recursive: true, force: true });
        const m: FleetMeasurement = { ...JSON.parse(stdout.trim().split('\n').pop()!), processMs };
        if (m.instances !== size) {
          throw new Error(`the fleet of ${size} customers rendered ${m.instances} channel instances`);
        }
        runs.get(size)!.push(m);
        opts.log?.(`fleet N=${size} run ${r + 1}: ${m.totalMs.toFixed(0)} ms, ${(m.maxRssKb / 1024).toFixed(0)} MB`);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return {
    perShard,
    repeats,
    baseline: baselineRuns.length === 0 ? undefined : medianRun(baselineRuns, ['processMs']),
    rows: sizes.map((size) => medianRun(runs.get(size)!, ['synthMs', 'buildMs', 'processMs'], ['maxRssKb'])),
  };
}

/** The fleet section of docs/benchmarks.md: the fleet at each size against the hand-written program at 10,000. */
export function renderFleetSection(scale: FleetScale, baseline: Measurement | undefined): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const largest = scale.rows[scale.rows.length - 1];
  const smallest = scale.rows[0];
  const rows = scale.rows.map((r) => `| ${n(r.customers)} | ${r.shards} | ${n(r.totalMs)} | ${n(r.buildMs)} / ${n(r.synthMs)} | ${(r.totalMs / r.shards).toFixed(1)} | ${n(r.processMs)} | ${n(r.maxRssKb / 1024)} | ${(r.outputBytes / 1e6).toFixed(1)} | ${(r.runsMs ?? []).map(n).join(', ')} |`);
  const targets: string[] = [];
  if (baseline !== undefined) {
    const met = largest.totalMs < baseline.totalMs;
    targets.push(`| ${n(largest.customers)} customers synthesize faster than the hand-written program's ${n(baseline.channels)} channels (first construct to the end of synth) | < ${n(baseline.totalMs)} ms | ${n(largest.totalMs)} ms | ${met ? 'met' : 'missed'} |`);
    targets.push(`| the same, whole processes (start-up and loading included) | < ${n(baseline.processMs)} ms | ${n(largest.processMs)} ms | ${largest.processMs < baseline.processMs ? 'met' : 'missed'} |`);
  }
  const limitMb = 1024;
  targets.push(`| peak memory at ${n(largest.customers)} customers (the highest of the runs) | < ${n(limitMb)} MB | ${n(largest.maxRssKb / 1024)} MB | ${largest.maxRssKb / 1024 < limitMb ? 'met' : 'missed'} |`);
  const growth = largest.totalMs / smallest.totalMs;
  const linear = largest.customers / smallest.customers;
  targets.push(`| growth from ${n(smallest.customers)} to ${n(largest.customers)} customers | ≤ ${linear.toFixed(0)}× (linear) | ${growth.toFixed(2)}× | ${growth <= linear ? 'met' : 'missed'} |`);
  return `## A fleet of ${n(largest.customers)} customers

\`ChannelFleet\` (build-tools/bench/fleet-child.ts): customers in two regions, one channel each with two event types,
in shards of at most ${scale.perShard} channels, validated, each shard writing its cdk.tf.json (one \`azapi_resource\` with
\`for_each\` over its channels, keyed by customer id) and the emulator's model file (no ARM template: the fleet's
default). Each run is its own process; the sizes take turns; medians of ${scale.repeats} runs (peak memory: the highest).
Time is from the first construct to the end of \`app.synth()\`; the whole process includes Node's start-up and loading.

| customers | shards | time ms | build / synth ms | per shard ms | whole process ms | peak MB | output MB | runs ms |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| target (issue 17) | goal | measured | |
|---|---|---|---|
${targets.join('\n')}

The baseline is the hand-written program of the first table at ${n(baseline?.channels ?? 0)} channels (one cdktf resource
object per Azure resource), run once in each round of the fleet's runs, so that both meet the machine in the same
state${baseline?.runsMs ? ` (its runs: ${baseline.runsMs.map(n).join(', ')} ms)` : ''}.
`;
}

function chart(rows: Row[]): string {
  const w = 640; const h = 400; const left = 70; const bottom = 50; const top = 30; const right = 150;
  const xs = rows.map((r) => Math.log10(r.channels));
  const all = rows.flatMap((r) => [r.library.totalMs, r.handwritten.totalMs, r.addressed.totalMs]);
  const ymin = Math.floor(Math.log10(Math.min(...all))); const ymax = Math.ceil(Math.log10(Math.max(...all)));
  const xmin = Math.min(...xs); const xmax = Math.max(...xs) === xmin ? xmin + 1 : Math.max(...xs);
  const px = (x: number) => left + ((x - xmin) / (xmax - xmin)) * (w - left - right);
  const py = (y: number) => top + (1 - (y - ymin) / (ymax - ymin || 1)) * (h - top - bottom);
  const line = (pick: (r: Row) => number, color: string, label: string, dy: number) => {
    const pts = rows.map((r) => `${px(Math.log10(r.channels)).toFixed(1)},${py(Math.log10(pick(r))).toFixed(1)}`);
    const last = pts[pts.length - 1].split(',');
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`
      + rows.map((r) => `<circle cx="${px(Math.log10(r.channels)).toFixed(1)}" cy="${py(Math.log10(pick(r))).toFixed(1)}" r="3" fill="${color}"/>`).join('')
      + `<text x="${Number(last[0]) + 8}" y="${Number(last[1]) + dy}" font-size="12" fill="${color}">${label}</text>`;
  };
  const ticks: string[] = [];
  for (const r of rows) {
    ticks.push(`<text x="${px(Math.log10(r.channels))}" y="${h - bottom + 18}" font-size="11" text-anchor="middle">${r.channels.toLocaleString('en-US')}</text>`);
  }
  for (let y = ymin; y <= ymax; y++) {
    ticks.push(`<line x1="${left}" x2="${w - right}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/><text x="${left - 6}" y="${py(y) + 4}" font-size="11" text-anchor="end">${(10 ** y).toLocaleString('en-US')} ms</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="18" font-size="14">Synthesis time against channels (log-log; median of the runs)</text>
${ticks.join('\n')}
<line x1="${left}" x2="${left}" y1="${top}" y2="${h - bottom}" stroke="black"/><line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="black"/>
<text x="${(left + w - right) / 2}" y="${h - 12}" font-size="12" text-anchor="middle">channels (each with one subscription)</text>
${line((r) => r.library.totalMs, '#1f6feb', 'library', -4)}
${line((r) => r.addressed.totalMs, '#8250df', 'hand-written', 2)}
${line((r) => r.handwritten.totalMs, '#d73a49', 'top of stack', 14)}
</svg>
`;
}

/** docs/benchmarks.md from the rows. */
export function renderReport(rows: Row[], opts: BenchOptions, fleet?: FleetScale): string {
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const n = (r: Row) => r.channels.toLocaleString('en-US');
  const timeTable = rows.map((r) => `| ${n(r)} | ${r.library.totalMs.toFixed(0)} | ${r.addressed.totalMs.toFixed(0)} | ${ratio(r.library.totalMs, r.addressed.totalMs)} | ${r.handwritten.totalMs.toFixed(0)} | ${ratio(r.library.totalMs, r.handwritten.totalMs)} | ${r.libraryNoModel.totalMs.toFixed(0)} | ${((100 * r.library.validationMs) / r.library.totalMs).toFixed(1)}% |`);
  const memoryTable = rows.map((r) => `| ${n(r)} | ${mb(r.library.maxRssKb)} | ${mb(r.addressed.maxRssKb)} | ${ratio(r.library.maxRssKb, r.addressed.maxRssKb)} | ${mb(r.handwritten.maxRssKb)} | ${ratio(r.library.maxRssKb, r.handwritten.maxRssKb)} | ${mb(r.library.retainedHeapKb)} / ${mb(r.addressed.retainedHeapKb)} / ${mb(r.handwritten.retainedHeapKb)} | ${(r.library.terraformBytes / 1e6).toFixed(2)} / ${(r.library.outputBytes / 1e6).toFixed(2)} | ${(r.handwritten.terraformBytes / 1e6).toFixed(2)} |`);
  const big = rows[rows.length - 1];
  const k1 = rows.find((r) => r.channels === 1000);
  const k10 = rows.find((r) => r.channels === 10000);
  const targets: string[] = [];
  let gap = '';
  if (k10) {
    const t = k10.library.totalMs / k10.addressed.totalMs;
    const m = k10.library.maxRssKb / k10.addressed.maxRssKb;
    const tTop = k10.library.totalMs / k10.handwritten.totalMs;
    const mTop = k10.library.maxRssKb / k10.handwritten.maxRssKb;
    const p = k10.library.processMs / k10.addressed.processMs;
    targets.push(`| whole-process time ratio at 10,000 (library / hand-written, same Terraform; start-up and loading included) | ≤ 1.10 | ${p.toFixed(2)} (${k10.library.processMs.toFixed(0)} / ${k10.addressed.processMs.toFixed(0)} ms) | ${p <= 1.10 ? 'met' : 'missed'} |`);
    targets.push(`| synthesis time ratio at 10,000 (first construct to the end of synth) | ≤ 1.10 | ${t.toFixed(2)} | ${t <= 1.10 ? 'met' : 'missed'} |`);
    targets.push(`| peak memory ratio at 10,000 (same baseline) | ≤ 1.10 | ${m.toFixed(2)} | ${m <= 1.10 ? 'met' : 'missed'} |`);
    targets.push(`| for reference: the synthesis time and peak memory ratios against the top-of-stack program | (≤ 1.10, ≤ 1.10) | ${tTop.toFixed(2)}, ${mTop.toFixed(2)} | ${tTop <= 1.10 && mTop <= 1.10 ? 'within' : 'over'} |`);
    const tree = k10.addressed.totalMs - k10.handwritten.totalMs;
    const own = k10.library.totalMs - k10.addressed.totalMs;
    const model = k10.library.totalMs - k10.libraryNoModel.totalMs;
    const share = (x: number) => `${Math.round((100 * x) / own)}%`;
    const runs = (v: Measurement) => (v.runsMs ?? [v.totalMs]).map((ms) => ms.toFixed(0)).join(', ');
    // A decomposition only means something when each difference is larger than the runs' own spread.
    const spread = Math.max(...[k10.library, k10.addressed, k10.libraryNoModel].map((v) => {
      const list = v.runsMs ?? [v.totalMs];
      return Math.max(...list) - Math.min(...list);
    }));
    const decomposable = own > 0 && model > 0 && own - model - k10.library.validationMs > 0 && Math.min(own, model) > spread / 2;
    const parts = decomposable ? `What the library
takes beyond it, ${own.toFixed(0)} ms, is its own work:

- the emulator's model file: ${model.toFixed(0)} ms (${share(model)}), measured by turning it off (context
  \`cdktf-azure-partner-events:emulatorModel\` false): with it off the library takes ${k10.libraryNoModel.totalMs.toFixed(0)} ms,
  ${ratio(k10.libraryNoModel.totalMs, k10.addressed.totalMs)}× the hand-written time, with a peak of ${mb(k10.libraryNoModel.maxRssKb)} MB (${ratio(k10.libraryNoModel.maxRssKb, k10.addressed.maxRssKb)}×);
- the synth-time validation: ${k10.library.validationMs.toFixed(0)} ms (${share(k10.library.validationMs)});
- the rest, ${(own - model - k10.library.validationMs).toFixed(0)} ms (${share(own - model - k10.library.validationMs)}): the constructs' own code (defaults, checks made in constructors,
  the app-wide registry, the escape-hatch watch) and the garbage collection of what they allocate.
` : own < 0 ? `The library
takes ${(-own).toFixed(0)} ms less than it by the medians: cdktf resolves the hand-written program's every value, twice,
while the library puts its request bodies of plain data into the JSON after resolution
(\`src/internal/cdktf/literal-splice.ts\`), which more than pays for what the library adds. Measured directly: the
synth-time validation takes ${k10.library.validationMs.toFixed(0)} ms; with the emulator's model file off (context
\`cdktf-azure-partner-events:emulatorModel\` false) the library takes ${k10.libraryNoModel.totalMs.toFixed(0)} ms, ${ratio(k10.libraryNoModel.totalMs, k10.addressed.totalMs)}× the hand-written
time, with a peak of ${mb(k10.libraryNoModel.maxRssKb)} MB (${ratio(k10.libraryNoModel.maxRssKb, k10.addressed.maxRssKb)}×).
` : `What the library
takes beyond it (${own.toFixed(0)} ms by the medians) is within the runs' own spread (up to ${spread.toFixed(0)} ms between
the fastest and the slowest run of one variant), so it is not split here. Measured directly: the synth-time
validation takes ${k10.library.validationMs.toFixed(0)} ms; with the emulator's model file off (context
\`cdktf-azure-partner-events:emulatorModel\` false) the library takes ${k10.libraryNoModel.totalMs.toFixed(0)} ms, ${ratio(k10.libraryNoModel.totalMs, k10.addressed.totalMs)}× the hand-written
time, with a peak of ${mb(k10.libraryNoModel.maxRssKb)} MB (${ratio(k10.libraryNoModel.maxRssKb, k10.addressed.maxRssKb)}×).
`;
    gap = `
## Where the library's time goes (10,000 channels)

The hand-written program writes exactly the library's \`cdk.tf.json\` (the benchmark's smoke test checks the
digests) with none of the library's code: plain constructs where the library has its constructs. ${parts}
The runs at 10,000 channels, in ms (the spread of one variant is the noise the medians smooth):
library ${runs(k10.library)}; hand-written ${runs(k10.addressed)}; top of stack ${runs(k10.handwritten)};
library without the model file ${runs(k10.libraryNoModel)}.

## What the library's resource addresses cost (10,000 channels)

The same program with each resource at the top of the stack (\`Customer0\`, \`Customer0Webhook\`) instead of at
the library's addresses (\`Namespace/Customer0/Resource\`, \`Namespace/Customer0/PartnerTopic/Webhook/Resource\`)
takes ${tree.toFixed(0)} ms less (the library's program takes ${ratio(k10.addressed.totalMs, k10.handwritten.totalMs)}× its time) and keeps
${mb(k10.addressed.retainedHeapKb - k10.handwritten.retainedHeapKb)} MB less heap: 2 constructs per channel instead of 5 for every tree pass of synth, and
shorter logical ids and construct paths in the ${(k10.handwritten.terraformBytes / 1e6).toFixed(1)} MB of Terraform instead of ${(k10.addressed.terraformBytes / 1e6).toFixed(1)} MB. That
program creates other Terraform resources (other addresses: moving to it, or from it, plans every resource
destroyed and created again), so it is not the targets' baseline; its ratios are in the table for reference.
`;
  }
  if (k1 && k10) {
    const g = k10.library.totalMs / k1.library.totalMs;
    targets.push(`| library growth from 1,000 to 10,000 | ≤ 11× | ${g.toFixed(2)}× | ${g <= 11 ? 'met' : 'missed'} |`);
  }
  const cpus = os.cpus();
  return `# Benchmarks

<!-- Written by \`npm run bench\` (build-tools/bench/run.ts). Do not edit by hand. -->

Synthesis of N channels, each with two event types and one webhook subscription on its partner topic, plus the
registration and namespace, four ways:

- **library**: this library's constructs, with validation and the files it writes beside the Terraform;
- **hand-written**: a cdktf program that creates the same Terraform resources directly, with no validation: the
  provider's classes and the azapi binding, each resource at the library's address under plain constructs that
  mirror the library's tree, so that its \`cdk.tf.json\` is the library's byte for byte (the smoke test checks
  digests). Terraform knows a resource by its address, so this is the program that creates the same resources
  (moving between it and the library plans no change): **the baseline of the targets**. It resolves every value as
  cdktf does for any program (and as an azapi binding made by \`cdktf get\` would): the library's own rendering puts
  request bodies of plain data into the JSON after cdktf has resolved the rest (\`src/internal/cdktf/literal-splice.ts\`),
  which the baseline's copy of the binding has turned off;
- **top of stack**: the hand-written program with each resource at the top of the stack instead: the same types
  and bodies at other (shorter) addresses, so other Terraform resources; shown for what the library's addresses
  cost;
- **library without the model file**: the library with context \`cdktf-azure-partner-events:emulatorModel\` set to
  false (for pipelines that never run the emulator), to measure what the file costs.

Each run is its own Node.js process; the variants take turns; the figures are medians of ${opts.repeats} run(s). Time is
from the first construct to the end of \`app.synth()\` (module loading excluded).

| channels | library ms | hand-written ms | library / hand-written | top-of-stack ms | library / top-of-stack | library without model file ms | validation share of library time |
|---|---|---|---|---|---|---|---|
${timeTable.join('\n')}

![Synthesis time against channels](benchmarks-time.svg)

Peak memory is the process's peak resident set, which varies from run to run with when the garbage collector runs;
the heap kept after synth (after a forced full collection) is the steadier figure. Output is the Terraform JSON
(library: Terraform / everything it writes: the validation report, the emulator model and, for stacks within
ARM's 800-resource limit, the ARM template; the 1,000 and 10,000 stacks are over it).

| channels | library peak MB | hand-written peak MB | peak ratio | top-of-stack peak MB | library / top-of-stack | heap kept after synth MB (library / hand-written / top-of-stack) | library output MB (Terraform / all) | top-of-stack output MB |
|---|---|---|---|---|---|---|---|---|
${memoryTable.join('\n')}

## Targets

| target | goal | measured | |
|---|---|---|---|
${targets.join('\n')}
${gap}${fleet ? `\n${renderFleetSection(fleet, fleet.baseline ?? rows[rows.length - 1].addressed)}` : ''}
## Machine

- ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.platform()} ${os.release()}
- Node.js ${process.version}; the library loaded from \`${opts.from}/\`; the largest run: ${big.library.resources.azapi_resource ?? 0} azapi resources
`;
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  if (process.argv.includes('--emulator-only')) {
    // The emulator's part alone (npm run bench -- --emulator-only): its section of docs/benchmarks.md is replaced.
    const results = await runEmulatorSuite(emulatorSuite(smoke), console.log);
    const file = path.join(smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-docs-')) : path.join(ROOT, 'docs'), 'benchmarks.md');
    fs.writeFileSync(file, replaceEmulatorSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', renderEmulatorSection(results[0], ...results.slice(1))));
    console.log(`wrote the emulator section of ${file}`);
    return;
  }
  const opts: BenchOptions = smoke
    ? { sizes: [20, 60], repeats: 1, from: 'src', docsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-docs-')), fleet: false, log: console.log }
    : { sizes: [100, 1000, 10000], repeats: 5, from: 'lib', docsDir: path.join(ROOT, 'docs'), fleet: true, log: console.log };
  if (opts.from === 'lib' && !fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/ is not built: run `npx projen compile` first (npm run bench does)');
  }
  const rows = runBenchmark(opts);
  const fleet = opts.fleet ? runFleetScale([10_000, 100_000], 500, 5, opts, 10_000) : smoke ? runFleetScale([100, 300], 50, 1, opts, 60) : undefined;
  if (process.argv.includes('--library-only')) {
    // The library's part alone (npm run bench -- --library-only): the emulator's section of docs/benchmarks.md is kept.
    const file = path.join(opts.docsDir, 'benchmarks.md');
    const kept = emulatorSectionOf(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    fs.mkdirSync(opts.docsDir, { recursive: true });
    fs.writeFileSync(file, `${renderReport(rows, opts, fleet)}${kept ? `\n${kept}` : ''}`);
    fs.writeFileSync(path.join(opts.docsDir, 'benchmarks-time.svg'), chart(rows));
    console.log(`wrote ${file} (the emulator's section kept)`);
    return;
  }
  // the emulator: 1 KB events, 100 per request, over keep-alive connections; batched and one-per-request delivery,
  // a slow subscriber, the soak (build-tools/bench/emulator.ts, emulatorSuite)
  const emulator = await runEmulatorSuite(emulatorSuite(smoke), console.log);
  fs.mkdirSync(opts.docsDir, { recursive: true });
  fs.writeFileSync(path.join(opts.docsDir, 'benchmarks.md'), `${renderReport(rows, opts, fleet)}\n${renderEmulatorSection(emulator[0], ...emulator.slice(1))}`);
  fs.writeFileSync(path.join(opts.docsDir, 'benchmarks-time.svg'), chart(rows));
  console.log(`wrote ${path.join(opts.docsDir, 'benchmarks.md')}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
