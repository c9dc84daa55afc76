/** The stable Event Grid API versions that partner resources can be rendered at. */
export enum PartnerEventsApiVersion {
  /** The first GA version of partner events. */
  V2022_06_15 = '2022-06-15',
  /** The newest stable version: adds the namespace's minimum TLS version and more subscription destinations. */
  V2025_02_15 = '2025-02-15',
}

/** The API version of event channels, the source-routed model of the onboarding article (preview only). */
export const EVENT_CHANNEL_API_VERSION = '2020-04-01-preview';

/** How a partner namespace picks the partner topic for each published event. Fixed at creation. */
export enum PartnerTopicRoutingMode {
  /** The publisher sends header `aeg-channel-name`; works with GA channels (`Channel`). */
  CHANNEL_NAME_HEADER = 'ChannelNameHeader',
  /** The event's CloudEvents `source` picks the topic; works with event channels (`EventChannel`). */
  SOURCE_EVENT_ATTRIBUTE = 'SourceEventAttribute',
}

/** Whether a resource accepts traffic from the public internet. */
export enum PublicNetworkAccess {
  ENABLED = 'Enabled',
  DISABLED = 'Disabled',
}

/** The lowest TLS version a namespace accepts from publishers. */
export enum TlsVersion {
  TLS1_0 = '1.0',
  TLS1_1 = '1.1',
  TLS1_2 = '1.2',
}
