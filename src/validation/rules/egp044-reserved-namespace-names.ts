// EGP044: Partner namespace names hold no word Azure reserves.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP044 = defineRule({
  id: 'EGP044',
  severity: RuleSeverity.ERROR,
  title: 'Partner namespace names hold no word Azure reserves',
  rationale: 'A partner namespace has a public endpoint named after it (https://<name>.<region>-1.eventgrid.azure.net). Azure Resource Manager refuses such a name with ReservedResourceName when it is one of the reserved words (AZURE, OFFICE, XBOX and others, compared case-insensitively), contains MICROSOFT or WINDOWS, or starts with LOGIN.',
  fix: 'rename the namespace without the reserved word (contoso-tickets rather than azure, microsoft-events or login-events)',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Reserved', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  namespaceName: 'contoso-microsoft-events' });",
  goodExample: "new PartnerNamespace(stack, 'Reserved', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  namespaceName: 'contoso-ms-events' });",
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-reserved-resource-name',
});
