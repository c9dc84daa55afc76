// The local partner namespace emulator's programmatic API. Not part of the construct library's jsii API (index.ts
// does not export it): import it from `cdktf-azure-partner-events/lib/emulator`.
export { startEmulator } from './server';
export {
  PUBLISH_API_VERSION, MAX_REQUEST_BYTES, MAX_EVENT_BYTES, MAX_EVENTS_PER_REQUEST, EVENT_GRID_RETRY_SCHEDULE_MS, DEFAULT_LIMITS, DEFAULT_BACKLOG,
} from './api';
export type {
  EmulatorBacklog, EmulatorHandle, EmulatorLimits, EmulatorOptions, EmulatorStats, EmulatorTiming, LogLevel, NamespaceCounters, NamespaceEndpoint,
  SubscriptionStats, TopicInfo,
} from './api';
export { buildSasToken, generateKey } from './auth';
export type { NamespaceKeys } from './auth';
export { readDeadLetters } from './dead-letter';
export { readAppModel, MODEL_CONTEXT_KEY, MODEL_FILE_NAME, MODEL_SCHEMA_VERSION } from './model-file';
export type { AppModel, PartnerEventsModelFile } from './model-file';
