// EGP004: Azure subscription ids are GUIDs.
import { baseDescriptionOf, descriptionOf, hasOverrides } from '../../model';
import { isUnresolved } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

/** A GUID, as the REST specification's pattern for subscription and immutable ids. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function notGuid(value: unknown): boolean {
  return typeof value === 'string' && !isUnresolved(value) && !GUID.test(value);
}

export const EGP004 = defineRule({
  id: 'EGP004',
  severity: RuleSeverity.ERROR,
  title: 'Azure subscription ids are GUIDs',
  rationale: "The partner topic is created in the customer's subscription, named by its GUID; anything else is refused by Azure Resource Manager (and by the azurerm provider's IsUUID). Checked on the props, on the subscriptions inside imported ARM ids, and at synth on what an override or a hand-written channel sets.",
  fix: 'give the subscription id as a GUID, for example 5b4b650e-28b9-4790-b3ab-ddbd88d727c4',
  suppressible: true,
  phase: 'constructor+synth',
  badExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicSubscriptionId: 'fabrikam-prod', source: 'contoso.fabrikam' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicSubscriptionId: SUB, source: 'contoso.fabrikam' });",
  source: 'https://schema.management.azure.com/schemas/2025-02-15/Microsoft.EventGrid.json',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const c of context.channels) {
      if (!hasOverrides(c.construct)) {
        continue; // the constructor checked the construct's own value
      }
      const read = (d: ReturnType<typeof descriptionOf>) =>
        d?.properties.partnerTopicInfo?.azureSubscriptionId ?? d?.properties.destination?.azureSubscriptionId;
      const value = read(descriptionOf(c.construct));
      if (notGuid(value) && value !== read(baseDescriptionOf(c.construct))) {
        found.push({ construct: c.construct, message: "an override sets the partner topic's azureSubscriptionId to a value that is not a GUID", value });
      }
    }
    for (const c of context.foreignChannels) {
      if (notGuid(c.partnerTopicSubscriptionId)) {
        found.push({ construct: c.construct, message: "the hand-written channel's partnerTopicInfo.azureSubscriptionId is not a GUID", value: c.partnerTopicSubscriptionId });
      }
    }
    return found;
  },
});
