// EGP009: Advanced filters within Event Grid's limits.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP009 = defineRule({
  id: 'EGP009',
  severity: RuleSeverity.ERROR,
  title: "Advanced filters within Event Grid's limits",
  rationale: 'Event Grid accepts at most 25 advanced filters and 25 filter values in total per subscription or event channel, string values of at most 512 characters, no escaped dots in keys, and only the operators of the API version in use.',
  fix: 'merge or remove filters, shorten values, and use only the operators the API version offers',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook,\n  advancedFilters: [AdvancedFilter.stringIn('data.region', Array.from({ length: 26 }, (_, i) => `region-${i}`))] });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook,\n  advancedFilters: [AdvancedFilter.stringIn('data.region', Array.from({ length: 25 }, (_, i) => `region-${i}`))] });",
  source: 'https://learn.microsoft.com/azure/event-grid/event-filtering#limitations',
});
