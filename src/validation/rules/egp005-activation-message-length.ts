// EGP005: Activation message at most 256 characters.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP005 = defineRule({
  id: 'EGP005',
  severity: RuleSeverity.ERROR,
  title: 'Activation message at most 256 characters',
  rationale: 'Event Grid refuses a channel whose messageForActivation is longer than 256 characters.',
  fix: 'shorten messageForActivation to 256 characters or fewer',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', messageForActivation: 'Contoso tickets. '.repeat(16) });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', messageForActivation: 'Contoso ticket events for Fabrikam: activate to receive them.' });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/channels/create-or-update',
});
