// The local partner namespace emulator: one publish endpoint per partner namespace of a synthesized app, routing
// to partner topics, activation, and delivery to webhook event subscriptions — configured from the model files
// that synth writes (see model-file.ts). Not part of the construct library's jsii API.
import * as http from 'http';
import * as path from 'path';
import { EmulatorOptions, EmulatorStats, EVENT_GRID_RETRY_SCHEDULE_MS, LogLevel, NamespaceCounters, SubscriptionStats, TopicInfo } from './api';
import { generateKey, keyMatches } from './auth';
import { writeDeadLetter } from './dead-letter';
import { DeliveryTiming, zeroCounters } from './delivery-types';
import { AppModel } from './model-file';
import { PublishHandler } from './publish';
import { EmulatorRegistry } from './registry';
import { ADMIN_HEADER, RuntimeNamespace, RuntimeSubscription, RuntimeTopic } from './runtime';
import { LocalStorage } from './storage';

/** The running state of an emulator over one app model. */
export class Emulator {
  public readonly namespaces: RuntimeNamespace[];
  public readonly topics: Map<string, RuntimeTopic>;
  public readonly subscriptions: RuntimeSubscription[];
  private readonly idleWaiters = new Set<() => void>();
  private readonly timing: DeliveryTiming;
  public readonly deadLetterDir: string;
  public readonly adminKey: string;
  /** Where storage queue messages and dead-letter blobs go, when the emulator has a storage API. */
  public readonly storageDescription?: string;
  private readonly registry: EmulatorRegistry;
  private readonly publisher: PublishHandler;

  constructor(model: AppModel, private readonly options: EmulatorOptions) {
    const scale = options.timing?.timeScale ?? 1;
    if (!(scale > 0)) {
      throw new Error(`timing.timeScale must be a positive number (got ${scale})`);
    }
    this.timing = {
      retryScheduleMs: options.timing?.retryScheduleMs ?? EVENT_GRID_RETRY_SCHEDULE_MS.map((ms) => ms * scale),
      deliveryTimeoutMs: options.timing?.deliveryTimeoutMs ?? Math.max(1000, 30e3 * scale),
      deadLetterDelayMs: options.timing?.deadLetterDelayMs ?? 300e3 * scale,
      minuteMs: 60e3 * scale,
      minRetryDelayMs: { 408: 120e3 * scale, 503: 30e3 * scale },
    };
    this.deadLetterDir = path.resolve(options.deadLetterDir ?? path.join('.partner-events', 'dead-letters'));
    this.adminKey = options.adminKey ?? generateKey();
    this.publisher = new PublishHandler(options, (level, message) => this.log(level, message));
    const storage = options.storage ? new LocalStorage(options.storage.connectionString, (level, message) => this.log(level, message)) : undefined;
    this.storageDescription = storage?.description;
    this.registry = new EmulatorRegistry(model, options, this.timing, {
      log: (level, message) => this.log(level, message),
      // Dead letters go to blobs with a storage API, else to the folder.
      deadLetter: (target, event, record) => (storage
        ? storage.writeDeadLetter(target, event, record)
        : writeDeadLetter(this.deadLetterDir, target, event, record)),
      changed: () => this.notifyIdle(),
    }, storage);
    this.namespaces = this.registry.namespaces;
    this.topics = this.registry.topics;
    this.subscriptions = this.registry.subscriptions;
  }

  public log(level: LogLevel, message: string): void {
    this.options.logger?.(level, message);
  }

  /** Checks a publish request's headers and query (keys, SAS token, api-version) before its body is read. */
  public authorize(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, query: URLSearchParams): void {
    this.publisher.authorize(ns, headers, query);
  }

  /** Checks an authorized publish request's body and accepts its events, or throws the HttpError to answer. */
  public publish(ns: RuntimeNamespace, headers: http.IncomingHttpHeaders, body: Buffer): void {
    this.publisher.publish(ns, headers, body);
  }

  /** Whether a request carries a key of any namespace or the admin key (it may then be told what exists). */
  public knowsAKey(headers: http.IncomingHttpHeaders): boolean {
    const key = headers['aeg-sas-key'];
    const admin = headers[ADMIN_HEADER];
    return (typeof admin === 'string' && keyMatches(admin, { key1: this.adminKey, key2: this.adminKey }))
      || (typeof key === 'string' && this.namespaces.some((ns) => ns.localAuthEnabled && keyMatches(key, ns.keys)));
  }

  /** The partner topic a reference names (ARM id, `<subscription>/<resourceGroup>/<name>`, construct path, or unique name). */
  public findTopic(ref: string): RuntimeTopic {
    return this.registry.findTopic(ref);
  }

  public topicInfo(t: RuntimeTopic): TopicInfo {
    return this.registry.topicInfo(t);
  }

  public setActivation(ref: string, state: 'Activated' | 'Deactivated'): TopicInfo {
    return this.registry.setActivation(ref, state);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Stats, idleness, stop

  public stats(): EmulatorStats {
    const namespaces: { [name: string]: NamespaceCounters } = {};
    const channels: { [p: string]: { events: number; filteredOut: number } } = {};
    for (const ns of this.namespaces) {
      namespaces[ns.name] = { ...ns.counters, refused: { ...ns.counters.refused } };
      for (const c of ns.channels) {
        channels[c.model.path] = { ...c.counters };
      }
    }
    const topics: { [id: string]: { activationState: string; received: number; droppedNotActivated: number } } = {};
    for (const t of this.topics.values()) {
      topics[t.id] = { activationState: t.activationState, ...t.counters };
    }
    const subscriptions: { [p: string]: SubscriptionStats } = {};
    for (const s of this.subscriptions) {
      const d = s.deliverer;
      subscriptions[s.model.path] = {
        name: s.name,
        endpointType: s.endpointType,
        ...(d ? d.counters : { ...zeroCounters('none'), matched: s.counters.notDeliveredLocally }),
        filteredOut: s.counters.filteredOut,
        notDeliveredLocally: s.counters.notDeliveredLocally,
        notDeliveredReason: s.notDeliveredReason,
        pending: d ? d.pending : 0,
      };
    }
    return { namespaces, channels, topics, subscriptions };
  }

  private get idle(): boolean {
    return this.subscriptions.every((s) => !s.deliverer || s.deliverer.idle);
  }

  private notifyIdle(): void {
    if (this.idleWaiters.size > 0 && this.idle) {
      for (const w of [...this.idleWaiters]) {
        w();
      }
    }
  }

  public waitForIdle(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let poll: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.idleWaiters.delete(check);
        resolve();
      };
      const check = () => {
        // Deliverers report changes synchronously; wait a turn so that scheduled pumps have run.
        setImmediate(() => {
          if (this.idle) {
            done();
          }
        });
      };
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.idleWaiters.delete(check);
        const busy = this.subscriptions.filter((s) => s.deliverer && !s.deliverer.idle).map((s) => `${s.name}: ${s.deliverer!.pending} pending`);
        reject(new Error(`the emulator is not idle after ${timeoutMs} ms (${busy.join('; ')})`));
      }, timeoutMs);
      this.idleWaiters.add(check);
      poll = setInterval(check, 25);
      check();
    });
  }

  public stop(): void {
    for (const s of this.subscriptions) {
      s.deliverer?.stop();
    }
  }
}
