// EGP024: Public network access with no IP rules.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP024 = defineRule({
  id: 'EGP024',
  severity: RuleSeverity.INFO,
  title: 'Public network access with no IP rules',
  rationale: 'A namespace with public network access and no inbound IP rules accepts publish requests from every address on the internet; only the key or token stands between it and anyone.',
  fix: "list the publishers' ranges in inboundIpRules, or set publicNetworkAccess to PublicNetworkAccess.DISABLED and publish over a private endpoint",
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Open', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  localAuthEnabled: false });",
  goodExample: "new PartnerNamespace(stack, 'Open', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  localAuthEnabled: false, inboundIpRules: [{ ipMask: '203.0.113.0/24' }] });",
  source: 'https://learn.microsoft.com/azure/event-grid/configure-firewall',
});
