// EGP025: Legacy preview API version in use.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP025 = defineRule({
  id: 'EGP025',
  severity: RuleSeverity.WARNING,
  title: 'Legacy preview API version in use',
  rationale: "Event channels exist only in the 2020-04-01-preview API (the onboarding article's model). Preview versions are retired without the notice stable versions get, and GA replaced event channels with channels.",
  fix: 'move to Channel on a channel-name-header namespace (API 2025-02-15), or suppress with the reason you still need source routing',
  suppressible: true,
  phase: 'constructor',
  badExample: "legacyNamespace.addEventChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });",
  source: 'https://learn.microsoft.com/azure/templates/microsoft.eventgrid/2020-04-01-preview/partnernamespaces/eventchannels',
});
