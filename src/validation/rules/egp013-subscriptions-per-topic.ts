// EGP013: At most 500 event subscriptions per partner topic.
import { groupBy, isUnresolved, SubscriptionEntry } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

/** Event Grid's limit of event subscriptions per topic. */
const MAX_SUBSCRIPTIONS_PER_TOPIC = 500;

export const EGP013 = defineRule({
  id: 'EGP013',
  severity: RuleSeverity.ERROR,
  title: 'At most 500 event subscriptions per partner topic',
  rationale: 'Event Grid allows 500 event subscriptions per topic; the 501st fails to deploy. Counted across the whole app.',
  fix: 'spread handlers over fewer subscriptions (filters can route several event types to one handler)',
  suppressible: true,
  phase: 'synth',
  badExample: 'for (let i = 0; i < 501; i++) {\n  topic.addEventSubscription(`Handler${i}`, { destination: webhook });\n}',
  goodExample: 'for (let i = 0; i < 500; i++) {\n  topic.addEventSubscription(`Handler${i}`, { destination: webhook });\n}',
  source: 'https://learn.microsoft.com/azure/event-grid/quotas-limits',
  // A topic id that is still a token is counted per topic construct.
  check: (context) => {
    const found: RuleViolation[] = [];
    const byTopic = groupBy<SubscriptionEntry, unknown>(context.subscriptions, (e) => (isUnresolved(e.topicId) ? e.topic : e.topicId.toLowerCase()));
    for (const list of byTopic.values()) {
      if (list.length <= MAX_SUBSCRIPTIONS_PER_TOPIC) {
        continue;
      }
      const first = list[0].subscription.node.path;
      list.slice(MAX_SUBSCRIPTIONS_PER_TOPIC).forEach((e, i) => {
        found.push({
          construct: e.subscription,
          message: `partner topic ${e.topicId} has ${list.length} event subscriptions in this app (the first is ${first}); this one is number ${MAX_SUBSCRIPTIONS_PER_TOPIC + i + 1}, over Event Grid's limit of ${MAX_SUBSCRIPTIONS_PER_TOPIC}`,
          value: list.length,
        });
      });
    }
    return found;
  },
});
