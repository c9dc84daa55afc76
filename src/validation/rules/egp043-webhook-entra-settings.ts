// EGP043: Webhook Microsoft Entra settings come together.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP043 = defineRule({
  id: 'EGP043',
  severity: RuleSeverity.ERROR,
  title: 'Webhook Microsoft Entra settings come together',
  rationale: 'Event Grid authenticates to a protected webhook with a token for the Entra application (azureActiveDirectoryApplicationIdOrUri) in its tenant; a tenant without the application gives Event Grid nothing to request a token for.',
  fix: 'give the Entra application id (or URI) the endpoint expects, or leave entraTenantId unset',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events',\n  entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }) });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events',\n  entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', entraApplicationIdOrUri: 'api://fabrikam-events' }) });",
  source: 'https://learn.microsoft.com/azure/event-grid/secure-webhook-delivery',
});
