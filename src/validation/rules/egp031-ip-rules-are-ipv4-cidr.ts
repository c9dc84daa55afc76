// EGP031: Inbound IP rules are IPv4 addresses or CIDR ranges.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP031 = defineRule({
  id: 'EGP031',
  severity: RuleSeverity.ERROR,
  title: 'Inbound IP rules are IPv4 addresses or CIDR ranges',
  rationale: "A partner namespace's inboundIpRules take IPv4 addresses or CIDR ranges (ipMask); anything else is refused when the namespace is deployed.",
  fix: 'give an IPv4 CIDR range such as 203.0.113.0/24',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Firewalled', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/33' }] });",
  goodExample: "new PartnerNamespace(stack, 'Firewalled', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/24' }] });",
  source: 'https://learn.microsoft.com/azure/event-grid/configure-firewall',
});
