// EGP008: Resource names of 3 to 50 letters, digits and hyphens.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP008 = defineRule({
  id: 'EGP008',
  severity: RuleSeverity.WARNING,
  title: 'Resource names of 3 to 50 letters, digits and hyphens',
  rationale: 'The azurerm provider and the Azure portal accept partner registration, namespace, channel and partner topic names of 3-50 letters, digits and hyphens; the namespace name is also a DNS label of its endpoint. Other names may be refused or become unusable in tools.',
  fix: 'use 3 to 50 letters, digits and hyphens',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', channelName: 'fabrikam_tickets' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', channelName: 'fabrikam-tickets' });",
  source: 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/eventgrid_partner_namespace',
});
