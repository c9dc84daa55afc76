// Publish handling: a request to a namespace's endpoint is authorized (keys, SAS tokens), checked against Event
// Grid's limits and the CloudEvents 1.0 schema, routed by channel name or by source, and fanned out to the
// subscriptions of activated partner topics.
import * as http from 'http';
import { EmulatorOptions, LogLevel, MAX_EVENT_BYTES, MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, PUBLISH_API_VERSION } from './api';
import { keyMatches, sasTokenValid } from './auth';
import { validateCloudEvent } from './cloudevents';
import { PublishedEvent } from './delivery-types';
import { serializedEvents } from './raw-events';
import { ADMIN_PREFIX, HttpError, refuse, RuntimeChannel, RuntimeNamespace } from './runtime';

/** Accepts the events of publish requests and dispatches them. */
export class PublishHandler {
  private readonly warned = new Set<string>();

  constructor(private readonly options: EmulatorOptions, private readonly log: (level: LogLevel, message: string) => void) {}

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.log('warn', message);
    }
  }

  /** Routes accepted events and fans them out to the subscriptions of activated topics. */
  private dispatch(ns: RuntimeNamespace, channel: RuntimeChannel, pe: PublishedEvent): void {
    channel.counters.events++;
    if (channel.filter && !channel.filter(pe.event)) {
      channel.counters.filteredOut++;
      return;
    }
    const topic = channel.topic;
    if (!topic) {
      return;
    }
    topic.counters.received++;
    if (topic.activationState !== 'Activated') {
      topic.counters.droppedNotActivated++;
      this.warnOnce(`inactive:${topic.key}`, `partner topic ${topic.id} is ${topic.activationState}: events for it are accepted by namespace ${ns.name} but not delivered (counted as droppedNotActivated) — activate it (handle.activate / POST ${ADMIN_PREFIX}/activate?topic=…) as the customer does in the portal`);
      return;
    }
    for (const sub of topic.subscriptions) {
      if (!sub.filter(pe.event)) {
        sub.counters.filteredOut++;
      } else if (sub.deliverer) {
        sub.deliverer.enqueue(pe);
      } else {
        sub.counters.notDeliveredLocally++;
      }
    }
  }

  /** Checks a publish request and accepts its events, or throws the HttpError to answer. */
  public publish(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, query: URLSearchParams, body: Buffer, totalBytes: number): void {
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
        : `api-version ${apiVersion} is not supported by the publish endpoint: use api-version=${PUBLISH_API_VERSION}`));
    }
    if (totalBytes > MAX_REQUEST_BYTES) {
      throw refuse(ns, new HttpError(413, 'PayloadTooLarge', oversizeMessage(body, totalBytes)));
    }
    const mediaType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const batched = mediaType === 'application/cloudevents-batch+json';
    if (!batched && mediaType !== 'application/cloudevents+json') {
      throw refuse(ns, new HttpError(400, 'BadRequest',
        `Content-Type ${JSON.stringify(headers['content-type'] ?? null)} is not accepted: publish CloudEvents 1.0 in batched mode (application/cloudevents-batch+json, a JSON array) or structured mode (application/cloudevents+json, one event)`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw refuse(ns, new HttpError(400, 'BadRequest', `the request body is not valid JSON: ${(e as Error).message}`));
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
    const problems: Array<{ code: string; message: string; target: string }> = [];
    events.forEach((event, i) => {
      const check = validateCloudEvent(event, i, { strictSource: this.options.strictSource });
      if (check.problem && problems.length < 10) {
        problems.push({ code: 'InputJsonInvalid', message: check.problem.message, target: `[${i}].${check.problem.field}` });
      }
      warnings.push(...(check.warnings ?? []));
    });
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
        throw refuse(ns, new HttpError(404, 'NotFound', `namespace ${ns.name} has no channel ${channelName}`));
      }
    }
    for (const w of warnings) {
      this.log('warn', `namespace ${ns.name}: ${w}`);
    }
    const now = Date.now();
    const serialized = serializedEvents(body, events, batched);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as { [key: string]: unknown };
      const pe: PublishedEvent = { id: String(e.id), body: serialized[i], bytes: serialized[i].length, event: e, publishedAt: now };
      ns.counters.acceptedEvents++;
      if (headerChannel) {
        this.dispatch(ns, headerChannel, pe);
        continue;
      }
      const channels = ns.bySource.get(String(e.source));
      if (!channels) {
        ns.counters.unroutedEvents++;
        this.warnOnce(`unrouted:${ns.name}:${String(e.source)}`, `namespace ${ns.name}: no event channel has source ${JSON.stringify(e.source)}; such events are accepted and not routed (counted as unroutedEvents)`);
        continue;
      }
      for (const channel of channels) {
        this.dispatch(ns, channel, pe);
      }
    }
  }
}

/** Says which event of an oversize request is over 1 MB, when it can. */
function oversizeMessage(body: Buffer, total: number): string {
  const limit = `${MAX_REQUEST_BYTES} bytes (1 MB)`;
  if (body.length === total) {
    try {
      const parsed = JSON.parse(body.toString('utf8'));
      const events = Array.isArray(parsed) ? parsed : [parsed];
      const i = events.findIndex((e) => Buffer.byteLength(JSON.stringify(e)) > MAX_EVENT_BYTES);
      if (i >= 0) {
        const size = Buffer.byteLength(JSON.stringify(events[i]));
        return Array.isArray(parsed)
          ? `event ${i} is ${size} bytes, over the event size limit of ${limit}`
          : `the event is ${size} bytes, over the event size limit of ${limit}`;
      }
    } catch {
      // fall through to the request-size message
    }
  }
  return `the request is ${total} bytes, over the request size limit of ${limit}`;
}
