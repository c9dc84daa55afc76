export * from './api-version';
export * from './duration';
export * from './advanced-filter';
export * from './partner-registration';
export * from './partner-namespace';
export { ExpiryOptions, PartnerTopicTarget } from './channel-common';
export * from './channel';
export * from './event-channel';
export * from './azapi-provider';
