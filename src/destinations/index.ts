// Where a partner topic event subscription delivers events: the `destination` (or
// `deliveryWithResourceIdentity.destination`) of `Microsoft.EventGrid/partnerTopics/eventSubscriptions`.
// One file per destination; what they share is in common.ts and delivery-attributes.ts (public) and in
// bind-checks.ts and resource-id-destination.ts (internal, not exported here).
export * from './common';
export * from './delivery-attributes';
export * from './webhook';
export * from './azure-function';
export * from './event-hub';
export * from './service-bus-queue';
export * from './service-bus-topic';
export * from './hybrid-connection';
export * from './namespace-topic';
export * from './storage-queue';
export * from './monitor-alert';
