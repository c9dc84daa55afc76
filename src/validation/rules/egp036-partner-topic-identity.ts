// EGP036: A partner topic identity is set consistently.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP036 = defineRule({
  id: 'EGP036',
  severity: RuleSeverity.ERROR,
  title: 'A partner topic identity is set consistently',
  rationale: "A partner topic's managed identity is system-assigned or user-assigned. A user-assigned identity needs the ARM id of the identity; a user-assigned identity id on a system-assigned identity is ignored by Azure, so delivery would run as another identity than the one given.",
  fix: 'use PartnerTopicIdentityType.USER_ASSIGNED with userAssignedIdentityId, or SYSTEM_ASSIGNED without it',
  suppressible: true,
  phase: 'constructor',
  badExample: "const mixed = PartnerTopic.fromPartnerTopicAttributes(stack, 'Mixed', { ...target, location: 'westus2' });\nmixed.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED,\n  userAssignedIdentityId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.ManagedIdentity/userAssignedIdentities/events` });",
  goodExample: "const mixed = PartnerTopic.fromPartnerTopicAttributes(stack, 'Mixed', { ...target, location: 'westus2' });\nmixed.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED,\n  userAssignedIdentityId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.ManagedIdentity/userAssignedIdentities/events` });",
  source: 'https://learn.microsoft.com/azure/event-grid/managed-service-identity',
});
