// EGP006: Channel expiry within 1 minute and 7 days.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP006 = defineRule({
  id: 'EGP006',
  severity: RuleSeverity.ERROR,
  title: 'Channel expiry within 1 minute and 7 days',
  rationale: 'A channel whose partner topic is not activated before its expiry is deleted with the topic; Event Grid accepts an expiry up to 7 days ahead (its default).',
  fix: 'give expiresIfNotActivatedAfter between Duration.minutes(1) and Duration.days(7), or an ISO 8601 UTC timestamp in expirationTimeIfNotActivatedUtc',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', expiresIfNotActivatedAfter: Duration.days(14) });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', expiresIfNotActivatedAfter: Duration.days(7) });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/channels/create-or-update',
});
