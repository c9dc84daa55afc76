// EGP029: A stack an ARM template can hold.
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

export const EGP029 = defineRule({
  id: 'EGP029',
  severity: RuleSeverity.WARNING,
  title: 'A stack an ARM template can hold',
  rationale: 'An ARM template holds at most 800 resources. For a stack with more partner resources, the library writes no deploymentTemplate.json (ARM would refuse it whole); the Terraform output is unaffected.',
  fix: 'spread the channels over stacks of at most 800 resources (ChannelFleet with maxChannelsPerStack of 800 or fewer), or deploy that stack with Terraform only',
  suppressible: true,
  phase: 'synth',
  badExample: 'for (let i = 0; i < 800; i++) {\n  namespace.addChannel(`Customer${i}`, { ...target, partnerTopicName: `tickets-${i}`, source: `contoso.${i}` });\n}',
  goodExample: 'for (let i = 0; i < 790; i++) {\n  namespace.addChannel(`Customer${i}`, { ...target, partnerTopicName: `tickets-${i}`, source: `contoso.${i}` });\n}',
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#template-limits',
  check: (context) => {
    const found: RuleViolation[] = [];
    const max = context.maxArmTemplateResources;
    for (const stack of context.stacks) {
      const count = context.armResourceCount(stack);
      if (count > max) {
        found.push({
          construct: stack,
          message: `the stack has ${count} partner resources, more than the ${max} an ARM template holds, so no deploymentTemplate.json is written for it`,
          value: count,
        });
      }
    }
    return found;
  },
});
