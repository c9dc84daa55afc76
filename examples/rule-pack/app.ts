// A partner stack validated by the library's rules and by ACME's own rule pack.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { acmeRulePack } from './acme-rules';
import { PartnerNamespace, PartnerRegistration, Validations } from '../../src';

const ACME_SUBSCRIPTION = '0b7d2c4e-6f8a-4b1c-9d2e-3f4a5b6c7d8e';

/** One customer of ACME's ticketing product. */
export interface AcmeCustomer {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly partnerTopicName: string;
  readonly source: string;
}

export class AcmePartnerStack extends TerraformStack {
  constructor(scope: Construct, id: string, customers: AcmeCustomer[]) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: ACME_SUBSCRIPTION });
    const registration = new PartnerRegistration(this, 'Registration', { resourceGroupName: 'acme-events' });
    const namespace = new PartnerNamespace(this, 'Namespace', {
      resourceGroupName: 'acme-events',
      location: 'westus2',
      partnerRegistration: registration,
      localAuthEnabled: false,
      inboundIpRules: [{ ipMask: '203.0.113.0/24' }],
    });
    for (const c of customers) {
      namespace.addChannel(c.resourceGroupName, {
        partnerTopicSubscriptionId: c.subscriptionId,
        partnerTopicResourceGroupName: c.resourceGroupName,
        partnerTopicName: c.partnerTopicName,
        source: c.source,
      });
    }
  }
}

/** ACME's customers of the example. */
export const ACME_CUSTOMERS: AcmeCustomer[] = [
  { subscriptionId: '5b4b650e-28b9-4790-b3ab-ddbd88d727c4', resourceGroupName: 'fabrikam', partnerTopicName: 'acme-tickets', source: 'com.acme.tickets.fabrikam' },
  { subscriptionId: '7c1e9a3b-2d4f-4e6a-8b0c-1d2e3f4a5b6c', resourceGroupName: 'northwind', partnerTopicName: 'acme-tickets', source: 'com.acme.tickets.northwind' },
];

/** Adds ACME's rule pack and its partner stack to the app. */
export function addRulePackExample(app: App, customers: AcmeCustomer[] = ACME_CUSTOMERS): AcmePartnerStack {
  Validations.of(app).addRulePack(acmeRulePack());
  return new AcmePartnerStack(app, 'acme-partner', customers);
}
