// The deploy order the model derives: a channel waits for the partner configurations of the app that authorize its
// partner in the resource group of its partner topic (both renderers read it from dependenciesOf).
import { PartnerConfiguration, PartnerRegistration } from '../../src';
import { authorizationsOf, dependenciesOf } from '../../src/model';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../support/fixtures';
import { newStack, OTHER_SUBSCRIPTION, onlyResource, synthJson } from '../support/synth';

function app() {
  const stack = newStack();
  const { registration, namespace } = newPartnerNamespace(stack);
  const channel = namespace.addChannel('Customer', CUSTOMER_TARGET);
  return { stack, registration, namespace, channel };
}

describe('authorization before the channel', () => {
  test('a configuration authorizing the channel\'s registration in the topic\'s resource group orders the channel after it', () => {
    const { stack, registration, channel } = app();
    const configuration = new PartnerConfiguration(stack, 'Authorization', {
      resourceGroupName: 'Customer-RG', // Azure compares resource group names case-insensitively
      authorizedPartners: [{
        partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: registration.partnerRegistrationName,
      }],
    });
    expect(authorizationsOf(channel)).toEqual([configuration]);
    expect(dependenciesOf(channel)).toEqual([configuration]);
    const json = synthJson(stack);
    const address = `azurerm_eventgrid_partner_configuration.${Object.keys(json.resource.azurerm_eventgrid_partner_configuration)[0]}`;
    expect(onlyResource(json, 'azapi_resource').depends_on).toEqual([address]);
  });

  test('a configuration of another resource group, or one that authorizes only another registration of the app, is not waited for', () => {
    const { stack, channel } = app();
    new PartnerConfiguration(stack, 'Elsewhere', {
      resourceGroupName: 'other-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso' }],
    });
    const other = new PartnerRegistration(stack, 'OtherRegistration', { resourceGroupName: 'partner-rg', registrationName: 'other-partner' });
    new PartnerConfiguration(stack, 'OtherPartner', {
      resourceGroupName: 'customer-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: other.partnerRegistrationImmutableId, partnerName: other.partnerRegistrationName }],
    });
    expect(dependenciesOf(channel)).toEqual([]);
    expect(onlyResource(synthJson(stack), 'azapi_resource').depends_on).toBeUndefined();
  });

  test('a partner known only by its immutable id may be the channel\'s: the channel waits', () => {
    const { stack, channel } = app();
    const configuration = new PartnerConfiguration(stack, 'ById', {
      resourceGroupName: 'customer-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso' }],
    });
    expect(dependenciesOf(channel)).toEqual([configuration]);
  });

  test('the topic is read from the effective description: an override that moves it moves the dependency', () => {
    const { stack, registration, channel } = app();
    const configuration = new PartnerConfiguration(stack, 'Authorization', {
      resourceGroupName: 'moved-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: 'contoso' }],
    });
    expect(dependenciesOf(channel)).toEqual([]);
    channel.addPropertyOverride('partnerTopicInfo.resourceGroupName', 'moved-rg');
    expect(dependenciesOf(channel)).toEqual([configuration]);
  });

  test('a configuration in the deploying subscription (not named) is compared by resource group alone', () => {
    const { stack, registration, namespace } = app();
    const elsewhere = namespace.addChannel('Elsewhere', { ...CUSTOMER_TARGET, partnerTopicSubscriptionId: OTHER_SUBSCRIPTION, partnerTopicName: 'other-topic', source: 'com.contoso.other' });
    const configuration = new PartnerConfiguration(stack, 'Authorization', {
      resourceGroupName: 'customer-rg',
      authorizedPartners: [{ partnerRegistrationImmutableId: registration.partnerRegistrationImmutableId, partnerName: 'contoso' }],
    });
    expect(dependenciesOf(elsewhere)).toEqual([configuration]);
  });
});
