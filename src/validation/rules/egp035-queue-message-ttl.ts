// EGP035: Storage queue message time-to-live of at least 1 second, set one way.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP035 = defineRule({
  id: 'EGP035',
  severity: RuleSeverity.ERROR,
  title: 'Storage queue message time-to-live of at least 1 second, set one way',
  rationale: 'A storage queue destination sets queueMessageTimeToLiveInSeconds: at least 1 second, or -1 for messages that never expire. A shorter time-to-live is refused, and giving both a time-to-live and never-expire leaves one of them ignored.',
  fix: 'give queueMessageTimeToLive of at least Duration.seconds(1), or queueMessagesNeverExpire: true, not both',
  suppressible: true,
  phase: 'constructor',
  badExample: "topic.addEventSubscription('ToQueue', { destination: new destinations.StorageQueue({\n  storageAccountId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`, queueName: 'tickets',\n  queueMessageTimeToLive: Duration.days(7), queueMessagesNeverExpire: true }) });",
  goodExample: "topic.addEventSubscription('ToQueue', { destination: new destinations.StorageQueue({\n  storageAccountId: `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`, queueName: 'tickets',\n  queueMessageTimeToLive: Duration.days(7) }) });",
  source: 'https://learn.microsoft.com/rest/api/eventgrid/controlplane/partner-topic-event-subscriptions/create-or-update#storagequeueeventsubscriptiondestination',
});
