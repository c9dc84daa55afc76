// EGP047: Partner registration names unique per resource group.
import { RuleSeverity } from '../rule';
import { defineRule, duplicateResources } from './define';

export const EGP047 = defineRule({
  id: 'EGP047',
  severity: RuleSeverity.ERROR,
  title: 'Partner registration names unique per resource group',
  rationale: 'A partner registration is named within its resource group: two registrations of one name in one resource group (names compared case-insensitively, as Azure compares them) are the same Azure resource, so the second deployment overwrites the first, or the azurerm provider refuses it as a resource that already exists. Counted across every stack of the app that deploys to the same subscription.',
  fix: 'give one of the registrations another registrationName (or let the library derive one from the construct path), or another resource group',
  suppressible: true,
  phase: 'synth',
  badExample: "new PartnerRegistration(stack, 'Tickets', { resourceGroupName: 'contoso', registrationName: 'contoso-tickets' });\nnew PartnerRegistration(stack, 'TicketsAgain', { resourceGroupName: 'Contoso', registrationName: 'CONTOSO-TICKETS' });",
  goodExample: "new PartnerRegistration(stack, 'Tickets', { resourceGroupName: 'contoso', registrationName: 'contoso-tickets' });\nnew PartnerRegistration(stack, 'TicketsAgain', { resourceGroupName: 'contoso', registrationName: 'contoso-tickets-2' });",
  source: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/eventgrid/eventgrid_partner_registration_resource.go',
  check: (context) => duplicateResources(context, 'EGP047'),
});
