// EGP014: Retry policy within Event Grid's ranges.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP014 = defineRule({
  id: 'EGP014',
  severity: RuleSeverity.ERROR,
  title: "Retry policy within Event Grid's ranges",
  rationale: 'Event Grid accepts maxDeliveryAttempts from 1 to 30 and an event time-to-live from 1 minute to 24 hours (1440 minutes, whole minutes).',
  fix: 'give maxDeliveryAttempts between 1 and 30 and eventTimeToLive between Duration.minutes(1) and Duration.hours(24)',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, maxDeliveryAttempts: 31, eventTimeToLive: Duration.hours(25) });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, maxDeliveryAttempts: 30, eventTimeToLive: Duration.hours(24) });",
  source: 'https://learn.microsoft.com/azure/event-grid/manage-event-delivery#set-retry-policy',
});
