// EGP010: Settings the selected API version supports.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP010 = defineRule({
  id: 'EGP010',
  severity: RuleSeverity.ERROR,
  title: 'Settings the selected API version supports',
  rationale: 'Some settings exist only in newer API versions (minimumTlsVersionAllowed in 2025-02-15); sending them with an older version is refused.',
  fix: 'select API version 2025-02-15, or leave the setting unset',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'Older', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  apiVersion: PartnerEventsApiVersion.V2022_06_15, minimumTlsVersion: TlsVersion.TLS1_2 });",
  goodExample: "new PartnerNamespace(stack, 'Older', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  apiVersion: PartnerEventsApiVersion.V2022_06_15 });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-namespaces/create-or-update',
});
