// EGP039: Included event types list at least one type.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP039 = defineRule({
  id: 'EGP039',
  severity: RuleSeverity.ERROR,
  title: 'Included event types list at least one type',
  rationale: 'An event subscription filters on includedEventTypes when the list is given; an empty list matches no event type, so the subscription receives nothing. Leaving it unset receives every type.',
  fix: 'list at least one event type, or leave includedEventTypes unset to receive every type',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, includedEventTypes: [] });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, includedEventTypes: ['com.contoso.ticketcreated'] });",
  source: 'https://learn.microsoft.com/azure/event-grid/event-filtering#event-type-filtering',
});
