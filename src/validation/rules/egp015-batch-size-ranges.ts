// EGP015: Batch sizes within Event Grid's ranges.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP015 = defineRule({
  id: 'EGP015',
  severity: RuleSeverity.ERROR,
  title: "Batch sizes within Event Grid's ranges",
  rationale: 'Webhook and Azure Function destinations accept maxEventsPerBatch from 1 to 5000 and preferredBatchSizeInKilobytes from 1 to 1024.',
  fix: 'give maxEventsPerBatch between 1 and 5000 and preferredBatchSizeInKilobytes between 1 and 1024',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', {\n  destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events', maxEventsPerBatch: 5001 }) });",
  goodExample: "topic.addEventSubscription('ToWebhook', {\n  destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events', maxEventsPerBatch: 5000 }) });",
  source: 'https://learn.microsoft.com/azure/event-grid/delivery-and-retry#output-batching',
});
