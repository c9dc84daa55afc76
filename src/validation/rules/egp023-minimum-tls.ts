// EGP023: Minimum TLS version below 1.2.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP023 = defineRule({
  id: 'EGP023',
  severity: RuleSeverity.WARNING,
  title: 'Minimum TLS version below 1.2',
  rationale: 'TLS 1.0 and 1.1 are deprecated across Azure; a namespace that accepts them lets publishers send events (and keys) over weak protocols.',
  fix: 'set minimumTlsVersion to TlsVersion.TLS1_2 (the default)',
  suppressible: true,
  phase: 'constructor',
  badExample: "new PartnerNamespace(stack, 'OldTls', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  minimumTlsVersion: TlsVersion.TLS1_0 });",
  goodExample: "new PartnerNamespace(stack, 'OldTls', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration,\n  minimumTlsVersion: TlsVersion.TLS1_2 });",
  source: 'https://learn.microsoft.com/azure/event-grid/transport-layer-security-configure-minimum-version',
});
