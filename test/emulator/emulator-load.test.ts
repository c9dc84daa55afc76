// Under load: 100,000 events published with the official client in concurrent batches, each delivered exactly once to
// every matching webhook subscription (ids counted), nothing lost when a subscriber fails transiently (retried) or
// permanently (dead-lettered). Everything on 127.0.0.1; Event Grid's durations scaled down 1000 times.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { AdvancedFilter, destinations, PartnerNamespace, PartnerRegistration } from '../../src';
import { EmulatorHandle, readDeadLetters, startEmulator } from '../../src/emulator';
import { publisher, Receiver, removeTemp, synthApp, tempDir } from '../support/emulator';

const SUB = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
const HOOKS = 'https://load.contoso.example';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/load/providers/Microsoft.Storage/storageAccounts/loaddl`;
const TOTAL = 100_000;
const PER_REQUEST = 1_000;
const CONCURRENT_REQUESTS = 8;
const TYPES = ['com.contoso.ticketcreated', 'com.contoso.ticketclosed'];
/** Events with data.n below this go to the subscriber that always fails. */
const BROKEN_BELOW = 5_000;

function buildApp(app: App): void {
  const stack = new TerraformStack(app, 'load');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'load', registrationName: 'contoso-load' });
  const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'load', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-load' });
  const channel = ns.addChannel('Channel', {
    channelName: 'load-tickets', partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'load', partnerTopicName: 'load-tickets', source: 'com.contoso.load',
  });
  const topic = channel.partnerTopic;
  topic.activate();
  const hook = (p: string, maxEventsPerBatch: number) => new destinations.WebHook({ endpointUrl: `${HOOKS}/${p}`, maxEventsPerBatch, preferredBatchSizeInKilobytes: 1024 });
  topic.addEventSubscription('All', { eventSubscriptionName: 'load-all', destination: hook('all', 1000) });
  topic.addEventSubscription('Created', { eventSubscriptionName: 'load-created', destination: hook('created', 500), includedEventTypes: [TYPES[0]] });
  topic.addEventSubscription('High', {
    eventSubscriptionName: 'load-high', destination: hook('high', 1000), advancedFilters: [AdvancedFilter.numberGreaterThanOrEquals('data.priority', 4)],
  });
  topic.addEventSubscription('Flaky', { eventSubscriptionName: 'load-flaky', destination: hook('flaky', 1000) });
  topic.addEventSubscription('Broken', {
    eventSubscriptionName: 'load-broken',
    destination: hook('broken', 100),
    advancedFilters: [AdvancedFilter.numberLessThan('data.n', BROKEN_BELOW)],
    maxDeliveryAttempts: 2,
    deadLetter: { storageAccountId: STORAGE, blobContainerName: 'load-dead-letters' },
  });
}

let outdir: string | undefined;
let receiver: Receiver | undefined;
let emulator: EmulatorHandle | undefined;
let deadLetters: string | undefined;

afterAll(async () => {
  await emulator?.stop();
  await receiver?.stop();
  removeTemp(outdir);
  removeTemp(deadLetters);
});

test(`${TOTAL} events in concurrent batches: each delivered exactly once to every matching subscription, none lost to failures`, async () => {
  outdir = synthApp(buildApp);
  deadLetters = tempDir('load-dead-letters');
  // The flaky subscriber fails every first attempt (503: retried); the broken one always fails (500).
  receiver = await Receiver.start((p, _n, _events, headers) => (p === '/broken' ? 500 : p === '/flaky' && headers['aeg-delivery-count'] === '0' ? 503 : 200));
  receiver.keepRequests = false;
  emulator = await startEmulator({
    outdir,
    webhooks: { [HOOKS]: receiver.url },
    deadLetterDir: deadLetters,
    // Retries after 10 ms, 30 ms…; dead letters 300 ms after the last attempt; generous request timeout, so that a
    // slow answer under load is never retried (which would deliver twice, as Event Grid's at-least-once allows).
    timing: { timeScale: 0.001, deliveryTimeoutMs: 30_000 },
  });
  const started = Date.now();
  // With the SDK's retries: a subscription whose backlog is full answers 503 with Retry-After, and the client retries.
  const client = publisher(emulator.endpoint('contoso-load'), emulator.keys('contoso-load').key1, { retries: true });
  const expected = { all: new Set<string>(), created: new Set<string>(), high: new Set<string>(), broken: new Set<string>() };
  const batches: any[][] = [];
  for (let b = 0; b < TOTAL / PER_REQUEST; b++) {
    const batch = [];
    for (let i = 0; i < PER_REQUEST; i++) {
      const n = b * PER_REQUEST + i;
      const id = `evt-${n}`;
      const type = TYPES[n % 2];
      const priority = n % 5;
      batch.push({ id, type, source: 'com.contoso.load', subject: `tickets/${n}`, data: { n, priority, customer: `customer-${n % 97}` } });
      expected.all.add(id);
      if (type === TYPES[0]) {
        expected.created.add(id);
      }
      if (priority >= 4) {
        expected.high.add(id);
      }
      if (n < BROKEN_BELOW) {
        expected.broken.add(id);
      }
    }
    batches.push(batch);
  }
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      await client.send(batch, { channelName: 'load-tickets' });
    }
  }));
  const published = Date.now();
  await emulator.waitForIdle(40_000);
  const idle = Date.now();

  const exactlyOnce = (p: string, want: Set<string>) => {
    const got = receiver!.ids(p);
    expect(got.size).toBe(want.size);
    let duplicates = 0;
    let unexpected = 0;
    for (const [id, count] of got) {
      duplicates += count > 1 ? 1 : 0;
      unexpected += want.has(id) ? 0 : 1;
    }
    expect({ duplicates, unexpected }).toEqual({ duplicates: 0, unexpected: 0 });
  };
  exactlyOnce('/all', expected.all);
  exactlyOnce('/created', expected.created);
  exactlyOnce('/high', expected.high);
  exactlyOnce('/flaky', expected.all);
  expect(receiver.ids('/broken').size).toBe(0);

  // Every event of the broken subscription is in the dead-letter folder, once.
  const dead = readDeadLetters(deadLetters);
  const deadIds = new Set(dead.map((d) => d.event.id as string));
  expect(dead).toHaveLength(expected.broken.size);
  expect([...deadIds].every((id) => expected.broken.has(id))).toBe(true);
  expect(deadIds.size).toBe(expected.broken.size);
  expect(dead[0].event).toMatchObject({ deadletterreason: 'MaxDeliveryAttemptsExceeded', deliveryattempts: 2, lasthttpstatuscode: 500 });

  const stats = emulator.stats();
  const byName = Object.fromEntries(Object.values(stats.subscriptions).map((s) => [s.name, s]));
  const ns = stats.namespaces['contoso-load'];
  expect(ns).toMatchObject({ acceptedEvents: TOTAL });
  // Every request was accepted once; the others were refused for backpressure only (and retried).
  expect(Object.keys(ns.refused).filter((status) => status !== '503')).toEqual([]);
  expect(ns.requests - (ns.refused[503] ?? 0)).toBe(TOTAL / PER_REQUEST);
  expect(byName['load-flaky'].retries).toBeGreaterThan(0);
  expect(byName['load-flaky']).toMatchObject({ delivered: TOTAL, deadLettered: 0, dropped: 0, pending: 0 });
  expect(byName['load-broken']).toMatchObject({ matched: BROKEN_BELOW, deadLettered: BROKEN_BELOW, failedAttempts: 2 * BROKEN_BELOW, delivered: 0 });
  for (const s of Object.values(byName)) {
    expect(s.matched).toBe(s.delivered + s.deadLettered + s.dropped);
  }
  // The figures of this run, in the test output.
  console.log(`load: ${TOTAL} events published in ${published - started} ms, all deliveries and dead letters done ${idle - published} ms later; `
    + `${Object.values(byName).map((s) => `${s.name}: ${s.delivered} delivered in ${s.requests} requests, ${s.retries} retried, ${s.deadLettered} dead-lettered, peak backlog ${s.peakBacklog}`).join('; ')}`
    + `; ${ns.refused[503] ?? 0} publish requests answered 503 and retried`);
}, 60_000);
