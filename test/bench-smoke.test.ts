import { renderReport, runBenchmark } from '../build-tools/bench/run';

describe('the synthesis benchmark (smoke mode, small N)', () => {
  test('runs both variants end to end, and they create the same Terraform resources', () => {
    const opts = { sizes: [10, 30], repeats: 1, from: 'src' as const, docsDir: '', fleet: false };
    const rows = runBenchmark(opts);
    expect(rows.map((r) => r.channels)).toEqual([10, 30]);
    for (const r of rows) {
      expect(r.library.resources).toEqual(r.handwritten.resources);
      expect(r.library.resources.azapi_resource).toBe(2 * r.channels);
      expect(r.library.totalMs).toBeGreaterThan(0);
      expect(r.library.maxRssKb).toBeGreaterThan(0);
      expect(r.library.retainedHeapKb).toBeGreaterThan(0);
      expect(r.library.validationMs).toBeGreaterThan(0);
      expect(r.handwritten.validationMs).toBe(0);
    }
    const report = renderReport(rows, opts);
    expect(report).toContain('| 30 |');
    expect(report).toContain('![Synthesis time against channels](benchmarks-time.svg)');
  });
});
