// Dead-lettering to a local folder: one JSON file per dead-lettered event, laid out like Event Grid's blobs
// (`<container>/<TOPIC>/<SUBSCRIPTION>/<yyyy>/<MM>/<dd>/<HH>/<guid>.json`) under `<dir>/<storage account>/`, holding
// a JSON array with the one event and Event Grid's dead-letter attributes (CloudEvents schema: lower-case names —
// learn.microsoft.com/azure/event-grid/delivery-and-retry#dead-letter-event-1).
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

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

/** Writes one dead-lettered event; returns the file written. */
export async function writeDeadLetter(
  dir: string, target: DeadLetterTarget, event: { [key: string]: unknown }, record: DeadLetterRecord,
): Promise<string> {
  const at = new Date(record.lastDeliveryAttemptTime ?? Date.now());
  const pad = (n: number) => String(n).padStart(2, '0');
  const folder = path.join(dir, safe(target.storageAccountName), safe(target.blobContainerName),
    safe(target.topicName.toUpperCase()), safe(target.subscriptionName.toUpperCase()),
    String(at.getUTCFullYear()), pad(at.getUTCMonth() + 1), pad(at.getUTCDate()), pad(at.getUTCHours()));
  if (!created.has(folder) || !fs.existsSync(folder)) {
    await fs.promises.mkdir(folder, { recursive: true });
    created.add(folder);
  }
  const file = path.join(folder, `${randomUUID()}.json`);
  const body = {
    ...event,
    deadletterreason: record.reason,
    deliveryattempts: record.deliveryAttempts,
    lastdeliveryoutcome: record.lastDeliveryOutcome,
    ...(record.lastHttpStatusCode !== undefined ? { lasthttpstatuscode: record.lastHttpStatusCode } : {}),
    publishtime: new Date(record.publishTime).toISOString(),
    ...(record.lastDeliveryAttemptTime !== undefined ? { lastdeliveryattempttime: new Date(record.lastDeliveryAttemptTime).toISOString() } : {}),
  };
  await fs.promises.writeFile(file, `${JSON.stringify([body], null, 2)}\n`);
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
