// EGP005: Activation message at most 256 characters.
import { baseDescriptionOf, descriptionOf, hasOverrides } from '../../model';
import { isUnresolved } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { defineRule } from './define';

/** Event Grid's limit on `messageForActivation`. */
const MAX_LENGTH = 256;

export const EGP005 = defineRule({
  id: 'EGP005',
  severity: RuleSeverity.ERROR,
  title: 'Activation message at most 256 characters',
  rationale: 'Event Grid refuses a channel whose messageForActivation is longer than 256 characters.',
  fix: 'shorten messageForActivation to 256 characters or fewer',
  suppressible: true,
  // in the constructor for the prop; at synth for what an escape hatch, a property override or a hand-written channel sets
  phase: 'constructor+synth',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', messageForActivation: 'Contoso tickets. '.repeat(16) });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', messageForActivation: 'Contoso ticket events for Fabrikam: activate to receive them.' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/channels/create-or-update',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const c of context.channels) {
      if (!hasOverrides(c.construct)) {
        continue; // the constructor checked the construct's own value
      }
      const message = descriptionOf(c.construct)?.properties.messageForActivation;
      // the constructor checked the construct's own value: only an override's is new here
      if (typeof message === 'string' && message.length > MAX_LENGTH && !isUnresolved(message)
        && message !== baseDescriptionOf(c.construct)?.properties.messageForActivation) {
        found.push({
          construct: c.construct,
          message: `an override sets messageForActivation to ${message.length} characters, more than ${MAX_LENGTH}`,
          value: message,
        });
      }
    }
    for (const c of context.foreignChannels) {
      const message = c.properties.messageForActivation;
      if (typeof message === 'string' && message.length > MAX_LENGTH && !isUnresolved(message)) {
        found.push({ construct: c.construct, message: `the hand-written channel sets messageForActivation to ${message.length} characters, more than ${MAX_LENGTH}`, value: message });
      }
    }
    return found;
  },
});
