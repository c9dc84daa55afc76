// EGP038: Imported resources carry the attributes that are used.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP038 = defineRule({
  id: 'EGP038',
  severity: RuleSeverity.ERROR,
  title: 'Imported resources carry the attributes that are used',
  rationale: "Some attributes of a partner resource are set by Azure and cannot be computed from an id: a registration's immutable id (a server-generated GUID) and a namespace's endpoint. An import that is used for them must give them.",
  fix: 'import the resource with its fromXxxAttributes method and give the attribute the message names',
  suppressible: true,
  phase: 'constructor',
  badExample: "const imported = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Imported', { location: 'westus2',\n  partnerNamespaceId: `/subscriptions/${SUB}/resourceGroups/contoso/providers/Microsoft.EventGrid/partnerNamespaces/contoso-tickets` });\nimported.partnerNamespaceEndpoint;",
  goodExample: "const imported = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Imported', { location: 'westus2',\n  partnerNamespaceId: `/subscriptions/${SUB}/resourceGroups/contoso/providers/Microsoft.EventGrid/partnerNamespaces/contoso-tickets`,\n  partnerNamespaceEndpoint: 'https://contoso-tickets.westus2-1.eventgrid.azure.net/api/events' });\nimported.partnerNamespaceEndpoint;",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-namespaces/get',
});
