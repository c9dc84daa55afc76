// EGP016: Event subscription names of 3 to 64 letters, digits and hyphens.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP016 = defineRule({
  id: 'EGP016',
  severity: RuleSeverity.ERROR,
  title: 'Event subscription names of 3 to 64 letters, digits and hyphens',
  rationale: 'Event Grid refuses event subscription names outside 3-64 letters, digits and hyphens.',
  fix: 'use 3 to 64 letters, digits and hyphens',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, eventSubscriptionName: 'to' });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, eventSubscriptionName: 'to-webhook' });",
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsofteventgrid',
});
