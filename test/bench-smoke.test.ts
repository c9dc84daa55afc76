import { Measurement, renderFleetSection, renderReport, runBenchmark, runFleetScale } from '../build-tools/bench/run';

describe('the synthesis benchmark (smoke mode, small N)', () => {
  const opts = { sizes: [10, 30], repeats: 1, from: 'src' as const, docsDir: '', fleet: false };
  const rows = runBenchmark(opts);

  test('runs the four variants end to end at each size', () => {
    expect(rows.map((r) => r.channels)).toEqual([10, 30]);
    for (const r of rows) {
      for (const m of [r.library, r.handwritten, r.addressed, r.libraryNoModel]) {
        expect(m.totalMs).toBeGreaterThan(0);
        expect(m.maxRssKb).toBeGreaterThan(0);
        expect(m.retainedHeapKb).toBeGreaterThan(0);
      }
      expect(r.library.validationMs).toBeGreaterThan(0);
      expect(r.libraryNoModel.validationMs).toBeGreaterThan(0);
      expect(r.handwritten.validationMs).toBe(0);
      expect(r.addressed.validationMs).toBe(0);
    }
  });

  test('the hand-written programs create the same Terraform resources as the library', () => {
    for (const r of rows) {
      expect(r.library.resources.azapi_resource).toBe(2 * r.channels);
      expect(r.handwritten.resources).toEqual(r.library.resources);
      // same bodies, whatever the addresses
      expect(r.handwritten.resourceDigests.bodies).toBe(r.library.resourceDigests.bodies);
      // the same-address program writes the library's resources exactly; the top-of-stack one names them otherwise
      expect(r.addressed.resourceDigests.exact).toBe(r.library.resourceDigests.exact);
      expect(r.handwritten.resourceDigests.exact).not.toBe(r.library.resourceDigests.exact);
      // turning the emulator's model file off changes no Terraform, only what else is written
      expect(r.libraryNoModel.resourceDigests.exact).toBe(r.library.resourceDigests.exact);
      expect(r.libraryNoModel.outputBytes).toBeLessThan(r.library.outputBytes);
    }
    // the digests see the channel count: 10 and 30 channels differ
    expect(rows[0].library.resourceDigests.bodies).not.toBe(rows[1].library.resourceDigests.bodies);
  });

  test('the report has both tables, the chart and the decomposition only when it measured 10,000 channels', () => {
    const report = renderReport(rows, opts);
    expect(report).toContain('| 30 |');
    expect(report).toContain('![Synthesis time against channels](benchmarks-time.svg)');
    expect(report).toContain('| channels | library ms | hand-written ms | library / hand-written | top-of-stack ms |');
    expect(report).not.toContain('Where the library\'s time goes');
    const at10k = rows.map((r) => ({ ...r, channels: r.channels === 30 ? 10000 : 1000 }));
    const at10kReport = renderReport(at10k, opts);
    expect(at10kReport).toContain('Where the library\'s time goes (10,000 channels)');
    expect(at10kReport).toContain('What the library\'s resource addresses cost (10,000 channels)');
    // the targets are held against the program that writes the same Terraform; the other ratios are for reference
    const k10 = at10k[1];
    const expected = (k10.library.totalMs / k10.addressed.totalMs).toFixed(2);
    expect(at10kReport).toContain(`| synthesis time ratio at 10,000 (first construct to the end of synth) | ≤ 1.10 | ${expected} |`);
    // and on whole processes (start-up and module loading included), timed by the parent
    const whole = (k10.library.processMs / k10.addressed.processMs).toFixed(2);
    expect(k10.library.processMs).toBeGreaterThan(k10.library.totalMs);
    expect(at10kReport).toContain(`| ≤ 1.10 | ${whole} (${k10.library.processMs.toFixed(0)} / ${k10.addressed.processMs.toFixed(0)} ms) |`);
    expect(at10kReport).toContain(`library ${k10.library.totalMs.toFixed(0)};`);

    // differences larger than the runs' spread are split into the model file, the validation and the rest
    const clear = at10k.map((r) => (r.channels !== 10000 ? r : {
      ...r,
      library: { ...r.library, totalMs: 2000, validationMs: 100, runsMs: [1990, 2000, 2010] },
      addressed: { ...r.addressed, totalMs: 1000, runsMs: [990, 1000, 1010] },
      libraryNoModel: { ...r.libraryNoModel, totalMs: 1700, runsMs: [1690, 1700, 1710] },
    }));
    const clearReport = renderReport(clear, opts);
    expect(clearReport).toContain('takes beyond it, 1000 ms, is its own work:');
    expect(clearReport).toContain('the emulator\'s model file: 300 ms (30%)');
    expect(clearReport).toContain('the rest, 600 ms (60%)');

    // differences smaller than the runs' spread are not split into parts (they would come out negative)
    const noisy = at10k.map((r) => (r.channels !== 10000 ? r : {
      ...r,
      library: { ...r.library, totalMs: 1000, runsMs: [900, 1000, 1400] },
      addressed: { ...r.addressed, totalMs: 990, runsMs: [990, 1300, 950] },
      libraryNoModel: { ...r.libraryNoModel, totalMs: 1010, runsMs: [1010, 1200, 980] },
    }));
    const noisyReport = renderReport(noisy, opts);
    expect(noisyReport).toContain('is within the runs\' own spread (up to 500 ms');
    expect(noisyReport).not.toContain('the emulator\'s model file: -');
  });
});

describe('the fleet benchmark (smoke mode, small N)', () => {
  const opts = { sizes: [], repeats: 1, from: 'src' as const, docsDir: '', fleet: true };
  const scale = runFleetScale([40, 120], 20, 1, opts, 30);

  test('runs the hand-written baseline in the same rotation', () => {
    expect(scale.baseline?.variant).toBe('addressed');
    expect(scale.baseline?.channels).toBe(30);
    expect(scale.baseline?.runsMs).toHaveLength(1);
  });

  test('synthesizes each size in its own process, every customer an instance of its shard block', () => {
    expect(scale.rows.map((r) => [r.customers, r.shards, r.instances])).toEqual([[40, 2, 40], [120, 6, 120]]);
    for (const r of scale.rows) {
      expect(r.totalMs).toBeGreaterThan(0);
      expect(r.processMs).toBeGreaterThan(r.totalMs);
      expect(r.maxRssKb).toBeGreaterThan(0);
    }
  });

  test('the section holds the fleet against the hand-written baseline: met below it, missed above it', () => {
    const largest = scale.rows[1];
    const baseline = (totalMs: number): Measurement => ({ channels: 10000, totalMs, processMs: largest.processMs + 1 } as Measurement);
    const slower = renderFleetSection(scale, baseline(largest.totalMs + 1));
    expect(slower).toContain(`| 120 customers synthesize faster than the hand-written program's 10,000 channels (first construct to the end of synth) | < ${Math.round(largest.totalMs + 1).toLocaleString('en-US')} ms | ${Math.round(largest.totalMs).toLocaleString('en-US')} ms | met |`);
    const faster = renderFleetSection(scale, baseline(largest.totalMs - 1));
    expect(faster).toMatch(/\| 120 customers synthesize faster .* \| missed \|/);
    expect(slower).toMatch(/\| peak memory at 120 customers .* \| < 1,024 MB \| \d+ MB \| met \|/);
    expect(slower).toContain(`| growth from 40 to 120 customers | ≤ 3× (linear) | ${(largest.totalMs / scale.rows[0].totalMs).toFixed(2)}× |`);
  });
});
