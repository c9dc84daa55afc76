// EGP022: Publishing with access keys (consider Microsoft Entra ID).
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP022 = defineRule({
  id: 'EGP022',
  severity: RuleSeverity.INFO,
  title: 'Publishing with access keys (consider Microsoft Entra ID)',
  rationale: "Local authentication (the aeg-sas-key header and SAS tokens, as the onboarding article publishes) uses long-lived shared keys that anyone holding them can publish with. Microsoft Entra ID publishing, with local authentication disabled, uses the publisher's own identity and can be revoked per publisher.",
  fix: 'set localAuthEnabled: false and give each publisher the EventGrid Data Sender role with namespace.grantPublish(id, principalId)',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Keys', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/24' }] }); // publishers use aeg-sas-key",
  goodExample: "const entra = new PartnerNamespace(stack, 'Entra', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/24' }], localAuthEnabled: false });\nentra.grantPublish('Publisher', PUBLISHER_PRINCIPAL); // EventGrid Data Sender for the publishing app",
  source: 'https://learn.microsoft.com/azure/event-grid/authenticate-with-microsoft-entra-id',
});
