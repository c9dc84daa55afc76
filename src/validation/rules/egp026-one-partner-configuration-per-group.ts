// EGP026: One partner configuration per resource group.
import { RuleSeverity } from '../rule';
import { defineRule, duplicateResources } from './define';

export const EGP026 = defineRule({
  id: 'EGP026',
  severity: RuleSeverity.ERROR,
  title: 'One partner configuration per resource group',
  rationale: "A resource group has a single partner configuration (partnerConfigurations/default). Two constructs for the same group write the same Azure resource: each apply overwrites the other's authorizations.",
  fix: 'use one PartnerConfiguration per resource group and authorizePartner() on it for every partner',
  suppressible: true,
  phase: 'synth',
  badExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam' });\nnew PartnerConfiguration(stack, 'MoreAuthorization', { resourceGroupName: 'Fabrikam' });",
  goodExample: "const configuration = new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam' });\nconfiguration.authorizePartner({ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-configurations/create-or-update',
  check: (context) => duplicateResources(context, 'EGP026'),
});
