import { renderEmulatorSection, runEmulatorBenchmark } from '../build-tools/bench/emulator';

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
  }, 30_000);
});
