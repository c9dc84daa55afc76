// Publish handling: a request to a namespace's endpoint is authorized (keys, SAS tokens) from its headers before its
// body is read, then checked against Event Grid's limits and the CloudEvents 1.0 schema, routed by channel name or by
// source, and fanned out to the subscriptions of activated partner topics — all of it or none: a request that would
// take a subscription past its backlog bound is refused whole with 503 and Retry-After.
import { isUtf8 } from 'buffer';
import * as http from 'http';
import { DEFAULT_BACKLOG, EmulatorOptions, LogLevel, MAX_EVENTS_PER_REQUEST, PUBLISH_API_VERSION } from './api';
import { keyMatches, sasTokenValid } from './auth';
import { validateCloudEvent } from './cloudevents';
import { WebhookDeliverer } from './delivery';
import { PublishedEvent } from './delivery-types';
import { serializedEvents } from './raw-events';
import { ADMIN_PREFIX, HttpError, refuse, RuntimeChannel, RuntimeNamespace, RuntimeSubscription } from './runtime';
import { capText, excerpt } from './text';

/** Distinct warnings kept (and logged once each); past it, further distinct warnings are not logged. */
const MAX_DISTINCT_WARNINGS = 1000;
/** Validation warnings logged per request (a batch of 5,000 bad sources logs a few and counts the rest). */
const WARNINGS_PER_REQUEST = 3;

/** What one event does at one channel (worked out before anything is counted or queued). */
interface Step {
  readonly event: PublishedEvent;
  /** The parsed event (for this request only: what is queued keeps the bytes). */
  readonly parsed: { readonly [key: string]: unknown };
  readonly channel: RuntimeChannel;
  /** Filtered out by the channel, no partner topic, a topic not activated, or which of the topic's subscriptions match. */
  readonly outcome: 'filtered' | 'no-topic' | 'inactive' | boolean[];
}

/** Where each event of a request goes, and what each deliverer would take. */
interface Plan {
  readonly steps: Array<Step | Unrouted>;
  readonly demand: Map<WebhookDeliverer, { events: number; bytes: number }>;
}

/** An event whose source no event channel has. */
interface Unrouted {
  readonly source: string;
}

/** Accepts the events of publish requests and dispatches them. */
export class PublishHandler {
  private readonly warned = new Set<string>();
  private readonly retryAfter: string;

  constructor(private readonly options: EmulatorOptions, private readonly log: (level: LogLevel, message: string) => void) {
    this.retryAfter = String(options.backlog?.retryAfterSeconds ?? DEFAULT_BACKLOG.retryAfterSeconds);
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key) && this.warned.size < MAX_DISTINCT_WARNINGS) {
      this.warned.add(key);
      this.log('warn', message);
    }
  }

  /** Checks what the headers and query say (keys, SAS token, api-version), before the body is read. */
  public authorize(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, query: URLSearchParams): void {
    ns.counters.requests++;
    const keyHeader = headers['aeg-sas-key'];
    const tokenHeader = headers['aeg-sas-token'];
    const authorized = ns.localAuthEnabled && (
      (typeof keyHeader === 'string' && keyMatches(keyHeader, ns.keys))
      || (typeof tokenHeader === 'string' && sasTokenValid(tokenHeader, ns.keys, ns.urlPath)));
    if (!authorized) {
      throw refuse(ns, new HttpError(401, 'Unauthorized', 'Unauthorized'));
    }
    const apiVersion = query.get('api-version');
    if (apiVersion !== PUBLISH_API_VERSION) {
      throw refuse(ns, new HttpError(400, 'BadRequest', apiVersion === null
        ? `the api-version query parameter is required: POST ${ns.urlPath}?api-version=${PUBLISH_API_VERSION}`
        : `api-version ${excerpt(apiVersion)} is not supported by the publish endpoint: use api-version=${PUBLISH_API_VERSION}`));
    }
  }

  /** Checks an authorized request's body and accepts its events, or throws the HttpError to answer. */
  public publish(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, body: Buffer): void {
    const mediaType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const batched = mediaType === 'application/cloudevents-batch+json';
    if (!batched && mediaType !== 'application/cloudevents+json') {
      throw refuse(ns, new HttpError(400, 'BadRequest',
        `Content-Type ${excerpt(headers['content-type'] ?? null)} is not accepted: publish CloudEvents 1.0 in batched mode (application/cloudevents-batch+json, a JSON array) or structured mode (application/cloudevents+json, one event)`));
    }
    // JSON is UTF-8 (RFC 8259 §8.1); toString would replace bad bytes with U+FFFD and forward altered events.
    if (!isUtf8(body)) {
      throw refuse(ns, new HttpError(400, 'BadRequest', 'the request body is not valid UTF-8: JSON text must be encoded as UTF-8 (RFC 8259, section 8.1)'));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw refuse(ns, new HttpError(400, 'BadRequest', `the request body is not valid JSON: ${capText((e as Error).message, 200)}`));
    }
    let events: unknown[];
    if (batched) {
      if (!Array.isArray(parsed)) {
        throw refuse(ns, new HttpError(400, 'BadRequest', 'batched mode (application/cloudevents-batch+json) takes a JSON array of events'));
      }
      if (parsed.length === 0) {
        throw refuse(ns, new HttpError(400, 'BadRequest', 'the batch holds no events'));
      }
      if (parsed.length > MAX_EVENTS_PER_REQUEST) {
        throw refuse(ns, new HttpError(413, 'PayloadTooLarge', `the batch holds ${parsed.length} events, more than ${MAX_EVENTS_PER_REQUEST} per request`));
      }
      events = parsed;
    } else {
      if (Array.isArray(parsed)) {
        throw refuse(ns, new HttpError(400, 'BadRequest', 'structured mode (application/cloudevents+json) takes one event, a JSON object; send arrays as application/cloudevents-batch+json'));
      }
      events = [parsed];
    }
    const warnings: string[] = [];
    let warningCount = 0;
    const problems: Array<{ code: string; message: string; target: string }> = [];
    for (let i = 0; i < events.length; i++) {
      const check = validateCloudEvent(events[i], i, { strictSource: this.options.strictSource });
      if (check.problem && problems.length < 10) {
        problems.push({ code: 'InputJsonInvalid', message: check.problem.message, target: `[${i}].${check.problem.field}` });
      }
      for (const w of check.warnings ?? []) {
        warningCount++;
        if (warnings.length < WARNINGS_PER_REQUEST) {
          warnings.push(w);
        }
      }
    }
    if (problems.length > 0) {
      throw refuse(ns, new HttpError(400, 'BadRequest', problems[0].message, problems));
    }
    // Routing.
    let headerChannel: RuntimeChannel | undefined;
    if (ns.routingMode === 'ChannelNameHeader') {
      const channelName = headers['aeg-channel-name'];
      if (typeof channelName !== 'string' || channelName.trim() === '') {
        throw refuse(ns, new HttpError(400, 'BadRequest', `header aeg-channel-name is required: namespace ${ns.name} routes events by channel name (ChannelNameHeader)`));
      }
      headerChannel = ns.byName.get(channelName.trim().toLowerCase());
      if (!headerChannel) {
        throw refuse(ns, new HttpError(404, 'NotFound', `namespace ${ns.name} has no channel ${capText(channelName)}`));
      }
    }
    const now = Date.now();
    const serialized = serializedEvents(body, events, batched);
    const published: PublishedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as { [key: string]: unknown };
      published[i] = { id: e.id as string, body: serialized[i], bytes: serialized[i].length, publishedAt: now };
    }
    const { steps, demand } = this.plan(ns, headerChannel, published, events as Array<{ [key: string]: unknown }>);
    for (const [deliverer, d] of demand) {
      if (deliverer.wouldOverflow(d.events, d.bytes)) {
        deliverer.counters.backpressured++;
        this.warnOnce(`backlog:${deliverer.path}`, `subscription ${deliverer.name}: its backlog is full (${deliverer.pending} events, ${deliverer.pendingBytes} bytes held); publish requests that would add to it are answered 503 with Retry-After until it drains`);
        throw refuse(ns, new HttpError(503, 'ServiceUnavailable',
          `subscription ${deliverer.name} of this namespace's partner topic holds ${deliverer.pending} events not yet delivered: retry after ${this.retryAfter} s (nothing of this request was accepted)`,
          undefined, { 'retry-after': this.retryAfter }));
      }
    }
    for (const w of warnings) {
      this.log('warn', `namespace ${ns.name}: ${w}`);
    }
    if (warningCount > warnings.length) {
      this.log('warn', `namespace ${ns.name}: ${warningCount - warnings.length} more warning(s) of the same request not shown`);
    }
    ns.counters.acceptedEvents += published.length;
    for (const step of steps) {
      this.commit(ns, step);
    }
  }

  /** Works out where each event goes and how many events and bytes each deliverer would take. */
  private plan(
    ns: RuntimeNamespace, headerChannel: RuntimeChannel | undefined, published: readonly PublishedEvent[],
    parsed: ReadonlyArray<{ [key: string]: unknown }>,
  ): Plan {
    const steps: Array<Step | Unrouted> = [];
    const demand = new Map<WebhookDeliverer, { events: number; bytes: number }>();
    for (let i = 0; i < published.length; i++) {
      const pe = published[i];
      const source = String(parsed[i].source);
      const channels = headerChannel ? [headerChannel] : ns.bySource.get(source);
      if (!channels) {
        // Unrouted: counted when committed.
        steps.push({ source });
        continue;
      }
      for (const channel of channels) {
        const step: Step = { event: pe, parsed: parsed[i], channel, outcome: this.route(channel, parsed[i]) };
        steps.push(step);
        if (Array.isArray(step.outcome)) {
          const subs = channel.topic!.subscriptions;
          for (let s = 0; s < subs.length; s++) {
            const deliverer = subs[s].deliverer;
            if (step.outcome[s] && deliverer) {
              const d = demand.get(deliverer);
              if (d) {
                d.events++;
                d.bytes += pe.bytes;
              } else {
                demand.set(deliverer, { events: 1, bytes: pe.bytes });
              }
            }
          }
        }
      }
    }
    return { steps, demand };
  }

  private route(channel: RuntimeChannel, event: { readonly [key: string]: unknown }): Step['outcome'] {
    if (channel.filter && !channel.filter(event)) {
      return 'filtered';
    }
    const topic = channel.topic;
    if (!topic) {
      return 'no-topic';
    }
    if (topic.activationState !== 'Activated') {
      return 'inactive';
    }
    return topic.subscriptions.map((sub: RuntimeSubscription) => sub.filter(event));
  }

  /** Counts and queues what the plan worked out. */
  private commit(ns: RuntimeNamespace, step: Step | Unrouted): void {
    if (!('channel' in step)) {
      ns.counters.unroutedEvents++;
      this.warnUnrouted(ns, step.source);
      return;
    }
    const { channel, outcome, event } = step;
    channel.counters.events++;
    if (outcome === 'filtered') {
      channel.counters.filteredOut++;
      return;
    }
    if (outcome === 'no-topic') {
      return;
    }
    const topic = channel.topic!;
    topic.counters.received++;
    if (outcome === 'inactive') {
      topic.counters.droppedNotActivated++;
      this.warnOnce(`inactive:${topic.key}`, `partner topic ${topic.id} is ${topic.activationState}: events for it are accepted by namespace ${ns.name} but not delivered (counted as droppedNotActivated) — activate it (handle.activate / POST ${ADMIN_PREFIX}/activate?topic=…) as the customer does in the portal`);
      return;
    }
    const subs = topic.subscriptions;
    for (let s = 0; s < subs.length; s++) {
      const sub = subs[s];
      if (!outcome[s]) {
        sub.counters.filteredOut++;
      } else if (sub.deliverer) {
        sub.deliverer.enqueue(event);
      } else {
        sub.counters.notDeliveredLocally++;
      }
    }
  }

  /** Says once per source that events with it reach no event channel, and why when white space is the reason. */
  private warnUnrouted(ns: RuntimeNamespace, source: string): void {
    const key = `unrouted:${ns.name}:${capText(source)}`;
    if (this.warned.has(key)) {
      return;
    }
    const trimmed = source.trim();
    const near = trimmed !== source ? ns.bySource.get(trimmed) : undefined;
    if (near) {
      const names = near.map((c) => `event channel ${c.name ?? c.model.path} (partner topic ${c.topic?.id ?? 'unknown at synth'})`).join(', ');
      this.warnOnce(key, `namespace ${ns.name}: source ${excerpt(source)} has ${/^\s/.test(source) ? 'a leading' : 'a trailing'} space, so it is not the source ${excerpt(trimmed)} of ${names}: `
        + 'events with it will NOT reach that channel or its partner topic. They are accepted (200) and counted as unroutedEvents. Remove the space from the events\' source.');
      return;
    }
    this.warnOnce(key, `namespace ${ns.name}: no event channel has source ${excerpt(source)}; such events are accepted and not routed (counted as unroutedEvents)`);
  }
}
