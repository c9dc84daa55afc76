// The catalogue's fixtures and how a case is run: a configuration is set up in a fresh app, then every stack is
// synthesized with validations; the outcome is the error (a constructor's or a synth's) with its typed findings.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import {
  destinations, PartnerNamespace, PartnerRegistration, PartnerTopic, PartnerTopicIdentityType, Validations, ValidationFinding,
} from '../../src';
import { newStack, SUBSCRIPTION } from '../support/synth';

export const SUB = SUBSCRIPTION;
export const HUB = `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.EventHub/namespaces/fabrikam/eventhubs/tickets`;
export const STORAGE = `/subscriptions/${SUB}/resourceGroups/fabrikam/providers/Microsoft.Storage/storageAccounts/fabrikamstorage`;

/** What every case starts from: a partner side (registration, namespace) and a customer's imported topic. */
export interface Fixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly registration: PartnerRegistration;
  readonly namespace: PartnerNamespace;
  /** `fabrikam/contoso-tickets` in westus2, with a system-assigned identity. */
  readonly topic: PartnerTopic;
  /** The customer's partner topic a channel creates: `fabrikam/tickets`. */
  readonly target: { partnerTopicSubscriptionId: string; partnerTopicResourceGroupName: string; partnerTopicName: string };
  readonly webhook: destinations.WebHook;
  /** Another stack of the app (with the azurerm provider; its subscription id when given). */
  newStack(id: string, subscriptionId?: string): TerraformStack;
}

/** One configuration of the catalogue, with the Azure (or azurerm) rule it follows. */
export interface CatalogueCase {
  /** What is configured, in words. */
  readonly name: string;
  /** The group of the issue the case belongs to. */
  readonly group: 'names' | 'formats and enums' | 'timestamps' | 'uniqueness' | 'destinations' | 'escape hatches' | 'limits and values';
  readonly setup: (f: Fixture) => void;
  /** The main stack's azurerm provider subscription id, for the cases that need the subscription known. */
  readonly subscriptionId?: string;
  /** Where Azure's (or the azurerm provider's) rule is written down. */
  readonly source: string;
}

/** A configuration Azure refuses: the library must refuse it with the rule, the path, the value and the fix. */
export interface BadCase extends CatalogueCase {
  readonly rule: string;
  /** The construct path the error names. */
  readonly path: string;
  /** The value as the error shows it. */
  readonly value: string;
  /** A part of the fix the error gives. */
  readonly fix: string;
}

export interface Outcome {
  /** The error's message ('' when nothing failed). */
  readonly message: string;
  readonly findings: ValidationFinding[];
}

function fixture(subscriptionId?: string): Fixture {
  const app = Testing.app();
  const stack = subscriptionStack(app, 'stack', subscriptionId);
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'contoso', registrationName: 'contoso-tickets' });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
    partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'fabrikam', partnerTopicName: 'contoso-tickets', location: 'westus2',
  });
  topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
  return {
    app,
    stack,
    registration,
    namespace,
    topic,
    target: { partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'fabrikam', partnerTopicName: 'tickets' },
    webhook: new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events' }),
    newStack: (id, sub) => subscriptionStack(app, id, sub),
  };
}

function subscriptionStack(app: App, id: string, subscriptionId?: string): TerraformStack {
  if (subscriptionId === undefined) {
    return newStack(app, id);
  }
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId });
  return stack;
}

/** Sets the case up and synthesizes every stack of its app with validations: the first error, or none. */
export function run(c: CatalogueCase): Outcome {
  const f = fixture(c.subscriptionId);
  try {
    c.setup(f);
    for (const stack of f.app.node.children.filter((s): s is TerraformStack => s instanceof TerraformStack)) {
      Testing.synth(stack, true);
    }
  } catch (e) {
    return { message: (e as Error).message, findings: Validations.findingsOf(e) };
  }
  return { message: '', findings: [] };
}
