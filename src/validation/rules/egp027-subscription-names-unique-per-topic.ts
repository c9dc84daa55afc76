// EGP027: Event subscription names unique per partner topic.
import { RuleSeverity } from '../rule';
import { defineRule, duplicateResources } from './define';

export const EGP027 = defineRule({
  id: 'EGP027',
  severity: RuleSeverity.ERROR,
  title: 'Event subscription names unique per partner topic',
  rationale: 'Two event subscriptions of the same name on one partner topic are the same Azure resource: the second overwrites the first, and Terraform fights over it on every apply.',
  fix: 'give each event subscription of a topic its own eventSubscriptionName',
  suppressible: true,
  phase: 'synth',
  badExample: "topic.addEventSubscription('A', { destination: webhook, eventSubscriptionName: 'to-webhook' });\ntopic.addEventSubscription('B', { destination: webhook, eventSubscriptionName: 'TO-WEBHOOK' });",
  goodExample: "topic.addEventSubscription('A', { destination: webhook, eventSubscriptionName: 'to-webhook' });\ntopic.addEventSubscription('B', { destination: webhook, eventSubscriptionName: 'to-webhook-2' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-topic-event-subscriptions/create-or-update',
  check: (context) => duplicateResources(context, 'EGP027'),
});
