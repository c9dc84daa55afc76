// EGP028: Partner namespace names unique per region.
import { RuleSeverity } from '../rule';
import { defineRule, duplicateResources } from './define';

export const EGP028 = defineRule({
  id: 'EGP028',
  severity: RuleSeverity.ERROR,
  title: 'Partner namespace names unique per region',
  rationale: 'A namespace name is the first DNS label of its endpoint (https://<name>.<region>-1.eventgrid.azure.net); two namespaces of one name in a region collide, and the second fails to deploy.',
  fix: 'give one of the namespaces another namespaceName (or let the library derive one from the construct path)',
  suppressible: true,
  phase: 'synth',
  badExample: "new PartnerNamespace(stack, 'A', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-tickets' });\nnew PartnerNamespace(stack, 'B', { resourceGroupName: 'contoso-2', location: 'West US 2', partnerRegistration: registration, namespaceName: 'contoso-tickets' });",
  goodExample: "new PartnerNamespace(stack, 'A', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-tickets' });\nnew PartnerNamespace(stack, 'B', { resourceGroupName: 'contoso-2', location: 'eastus', partnerRegistration: registration, namespaceName: 'contoso-tickets' });",
  source: 'https://learn.microsoft.com/azure/event-grid/onboard-partner#create-a-partner-namespace',
  check: (context) => duplicateResources(context, 'EGP028'),
});
