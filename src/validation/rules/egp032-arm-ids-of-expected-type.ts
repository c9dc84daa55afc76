// EGP032: ARM ids name a resource of the expected type.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP032 = defineRule({
  id: 'EGP032',
  severity: RuleSeverity.ERROR,
  title: 'ARM ids name a resource of the expected type',
  rationale: 'Imports, destinations, dead-letter storage and user-assigned identities are given as ARM resource ids; an id that is malformed or names a resource of another type makes the deployment fail, or points Event Grid at the wrong resource.',
  fix: 'give the ARM id of a resource of the type the message names: /subscriptions/<guid>/resourceGroups/<group>/providers/<type>/<name>',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToWebhook', { destination: webhook,\n  deadLetter: { storageAccountId: 'fabrikamstorage', blobContainerName: 'dead-letters' } });",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook,\n  deadLetter: { storageAccountId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`, blobContainerName: 'dead-letters' } });",
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#resourceid',
});
