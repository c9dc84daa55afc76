// EGP048: Delivery with the topic's identity only to destinations that support it.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP048 = defineRule({
  id: 'EGP048',
  severity: RuleSeverity.ERROR,
  title: "Delivery with the topic's identity only to destinations that support it",
  rationale: 'Event Grid delivers with a topic\'s managed identity only to Service Bus queues and topics, Event Hubs, Storage queues (and dead-letters to Storage blobs), granting the identity the data-sender role of the destination. A webhook, an Azure Function, a Relay hybrid connection or a Monitor alert given deliverWithTopicIdentity has no role to grant, and Azure refuses the subscription.',
  fix: 'leave deliverWithTopicIdentity unset for this destination (webhooks authenticate with entraApplicationIdOrUri instead), or deliver to a Service Bus queue or topic, an event hub or a storage queue',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook, deliverWithTopicIdentity: true });",
  goodExample: "topic.addEventSubscription('ToHub', { destination: new destinations.EventHub({ eventHubId: HUB }), deliverWithTopicIdentity: true });",
  source: 'https://learn.microsoft.com/azure/event-grid/add-identity-roles',
});
