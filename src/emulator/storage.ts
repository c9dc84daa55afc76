// Delivery to a real Azure Storage API (Azurite locally, or a storage account), with the official clients:
// - storage queue destinations: one message per event, the event's JSON as published, base64-encoded
//   (learn.microsoft.com/azure/event-grid/handler-storage-queues; Event Grid writes queue messages base64-encoded,
//   as observed and reported in github.com/MicrosoftDocs/azure-docs/issues/102923, which is what the Azure
//   Functions queue trigger decodes by default), with the destination's queueMessageTimeToLiveInSeconds;
// - blob dead-lettering: one blob per dead-lettered event, a JSON array holding it, named
//   `<TOPIC>/<SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<guid>.json` in the subscription's container
//   (learn.microsoft.com/azure/event-grid/manage-event-delivery#set-dead-letter-location: upper-case names,
//   date and hour in UTC and not zero-padded).
// Every storage account of the model is this one connection string's account: locally there is one.
//
// The storage clients are not dependencies of the package (they would take it from under 2 MB to 7 MB): they are
// loaded when a storage API is given, and a missing one is named with the command that installs it.
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { DeadLetterRecord, DeadLetterTarget, deadLetterBlobName, deadLetterBody } from './dead-letter';
import { AttemptResult, DeliveryTransport, Item, PublishedEvent } from './delivery-types';
import { OUTCOMES } from './retry';

/** The outcome of a storage call that failed: its HTTP status when the service answered. */
function failure(e: unknown): AttemptResult {
  const status = (e as { statusCode?: unknown })?.statusCode;
  const detail = (e as Error)?.message?.split('\n')[0]?.slice(0, 200);
  return typeof status === 'number' && status > 0
    ? { status, outcome: OUTCOMES[status] ?? 'GenericError', detail }
    : { outcome: 'GenericError', detail };
}

/** The versions the emulator is tested with (`npm install` them to use a storage API). */
export const STORAGE_CLIENTS = { '@azure/storage-queue': '12.32.0', '@azure/storage-blob': '12.34.0' } as const;

/** Loads one storage client package, or says how to install both. */
function load<T>(name: keyof typeof STORAGE_CLIENTS): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a storage API is given
    return require(name) as T;
  } catch {
    const install = Object.entries(STORAGE_CLIENTS).map(([n, v]) => `${n}@${v}`).join(' ');
    throw new Error(`delivering to a storage API needs the official storage clients, and ${name} is not installed: npm install --save-dev ${install}`);
  }
}

/** The Storage endpoints the emulator writes to. */
export class LocalStorage {
  private readonly queues: QueueServiceClient;
  private readonly blobs: BlobServiceClient;
  /** Queues and containers already created (or found), by name. */
  private readonly ready = new Map<string, Promise<void>>();

  constructor(connectionString: string, private readonly log: (level: 'info' | 'warn', message: string) => void) {
    const queues = load<typeof import('@azure/storage-queue')>('@azure/storage-queue');
    const blobs = load<typeof import('@azure/storage-blob')>('@azure/storage-blob');
    try {
      this.queues = queues.QueueServiceClient.fromConnectionString(connectionString);
      this.blobs = blobs.BlobServiceClient.fromConnectionString(connectionString);
    } catch (e) {
      throw new Error(`the storage connection string is not usable (${(e as Error).message.split('\n')[0]}): give Azurite's (UseDevelopmentStorage=true, or one with BlobEndpoint and QueueEndpoint) or a storage account's`);
    }
  }

  /** Where messages and blobs go, for the start-up lines. */
  public get description(): string {
    return `queues ${this.queues.url}, blobs ${this.blobs.url}`;
  }

  /** Creates the queue or container once when it is missing (in Azure it must exist before the subscription). */
  private ensure(kind: 'queue' | 'container', name: string, create: () => Promise<boolean>): Promise<void> {
    const key = `${kind}:${name}`;
    let p = this.ready.get(key);
    if (!p) {
      p = create().then((created) => {
        if (created) {
          this.log('info', `created ${kind} ${name} in local storage (in Azure it must exist before the event subscription)`);
        }
      });
      p.catch(() => this.ready.delete(key));
      this.ready.set(key, p);
    }
    return p;
  }

  /** A transport that puts each event into `queueName` as one base64-encoded message. */
  public queueTransport(queueName: string, messageTimeToLiveSeconds: number | undefined): DeliveryTransport {
    const queue: QueueClient = this.queues.getQueueClient(queueName);
    const ttl = messageTimeToLiveSeconds !== undefined ? { messageTimeToLive: messageTimeToLiveSeconds } : {};
    return {
      description: `storage queue ${queueName}`,
      url: new URL(queue.url),
      send: async (batch: readonly Item[]): Promise<AttemptResult> => {
        try {
          await this.ensure('queue', queueName, async () => (await queue.createIfNotExists()).succeeded);
          for (const item of batch) {
            await queue.sendMessage(item.event.body.toString('base64'), ttl);
          }
          return { status: 201, outcome: 'Delivered' };
        } catch (e) {
          return failure(e);
        }
      },
      destroy: () => undefined,
    };
  }

  /** Writes one dead letter as a blob; returns its URL. */
  public async writeDeadLetter(target: DeadLetterTarget, event: PublishedEvent, record: DeadLetterRecord): Promise<string> {
    const container: ContainerClient = this.blobs.getContainerClient(target.blobContainerName);
    await this.ensure('container', target.blobContainerName, async () => (await container.createIfNotExists()).succeeded);
    const body = deadLetterBody(event, record);
    const blob = container.getBlockBlobClient(deadLetterBlobName(target, record));
    await blob.upload(body, body.length, { blobHTTPHeaders: { blobContentType: 'application/json' } });
    return blob.url;
  }
}
