// EGP042: Verified partners are looked up by a resource name.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP042 = defineRule({
  id: 'EGP042',
  severity: RuleSeverity.ERROR,
  title: 'Verified partners are looked up by a resource name',
  rationale: 'A verified partner is read at /providers/Microsoft.EventGrid/verifiedPartners/<name>; a name holding "/", "?" or "#" changes the request path and finds no partner.',
  fix: "give the verified partner's name as Event Grid lists it, for example MicrosoftGraphAPI",
  suppressible: true,
  phase: 'constructor',
  badExample: "new VerifiedPartner(stack, 'Graph', { partnerName: 'Microsoft/Graph' });",
  goodExample: "new VerifiedPartner(stack, 'Graph', { partnerName: 'MicrosoftGraphAPI' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/verified-partners/get',
});
