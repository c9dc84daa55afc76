// EGP049: Monitor alert destinations only where Microsoft documents them.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP049 = defineRule({
  id: 'EGP049',
  severity: RuleSeverity.ERROR,
  title: 'Monitor alert destinations only where Microsoft documents them',
  rationale: 'Microsoft documents Azure Monitor alerts as an Event Grid event handler for events of the Azure Key Vault source only (system topics). A partner topic\'s event subscription with a MonitorAlert destination is not a documented configuration: Event Grid refuses it or never raises the alert.',
  fix: 'deliver partner events to another destination (a webhook, an Azure Function, an event hub, a Service Bus queue or topic, a storage queue), and raise alerts from there',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToAlert', { destination: new destinations.MonitorAlert({ severity: destinations.MonitorAlertSeverity.SEV2 }) });",
  goodExample: "topic.addEventSubscription('ToHub', { destination: new destinations.EventHub({ eventHubId: HUB }) });",
  source: 'https://learn.microsoft.com/azure/event-grid/event-handlers',
});
