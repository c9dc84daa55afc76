// EGP019: Delivery with the topic's identity needs that identity.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP019 = defineRule({
  id: 'EGP019',
  severity: RuleSeverity.ERROR,
  title: "Delivery with the topic's identity needs that identity",
  rationale: "Delivery (or dead-lettering) with resource identity uses the partner topic's managed identity; a topic without one, or of the other identity type, fails every delivery.",
  fix: 'give the partner topic a managed identity of the type the subscription uses',
  suppressible: true,
  phase: 'constructor',
  badExample: "const plain = PartnerTopic.fromPartnerTopicAttributes(stack, 'Plain', { ...target, location: 'westus2' });\nplain.addEventSubscription('ToHub', { destination: new destinations.EventHub({ eventHubId: HUB }), deliverWithTopicIdentity: true });",
  goodExample: "topic.addEventSubscription('ToHub', { destination: new destinations.EventHub({ eventHubId: HUB }), deliverWithTopicIdentity: true });",
  source: 'https://learn.microsoft.com/azure/event-grid/managed-service-identity',
});
