// Storage queue destinations and blob dead-lettering against a real Azure Storage API (Azurite, started here on
// 127.0.0.1 and free ports): the emulator is started by the command (`partner-events emulate --storage …`), events
// are published with the official Event Grid client, and what Event Grid would have written is read back with the
// official storage clients: one base64-encoded message per event (learn.microsoft.com/azure/event-grid/handler-storage-queues),
// one blob per dead letter named `<TOPIC>/<SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<guid>.json`
// (learn.microsoft.com/azure/event-grid/manage-event-delivery#set-dead-letter-location) holding the event in an array.
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { destinations, Duration, PartnerNamespace, PartnerRegistration } from '../../src';
import { EmulatorHandle } from '../../src/emulator';
import { runCli } from '../../src/emulator/cli';
import { Azurite, publisher, Receiver, removeTemp, synthApp, tempDir } from '../support/emulator';

const SUB = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/queues/providers/Microsoft.Storage/storageAccounts/contosoqueues`;
const HOOKS = 'https://queues.contoso.example';

function buildApp(app: App): void {
  const stack = new TerraformStack(app, 'storage');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'queues', registrationName: 'contoso-queues' });
  const ns = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'queues', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-queues' });
  const topic = ns.addChannel('Channel', {
    channelName: 'queue-tickets', partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'queues', partnerTopicName: 'queue-tickets', source: 'com.contoso.queues',
  }).partnerTopic;
  topic.activate();
  topic.addEventSubscription('Queue', {
    eventSubscriptionName: 'tickets-to-queue',
    destination: new destinations.StorageQueue({ storageAccountId: STORAGE, queueName: 'tickets', queueMessageTimeToLive: Duration.hours(1) }),
  });
  topic.addEventSubscription('Failing', {
    eventSubscriptionName: 'failing-hook',
    destination: new destinations.WebHook({ endpointUrl: `${HOOKS}/failing` }),
    maxDeliveryAttempts: 2,
    deadLetter: { storageAccountId: STORAGE, blobContainerName: 'dead-letters' },
  });
}

let outdir: string | undefined;
let azurite: Azurite | undefined;
let receiver: Receiver | undefined;
let emulator: EmulatorHandle | undefined;
let work: string | undefined;

afterAll(async () => {
  await emulator?.stop();
  await receiver?.stop();
  await azurite?.stop();
  removeTemp(outdir);
  removeTemp(work);
});

test('with --storage, storage queue destinations get one base64 message per event and dead letters become blobs, read back with the official clients', async () => {
  outdir = synthApp(buildApp);
  work = tempDir('storage');
  [azurite, receiver] = await Promise.all([Azurite.start(), Receiver.start(() => 500)]);
  const lines: string[] = [];
  emulator = await runCli(['emulate', outdir, '--port', '0', '--storage', azurite.connectionString, '--webhook', `${HOOKS}=${receiver.url}`,
    '--time-scale', '0.001', '--dead-letter-dir', work], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  expect(lines).toContain(`Storage (queue destinations, dead-letter blobs): queues http://127.0.0.1:${azurite.queuePort}/${Azurite.ACCOUNT}, blobs http://127.0.0.1:${azurite.blobPort}/${Azurite.ACCOUNT}`);
  expect(lines.some((l) => /subscription tickets-to-queue \(StorageQueue\)$/.test(l))).toBe(true);

  const events = Array.from({ length: 5 }, (_, i) => ({
    id: `queued-${i}`, type: 'com.contoso.ticketcreated', source: 'com.contoso.queues', subject: `tickets/${i}`, data: { n: i, text: 'Zürich 東京' },
  }));
  await publisher(emulator!.endpoint('contoso-queues'), emulator!.keys('contoso-queues').key1).send(events, { channelName: 'queue-tickets' });
  await emulator!.waitForIdle(30_000);

  // The queue: one message per event, the event's JSON as published, base64-encoded.
  const queue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient('tickets');
  const received = await queue.receiveMessages({ numberOfMessages: 32 });
  expect(received.receivedMessageItems).toHaveLength(5);
  const decoded = received.receivedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')));
  expect(decoded.map((e) => e.id).sort()).toEqual(events.map((e) => e.id));
  expect(decoded.find((e) => e.id === 'queued-3')).toMatchObject({ specversion: '1.0', type: 'com.contoso.ticketcreated', subject: 'tickets/3', data: { n: 3, text: 'Zürich 東京' } });
  // The destination's queueMessageTimeToLiveInSeconds (1 hour) is the message's time to live.
  const message = received.receivedMessageItems[0];
  expect(message.expiresOn.getTime() - message.insertedOn.getTime()).toBe(3600_000);

  // The dead letters: the failing webhook's events, one blob each, in Event Grid's layout.
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('dead-letters');
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) {
    names.push(blob.name);
  }
  expect(names).toHaveLength(5);
  for (const name of names) {
    expect(name).toMatch(/^QUEUE-TICKETS\/FAILING-HOOK\/\d{4}\/([1-9]|1[0-2])\/([1-9]|[12]\d|3[01])\/(\d|1\d|2[0-3])\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/);
  }
  const letters = await Promise.all(names.map(async (name) => JSON.parse((await container.getBlockBlobClient(name).downloadToBuffer()).toString('utf8'))));
  expect(letters.every((l) => Array.isArray(l) && l.length === 1)).toBe(true);
  expect(letters.map((l) => l[0].id).sort()).toEqual(events.map((e) => e.id));
  expect(letters[0][0]).toMatchObject({ deadletterreason: 'MaxDeliveryAttemptsExceeded', deliveryattempts: 2, lastdeliveryoutcome: 'GenericError', lasthttpstatuscode: 500 });

  const stats = Object.values(emulator!.stats().subscriptions);
  expect(stats.find((s) => s.name === 'tickets-to-queue')).toMatchObject({ endpointType: 'StorageQueue', matched: 5, delivered: 5, notDeliveredLocally: 0 });
  expect(stats.find((s) => s.name === 'failing-hook')).toMatchObject({ deadLettered: 5, deadLetterWriteFailures: 0 });
}, 90_000);
