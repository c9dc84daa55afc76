// EGP008: Partner resource names of 3 to 50 letters, digits and hyphens.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP008 = defineRule({
  id: 'EGP008',
  severity: RuleSeverity.ERROR,
  title: 'Partner resource names of 3 to 50 letters, digits and hyphens',
  rationale: 'The azurerm provider refuses partner registration, namespace, channel and partner topic names that are not 3 to 50 letters, digits and hyphens (its schema checks ^[-a-zA-Z0-9]{3,50}$ at plan), and Event Grid refuses them when the ARM template is deployed; the namespace name is also the first DNS label of its endpoint. Checked on the names given and on the names the library derives.',
  fix: 'use 3 to 50 letters, digits and hyphens',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', channelName: 'fabrikam_tickets' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', channelName: 'fabrikam-tickets' });",
  source: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/eventgrid/eventgrid_partner_namespace_channel_resource.go',
});
