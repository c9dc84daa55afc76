// The runtime model of a running emulator: namespaces with their routing tables, channels, partner topics and their
// activation state, subscriptions with their deliverers; and the HTTP error a refused request is answered with.
import { NamespaceCounters } from './api';
import { NamespaceKeys } from './auth';
import { WebhookDeliverer } from './delivery';
import { EventPredicate } from './filter';
import { ModelChannel, ModelEventSubscription, ModelTopicCoordinates } from './model-file';

/** The path of the admin endpoints. */
export const ADMIN_PREFIX = '/_emulator';
export const ADMIN_HEADER = 'x-emulator-admin-key';

export interface RuntimeChannel {
  readonly model: ModelChannel;
  readonly name: string | null;
  readonly topic?: RuntimeTopic;
  readonly filter?: EventPredicate;
  readonly counters: { events: number; filteredOut: number };
}

export interface RuntimeNamespace {
  readonly name: string;
  readonly path: string;
  readonly location: string | null;
  readonly routingMode: 'ChannelNameHeader' | 'SourceEventAttribute';
  readonly localAuthEnabled: boolean;
  readonly keys: NamespaceKeys;
  readonly urlPath: string;
  readonly byName: Map<string, RuntimeChannel>;
  readonly bySource: Map<string, RuntimeChannel[]>;
  readonly channels: RuntimeChannel[];
  readonly counters: NamespaceCounters;
}

export interface RuntimeSubscription {
  readonly model: ModelEventSubscription;
  readonly name: string;
  readonly endpointType: string;
  readonly filter: EventPredicate;
  readonly deliverer?: WebhookDeliverer;
  readonly notDeliveredReason?: string;
  readonly counters: { filteredOut: number; notDeliveredLocally: number };
}

export interface RuntimeTopic {
  readonly key: string;
  readonly coords: ModelTopicCoordinates;
  readonly id: string;
  readonly paths: string[];
  activationState: 'NeverActivated' | 'Activated' | 'Deactivated';
  readonly channels: RuntimeChannel[];
  readonly subscriptions: RuntimeSubscription[];
  readonly counters: { received: number; droppedNotActivated: number };
}

/** An answer other than 200 to a request. */
export class HttpError {
  constructor(
    public readonly status: number, public readonly code: string, public readonly message: string, public readonly details?: unknown[],
    /** Headers of the answer (Retry-After of a 503). */
    public readonly headers?: { readonly [name: string]: string },
  ) {}
}

/** Counts a refused publish request against its namespace; returns the error to throw. */
export function refuse(ns: RuntimeNamespace | undefined, error: HttpError): HttpError {
  if (ns) {
    ns.counters.refused[error.status] = (ns.counters.refused[error.status] ?? 0) + 1;
  }
  return error;
}
