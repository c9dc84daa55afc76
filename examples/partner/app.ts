// The partner flow of the onboarding article: Contoso (a ticketing SaaS) registers with Event Grid, creates a
// partner namespace in each region it publishes from, and creates one channel per customer who asked for a
// partner topic. The customer list is Contoso's own record (customers.json).
import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Duration, PartnerCustomer, PartnerCustomers, PartnerNamespace, PartnerRegistration } from '../../src';

/** The event types Contoso publishes (the onboarding article's ticketing example). */
export const CONTOSO_EVENT_TYPES = [
  {
    type: 'com.contoso.ticketcreated',
    displayName: 'Ticket created',
    description: 'A customer opened a support ticket.',
    documentationUrl: 'https://contoso.example/docs/events#ticketcreated',
    dataSchemaUrl: 'https://contoso.example/schemas/ticketcreated.json',
  },
  {
    type: 'com.contoso.ticketclosed',
    displayName: 'Ticket closed',
    description: 'A support ticket was resolved and closed.',
    documentationUrl: 'https://contoso.example/docs/events#ticketclosed',
    dataSchemaUrl: 'https://contoso.example/schemas/ticketclosed.json',
  },
];

/**
 * Contoso's own subscription, where its registration and namespaces live: the azurerm provider needs it (azurerm 4
 * refuses to run without a subscription id, given here or in ARM_SUBSCRIPTION_ID), and the ARM template deploys there.
 */
export const CONTOSO_SUBSCRIPTION = '9e1f2a3b-4c5d-4e6f-8a7b-0c1d2e3f4a5b';

export interface ContosoPartnerStackProps {
  /** Contoso's customers. */
  readonly customers: PartnerCustomer[];
  /** The regions Contoso publishes from; every customer's region must be one of them. */
  readonly regions: string[];
}

/** Contoso's partner stack: one registration, a namespace per region, a channel per customer. */
export class ContosoPartnerStack extends TerraformStack {
  public readonly namespaces: { [region: string]: PartnerNamespace } = {};

  constructor(scope: Construct, id: string, props: ContosoPartnerStackProps) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: CONTOSO_SUBSCRIPTION });

    const registration = new PartnerRegistration(this, 'Registration', {
      resourceGroupName: 'contoso-partner',
      registrationName: 'contoso-ticketing',
      tags: { owner: 'platform' },
    });

    for (const region of props.regions) {
      const namespace = new PartnerNamespace(this, `Namespace-${region}`, {
        resourceGroupName: 'contoso-partner',
        location: region,
        partnerRegistration: registration,
        namespaceName: `contoso-tickets-${region}`,
      });
      this.namespaces[region] = namespace;
      new TerraformOutput(this, `endpoint-${region}`, { value: namespace.partnerNamespaceEndpoint });
      new TerraformOutput(this, `key1-${region}`, { value: namespace.partnerNamespacePrimaryKey, sensitive: true });
      new TerraformOutput(this, `key2-${region}`, { value: namespace.partnerNamespaceSecondaryKey, sensitive: true });
    }

    props.customers.forEach((customer, i) => {
      const namespace = this.namespaces[customer.region];
      if (!namespace) {
        throw new Error(`[${this.node.path}] customers entry ${i + 1} (customerId "${customer.customerId}"): field region ("${customer.region}") has no partner namespace — add the region to regions (${props.regions.join(', ')}) or move the customer`);
      }
      namespace.addChannel(customer.customerId, {
        channelName: customer.channelName,
        partnerTopicSubscriptionId: customer.subscriptionId,
        partnerTopicResourceGroupName: customer.resourceGroupName,
        partnerTopicName: customer.partnerTopicName,
        source: customer.source,
        eventTypes: CONTOSO_EVENT_TYPES,
        messageForActivation: customer.messageForActivation,
        expiresIfNotActivatedAfter: Duration.days(7),
      });
    });
  }
}

/** Reads a customer file (JSON array of PartnerCustomer records). */
export function readCustomers(file: string): PartnerCustomer[] {
  return PartnerCustomers.parse(fs.readFileSync(file, 'utf8'), path.basename(file));
}

/** Adds the partner example's stack to an app. */
export function addPartnerExample(app: App, customersFile = path.join(__dirname, 'customers.json')): ContosoPartnerStack {
  return new ContosoPartnerStack(app, 'contoso-partner', {
    customers: readCustomers(customersFile),
    regions: ['westus2', 'westeurope'],
  });
}
