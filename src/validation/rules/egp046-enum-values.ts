// EGP046: Enum-typed props hold one of the enum's values.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP046 = defineRule({
  id: 'EGP046',
  severity: RuleSeverity.ERROR,
  title: "Enum-typed props hold one of the enum's values",
  rationale: 'TypeScript callers can only pass the members of the library\'s enums, but JavaScript callers (and callers through jsii languages that cast) can pass any string. The REST specification declares these properties as enums (partnerTopicRoutingMode, publicNetworkAccess, minimumTlsVersionAllowed, the identity type, the alert severity); Azure refuses any other value when the resource is deployed, and a wrong case is refused too.',
  fix: 'use a member of the enum the prop is typed with; the message lists them',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Routed', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  routingMode: 'channelNameHeader' as PartnerTopicRoutingMode });",
  goodExample: "new PartnerNamespace(stack, 'Routed', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  routingMode: PartnerTopicRoutingMode.CHANNEL_NAME_HEADER });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-namespaces/create-or-update#partnertopicroutingmode',
});
