// One value type for where a partner topic is: the customer's subscription, resource group and topic name. A
// channel creates the topic there, a customer refers to it there, and every rule and renderer compares or names it
// through this type (its ARM id and its case-insensitive key), never through its own copy of the three fields.
import { isUnresolved } from './tokens';

export const EVENTGRID = 'Microsoft.EventGrid';

/** The three fields as the public props name them (`ChannelProps`, `PartnerTopicAttributes`). */
export interface PartnerTopicFields {
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
}

/** Where a partner topic is (or will be): immutable. */
export class PartnerTopicCoordinates {
  /** From the public props' field names. */
  public static of(fields: PartnerTopicFields): PartnerTopicCoordinates {
    return new PartnerTopicCoordinates(fields.partnerTopicSubscriptionId, fields.partnerTopicResourceGroupName, fields.partnerTopicName);
  }

  constructor(
    public readonly subscriptionId: string,
    public readonly resourceGroupName: string,
    public readonly name: string,
  ) {}

  /** The ARM id the topic has in the customer's subscription. */
  public get id(): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroupName}/providers/${EVENTGRID}/partnerTopics/${this.name}`;
  }

  /**
   * Azure compares subscription ids, resource group names and resource names case-insensitively: two coordinates
   * with the same key name the same topic. Undefined when a part is only known at apply (a token is not compared).
   */
  public get key(): string | undefined {
    return azureKey(this.subscriptionId, this.resourceGroupName, this.name);
  }

  /** The same topic, as Azure compares names (false when either side is not known at synth). */
  public sameAs(other: PartnerTopicCoordinates): boolean {
    const key = this.key;
    return key !== undefined && key === other.key;
  }

  /** The same coordinates with another topic name (for example a Terraform reference to the name the channel sent). */
  public withName(name: string): PartnerTopicCoordinates {
    return new PartnerTopicCoordinates(this.subscriptionId, this.resourceGroupName, name);
  }

  /** The three fields under the public props' names. */
  public toFields(): PartnerTopicFields {
    return {
      partnerTopicSubscriptionId: this.subscriptionId,
      partnerTopicResourceGroupName: this.resourceGroupName,
      partnerTopicName: this.name,
    };
  }
}

/** A case-insensitive key of Azure names (joined by NUL, which no name holds); undefined when one is unresolved. */
export function azureKey(...parts: Array<string | undefined>): string | undefined {
  if (parts.some((p) => p === undefined || isUnresolved(p))) {
    return undefined;
  }
  return (parts as string[]).map((p) => p.toLowerCase()).join('\u0000');
}
