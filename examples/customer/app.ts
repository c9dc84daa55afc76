// The customer flow of the onboarding article, from Fabrikam's side: authorize Contoso, activate the partner
// topic that Contoso's channel created in Fabrikam's subscription, and route its events to handlers.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  destinations, Duration, PartnerConfiguration, PartnerTopic, PartnerTopicIdentityType, VerifiedPartner,
} from '../../src';

/** Fabrikam's subscription and the Azure resources its handlers live in. */
export const FABRIKAM = {
  subscriptionId: '1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d',
  resourceGroupName: 'fabrikam-events',
  stagingResourceGroupName: 'fabrikam-staging',
  storageAccountId: '/subscriptions/1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d/resourceGroups/fabrikam-events/providers/Microsoft.Storage/storageAccounts/fabrikamevents',
  eventHubId: '/subscriptions/1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d/resourceGroups/fabrikam-events/providers/Microsoft.EventHub/namespaces/fabrikam-hub/eventhubs/contoso-tickets',
};

/** Contoso's registration, as Contoso publishes it to customers (immutable id and partner name). */
export const CONTOSO = {
  partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71',
  partnerName: 'Contoso.Tickets',
};

export class FabrikamCustomerStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: FABRIKAM.subscriptionId });

    // Step 1 of the customer flow: authorize the partner. In production by Contoso's immutable id and name…
    new PartnerConfiguration(this, 'Authorization', {
      resourceGroupName: FABRIKAM.resourceGroupName,
      defaultMaximumExpiration: Duration.days(90),
      authorizedPartners: [{ ...CONTOSO, expiresAfter: Duration.days(30) }],
    });
    // …and in staging by looking Contoso up among the verified partners.
    const verifiedContoso = new VerifiedPartner(this, 'VerifiedContoso', { partnerName: CONTOSO.partnerName });
    const staging = new PartnerConfiguration(this, 'StagingAuthorization', { resourceGroupName: FABRIKAM.stagingResourceGroupName });
    staging.authorizePartner({ verifiedPartner: verifiedContoso, expiresAfter: Duration.days(7) });

    // Step 2: Contoso's channel has created the partner topic, pending; activate it, with an identity for delivery.
    const topic = PartnerTopic.fromPartnerTopicAttributes(this, 'ContosoTickets', {
      partnerTopicSubscriptionId: FABRIKAM.subscriptionId,
      partnerTopicResourceGroupName: FABRIKAM.resourceGroupName,
      partnerTopicName: 'contoso-tickets',
      location: 'westus2',
    });
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    topic.activate();

    // Step 3: route events. A webhook receives CloudEvents 1.0…
    topic.addEventSubscription('ToTicketWebhook', {
      eventSubscriptionName: 'ticket-webhook',
      destination: new destinations.WebHook({ endpointUrl: 'https://tickets.fabrikam.example/api/contoso-events', maxEventsPerBatch: 10 }),
      includedEventTypes: ['com.contoso.ticketcreated', 'com.contoso.ticketclosed'],
    });
    // …a storage queue keeps closed tickets, dead-lettering what cannot be delivered…
    topic.addEventSubscription('ToClosedQueue', {
      eventSubscriptionName: 'closed-tickets-queue',
      destination: new destinations.StorageQueue({
        storageAccountId: FABRIKAM.storageAccountId,
        queueName: 'closed-tickets',
        queueMessageTimeToLive: Duration.days(7),
      }),
      includedEventTypes: ['com.contoso.ticketclosed'],
      maxDeliveryAttempts: 10,
      eventTimeToLive: Duration.hours(6),
      deadLetter: { storageAccountId: FABRIKAM.storageAccountId, blobContainerName: 'contoso-dead-letters' },
    });
    // …and an Event Hub gets everything, delivered with the topic's identity (the library grants it
    // "Azure Event Hubs Data Sender" on the hub).
    topic.addEventSubscription('ToAnalyticsHub', {
      eventSubscriptionName: 'analytics-hub',
      destination: new destinations.EventHub({ eventHubId: FABRIKAM.eventHubId }),
      deliverWithTopicIdentity: true,
    });
  }
}

/** Adds the customer example's stack to an app. */
export function addCustomerExample(app: App): FabrikamCustomerStack {
  return new FabrikamCustomerStack(app, 'fabrikam-customer');
}
