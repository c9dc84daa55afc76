// EGP034: Storage queue and blob container names.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP034 = defineRule({
  id: 'EGP034',
  severity: RuleSeverity.ERROR,
  title: 'Storage queue and blob container names',
  rationale: 'Azure Storage names queues and blob containers with 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit; Event Grid cannot deliver (or dead-letter) to any other name.',
  fix: 'give a name of 3 to 63 lowercase letters, digits and single hyphens, such as events-1',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToQueue', { destination: new destinations.StorageQueue({\n  storageAccountId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`, queueName: 'Tickets' }) });",
  goodExample: "topic.addEventSubscription('ToQueue', { destination: new destinations.StorageQueue({\n  storageAccountId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`, queueName: 'tickets' }) });",
  source: 'https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata',
});
