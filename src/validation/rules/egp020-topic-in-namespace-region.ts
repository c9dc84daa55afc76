// EGP020: A partner topic lives in its namespace's region.
import { isUnresolved, normalizeRegion, topicKey } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

export const EGP020 = defineRule({
  id: 'EGP020',
  severity: RuleSeverity.ERROR,
  title: "A partner topic lives in its namespace's region",
  rationale: 'A channel creates its partner topic in the region of its partner namespace; a customer-side reference in another region points at a topic that does not exist.',
  fix: 'give the partner topic the location of the partner namespace that holds its channel',
  suppressible: true,
  phase: 'synth',
  badExample: "const east = new PartnerNamespace(stack, 'East', { resourceGroupName: 'contoso', location: 'eastus', partnerRegistration: registration });\neast.addChannel('Fabrikam', { ...target, partnerTopicName: 'contoso-tickets', source: 'contoso.fabrikam' }); // topic says westus2",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, partnerTopicName: 'contoso-tickets', source: 'contoso.fabrikam' }); // westus2, like topic",
  source: 'https://learn.microsoft.com/azure/event-grid/partner-events-overview-for-partners#channel',
  check: (context) => {
    const found: RuleViolation[] = [];
    const byTopic = context.channelsByTopic();
    for (const t of context.topicReferences) {
      const key = topicKey(t);
      if (key === undefined || t.location === undefined || isUnresolved(t.location)) {
        continue;
      }
      for (const c of byTopic.get(key) ?? []) {
        const region = c.namespace.location;
        if (region === undefined || isUnresolved(region) || normalizeRegion(region) === normalizeRegion(t.location)) {
          continue;
        }
        found.push({
          construct: t.construct,
          message: `partner topic ${t.partnerTopicName} is referenced in location ${t.location}, but ${c.construct.node.path} creates it through namespace ${c.namespace.node.path} in region ${region}`,
          value: t.location,
          fix: `give the partner topic location ${region}, the region of ${c.namespace.node.path}`,
        });
      }
    }
    return found;
  },
});
