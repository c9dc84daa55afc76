/** How serious a finding is. */
export enum RuleSeverity {
  /** Azure refuses it, or it breaks the deployment or the event flow: synth fails. */
  ERROR = 'error',
  /** Likely a mistake or a risk; synth goes on. */
  WARNING = 'warning',
  /** Advice. */
  INFO = 'info',
}

/** One validation rule of the library, with a stable id. */
export interface ValidationRule {
  /** Stable id, `EGP` and three digits. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** One line: what the rule guards. */
  readonly title: string;
  /** Why the rule exists: what Azure does otherwise. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Whether a finding can be suppressed per construct. The mission rules cannot. */
  readonly suppressible: boolean;
  /** When the rule runs: `constructor` (one prop shows it) or `synth` (the whole tree shows it). */
  readonly phase: string;
}

function rule(r: ValidationRule): ValidationRule {
  return r;
}

/** The library's rules, by id. */
export const RULES = {
  EGP001: rule({
    id: 'EGP001',
    severity: RuleSeverity.ERROR,
    title: 'One channel per partner topic',
    rationale: 'A channel (or event channel) and its partner topic are one-to-one: deleting either deletes the other. Two channels that name the same partner topic (subscription, resource group and name, compared case-insensitively as Azure compares names) fight over it, and the second deployment fails or takes the topic away from the first.',
    fix: 'give each customer\'s channel its own partner topic name, or remove the duplicate channel',
    suppressible: false,
    phase: 'synth',
  }),
  EGP002: rule({
    id: 'EGP002',
    severity: RuleSeverity.ERROR,
    title: 'CloudEvents 1.0 only',
    rationale: 'CloudEvents 1.0 is the only schema a partner namespace accepts and the only one this library delivers partner events in. An input schema, input mapping or delivery schema other than CloudEventSchemaV1_0 (set directly or through an escape-hatch override) breaks every publisher and handler downstream.',
    fix: 'remove the override, or set the schema to CloudEventSchemaV1_0',
    suppressible: false,
    phase: 'synth',
  }),
  EGP003: rule({
    id: 'EGP003',
    severity: RuleSeverity.ERROR,
    title: 'Routing mode matches the channel kind',
    rationale: 'A namespace routes by the aeg-channel-name header (GA channels) or by the event\'s source (2020-04-01-preview event channels), fixed when it is created. A channel of the other kind never receives events; under source routing, two event channels with the same source make routing ambiguous.',
    fix: 'use Channel on a channel-name-header namespace and EventChannel on a source-event-attribute namespace, with one event channel per source',
    suppressible: true,
    phase: 'synth',
  }),
  EGP004: rule({
    id: 'EGP004',
    severity: RuleSeverity.ERROR,
    title: 'Azure subscription ids are GUIDs',
    rationale: 'The partner topic is created in the customer\'s subscription, named by its GUID; anything else is refused by Azure Resource Manager.',
    fix: 'give the subscription id as a GUID, for example 5b4b650e-28b9-4790-b3ab-ddbd88d727c4',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP005: rule({
    id: 'EGP005',
    severity: RuleSeverity.ERROR,
    title: 'Activation message at most 256 characters',
    rationale: 'Event Grid refuses a channel whose messageForActivation is longer than 256 characters.',
    fix: 'shorten messageForActivation to 256 characters or fewer',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP006: rule({
    id: 'EGP006',
    severity: RuleSeverity.ERROR,
    title: 'Channel expiry within 1 minute and 7 days',
    rationale: 'A channel whose partner topic is not activated before its expiry is deleted with the topic; Event Grid accepts an expiry up to 7 days ahead (its default).',
    fix: 'give expiresIfNotActivatedAfter between Duration.minutes(1) and Duration.days(7), or an ISO 8601 UTC timestamp in expirationTimeIfNotActivatedUtc',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP007: rule({
    id: 'EGP007',
    severity: RuleSeverity.ERROR,
    title: 'Event types are named and declared once',
    rationale: 'Inline event types are keyed by their type name: an empty name is refused and a name declared twice silently loses one definition.',
    fix: 'give every event type a non-empty, distinct type name',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP008: rule({
    id: 'EGP008',
    severity: RuleSeverity.WARNING,
    title: 'Resource names of 3 to 50 letters, digits and hyphens',
    rationale: 'The azurerm provider and the Azure portal accept partner registration, namespace, channel and partner topic names of 3-50 letters, digits and hyphens; the namespace name is also a DNS label of its endpoint. Other names may be refused or become unusable in tools.',
    fix: 'use 3 to 50 letters, digits and hyphens',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP009: rule({
    id: 'EGP009',
    severity: RuleSeverity.ERROR,
    title: 'Advanced filters within Event Grid\'s limits',
    rationale: 'Event Grid accepts at most 25 advanced filters and 25 filter values in total per subscription or event channel, string values of at most 512 characters, no escaped dots in keys, and only the operators of the API version in use.',
    fix: 'merge or remove filters, shorten values, and use only the operators the API version offers',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP010: rule({
    id: 'EGP010',
    severity: RuleSeverity.ERROR,
    title: 'Settings the selected API version supports',
    rationale: 'Some settings exist only in newer API versions (minimumTlsVersionAllowed in 2025-02-15); sending them with an older version is refused.',
    fix: 'select API version 2025-02-15, or leave the setting unset',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP011: rule({
    id: 'EGP011',
    severity: RuleSeverity.ERROR,
    title: 'Required values are present and well-formed',
    rationale: 'An empty resource group, partner topic name or source, an inbound IP rule that is not a CIDR range, or a malformed ARM id is refused by Azure at deploy time.',
    fix: 'give the value in the documented form',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP012: rule({
    id: 'EGP012',
    severity: RuleSeverity.ERROR,
    title: 'Channel names unique per region',
    rationale: 'Event Grid requires a channel name to be unique across the region in which it is created; a second channel of the same name in the region fails to deploy.',
    fix: 'give one of the channels another channelName (or let the library derive one from the construct path)',
    suppressible: true,
    phase: 'synth',
  }),
  EGP013: rule({
    id: 'EGP013',
    severity: RuleSeverity.ERROR,
    title: 'At most 500 event subscriptions per partner topic',
    rationale: 'Event Grid allows 500 event subscriptions per topic; the 501st fails to deploy. Counted across the whole app.',
    fix: 'spread handlers over fewer subscriptions (filters can route several event types to one handler)',
    suppressible: true,
    phase: 'synth',
  }),
  EGP014: rule({
    id: 'EGP014',
    severity: RuleSeverity.ERROR,
    title: 'Retry policy within Event Grid\'s ranges',
    rationale: 'Event Grid accepts maxDeliveryAttempts from 1 to 30 and an event time-to-live from 1 minute to 24 hours (1440 minutes, whole minutes).',
    fix: 'give maxDeliveryAttempts between 1 and 30 and eventTimeToLive between Duration.minutes(1) and Duration.hours(24)',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP015: rule({
    id: 'EGP015',
    severity: RuleSeverity.ERROR,
    title: 'Batch sizes within Event Grid\'s ranges',
    rationale: 'Webhook and Azure Function destinations accept maxEventsPerBatch from 1 to 5000 and preferredBatchSizeInKilobytes from 1 to 1024.',
    fix: 'give maxEventsPerBatch between 1 and 5000 and preferredBatchSizeInKilobytes between 1 and 1024',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP016: rule({
    id: 'EGP016',
    severity: RuleSeverity.ERROR,
    title: 'Event subscription names of 3 to 64 letters, digits and hyphens',
    rationale: 'Event Grid refuses event subscription names outside 3-64 letters, digits and hyphens.',
    fix: 'use 3 to 64 letters, digits and hyphens',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP017: rule({
    id: 'EGP017',
    severity: RuleSeverity.ERROR,
    title: 'Partner authorization expiry within 1-365 days and the configuration\'s maximum',
    rationale: 'A partner configuration authorizes partners for 1 to 365 days (7 by default); an authorization that expires later than the configuration\'s maximum is refused.',
    fix: 'give an expiry of at least 1 day and no more than defaultMaximumExpiration (itself 1 to 365 days)',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP018: rule({
    id: 'EGP018',
    severity: RuleSeverity.ERROR,
    title: 'Webhook URLs use https',
    rationale: 'Event Grid delivers to webhooks over HTTPS only; an http:// endpoint is refused.',
    fix: 'give an https:// endpoint URL',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP019: rule({
    id: 'EGP019',
    severity: RuleSeverity.ERROR,
    title: 'Delivery with the topic\'s identity needs that identity',
    rationale: 'Delivery (or dead-lettering) with resource identity uses the partner topic\'s managed identity; a topic without one, or of the other identity type, fails every delivery.',
    fix: 'give the partner topic a managed identity of the type the subscription uses',
    suppressible: true,
    phase: 'constructor',
  }),
  EGP020: rule({
    id: 'EGP020',
    severity: RuleSeverity.ERROR,
    title: 'A partner topic lives in its namespace\'s region',
    rationale: 'A channel creates its partner topic in the region of its partner namespace; a customer-side reference in another region points at a topic that does not exist.',
    fix: 'give the partner topic the location of the partner namespace that holds its channel',
    suppressible: true,
    phase: 'synth',
  }),
} as const;

export type RuleId = keyof typeof RULES;
