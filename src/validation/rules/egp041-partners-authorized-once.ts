// EGP041: Each authorized partner is named once, one way.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP041 = defineRule({
  id: 'EGP041',
  severity: RuleSeverity.ERROR,
  title: 'Each authorized partner is named once, one way',
  rationale: "A partner configuration's authorizedPartnersList names each partner by its immutable registration id and its name. A partner authorized twice has two expiries of which one is lost; a partner named both by a verified partner and by fields is ambiguous; one named by neither cannot be authorized.",
  fix: 'authorize each partner once, by a verifiedPartner or by partnerRegistrationImmutableId and partnerName',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam', authorizedPartners: [\n  { partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets' },\n  { partnerRegistrationImmutableId: '941892BC-F5D0-4D1C-8FB5-477570FC2B71', partnerName: 'Contoso.Tickets' }] });",
  goodExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam', authorizedPartners: [\n  { partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets' },\n  { partnerRegistrationImmutableId: '0f2d5c8e-3b1a-4e6f-9c7d-2a4b6c8d0e1f', partnerName: 'Contoso.Billing' }] });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-configurations/create-or-update',
});
