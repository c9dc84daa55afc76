import { emulatorRows, emulatorSuite, EMULATOR_ROUNDS, EmulatorBenchResult, renderEmulatorSection, runEmulatorBenchmark } from '../build-tools/bench/emulator';

describe('the emulator throughput benchmark (smoke mode, small numbers)', () => {
  test('publishes, delivers every id exactly once, and renders the section', async () => {
    const result = await runEmulatorBenchmark({ events: 2_000, batchSize: 100, connections: 4, eventBytes: 1024, warmupEvents: 200, from: 'src' });
    expect(result.published).toBe(2_200);
    expect(result).toMatchObject({ delivered: 2_200, lost: 0, duplicates: 0, unexpected: 0, requests: 20, actualEventBytes: 1024 });
    expect(result.emulator).toMatchObject({ acceptedEvents: 2_200, refusedRequests: 0, delivered: 2_200, failedAttempts: 0, pending: 0 });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
    const section = renderEmulatorSection(result);
    expect(section).toMatch(/^## Emulator throughput\n/);
    expect(section).toContain('| publisher | delivery | events | batch size | connections | event size | wall time | events/s | MB/s | p50 request latency | p99 request latency | delivered | lost | duplicates | target |');
    expect(section).toContain('| node `http.Agent` (keepAlive) | batches of ≤ 100 | 2,000 | 100 | 4 | 1,024 B |');
    expect(section).toContain('| 2,200 / 2,200 | 0 | 0 |');
    // One run per row: no line about medians.
    expect(section).not.toContain('Each row is the median run');

    // Repeated rows: each row shows its median run by events/s, lists every run, and counts losses over all of them.
    const run = (eventsPerSecond: number, structured: boolean, lost = 0): EmulatorBenchResult => ({
      ...result,
      options: { ...result.options, deliveryBatchSize: structured ? 'structured' : result.options.deliveryBatchSize },
      eventsPerSecond,
      lost,
    });
    const runs = [run(61_000, false), run(19_000, true), run(72_000, false), run(24_000, true), run(58_000, false, 2), run(21_000, true)];
    const rows = emulatorRows(runs);
    expect(rows.map((r) => r.median.eventsPerSecond)).toEqual([61_000, 21_000]);
    expect(rows.map((r) => r.runs.map((x) => x.eventsPerSecond))).toEqual([[61_000, 72_000, 58_000], [19_000, 24_000, 21_000]]);
    // With two runs, the slower of the middle two.
    expect(emulatorRows([run(30_000, true), run(20_000, true)])[0].median.eventsPerSecond).toBe(20_000);
    const repeated = renderEmulatorSection(runs[0], ...runs.slice(1));
    expect(repeated).toContain('| 61,000 |');
    expect(repeated).toContain('| 21,000 |');
    expect(repeated).not.toContain('| 72,000 |');
    expect(repeated).toContain('row 1: 61,000 (');
    expect(repeated).toContain('), 72,000 (');
    expect(repeated).toContain('Over all 6 runs: lost 2, duplicates 0.');
  }, 30_000);

  test('npm run bench runs the rows with a target several times, alternating, and the others once', () => {
    const suite = emulatorSuite(false);
    const targeted = suite.filter((o) => !o.failureRate && !o.slowPhaseMs && (o.client ?? 'http') === 'http');
    expect(targeted).toHaveLength(2 * EMULATOR_ROUNDS);
    expect(targeted.map((o) => o.deliveryBatchSize ?? 'batched')).toEqual(Array.from({ length: EMULATOR_ROUNDS }, () => ['batched', 'structured']).flat());
    expect(suite.filter((o) => o.client === 'sdk')).toHaveLength(1);
    expect(suite.filter((o) => o.slowPhaseMs)).toHaveLength(1);
    expect(suite.filter((o) => o.failureRate)).toHaveLength(1);
  });
});

describe('the emulator benchmark\'s slow-subscriber and soak runs (smoke mode, small numbers)', () => {
  test('a slow subscriber: publishing goes on through 503s, and every accepted event arrives once the subscriber catches up', async () => {
    const result = await runEmulatorBenchmark({
      events: 100_000, batchSize: 100, connections: 4, eventBytes: 256, warmupEvents: 100, from: 'src', slowPhaseMs: 1500, slowSubscriberDelayMs: 300,
    });
    expect(result.published).toBeGreaterThan(100);
    expect(result.published).toBeLessThan(100_100);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, unexpected: 0, deadLettered: 0 });
    expect(result.delivered).toBe(result.published);
    const section = renderEmulatorSection(result);
    expect(section).toContain('### A slow subscriber');
    expect(section).toMatch(/Peak memory of the emulator\nprocess: \*\*\d+ MB\*\* \(bound: 300 MB, (kept|NOT kept)\)/);
  }, 60_000);

  test('the soak: with 10% of deliveries failing (500s and timeouts), every event is delivered or dead-lettered, duplicates counted', async () => {
    const result = await runEmulatorBenchmark({
      events: 3_000, batchSize: 100, connections: 4, eventBytes: 256, warmupEvents: 100, from: 'src', failureRate: 0.1, maxDeliveryAttempts: 2, deliveryBatchSize: 20,
    });
    expect(result.published).toBe(3_100);
    expect(result).toMatchObject({ lost: 0, unexpected: 0, targetMet: true });
    expect(result.emulator.failedAttempts).toBeGreaterThan(0);
    expect(result.delivered + result.deadLettered - result.deliveredAndDeadLettered).toBe(3_100);
    expect(renderEmulatorSection(result)).toMatch(/### Soak: 3,000 events, a subscriber failing 10% of deliveries[\s\S]*\*\*lost 0\*\*/);
  }, 60_000);
});
