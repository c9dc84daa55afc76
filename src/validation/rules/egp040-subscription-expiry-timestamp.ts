// EGP040: Event subscription expiry is an ISO 8601 UTC timestamp.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP040 = defineRule({
  id: 'EGP040',
  severity: RuleSeverity.ERROR,
  title: 'Event subscription expiry is an ISO 8601 UTC timestamp',
  rationale: 'expirationTimeUtc is a date-time in the REST specification; another form is refused when the subscription is deployed.',
  fix: 'give a timestamp such as 2026-12-01T00:00:00Z',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, expirationTimeUtc: '2026-12-01' });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, expirationTimeUtc: '2026-12-01T00:00:00Z' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-topic-event-subscriptions/create-or-update',
});
