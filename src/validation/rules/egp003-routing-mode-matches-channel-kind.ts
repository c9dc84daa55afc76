// EGP003: Routing mode matches the channel kind.
import { PartnerTopicRoutingMode } from '../../common/api-version';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

export const EGP003 = defineRule({
  id: 'EGP003',
  severity: RuleSeverity.ERROR,
  title: 'Routing mode matches the channel kind',
  rationale: "A namespace routes by the aeg-channel-name header (GA channels) or by the event's source (2020-04-01-preview event channels), fixed when it is created. A channel of the other kind never receives events.",
  fix: 'use Channel on a channel-name-header namespace and EventChannel on a source-event-attribute namespace',
  suppressible: true,
  phase: 'synth',
  badExample: "legacyNamespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam' });",
  source: 'https://learn.microsoft.com/azure/event-grid/onboard-partner#create-a-partner-namespace',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const c of context.channels) {
      const mode = c.namespace.routingMode;
      if (mode === undefined) {
        continue;
      }
      const path = c.namespace.node.path;
      if (c.kind === 'Channel' && mode !== PartnerTopicRoutingMode.CHANNEL_NAME_HEADER) {
        found.push({
          construct: c.construct,
          message: `Channel needs a namespace that routes by the aeg-channel-name header, but ${path} routes by`,
          value: mode,
          fix: 'create the namespace with routingMode PartnerTopicRoutingMode.CHANNEL_NAME_HEADER, or use EventChannel on this namespace',
        });
      } else if (c.kind === 'EventChannel' && mode !== PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE) {
        found.push({
          construct: c.construct,
          message: `EventChannel needs a namespace that routes by the event's source, but ${path} routes by`,
          value: mode,
          fix: 'create the namespace with routingMode PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE, or use Channel on this namespace',
        });
      }
    }
    return found;
  },
});
