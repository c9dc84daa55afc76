// The local partner namespace, driven by a synthesized app and exercised with the official @azure/eventgrid
// client: publishing (keys, SAS tokens, batched and structured modes, the article's response table), routing,
// activation, filtered delivery to local webhooks, retries and dead-lettering.
import { spawn } from 'child_process';
import * as path from 'path';
import { AzureSASCredential, EventGridPublisherClient, generateSharedAccessSignature, AzureKeyCredential } from '@azure/eventgrid';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import {
  AdvancedFilter, destinations, Duration, PartnerNamespace, PartnerRegistration, PartnerTopic, PartnerTopicRoutingMode,
} from '../../src';
import { buildSasToken, EmulatorHandle, EmulatorOptions, readDeadLetters, startEmulator } from '../../src/emulator';
import { parseArgs } from '../../src/emulator/cli';
import { publisher, Receiver, removeTemp, synthApp, tempDir } from '../support/emulator';

const SUB = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
const HOOKS = 'https://hooks.contoso.example';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamdl`;
const CREATED = 'com.contoso.ticketcreated';
const CLOSED = 'com.contoso.ticketclosed';

/** A partner stack (two namespaces: channel-name and source routing) and a customer stack, as one app. */
function buildApp(app: App): void {
  const partner = new TerraformStack(app, 'local-partner');
  new AzurermProvider(partner, 'azurerm', { features: [{}] });
  const registration = new PartnerRegistration(partner, 'Registration', { resourceGroupName: 'partner', registrationName: 'contoso-local' });
  const ns = new PartnerNamespace(partner, 'Namespace', {
    resourceGroupName: 'partner', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-local',
  });
  const fabrikam = ns.addChannel('Fabrikam', {
    channelName: 'fabrikam-tickets',
    partnerTopicSubscriptionId: SUB,
    partnerTopicResourceGroupName: 'fabrikam',
    partnerTopicName: 'contoso-tickets',
    source: 'com.contoso.fabrikam',
    eventTypes: [{ type: CREATED }, { type: CLOSED }],
  });
  ns.addChannel('Northwind', {
    channelName: 'northwind-tickets',
    partnerTopicSubscriptionId: SUB,
    partnerTopicResourceGroupName: 'northwind',
    partnerTopicName: 'northwind-tickets',
    source: 'com.contoso.northwind',
  });
  // The customer side of the private-use case: activate the topic, subscribe.
  const topic = fabrikam.partnerTopic;
  topic.activate();
  topic.addEventSubscription('All', {
    eventSubscriptionName: 'all-events',
    destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/all` }),
  });
  topic.addEventSubscription('Created', {
    eventSubscriptionName: 'created-only',
    destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/created`, maxEventsPerBatch: 10 }),
    includedEventTypes: [CREATED],
  });
  topic.addEventSubscription('Urgent', {
    eventSubscriptionName: 'urgent',
    destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/urgent`, maxEventsPerBatch: 50 }),
    subjectBeginsWith: 'Tickets/',
    advancedFilters: [AdvancedFilter.numberGreaterThanOrEquals('data.priority', 3), AdvancedFilter.stringIn('data.tags', ['URGENT'])],
    enableAdvancedFilteringOnArrays: true,
  });
  topic.addEventSubscription('Queue', {
    eventSubscriptionName: 'closed-queue',
    destination: new destinations.StorageQueue({ storageAccountId: STORAGE, queueName: 'closed-tickets' }),
    includedEventTypes: [CLOSED],
  });
  topic.addEventSubscription('Flaky', {
    eventSubscriptionName: 'flaky',
    destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/flaky`, maxEventsPerBatch: 5 }),
    maxDeliveryAttempts: 3,
    deadLetter: { storageAccountId: STORAGE, blobContainerName: 'dead-letters' },
  });
  topic.addEventSubscription('ShortLived', {
    eventSubscriptionName: 'short-lived',
    destination: new destinations.WebHook({
      endpointUrl: `${HOOKS}/short-lived`,
      deliveryAttributes: [
        destinations.DeliveryAttributeMapping.staticValue('x-tenant', 'fabrikam'),
        destinations.DeliveryAttributeMapping.fromEventField('x-ticket', 'data.ticket'),
      ],
    }),
    includedEventTypes: [CLOSED],
    eventTimeToLive: Duration.minutes(1),
    deadLetter: { storageAccountId: STORAGE, blobContainerName: 'expired' },
  });

  // The onboarding article's model: a namespace that routes by the event's source, with event channels.
  const article = new PartnerNamespace(partner, 'ArticleNamespace', {
    resourceGroupName: 'partner',
    location: 'westus2',
    partnerRegistration: registration,
    namespaceName: 'contoso-article',
    routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
  });
  article.addEventChannel('Account1', {
    eventChannelName: 'account1',
    source: 'com.contoso.account1',
    partnerTopicSubscriptionId: SUB,
    partnerTopicResourceGroupName: 'accounts',
    partnerTopicName: 'account1-tickets',
  });
  article.addEventChannel('Account2', {
    eventChannelName: 'account2',
    source: 'https://contoso.com/account2',
    partnerTopicSubscriptionId: SUB,
    partnerTopicResourceGroupName: 'accounts',
    partnerTopicName: 'account2-tickets',
    advancedFilters: [AdvancedFilter.stringIn('type', [CREATED, CLOSED])],
  });

  // The customer's own stack: activates the article topics, subscribes to a topic it has not activated yet.
  const customer = new TerraformStack(app, 'local-customer');
  new AzurermProvider(customer, 'azurerm', { features: [{}] });
  for (const name of ['account1-tickets', 'account2-tickets']) {
    const articleTopic = PartnerTopic.fromPartnerTopicAttributes(customer, name, {
      partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'accounts', partnerTopicName: name, location: 'westus2',
    });
    articleTopic.activate();
    articleTopic.addEventSubscription('Hook', { eventSubscriptionName: `${name}-hook`, destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/${name}` }) });
  }
  PartnerTopic.fromPartnerTopicAttributes(customer, 'Northwind', {
    partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'northwind', partnerTopicName: 'northwind-tickets', location: 'westus2',
  }).addEventSubscription('Hook', { eventSubscriptionName: 'northwind-hook', destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/northwind` }) });
}

/** The onboarding article's example request body, made valid JSON (`"data": {}` for the placeholder). */
const ARTICLE_BODY = `[
{
    "specversion" : "1.0-rc1",
    "type" : "com.contoso.ticketcreated",
    "source" : " com.contoso.account1",
    "subject" : "tickets/123",
    "id" : "A234-1234-1234",
    "time" : "2019-04-05T17:31:00Z",
    "comexampleextension1" : "value",
    "comexampleothervalue" : 5,
    "datacontenttype" : "application/json",
    "data" : {}
},
{
    "specversion" : "1.0-rc1",
    "type" : "com.contoso.ticketclosed",
    "source" : "https://contoso.com/account2",
    "subject" : "tickets/456",
    "id" : "A234-1234-1234",
    "time" : "2019-04-05T17:31:00Z",
    "comexampleextension1" : "value",
    "comexampleothervalue" : 5,
    "datacontenttype" : "application/json",
    "data" : {}
}
]`;

let outdir: string;
let receiver: Receiver;
let behaviour: (p: string, n: number, events: any[]) => number;
let emulator: EmulatorHandle | undefined;
let deadLetters: string | undefined;
const logs: string[] = [];

beforeAll(async () => {
  outdir = synthApp(buildApp);
  receiver = await Receiver.start((p, n, events) => behaviour(p, n, events));
});

afterAll(async () => {
  await receiver?.stop();
  removeTemp(outdir);
});

beforeEach(() => {
  behaviour = () => 200;
  receiver.reset();
  logs.length = 0;
});

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  removeTemp(deadLetters);
  deadLetters = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  deadLetters = tempDir('dead-letters');
  emulator = await startEmulator({
    outdir,
    webhooks: { [HOOKS]: receiver.url },
    deadLetterDir: deadLetters,
    // Event Grid's durations 1000 times shorter, but a request timeout that a busy test machine never reaches.
    timing: { timeScale: 0.001, deliveryTimeoutMs: 10_000 },
    logger: (level, message) => logs.push(`${level}: ${message}`),
    ...options,
  });
  return emulator;
}

function ticket(n: number, type: string, subject: string, data: object) {
  return { id: `ticket-${n}`, type, source: 'com.contoso.fabrikam', subject, time: new Date('2026-01-01T00:00:00Z'), data };
}

/** What a promise rejects with (fails when it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

function post(url: string, body: string, headers: { [k: string]: string }): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers });
}

describe('publishing with the official client', () => {
  test('events reach the local webhooks, filtered as each subscription says, after the validation handshake', async () => {
    const em = await start();
    const client = publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1);
    const events = [
      ticket(1, CREATED, 'tickets/1', { priority: 5, tags: ['urgent', 'billing'] }),
      ticket(2, CREATED, 'tickets/2', { priority: 1, tags: ['urgent'] }),
      ticket(3, CLOSED, 'TICKETS/3', { priority: 4, tags: ['Urgent'] }),
      ticket(4, CLOSED, 'other/4', { priority: 5, tags: ['urgent'] }),
      ticket(5, CREATED, 'tickets/5', { priority: 3, tags: 'urgent' }),
      ticket(6, CREATED, 'tickets/6', { priority: 3, tags: ['low'] }),
    ];
    await client.send(events, { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);

    const ids = (p: string) => [...receiver.ids(p).keys()].sort();
    expect(ids('/all')).toEqual(['ticket-1', 'ticket-2', 'ticket-3', 'ticket-4', 'ticket-5', 'ticket-6']);
    expect(ids('/created')).toEqual(['ticket-1', 'ticket-2', 'ticket-5', 'ticket-6']);
    expect(ids('/urgent')).toEqual(['ticket-1', 'ticket-3', 'ticket-5']);
    expect(ids('/flaky')).toHaveLength(6);
    for (const p of ['/all', '/created', '/urgent']) {
      expect([...receiver.ids(p).values()].every((count) => count === 1)).toBe(true);
    }

    // The handshake came first, with Event Grid's origin.
    const firstAll = receiver.requests.filter((r) => r.path === '/all');
    expect(firstAll[0]).toMatchObject({ method: 'OPTIONS' });
    expect(firstAll[0].headers['webhook-request-origin']).toBe('eventgrid.azure.net');
    // Structured mode without maxEventsPerBatch, batched mode with it.
    const allPosts = firstAll.filter((r) => r.method === 'POST');
    expect(allPosts).toHaveLength(6);
    expect(allPosts[0].headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(allPosts[0].headers['aeg-subscription-name']).toBe('ALL-EVENTS');
    const createdPosts = receiver.requests.filter((r) => r.path === '/created' && r.method === 'POST');
    expect(createdPosts).toHaveLength(1);
    expect(createdPosts[0].headers['content-type']).toBe('application/cloudevents-batch+json; charset=utf-8');
    // The event arrives as published (CloudEvents 1.0).
    const delivered = allPosts.flatMap((r) => r.events).find((e) => e.id === 'ticket-1');
    expect(delivered).toMatchObject({ specversion: '1.0', type: CREATED, source: 'com.contoso.fabrikam', subject: 'tickets/1', data: { priority: 5 } });

    // The storage queue subscription is reported, not silently skipped.
    const stats = em.stats();
    const queue = Object.values(stats.subscriptions).find((s) => s.name === 'closed-queue')!;
    expect(queue).toMatchObject({ endpointType: 'StorageQueue', notDeliveredLocally: 2, filteredOut: 4 });
    expect(queue.notDeliveredReason).toMatch(/storage queues are delivered to a storage API only: start the emulator with one \(storage option \/ --storage <connection string>/);
    expect(logs.some((l) => /closed-queue \(StorageQueue\).*not delivered locally/.test(l))).toBe(true);
    expect(stats.namespaces['contoso-local']).toMatchObject({ requests: 1, acceptedEvents: 6 });
  });

  test('a wrong key surfaces as 401 through the client, saying nothing else; both keys and SAS tokens work', async () => {
    const em = await start();
    const endpoint = em.endpoint('contoso-local');
    const e = await rejection(publisher(endpoint, 'd3Jvbmcta2V5').send([ticket(1, CREATED, 'tickets/1', {})], { channelName: 'fabrikam-tickets' }));
    expect(e.name).toBe('RestError');
    expect(e.statusCode).toBe(401);
    expect(e.message).toBe('Unauthorized');

    await publisher(endpoint, em.keys('contoso-local').key2).send([ticket(2, CREATED, 'tickets/2', {})], { channelName: 'fabrikam-tickets' });
    // A SAS token made by the official SDK (aeg-sas-token).
    const sas = await generateSharedAccessSignature(endpoint, new AzureKeyCredential(em.keys('contoso-local').key1), new Date(Date.now() + 60_000));
    const sasClient = new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureSASCredential(sas), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
    await sasClient.send([ticket(3, CREATED, 'tickets/3', {})], { channelName: 'fabrikam-tickets' });
    // Expired, forged or foreign tokens are refused.
    const expired = buildSasToken(endpoint, new Date(Date.now() - 1000), em.keys('contoso-local').key1);
    const forged = buildSasToken(endpoint, new Date(Date.now() + 60_000), 'Zm9yZ2Vk');
    const foreign = buildSasToken(em.endpoint('contoso-article'), new Date(Date.now() + 60_000), em.keys('contoso-local').key1);
    for (const token of [expired, forged, foreign]) {
      const client = new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureSASCredential(token), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
      expect((await rejection(client.send([ticket(4, CREATED, 'tickets/4', {})], { channelName: 'fabrikam-tickets' }))).statusCode).toBe(401);
    }
    // The other namespace's key is not this namespace's.
    expect((await rejection(publisher(endpoint, em.keys('contoso-article').key1).send([ticket(5, CREATED, 'x', {})], { channelName: 'fabrikam-tickets' }))).statusCode).toBe(401);
    await em.waitForIdle(10_000);
    expect([...receiver.ids('/all').keys()].sort()).toEqual(['ticket-2', 'ticket-3']);
    expect(em.stats().namespaces['contoso-local'].refused[401]).toBe(5);
  });

  test('an oversize batch or event surfaces as 413 through the client', async () => {
    const em = await start();
    const client = publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1);
    const blob = 'x'.repeat(100 * 1024);
    const batch = Array.from({ length: 11 }, (_, i) => ticket(i, CREATED, 'tickets/big', { blob }));
    const e = await rejection(client.send(batch, { channelName: 'fabrikam-tickets' }));
    expect(e.name).toBe('RestError');
    expect(e.statusCode).toBe(413);
    expect(e.message).toMatch(/request is \d+ bytes, over the request size limit of 1048576 bytes/);

    const huge = await rejection(client.send([ticket(1, CREATED, 't', { blob: 'y'.repeat(1100 * 1024) })], { channelName: 'fabrikam-tickets' }));
    expect(huge.statusCode).toBe(413);
    // Refused from its Content-Length, before its body is read (so no event of it is looked at).
    expect(huge.message).toMatch(/request is \d+ bytes, over the request size limit of 1048576 bytes \(1 MB\) \(an event too is limited to 1 MB\)/);

    const tooMany = await rejection(client.send(Array.from({ length: 5001 }, (_, i) => ({ id: `${i}`, type: 't', source: 's', data: {} })), { channelName: 'fabrikam-tickets' }));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.message).toMatch(/5001 events, more than 5000/);
    expect(em.stats().namespaces['contoso-local'].acceptedEvents).toBe(0);
  });

  test('the onboarding article\'s example request is refused with 400 naming specversion; with specversion 1.0 it is accepted and routed by source', async () => {
    const em = await start();
    const url = `${em.endpoint('contoso-article')}?api-version=2018-01-01`;
    const headers = { 'aeg-sas-key': em.keys('contoso-article').key1, 'Content-Type': 'application/cloudevents-batch+json; charset=UTF-8a' };
    const refused = await post(url, ARTICLE_BODY, headers);
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as any).error;
    expect(error.code).toBe('BadRequest');
    expect(error.message).toMatch(/^event 0: specversion is "1\.0-rc1": a partner namespace accepts CloudEvents 1\.0 only/);
    expect(error.details.map((d: any) => d.target)).toEqual(['[0].specversion', '[1].specversion']);

    const accepted = await post(url, ARTICLE_BODY.replace(/"1\.0-rc1"/g, '"1.0"'), headers);
    expect(accepted.status).toBe(200);
    await em.waitForIdle(10_000);
    // Event 1's source is account2's; event 0's source (" com.contoso.account1", with the article's leading space)
    // matches no event channel: accepted, counted, not delivered.
    expect([...receiver.ids('/account2-tickets').keys()]).toEqual(['A234-1234-1234']);
    expect(receiver.ids('/account1-tickets').size).toBe(0);
    const delivered = receiver.requests.find((r) => r.path === '/account2-tickets' && r.method === 'POST')!.events[0];
    expect(delivered).toMatchObject({ source: 'https://contoso.com/account2', comexampleothervalue: 5, type: CLOSED });
    expect(em.stats().namespaces['contoso-article']).toMatchObject({ acceptedEvents: 2, unroutedEvents: 1, refused: { 400: 1 } });
    expect(logs.some((l) => /source " com\.contoso\.account1" is not a URI-reference/.test(l))).toBe(true);
    // The warning says why and what follows: the event will not reach account1's channel (defect 8 of issue 15).
    expect(logs.filter((l) => /source " com\.contoso\.account1" has a leading space/.test(l))).toEqual([
      'warn: namespace contoso-article: source " com.contoso.account1" has a leading space, so it is not the source "com.contoso.account1" of '
      + `event channel account1 (partner topic /subscriptions/${SUB}/resourceGroups/accounts/providers/Microsoft.EventGrid/partnerTopics/account1-tickets): `
      + 'events with it will NOT reach that channel or its partner topic. They are accepted (200) and counted as unroutedEvents. Remove the space from the events\' source.',
    ]);

    // With the source fixed, both events reach their partner topics; an event channel's filter applies.
    const fixed = ARTICLE_BODY.replace(/"1\.0-rc1"/g, '"1.0"').replace('" com.contoso.account1"', '"com.contoso.account1"');
    expect((await post(url, fixed, headers)).status).toBe(200);
    expect((await post(url, JSON.stringify([{ specversion: '1.0', id: 'other', type: 'com.contoso.other', source: 'https://contoso.com/account2' }]), headers)).status).toBe(200);
    await em.waitForIdle(10_000);
    expect(receiver.ids('/account1-tickets').size).toBe(1);
    expect(em.stats().channels['local-partner/ArticleNamespace/Account2']).toEqual({ events: 3, filteredOut: 1 });
  });

  test('the response table: 404 for a wrong path, namespace or channel; 400 for bad requests, naming the event and field', async () => {
    const em = await start();
    const key = em.keys('contoso-local').key1;
    const endpoint = em.endpoint('contoso-local');
    const good = JSON.stringify([{ specversion: '1.0', id: '1', type: CREATED, source: 's' }]);
    const batchHeaders = { 'aeg-sas-key': key, 'content-type': 'application/cloudevents-batch+json', 'aeg-channel-name': 'fabrikam-tickets' };
    const status = async (url: string, body: string, headers: { [k: string]: string }) => {
      const res = await post(url, body, headers);
      const text = await res.text();
      return { status: res.status, message: text ? JSON.parse(text).error.message as string : '' };
    };
    expect(await status(`${em.url}/nope/api/events?api-version=2018-01-01`, good, batchHeaders)).toMatchObject({ status: 404, message: expect.stringMatching(/no partner namespace at \/nope\/api\/events/) });
    expect(await status(`${em.url}/contoso-local/api/other?api-version=2018-01-01`, good, batchHeaders)).toMatchObject({ status: 404 });
    expect(await status(`${endpoint}?api-version=2018-01-01`, good, { ...batchHeaders, 'aeg-channel-name': 'unknown-channel' }))
      .toEqual({ status: 404, message: 'namespace contoso-local has no channel unknown-channel' });
    const noChannel: { [k: string]: string } = { ...batchHeaders };
    delete noChannel['aeg-channel-name'];
    expect(await status(`${endpoint}?api-version=2018-01-01`, good, noChannel)).toMatchObject({ status: 400, message: expect.stringMatching(/header aeg-channel-name is required/) });
    expect(await status(endpoint, good, batchHeaders)).toMatchObject({ status: 400, message: expect.stringMatching(/api-version query parameter is required/) });
    expect(await status(`${endpoint}?api-version=2018-01-01`, good, { ...batchHeaders, 'content-type': 'text/plain' })).toMatchObject({ status: 400, message: expect.stringMatching(/Content-Type "text\/plain" is not accepted/) });
    expect(await status(`${endpoint}?api-version=2018-01-01`, '[{"id": ', batchHeaders)).toMatchObject({ status: 400, message: expect.stringMatching(/not valid JSON/) });
    const bad = JSON.stringify([
      { specversion: '1.0', id: '1', type: CREATED, source: 's' },
      { specversion: '1.0', id: '2', source: 's' },
    ]);
    expect(await status(`${endpoint}?api-version=2018-01-01`, bad, batchHeaders)).toEqual({ status: 400, message: 'event 1: type is missing: CloudEvents 1.0 requires id, source, specversion and type' });
    const badTime = JSON.stringify([{ specversion: '1.0', id: '1', type: CREATED, source: 's', time: 'yesterday' }]);
    expect(await status(`${endpoint}?api-version=2018-01-01`, badTime, batchHeaders)).toMatchObject({ status: 400, message: expect.stringMatching(/^event 0: time is not valid CloudEvents 1\.0/) });
    const badName = JSON.stringify([{ specversion: '1.0', id: '1', type: CREATED, source: 's', Extension: 1 }]);
    expect(await status(`${endpoint}?api-version=2018-01-01`, badName, batchHeaders)).toMatchObject({ status: 400, message: expect.stringMatching(/^event 0: Extension is not a valid attribute name/) });
    // Structured mode: one event.
    const structured = { ...batchHeaders, 'content-type': 'application/cloudevents+json; charset=utf-8' };
    expect(await status(`${endpoint}?api-version=2018-01-01`, JSON.stringify({ specversion: '1.0', id: 's1', type: CREATED, source: 's' }), structured)).toEqual({ status: 200, message: '' });
    expect(await status(`${endpoint}?api-version=2018-01-01`, good, structured)).toMatchObject({ status: 400, message: expect.stringMatching(/structured mode .* takes one event/) });
    // 401 comes before anything else is said.
    expect(await status(`${endpoint}`, 'garbage', { 'content-type': 'text/plain', 'aeg-sas-key': 'wrong' })).toEqual({ status: 401, message: 'Unauthorized' });
    await em.waitForIdle(10_000);
    expect([...receiver.ids('/all').keys()]).toEqual(['s1']);
  });

  test('events for a partner topic that was never activated are not delivered (counted); a local activate stands in for the portal', async () => {
    const em = await start();
    const client = publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1);
    expect(em.topics().find((t) => t.name === 'northwind-tickets')).toMatchObject({ activationState: 'NeverActivated' });
    await client.send([ticket(1, CREATED, 'tickets/1', {})], { channelName: 'northwind-tickets' });
    await em.waitForIdle(10_000);
    expect(receiver.ids('/northwind').size).toBe(0);
    const id = `/subscriptions/${SUB}/resourceGroups/northwind/providers/Microsoft.EventGrid/partnerTopics/northwind-tickets`;
    expect(em.stats().topics[id]).toEqual({ activationState: 'NeverActivated', received: 1, droppedNotActivated: 1 });
    expect(logs.some((l) => l.includes(`partner topic ${id} is NeverActivated`))).toBe(true);

    // The admin endpoint needs the admin key.
    const activate = `${em.url}/_emulator/activate?topic=${encodeURIComponent(`${SUB}/northwind/northwind-tickets`)}`;
    expect((await fetch(activate, { method: 'POST' })).status).toBe(401);
    const res = await fetch(activate, { method: 'POST', headers: { 'x-emulator-admin-key': em.adminKey } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, activationState: 'Activated', subscriptions: ['local-customer/Northwind/Hook'] });

    await client.send([ticket(2, CREATED, 'tickets/2', {})], { channelName: 'northwind-tickets' });
    await em.waitForIdle(10_000);
    expect([...receiver.ids('/northwind').keys()]).toEqual(['ticket-2']);
    // Deactivation stops delivery again (API form).
    expect(em.deactivate('northwind-tickets').activationState).toBe('Deactivated');
    await client.send([ticket(3, CREATED, 'tickets/3', {})], { channelName: 'northwind-tickets' });
    await em.waitForIdle(10_000);
    expect(em.stats().topics[id]).toMatchObject({ received: 3, droppedNotActivated: 2 });
    expect(() => em.activate('no-such-topic')).toThrow(/no partner topic no-such-topic in the model/);
  });
});

describe('delivery: retries, dead-lettering, the validation handshake', () => {
  test('transient failures are retried with backoff until delivered', async () => {
    behaviour = (p, n) => (p === '/flaky' && n < 2 ? 503 : 200);
    const em = await start();
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1)
      .send([ticket(1, CREATED, 'tickets/1', {}), ticket(2, CREATED, 'tickets/2', {})], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    expect([...receiver.ids('/flaky').entries()].sort()).toEqual([['ticket-1', 1], ['ticket-2', 1]]);
    const posts = receiver.requests.filter((r) => r.path === '/flaky' && r.method === 'POST');
    expect(posts.map((r) => [r.status, r.headers['aeg-delivery-count']])).toEqual([[503, '0'], [503, '1'], [200, '2']]);
    const flaky = Object.values(em.stats().subscriptions).find((s) => s.name === 'flaky')!;
    expect(flaky).toMatchObject({ delivered: 2, failedAttempts: 4, retries: 4, deadLettered: 0, pending: 0 });
  });

  test('permanent failures are dead-lettered after maxDeliveryAttempts, one file per event with the reason', async () => {
    behaviour = (p) => (p === '/flaky' ? 500 : 200);
    const em = await start();
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1)
      .send([ticket(1, CREATED, 'tickets/1', { a: 1 }), ticket(2, CLOSED, 'tickets/2', {})], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    expect(receiver.requests.filter((r) => r.path === '/flaky' && r.method === 'POST')).toHaveLength(3);
    const files = readDeadLetters(em.deadLetterDir);
    expect(files.map((f) => f.event.id).sort()).toEqual(['ticket-1', 'ticket-2']);
    expect(files[0].file).toMatch(new RegExp(`fabrikamdl\\${path.sep}dead-letters\\${path.sep}CONTOSO-TICKETS\\${path.sep}FLAKY\\${path.sep}\\d{4}`));
    const one = files.find((f) => f.event.id === 'ticket-1')!.event;
    expect(one).toMatchObject({
      specversion: '1.0',
      type: CREATED,
      data: { a: 1 },
      deadletterreason: 'MaxDeliveryAttemptsExceeded',
      deliveryattempts: 3,
      lastdeliveryoutcome: 'GenericError',
      lasthttpstatuscode: 500,
    });
    expect(Object.values(em.stats().subscriptions).find((s) => s.name === 'flaky')).toMatchObject({ deadLettered: 2, failedAttempts: 6 });
  });

  test('400 is not retried: dead-lettered at once; without a dead-letter destination events are dropped and counted', async () => {
    behaviour = (p) => (p === '/flaky' || p === '/created' ? 400 : 200);
    const em = await start();
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1).send([ticket(1, CREATED, 'tickets/1', {})], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    const [dl] = readDeadLetters(em.deadLetterDir);
    expect(dl.event).toMatchObject({ id: 'ticket-1', deadletterreason: 'UndeliverableDueToHttpBadRequest', deliveryattempts: 1, lastdeliveryoutcome: 'BadRequest' });
    const stats = Object.values(em.stats().subscriptions);
    expect(stats.find((s) => s.name === 'created-only')).toMatchObject({ dropped: 1, deadLettered: 0, failedAttempts: 1 });
    expect(logs.some((l) => /created-only: event ticket-1 dropped \(UndeliverableDueToHttpBadRequest\)/.test(l))).toBe(true);
  });

  test('a webhook that fails the validation handshake gets no events; the attempts fail and end in the dead-letter folder', async () => {
    const silent = await Receiver.start(() => 200, { allowedOrigin: null });
    try {
      const em = await start({ webhooks: { [HOOKS]: receiver.url, flaky: `${silent.url}/flaky` } });
      await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1).send([ticket(1, CREATED, 'tickets/1', {})], { channelName: 'fabrikam-tickets' });
      await em.waitForIdle(10_000);
      expect(silent.requests.every((r) => r.method === 'OPTIONS')).toBe(true);
      expect(silent.requests).toHaveLength(3);
      const [dl] = readDeadLetters(em.deadLetterDir);
      expect(dl.event).toMatchObject({ id: 'ticket-1', deadletterreason: 'MaxDeliveryAttemptsExceeded', lastdeliveryoutcome: 'WebhookValidationFailed' });
      expect(Object.values(em.stats().subscriptions).find((s) => s.name === 'flaky')!.handshake).toBe('failed');
      expect(logs.some((l) => /flaky: webhook validation handshake .* failed: OPTIONS answered without WebHook-Allowed-Origin/.test(l))).toBe(true);
    } finally {
      await silent.stop();
    }
  });
});

describe('more of the delivery contract', () => {
  test('delivery attribute mappings become headers (fixed values and event fields)', async () => {
    const em = await start();
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1).send([ticket(1, CLOSED, 'tickets/1', { ticket: 4711 })], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    const [delivery] = receiver.requests.filter((r) => r.path === '/short-lived' && r.method === 'POST');
    expect(delivery.headers).toMatchObject({ 'x-tenant': 'fabrikam', 'x-ticket': '4711', 'aeg-event-type': 'Notification' });
  });

  test('events past their time-to-live are dead-lettered with TimeToLiveExceeded (1 minute, scaled to 60 ms)', async () => {
    behaviour = (p) => (p === '/short-lived' ? 503 : 200);
    const em = await start();
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1).send([ticket(1, CLOSED, 'tickets/1', {})], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    const [dl] = readDeadLetters(em.deadLetterDir);
    expect(dl.event).toMatchObject({ id: 'ticket-1', deadletterreason: 'TimeToLiveExceeded', lastdeliveryoutcome: 'Busy', lasthttpstatuscode: 503 });
    expect(dl.event.deliveryattempts).toBeLessThan(30);
  });

  test('webhooks that are not on this machine are not called unless mapped: reported and counted instead', async () => {
    const em = await start({ webhooks: {} });
    await publisher(em.endpoint('contoso-local'), em.keys('contoso-local').key1).send([ticket(1, CREATED, 'tickets/1', {})], { channelName: 'fabrikam-tickets' });
    await em.waitForIdle(10_000);
    expect(receiver.requests).toHaveLength(0);
    const all = Object.values(em.stats().subscriptions).find((s) => s.name === 'all-events')!;
    expect(all).toMatchObject({ notDeliveredLocally: 1, delivered: 0 });
    expect(all.notDeliveredReason).toBe('https://hooks.contoso.example/all is not on this machine — map it to a local URL (webhooks option / --webhook https://hooks.contoso.example=http://127.0.0.1:<port>) or allow remote webhooks');
    // The admin endpoint shows the same counters; the publish endpoint takes POST only.
    const stats = await (await fetch(`${em.url}/_emulator/stats`, { headers: { 'x-emulator-admin-key': em.adminKey } })).json() as any;
    expect(stats.subscriptions['local-partner/Namespace/Fabrikam/PartnerTopic/All'].notDeliveredLocally).toBe(1);
    expect((await fetch(`${em.endpoint('contoso-local')}?api-version=2018-01-01`)).status).toBe(405);
  });
});

describe('the emulate command', () => {
  test('parses its options', () => {
    expect(parseArgs(['emulate', 'out', '--port', '0', '--webhook', 'https://a.example=http://127.0.0.1:1', '--key', 'ns=a,b', '--time-scale', '0.01']).options)
      .toMatchObject({ outdir: 'out', port: 0, webhooks: { 'https://a.example': 'http://127.0.0.1:1' }, keys: { ns: { key1: 'a', key2: 'b' } }, timing: { timeScale: 0.01 } });
    expect(parseArgs([]).options).toMatchObject({ outdir: 'cdktf.out', port: 4711 });
    expect(() => parseArgs(['serve'])).toThrow(/unknown command serve/);
    expect(() => parseArgs(['emulate', '--port', 'x'])).toThrow('--port takes a whole number from 0 to 65535 (got "x")');
    expect(() => parseArgs(['emulate', '--webhook', 'nope'])).toThrow('--webhook takes <name>=<value> (got "nope")');
  });

  test('starts from a synthesized app, prints endpoints and keys, delivers, and stops cleanly on SIGTERM', async () => {
    const dl = tempDir('cli-dead-letters');
    const child = spawn(process.execPath, [
      '-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', 'src', 'emulator', 'cli.ts'),
      'emulate', outdir, '--port', '0', '--webhook', `${HOOKS}=${receiver.url}`, '--dead-letter-dir', dl,
    ], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 30_000);
        child.stdout.on('data', () => {
          if (out.includes('Ctrl-C stops')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const endpoint = /POST (http:\/\/127\.0\.0\.1:\d+\/contoso-local\/api\/events)\?api-version=2018-01-01/.exec(out)![1];
      const key = /Namespace contoso-local [\s\S]*?aeg-sas-key key1: (\S+)/.exec(out)![1];
      expect(out).toMatch(/Namespace contoso-article \(westus2, routes by the event source\)/);
      expect(out).toMatch(/event channel account1 \(source "com\.contoso\.account1"\) -> partner topic/);
      expect(out).toMatch(/partnerTopics\/northwind-tickets: NeverActivated/);
      await publisher(endpoint, key).send([ticket(42, CREATED, 'tickets/42', {})], { channelName: 'fabrikam-tickets' });
      for (let i = 0; i < 100 && !receiver.ids('/all').has('ticket-42'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(receiver.ids('/all').has('ticket-42')).toBe(true);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(out).toMatch(/SIGTERM: stopping the emulator/);
      expect(out).toMatch(/all-events \(local-partner\/Namespace\/Fabrikam\/PartnerTopic\/All\): 1 matched, 1 delivered/);
    } finally {
      child.kill('SIGKILL');
      removeTemp(dl);
    }
  });
});
