// The onboarding article's private use: a partner publishing to its own subscription, both flows in one app.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { destinations, Duration, PartnerConfiguration, PartnerNamespace, PartnerRegistration } from '../../src';

export const OWN_SUBSCRIPTION = '8a0d3bc9-f4e5-4271-8d8e-9f0a1b2c3d4e';

export class PrivateUseStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: OWN_SUBSCRIPTION });

    // Partner flow: registration, namespace, one channel whose partner topic lands in the same subscription.
    const registration = new PartnerRegistration(this, 'Registration', { resourceGroupName: 'private-partner', registrationName: 'contoso-private' });
    const namespace = new PartnerNamespace(this, 'Namespace', {
      resourceGroupName: 'private-partner',
      location: 'westus2',
      partnerRegistration: registration,
      namespaceName: 'contoso-private-westus2',
    });
    const channel = namespace.addChannel('SelfChannel', {
      channelName: 'contoso-private-tickets',
      partnerTopicSubscriptionId: OWN_SUBSCRIPTION,
      partnerTopicResourceGroupName: 'private-consumer',
      partnerTopicName: 'contoso-private-tickets',
      source: 'com.contoso.private',
      eventTypes: [{ type: 'com.contoso.ticketcreated' }, { type: 'com.contoso.ticketclosed' }],
    });

    // Customer flow: authorize the own registration, activate the topic (after the channel), subscribe.
    new PartnerConfiguration(this, 'Authorization', {
      resourceGroupName: 'private-consumer',
      authorizedPartners: [{
        partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId,
        partnerName: registration.partnerRegistrationName,
        expiresAfter: Duration.days(7),
      }],
    });
    const topic = channel.partnerTopic;
    topic.activate();
    topic.addEventSubscription('ToWebhook', {
      eventSubscriptionName: 'private-webhook',
      destination: new destinations.WebHook({ endpointUrl: 'https://tickets.contoso.example/api/private-events' }),
    });

    new TerraformOutput(this, 'endpoint', { value: namespace.partnerNamespaceEndpoint });
    new TerraformOutput(this, 'channel-name', { value: channel.channelName });
    new TerraformOutput(this, 'key1', { value: namespace.partnerNamespacePrimaryKey, sensitive: true });
  }
}

/** Adds the private-use example's stack to an app. */
export function addPrivateExample(app: App): PrivateUseStack {
  return new PrivateUseStack(app, 'contoso-private');
}
