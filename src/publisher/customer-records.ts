import Ajv, { ErrorObject } from 'ajv';
import { GUID_PATTERN } from '../validation/checks';

/** One customer who asked the partner for a partner topic: the partner's own record of it. */
export interface PartnerCustomer {
  /** The partner's stable id of the customer; also the construct id of its channel. */
  readonly customerId: string;
  /** The customer's Azure subscription (GUID). */
  readonly subscriptionId: string;
  /** The customer's resource group, where the partner topic appears. */
  readonly resourceGroupName: string;
  /** The partner topic's name. */
  readonly partnerTopicName: string;
  /** The source the partner topic shows (and, for event channels, routes by). */
  readonly source: string;
  /** The region whose namespace serves the customer, for example `westus2`. */
  readonly region: string;
  /**
   * The channel's name.
   * @default - derived from the construct path
   */
  readonly channelName?: string;
  /**
   * A message the customer sees when activating the topic.
   * @default - none
   */
  readonly messageForActivation?: string;
}

const SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['customerId', 'subscriptionId', 'resourceGroupName', 'partnerTopicName', 'source', 'region'],
    properties: {
      customerId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
      subscriptionId: { type: 'string', pattern: GUID_PATTERN },
      resourceGroupName: { type: 'string', pattern: '^[-\\w.()]{1,90}$' },
      partnerTopicName: { type: 'string', pattern: '^[-a-zA-Z0-9]{3,50}$' },
      source: { type: 'string', minLength: 1 },
      region: { type: 'string', pattern: '^[a-z0-9]+$' },
      channelName: { type: 'string', pattern: '^[-a-zA-Z0-9]{3,50}$' },
      messageForActivation: { type: 'string', maxLength: 256 },
    },
  },
} as const;

let compiled: ReturnType<Ajv['compile']> | undefined;

function describeError(e: ErrorObject, entries: unknown[]): string {
  const [, index, field] = /^\/(\d+)(?:\/([^/]+))?/.exec(e.instancePath) ?? [];
  const position = index !== undefined ? `entry ${Number(index) + 1}` : 'the list';
  const entry = index !== undefined ? entries[Number(index)] as { customerId?: unknown } : undefined;
  const who = entry && typeof entry.customerId === 'string' ? ` (customerId "${entry.customerId}")` : '';
  if (e.keyword === 'required') {
    return `${position}${who}: field ${(e.params as { missingProperty: string }).missingProperty} is missing`;
  }
  if (e.keyword === 'additionalProperties') {
    return `${position}${who}: field ${(e.params as { additionalProperty: string }).additionalProperty} is not a customer field`;
  }
  const value = field !== undefined && entry ? (entry as { [k: string]: unknown })[field] : undefined;
  return `${position}${who}: field ${field ?? '(entry)'} ${e.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ''}`;
}

/** Reads the partner's list of customers. */
export class PartnerCustomers {
  /**
   * Parses a JSON array of customer records. A malformed entry is refused with its position and field (never
   * skipped); customer ids and partner topics must be unique.
   * @param json the file's text
   * @param origin the file's name, for messages
   */
  public static parse(json: string, origin: string): PartnerCustomer[] {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new Error(`${origin}: not valid JSON (${(e as Error).message}) — fix the file's syntax`);
    }
    compiled ??= new Ajv({ allErrors: true }).compile(SCHEMA);
    if (!compiled(data)) {
      const entries = Array.isArray(data) ? data : [];
      const lines = (compiled.errors ?? []).map((e) => `  - ${describeError(e, entries)}`);
      throw new Error(`${origin}: ${lines.length} malformed customer record field(s) — fix each entry named below:\n${lines.join('\n')}`);
    }
    const customers = data as PartnerCustomer[];
    const seenIds = new Map<string, number>();
    const seenTopics = new Map<string, number>();
    customers.forEach((c, i) => {
      const id = c.customerId.toLowerCase();
      const topic = `${c.subscriptionId}/${c.resourceGroupName}/${c.partnerTopicName}`.toLowerCase();
      if (seenIds.has(id)) {
        throw new Error(`${origin}: entry ${i + 1}: field customerId repeats entry ${seenIds.get(id)! + 1} ("${c.customerId}") — give each customer its own id`);
      }
      if (seenTopics.has(topic)) {
        throw new Error(`${origin}: entry ${i + 1} (customerId "${c.customerId}"): field partnerTopicName names the same partner topic as entry ${seenTopics.get(topic)! + 1} ("${c.partnerTopicName}") — one channel per partner topic`);
      }
      seenIds.set(id, i);
      seenTopics.set(topic, i);
    });
    return customers;
  }
}
