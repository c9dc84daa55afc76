// EGP033: Delivery attributes are named, valued and set once.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP033 = defineRule({
  id: 'EGP033',
  severity: RuleSeverity.ERROR,
  title: 'Delivery attributes are named, valued and set once',
  rationale: 'Delivery attributes become HTTP headers or message properties of each delivered event: an empty list, an attribute without a name or value, or the same attribute set twice (names compared case-insensitively, as header names are) is refused or loses a value.',
  fix: 'give each delivery attribute a distinct name and a value, or leave deliveryAttributes unset',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events',\n  deliveryAttributes: [destinations.DeliveryAttributeMapping.staticValue('x-tenant', 'fabrikam'), destinations.DeliveryAttributeMapping.staticValue('X-Tenant', 'contoso')] }) });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events',\n  deliveryAttributes: [destinations.DeliveryAttributeMapping.staticValue('x-tenant', 'fabrikam'), destinations.DeliveryAttributeMapping.staticValue('x-region', 'westus2')] }) });",
  source: 'https://learn.microsoft.com/azure/event-grid/delivery-properties',
});
