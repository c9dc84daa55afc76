// Dead-lettering to a local folder: one JSON file per dead-lettered event, laid out like Event Grid's blobs
// (`<container>/<TOPIC>/<SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<guid>.json`) under `<dir>/<storage account>/`, holding
// a JSON array with the one event and Event Grid's dead-letter attributes (CloudEvents schema: lower-case names —
// learn.microsoft.com/azure/event-grid/delivery-and-retry#dead-letter-event-1).
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { PublishedEvent } from './delivery-types';

/** Why an event was dead-lettered, with the last delivery attempt. */
export interface DeadLetterRecord {
  /** `MaxDeliveryAttemptsExceeded`, `TimeToLiveExceeded`, or `UndeliverableDueTo…` for codes Event Grid does not retry. */
  readonly reason: string;
  readonly deliveryAttempts: number;
  /** `BadRequest`, `NotFound`, `TimedOut`, `GenericError`… */
  readonly lastDeliveryOutcome: string;
  readonly lastHttpStatusCode?: number;
  readonly publishTime: number;
  readonly lastDeliveryAttemptTime?: number;
}

/** Where a subscription dead-letters: the model's storage account and container. */
export interface DeadLetterTarget {
  readonly storageAccountName: string;
  readonly blobContainerName: string;
  readonly topicName: string;
  readonly subscriptionName: string;
}

/** Folders already created (a dead-letter burst writes thousands of files into a few folders). */
const created = new Set<string>();

function safe(segment: string): string {
  return segment.replace(/[^A-Za-z0-9._-]+/g, '_') || '_';
}

/**
 * The body of a dead-letter blob: a JSON array holding the event as it was published with Event Grid's dead-letter
 * attributes added. Built from the event's own bytes (never by serializing the parsed event again, which would
 * overflow the stack on deeply nested data).
 */
export function deadLetterBody(event: PublishedEvent, record: DeadLetterRecord): Buffer {
  const attributes = {
    deadletterreason: record.reason,
    deliveryattempts: record.deliveryAttempts,
    lastdeliveryoutcome: record.lastDeliveryOutcome,
    ...(record.lastHttpStatusCode !== undefined ? { lasthttpstatuscode: record.lastHttpStatusCode } : {}),
    publishtime: new Date(record.publishTime).toISOString(),
    ...(record.lastDeliveryAttemptTime !== undefined ? { lastdeliveryattempttime: new Date(record.lastDeliveryAttemptTime).toISOString() } : {}),
  };
  // The event's bytes end with the `}` of its object (raw-events.ts trims the white space around it).
  const close = event.body.lastIndexOf(0x7d);
  const members = JSON.stringify(attributes).slice(1);
  return Buffer.concat([Buffer.from('['), event.body.subarray(0, close), Buffer.from(`,${members}]\n`)]);
}

/**
 * Where Event Grid puts a dead letter in the container: `<TOPIC>/<SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<guid>.json`,
 * names upper-cased, date and hour in UTC and not zero-padded (learn.microsoft.com/azure/event-grid/manage-event-delivery#set-dead-letter-location:
 * `myblobcontainer/MY-BLOB-SUBSCRIPTION/2019/8/8/5/<guid>.json`).
 */
export function deadLetterBlobName(target: DeadLetterTarget, record: DeadLetterRecord): string {
  const at = new Date(record.lastDeliveryAttemptTime ?? Date.now());
  return [target.topicName.toUpperCase(), target.subscriptionName.toUpperCase(), at.getUTCFullYear(), at.getUTCMonth() + 1,
    at.getUTCDate(), at.getUTCHours(), `${randomUUID()}.json`].join('/');
}

/** Writes one dead-lettered event under `<dir>/<storage account>/<container>/<blob name>`; returns the file written. */
export async function writeDeadLetter(dir: string, target: DeadLetterTarget, event: PublishedEvent, record: DeadLetterRecord): Promise<string> {
  const parts = deadLetterBlobName(target, record).split('/').map(safe);
  const folder = path.join(dir, safe(target.storageAccountName), safe(target.blobContainerName), ...parts.slice(0, -1));
  if (!created.has(folder) || !fs.existsSync(folder)) {
    await fs.promises.mkdir(folder, { recursive: true });
    created.add(folder);
  }
  const file = path.join(folder, parts[parts.length - 1]);
  await fs.promises.writeFile(file, deadLetterBody(event, record));
  return file;
}

/** Every dead-lettered event under `dir` (for tests and tools): the parsed first element of each file. */
export function readDeadLetters(dir: string): Array<{ file: string; event: { [key: string]: unknown } }> {
  const out: Array<{ file: string; event: { [key: string]: unknown } }> = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) {
      return;
    }
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(p);
      } else if (entry.name.endsWith('.json')) {
        const parsed = JSON.parse(fs.readFileSync(p, 'utf8'));
        out.push({ file: p, event: Array.isArray(parsed) ? parsed[0] : parsed });
      }
    }
  };
  walk(dir);
  return out;
}
