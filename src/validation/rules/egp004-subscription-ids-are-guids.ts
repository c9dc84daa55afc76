// EGP004: Azure subscription ids are GUIDs.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP004 = defineRule({
  id: 'EGP004',
  severity: RuleSeverity.ERROR,
  title: 'Azure subscription ids are GUIDs',
  rationale: "The partner topic is created in the customer's subscription, named by its GUID; anything else is refused by Azure Resource Manager.",
  fix: 'give the subscription id as a GUID, for example 5b4b650e-28b9-4790-b3ab-ddbd88d727c4',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicSubscriptionId: 'fabrikam-prod', source: 'contoso.fabrikam' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicSubscriptionId: SUB, source: 'contoso.fabrikam' });",
  source: 'https://schema.management.azure.com/schemas/2025-02-15/Microsoft.EventGrid.json',
});
