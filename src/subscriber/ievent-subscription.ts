// What an owned and an imported event subscription share: the interface, the import's attributes, and the
// imported subscription itself (attributes only, no resource).
import { Construct, IConstruct } from 'constructs';
import { IPartnerTopic } from './ipartner-topic';
import { EVENTGRID } from '../model';
import { parseChildArmId } from '../publisher/arm-ids';
import { checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

/** Event subscription names: 3 to 64 letters, digits and hyphens. */
export const SUBSCRIPTION_NAME = /^[A-Za-z0-9-]{3,64}$/;

/**
 * An event subscription of a partner topic, owned (`PartnerTopicEventSubscription`) or imported
 * (`PartnerTopicEventSubscription.fromEventSubscriptionId`, `fromEventSubscriptionAttributes`).
 */
export interface IPartnerTopicEventSubscription extends IConstruct {
  /** The ARM id of the event subscription. */
  readonly eventSubscriptionId: string;
  /** The subscription's name. */
  readonly eventSubscriptionName: string;
  /** The ARM id of the partner topic the subscription belongs to. */
  readonly partnerTopicId: string;
}

/** An existing event subscription, by its partner topic and name. */
export interface PartnerTopicEventSubscriptionAttributes {
  /** The partner topic the subscription belongs to. */
  readonly partnerTopic: IPartnerTopic;
  /** The subscription's name: 3 to 64 letters, digits and hyphens. */
  readonly eventSubscriptionName: string;
}


/** An event subscription that exists: its attributes only, no resource (not exported from the package). */
export class ImportedEventSubscription extends Construct implements IPartnerTopicEventSubscription {
  public readonly eventSubscriptionName: string;
  private readonly topic?: IPartnerTopic;
  private readonly givenId?: string;
  private readonly parsedTopicId?: string;

  constructor(scope: Construct, id: string, eventSubscriptionId: string | undefined, attrs?: PartnerTopicEventSubscriptionAttributes) {
    super(scope, id);
    if (attrs === undefined) {
      const parsed = parseChildArmId(this, 'eventSubscriptionId', eventSubscriptionId!, `${EVENTGRID}/partnerTopics`, 'eventSubscriptions');
      this.givenId = eventSubscriptionId;
      this.eventSubscriptionName = parsed.name;
      this.parsedTopicId = parsed.parentId;
    } else {
      const name = attrs.eventSubscriptionName;
      checkRequired(this, 'eventSubscriptionName', name);
      if (known(name) && !SUBSCRIPTION_NAME.test(name)) {
        fail(this, 'EGP016', 'eventSubscriptionName is not 3 to 64 letters, digits and hyphens', name);
      }
      this.eventSubscriptionName = name;
      this.topic = attrs.partnerTopic;
    }
  }

  // Read from the topic when used (not at import), as an owned subscription reads it.
  public get partnerTopicId(): string {
    return this.topic ? this.topic.partnerTopicId : this.parsedTopicId!;
  }

  public get eventSubscriptionId(): string {
    return this.givenId ?? `${this.partnerTopicId}/eventSubscriptions/${this.eventSubscriptionName}`;
  }
}

