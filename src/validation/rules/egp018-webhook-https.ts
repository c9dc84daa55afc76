// EGP018: Webhook URLs use https.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP018 = defineRule({
  id: 'EGP018',
  severity: RuleSeverity.ERROR,
  title: 'Webhook URLs use https',
  rationale: 'Event Grid delivers to webhooks over HTTPS only; an http:// endpoint is refused.',
  fix: 'give an https:// endpoint URL',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'http://fabrikam.example/events' }) });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events' }) });",
  source: 'https://learn.microsoft.com/azure/event-grid/webhook-event-delivery',
});
