// EGP045: Resource group names as Azure Resource Manager accepts them.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP045 = defineRule({
  id: 'EGP045',
  severity: RuleSeverity.ERROR,
  title: 'Resource group names as Azure Resource Manager accepts them',
  rationale: 'A resource group name is 1 to 90 characters of letters, digits (Unicode letters and digits included), underscores, hyphens, periods and parentheses, and does not end with a period. Any other name is refused by the azurerm provider (resource_group_name) and by Azure Resource Manager, for the partner side (registration, namespace, configuration) and for the customer resource group a channel creates its partner topic in. Checked wherever a resource group is given, ARM ids of imports included.',
  fix: 'give the resource group name as Azure shows it: 1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicResourceGroupName: 'fabrikam.', source: 'contoso.fabrikam' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicResourceGroupName: 'fabrikam.events', source: 'contoso.fabrikam' });",
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources',
});
