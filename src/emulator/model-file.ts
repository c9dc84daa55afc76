// The model file that synth writes beside each stack's Terraform (`partner-events.model.json`), and how the
// emulator reads the files of a whole synthesized app. The writer is `src/render/model-file/writer.ts`; both use these types.
import * as fs from 'fs';
import * as path from 'path';
import { isPlainObject } from '../internal/objects';

/** The file name written in each stack's folder (`cdktf.out/stacks/<stack>/`). */
export const MODEL_FILE_NAME = 'partner-events.model.json';
/**
 * The context key (cdktf.json `context`, `new App({ context })` or `cdktf synth --context`) that, set to `false`,
 * stops synth from writing the model file: for pipelines that never run the emulator, where a fleet of thousands
 * of channels would write megabytes per stack for nothing.
 */
export const MODEL_CONTEXT_KEY = 'cdktf-azure-partner-events:emulatorModel';
/**
 * The version of the file's format that synth writes. Version 1 wrote every member of every record. Version 2 leaves
 * out what a reader fills back in (`expandModelFile`): a member whose value is its default (`MODEL_DEFAULTS`: null,
 * false, an empty list, Event Grid's retry policy), and the partner topic coordinates of a partner topic or event
 * subscription when they are those of the channel (`channelPath`) or partner topic (`topicPath`) the record names
 * in the same file. At 10,000 channels that halves the file. A reader refuses a version it does not know.
 */
export const MODEL_SCHEMA_VERSION = 2;
/** The versions this reader takes (a version-1 file is a version-2 file that leaves nothing out). */
const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** Where a partner topic is: the customer's subscription, resource group and topic name. */
export interface ModelTopicCoordinates {
  readonly subscriptionId: string | null;
  readonly resourceGroupName: string | null;
  readonly name: string | null;
}

/** A value the writer could not know at synth (a Terraform expression): written as `null`, explained here. */
export interface ModelNote {
  /** The construct path. */
  readonly path: string;
  /** The field, in the record's own terms (`destination.properties.endpointUrl`). */
  readonly field: string;
  readonly note: string;
}

export interface ModelNamespace {
  readonly path: string;
  readonly name: string | null;
  readonly location: string | null;
  /** `ChannelNameHeader` or `SourceEventAttribute`; null when an imported namespace does not say. */
  readonly routingMode: string | null;
  /** Whether publishers may use keys and SAS tokens; null when unknown (imported). */
  readonly localAuthEnabled: boolean | null;
  readonly publicNetworkAccess: string | null;
  readonly inboundIpRules: string[];
  /** True for a namespace the app imports (`fromPartnerNamespaceId`/`Attributes`). */
  readonly imported: boolean;
}

export interface ModelAdvancedFilter {
  readonly operatorType: string;
  readonly key: string | null;
  readonly value?: unknown;
  readonly values?: unknown[];
}

export interface ModelChannel {
  readonly path: string;
  /** `Channel` (GA, routed by the `aeg-channel-name` header) or `EventChannel` (routed by the event's source). */
  readonly kind: 'Channel' | 'EventChannel';
  readonly name: string | null;
  readonly namespace: { readonly path: string; readonly name: string | null };
  readonly source: string | null;
  readonly partnerTopic: ModelTopicCoordinates;
  /** The event types the channel declares (inline event types). */
  readonly eventTypes: string[];
  /** Event channels only: the filters an event must pass to reach the partner topic. */
  readonly advancedFilters: ModelAdvancedFilter[];
  readonly expirationTimeIfNotActivatedUtc: string | null;
}

export interface ModelPartnerTopic {
  readonly path: string;
  readonly partnerTopic: ModelTopicCoordinates;
  readonly location: string | null;
  /** Whether the app activates the topic (`topic.activate()`). */
  readonly activated: boolean;
  /** The channel of the same app that creates the topic, when there is one. */
  readonly channelPath: string | null;
}

export interface ModelFilter {
  readonly includedEventTypes: string[] | null;
  readonly subjectBeginsWith: string | null;
  readonly subjectEndsWith: string | null;
  readonly isSubjectCaseSensitive: boolean;
  readonly enableAdvancedFilteringOnArrays: boolean;
  readonly advancedFilters: ModelAdvancedFilter[];
}

export interface ModelEventSubscription {
  readonly path: string;
  readonly name: string | null;
  /** The construct path of the partner topic construct. */
  readonly topicPath: string;
  readonly partnerTopic: ModelTopicCoordinates;
  readonly destination: {
    readonly endpointType: string | null;
    /** The destination's properties as Event Grid takes them (secrets included: see `sensitive`). */
    readonly properties: { readonly [key: string]: unknown };
    /** Whether Event Grid delivers with the partner topic's managed identity. */
    readonly withTopicIdentity: boolean;
  };
  readonly filter: ModelFilter;
  /** The effective retry policy (Event Grid's defaults, 30 attempts and 1440 minutes, where the app sets none). */
  readonly retryPolicy: { readonly maxDeliveryAttempts: number | null; readonly eventTimeToLiveInMinutes: number | null };
  readonly deadLetter: {
    readonly endpointType: string | null;
    readonly resourceId: string | null;
    readonly blobContainerName: string | null;
    readonly withTopicIdentity: boolean;
  } | null;
  readonly labels: string[];
  readonly eventDeliverySchema: string | null;
  readonly expirationTimeUtc: string | null;
  /** The members of `destination.properties` that are secrets (never print them). */
  readonly sensitive: string[];
}

/** Event Grid's retry defaults (learn.microsoft.com/azure/event-grid/delivery-and-retry). */
const DEFAULT_RETRY_POLICY = { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 };

/**
 * The value a version-2 file leaves out, per record and nested object: the writer omits a member equal to it, the
 * reader puts it back. (`deadLetter` is null by default; when present, its members have defaults of their own.)
 */
export const MODEL_DEFAULTS = {
  namespace: {
    name: null, location: null, routingMode: null, localAuthEnabled: null, publicNetworkAccess: null, inboundIpRules: [], imported: false,
  },
  channel: { name: null, source: null, eventTypes: [], advancedFilters: [], expirationTimeIfNotActivatedUtc: null },
  partnerTopic: { location: null, activated: false, channelPath: null },
  eventSubscription: {
    name: null,
    destination: { endpointType: null, properties: {}, withTopicIdentity: false },
    filter: {
      includedEventTypes: null,
      subjectBeginsWith: null,
      subjectEndsWith: null,
      isSubjectCaseSensitive: false,
      enableAdvancedFilteringOnArrays: false,
      advancedFilters: [],
    },
    retryPolicy: DEFAULT_RETRY_POLICY,
    deadLetter: null,
    labels: [],
    // the only schema of partner events (EGP002), which the library's subscriptions always set
    eventDeliverySchema: 'CloudEventSchemaV1_0',
    expirationTimeUtc: null,
    sensitive: [],
  },
  deadLetter: { endpointType: null, resourceId: null, blobContainerName: null, withTopicIdentity: false },
} as const;

type Defaults = { readonly [key: string]: unknown };

/** True when `value` is what `def` says a reader fills in: the same primitive, or an empty list or object. */
function isDefault(value: unknown, def: unknown): boolean {
  if (value === def) {
    return true;
  }
  if (Array.isArray(value) && Array.isArray(def)) {
    return value.length === 0 && def.length === 0;
  }
  return isPlainObject(value) && isPlainObject(def) && Object.keys(def).length === 0 && Object.keys(value).length === 0;
}

/**
 * The record without the members a reader fills in (version 2). A nested object whose default is an object is
 * stripped the same way, and left out when nothing is left of it.
 */
export function withoutModelDefaults<T extends object>(record: T, defaults: Defaults): Partial<T> {
  const out: { [key: string]: unknown } = {};
  for (const key in record) {
    const value: unknown = record[key];
    const def = defaults[key];
    if (def === undefined) {
      out[key] = value;
    } else if (isPlainObject(def) && Object.keys(def).length > 0 && isPlainObject(value)) {
      const nested = withoutModelDefaults(value, def);
      if (Object.keys(nested).length > 0) {
        out[key] = nested;
      }
    } else if (!isDefault(value, def)) {
      out[key] = value;
    }
  }
  return out as Partial<T>;
}

/** The record with every member `withoutModelDefaults` left out put back (fresh lists and objects, not shared). */
function withModelDefaults<T>(stored: unknown, defaults: Defaults): T {
  const record = isPlainObject(stored) ? stored : {};
  const out: { [key: string]: unknown } = {};
  for (const [key, def] of Object.entries(defaults)) {
    const value = record[key];
    if (isPlainObject(def) && Object.keys(def).length > 0) {
      out[key] = withModelDefaults(value, def);
    } else if (value === undefined) {
      out[key] = Array.isArray(def) ? [] : isPlainObject(def) ? {} : def;
    }
  }
  return { ...record, ...out } as T;
}

/** Whether two sets of partner topic coordinates name the same topic, member for member. */
export function sameCoordinates(a: ModelTopicCoordinates, b: ModelTopicCoordinates): boolean {
  return a.subscriptionId === b.subscriptionId && a.resourceGroupName === b.resourceGroupName && a.name === b.name;
}

/**
 * A model file as the emulator uses it: every record whole, whatever the file's version left out (version 2
 * leaves out defaults and the partner topic coordinates a record shares with the record it names).
 */
export function expandModelFile(file: PartnerEventsModelFile): PartnerEventsModelFile {
  const d = MODEL_DEFAULTS;
  const channels = file.channels.map((c) => withModelDefaults<ModelChannel>(c, d.channel));
  const channelTopic = new Map(channels.map((c) => [c.path, c.partnerTopic]));
  const partnerTopics = file.partnerTopics.map((t) => {
    const topic = withModelDefaults<ModelPartnerTopic>(t, d.partnerTopic);
    const shared = topic.channelPath === null ? undefined : channelTopic.get(topic.channelPath);
    return topic.partnerTopic === undefined && shared ? { ...topic, partnerTopic: shared } : topic;
  });
  const topicCoordinates = new Map(partnerTopics.map((t) => [t.path, t.partnerTopic]));
  const eventSubscriptions = file.eventSubscriptions.map((s) => {
    const sub = withModelDefaults<ModelEventSubscription>(s, d.eventSubscription);
    const withTopic = sub.partnerTopic === undefined ? { ...sub, partnerTopic: topicCoordinates.get(sub.topicPath)! } : sub;
    return withTopic.deadLetter === null ? withTopic : { ...withTopic, deadLetter: withModelDefaults<ModelEventSubscription['deadLetter']>(withTopic.deadLetter, d.deadLetter) };
  });
  return {
    ...file,
    namespaces: file.namespaces.map((n) => withModelDefaults<ModelNamespace>(n, d.namespace)),
    channels,
    partnerTopics,
    eventSubscriptions,
  };
}

/** One stack's model file. */
export interface PartnerEventsModelFile {
  readonly schemaVersion: number;
  readonly generator: string;
  /** The stack's name. */
  readonly stack: string;
  readonly namespaces: ModelNamespace[];
  readonly channels: ModelChannel[];
  readonly partnerTopics: ModelPartnerTopic[];
  readonly eventSubscriptions: ModelEventSubscription[];
  readonly notes: ModelNote[];
}

/** The model files of a whole synthesized app, merged. */
export interface AppModel {
  /** The stacks whose model files were read. */
  readonly stacks: string[];
  readonly namespaces: ModelNamespace[];
  readonly channels: ModelChannel[];
  readonly partnerTopics: ModelPartnerTopic[];
  readonly eventSubscriptions: ModelEventSubscription[];
  readonly notes: ModelNote[];
}

/** A model file that cannot be used, with where and why. */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

/** Checks one parsed model file's version and shape (enough to use it safely). */
export function checkModelFile(file: string, json: unknown): PartnerEventsModelFile {
  if (!isPlainObject(json)) {
    throw new ModelFileError(`${file}: not a JSON object`);
  }
  const model = json as { [key: string]: unknown };
  if (typeof model.schemaVersion !== 'number' || !READABLE_SCHEMA_VERSIONS.includes(model.schemaVersion)) {
    throw new ModelFileError(`${file}: schemaVersion ${JSON.stringify(model.schemaVersion)} is not supported (this emulator reads versions ${READABLE_SCHEMA_VERSIONS.join(' and ')}) — synthesize the app again with this version of the library`);
  }
  for (const list of ['namespaces', 'channels', 'partnerTopics', 'eventSubscriptions', 'notes']) {
    if (!Array.isArray(model[list])) {
      throw new ModelFileError(`${file}: field ${list} is not a list`);
    }
  }
  const records = ['namespaces', 'channels', 'partnerTopics', 'eventSubscriptions'] as const;
  for (const list of records) {
    const at = (model[list] as unknown[]).findIndex((r) => !isPlainObject(r) || typeof r.path !== 'string');
    if (at >= 0) {
      throw new ModelFileError(`${file}: ${list}[${at}] is not a record with a construct path`);
    }
  }
  const expanded = expandModelFile(model as unknown as PartnerEventsModelFile);
  const topic = expanded.partnerTopics.find((t) => t.partnerTopic === undefined);
  if (topic) {
    throw new ModelFileError(`${file}: partner topic ${topic.path} gives no partner topic coordinates, and its channelPath ${JSON.stringify(topic.channelPath)} names no channel of the file`);
  }
  const subscription = expanded.eventSubscriptions.find((s) => s.partnerTopic === undefined);
  if (subscription) {
    throw new ModelFileError(`${file}: event subscription ${subscription.path} gives no partner topic coordinates, and its topicPath ${JSON.stringify(subscription.topicPath)} names no partner topic of the file`);
  }
  return expanded;
}

/**
 * Reads the model files of every stack of a synthesized app (`cdktf.out`: its `manifest.json` lists the stacks),
 * merging namespaces and partner topics that several stacks describe (by construct path).
 */
export function readAppModel(outdir: string): AppModel {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new ModelFileError(`${manifestFile} does not exist — synthesize the app first (npm run synth, or npx cdktf synth) and give its output folder`);
  }
  let manifest: { stacks?: { [name: string]: { workingDirectory?: string } } };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw new ModelFileError(`${manifestFile}: not valid JSON (${(e as Error).message})`);
  }
  const files: PartnerEventsModelFile[] = [];
  for (const [name, stack] of Object.entries(manifest.stacks ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.join(outdir, stack.workingDirectory ?? path.join('stacks', name), MODEL_FILE_NAME);
    if (!fs.existsSync(file)) {
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ModelFileError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    files.push(checkModelFile(file, json));
  }
  if (files.length === 0) {
    throw new ModelFileError(`no stack in ${outdir} has a ${MODEL_FILE_NAME} — synthesize an app that uses cdktf-azure-partner-events constructs (with this version of the library), without context ${MODEL_CONTEXT_KEY} set to false`);
  }
  return mergeModelFiles(files);
}

/** Merges stack model files into one app model (records described by several stacks are kept once, by path). */
export function mergeModelFiles(files: PartnerEventsModelFile[]): AppModel {
  const byPath = <T extends { path: string }>(lists: T[][], merge?: (a: T, b: T) => T): T[] => {
    const out = new Map<string, T>();
    for (const item of lists.flat()) {
      const seen = out.get(item.path);
      out.set(item.path, seen && merge ? merge(seen, item) : seen ?? item);
    }
    return [...out.values()];
  };
  return {
    stacks: files.map((f) => f.stack),
    namespaces: byPath(files.map((f) => f.namespaces), (a, b) => (a.imported && !b.imported ? b : a)),
    channels: byPath(files.map((f) => f.channels)),
    partnerTopics: byPath(files.map((f) => f.partnerTopics), (a, b) => ({ ...a, activated: a.activated || b.activated })),
    eventSubscriptions: byPath(files.map((f) => f.eventSubscriptions)),
    notes: files.flatMap((f) => f.notes),
  };
}

/** `subscription/resourceGroup/name`, lower-cased as Azure compares them; undefined when a part is unknown. */
export function topicKey(t: ModelTopicCoordinates): string | undefined {
  if (!t.subscriptionId || !t.resourceGroupName || !t.name) {
    return undefined;
  }
  return `${t.subscriptionId}/${t.resourceGroupName}/${t.name}`.toLowerCase();
}

/** The ARM id of a partner topic. */
export function topicIdOf(t: ModelTopicCoordinates): string {
  return `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroupName}/providers/Microsoft.EventGrid/partnerTopics/${t.name}`;
}
