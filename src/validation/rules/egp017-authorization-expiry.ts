// EGP017: Partner authorization expiry within 1-365 days and the configuration's maximum.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP017 = defineRule({
  id: 'EGP017',
  severity: RuleSeverity.ERROR,
  title: "Partner authorization expiry within 1-365 days and the configuration's maximum",
  rationale: "A partner configuration authorizes partners for 1 to 365 days (7 by default); an authorization that expires later than the configuration's maximum is refused.",
  fix: 'give an expiry of at least 1 day and no more than defaultMaximumExpiration (itself 1 to 365 days)',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam',\n  authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets', expiresAfter: Duration.days(30) }] });",
  goodExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam', defaultMaximumExpiration: Duration.days(30),\n  authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets', expiresAfter: Duration.days(30) }] });",
  source: 'https://learn.microsoft.com/azure/event-grid/subscribe-to-partner-events#authorize-partner-to-create-a-partner-topic',
});
