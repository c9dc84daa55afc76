// EGP031: At most 16 inbound IP rules, each an IPv4 CIDR range.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP031 = defineRule({
  id: 'EGP031',
  severity: RuleSeverity.ERROR,
  title: 'At most 16 inbound IP rules, each an IPv4 CIDR range',
  rationale: "A partner namespace's inboundIpRules take CIDR ranges (ipMask): the azurerm provider validates ip_mask with IsCIDR, so a bare address such as 203.0.113.7 (write 203.0.113.7/32), a prefix over 32, or anything else is refused at plan. Microsoft documents 16 IP firewall rules per Event Grid namespace (and 128 per topic) and publishes no separate figure for partner namespaces; the library holds partner namespaces to the stricter 16.",
  fix: 'give at most 16 IPv4 CIDR ranges such as 203.0.113.0/24 (203.0.113.7/32 for one address)',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Firewalled', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/33' }] });",
  goodExample: "new PartnerNamespace(stack, 'Firewalled', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  inboundIpRules: [{ ipMask: '203.0.113.0/24' }] });",
  source: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/eventgrid/eventgrid_partner_namespace_resource.go',
});
