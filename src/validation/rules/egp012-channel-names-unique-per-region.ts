// EGP012: Channel names unique per region.
import { azureKey, groupBy, normalizeRegion } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule, pathsOf } from './define';

export const EGP012 = defineRule({
  id: 'EGP012',
  severity: RuleSeverity.ERROR,
  title: 'Channel names unique per region',
  rationale: 'Event Grid requires a channel name to be unique across the region in which it is created; a second channel of the same name in the region fails to deploy.',
  fix: 'give one of the channels another channelName (or let the library derive one from the construct path)',
  suppressible: true,
  phase: 'synth',
  badExample: "const other = new PartnerNamespace(stack, 'Other', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration });\nnamespace.addChannel('A', { ...target, channelName: 'fabrikam', source: 'contoso.a' });\nother.addChannel('B', { ...target, partnerTopicName: 'tickets-2', channelName: 'fabrikam', source: 'contoso.b' });",
  goodExample: "const other = new PartnerNamespace(stack, 'Other', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration });\nnamespace.addChannel('A', { ...target, channelName: 'fabrikam', source: 'contoso.a' });\nother.addChannel('B', { ...target, partnerTopicName: 'tickets-2', channelName: 'fabrikam-2', source: 'contoso.b' });",
  source: 'https://learn.microsoft.com/azure/event-grid/onboard-partner#create-a-channel',
  check: (context) => {
    const found: RuleViolation[] = [];
    const byRegionalName = groupBy(context.channels, (c) => {
      const location = c.namespace.location;
      return location === undefined ? undefined : azureKey(c.kind, normalizeRegion(location), c.channelName);
    });
    for (const group of byRegionalName.values()) {
      if (group.length < 2) {
        continue;
      }
      for (const c of group) {
        found.push({
          construct: c.construct,
          message: `channel name is also used in region ${c.namespace.location} by ${pathsOf(group, c, false)}; channel names must be unique per region`,
          value: c.channelName,
        });
      }
    }
    return found;
  },
});
