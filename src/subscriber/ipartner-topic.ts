import { IConstruct } from 'constructs';
import type { PartnerTopicEventSubscription, PartnerTopicEventSubscriptionOptions } from './event-subscription';

/** The kind of managed identity a partner topic delivers with. */
export enum PartnerTopicIdentityType {
  SYSTEM_ASSIGNED = 'SystemAssigned',
  USER_ASSIGNED = 'UserAssigned',
}

/** A partner topic in the customer's subscription, as the customer side sees it. */
export interface IPartnerTopic extends IConstruct {
  /** The ARM id of the partner topic. */
  readonly partnerTopicId: string;
  readonly partnerTopicName: string;
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  /** The region (the partner namespace's), when known. */
  readonly location?: string;
  /** The type of the topic's managed identity, when it has one. */
  readonly identityType?: PartnerTopicIdentityType;
  /** The principal id of the topic's managed identity (for role assignments), when it has one. */
  readonly identityPrincipalId?: string;
  /** The ARM id of the user-assigned identity, when the topic uses one. */
  readonly userAssignedIdentityId?: string;

  /** Adds an event subscription that routes the topic's events to a handler. */
  addEventSubscription(id: string, options: PartnerTopicEventSubscriptionOptions): PartnerTopicEventSubscription;
}
