// EGP021: One event channel per source in a source-routed namespace.
import { groupBy, isUnresolved } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule, pathsOf } from './define';

export const EGP021 = defineRule({
  id: 'EGP021',
  severity: RuleSeverity.ERROR,
  title: 'One event channel per source in a source-routed namespace',
  rationale: "Under source routing the event's CloudEvents source picks the partner topic; two event channels with the same source in one namespace make routing ambiguous, and events reach only one of them.",
  fix: 'give each event channel of a namespace its own source',
  suppressible: true,
  phase: 'synth',
  badExample: "legacyNamespace.addEventChannel('A', { ...target, source: 'contoso.fabrikam' });\nlegacyNamespace.addEventChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'contoso.fabrikam' });",
  goodExample: "legacyNamespace.addEventChannel('A', { ...target, source: 'contoso.fabrikam' });\nlegacyNamespace.addEventChannel('B', { ...target, partnerTopicName: 'tickets-2', source: 'contoso.fabrikam.2' });",
  source: 'https://learn.microsoft.com/azure/event-grid/onboard-partner#create-a-partner-namespace',
  check: (context) => {
    const found: RuleViolation[] = [];
    const eventChannels = context.channels.filter((c) => c.kind === 'EventChannel');
    for (const inNamespace of groupBy(eventChannels, (c) => c.namespace).values()) {
      for (const group of groupBy(inNamespace, (c) => (isUnresolved(c.source) ? undefined : c.source)).values()) {
        if (group.length < 2) {
          continue;
        }
        for (const c of group) {
          found.push({
            construct: c.construct,
            message: `event channel has the same source as ${pathsOf(group, c, false)} in namespace ${c.namespace.node.path}; under source routing a source picks exactly one partner topic`,
            value: c.source,
            fix: 'give each event channel of a namespace its own source',
          });
        }
      }
    }
    return found;
  },
});
