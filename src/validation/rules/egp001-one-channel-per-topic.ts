// EGP001: One channel per partner topic.
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule, pathsOf } from './define';

export const EGP001 = defineRule({
  id: 'EGP001',
  severity: RuleSeverity.ERROR,
  title: 'One channel per partner topic',
  rationale: 'A channel (or event channel) and its partner topic are one-to-one: deleting either deletes the other. Two channels that name the same partner topic (subscription, resource group and name, compared case-insensitively as Azure compares names) fight over it, and the second deployment fails or takes the topic away from the first.',
  fix: "give each customer's channel its own partner topic name, or remove the duplicate channel",
  suppressible: false,
  phase: 'synth',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });\nnamespace.addChannel('FabrikamAgain', { ...target, partnerTopicName: 'TICKETS', source: 'contoso.fabrikam.2' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });\nnamespace.addChannel('FabrikamAgain', { ...target, partnerTopicName: 'tickets-2', source: 'contoso.fabrikam.2' });",
  source: 'https://learn.microsoft.com/azure/event-grid/partner-events-overview-for-partners#channel',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const group of context.channelsByTopic().values()) {
      if (group.length < 2) {
        continue;
      }
      for (const c of group) {
        found.push({
          construct: c.construct,
          message: `${c.kind} ${c.construct.node.path} targets the partner topic that ${pathsOf(group, c, true)} also targets; a partner topic belongs to exactly one channel`,
          value: context.partnerTopicId(c),
        });
      }
    }
    return found;
  },
});
