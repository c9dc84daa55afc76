// EGP007: Event types are named and declared once.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP007 = defineRule({
  id: 'EGP007',
  severity: RuleSeverity.ERROR,
  title: 'Event types are named and declared once',
  rationale: 'Inline event types are keyed by their type name: an empty name is refused and a name declared twice silently loses one definition.',
  fix: 'give every event type a non-empty, distinct type name',
  suppressible: true,
  phase: 'constructor',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam',\n  eventTypes: [{ type: 'com.contoso.ticketcreated' }, { type: 'com.contoso.ticketcreated', description: 'again' }] });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam',\n  eventTypes: [{ type: 'com.contoso.ticketcreated' }, { type: 'com.contoso.ticketclosed' }] });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/channels/create-or-update#inlineeventproperties',
});
