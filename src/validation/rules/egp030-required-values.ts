// EGP030: Required values are present.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP030 = defineRule({
  id: 'EGP030',
  severity: RuleSeverity.ERROR,
  title: 'Required values are present',
  rationale: 'An empty or blank resource group, location, partner topic name, source or other required value is refused by Azure Resource Manager when the resource is deployed, after everything before it was created.',
  fix: 'give the value; the message names the field',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: '' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });",
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules',
});
