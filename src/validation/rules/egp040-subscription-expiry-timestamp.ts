// EGP040: Event subscription expiry is an ISO 8601 UTC timestamp.
import { RuleSeverity, RuleViolation } from '../rule';
import { propertyOf, timestampViolation } from '../timestamps';
import { defineRule } from './define';

export const EGP040 = defineRule({
  id: 'EGP040',
  severity: RuleSeverity.ERROR,
  title: 'Event subscription expiry is a future ISO 8601 UTC timestamp',
  rationale: 'expirationTimeUtc is a date-time in the REST specification; another form, a date that does not exist (2026-02-30) or a time already past when the subscription is deployed is refused (an expired subscription is deleted). The format is checked in the constructor, the date and the time window at synth, where the clock is read (only the check reads it: the output does not depend on it).',
  fix: 'give a future timestamp such as 2030-01-01T00:00:00Z',
  suppressible: true,
  phase: 'constructor+synth',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, expirationTimeUtc: '2030-01-01' });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, expirationTimeUtc: '2030-01-01T00:00:00Z' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-topic-event-subscriptions/create-or-update',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const e of context.subscriptions) {
      const { value, own } = propertyOf(e.subscription, (p) => p.expirationTimeUtc);
      const v = timestampViolation(e.subscription, 'expirationTimeUtc', value, { minMillis: 0, describe: 'in the future' }, '2030-01-01T00:00:00Z', own);
      if (v) {
        found.push(v);
      }
    }
    return found;
  },
});
