// Service Bus topic
import { DeliveryAttributeOptions } from './delivery-attributes';
import { ResourceIdDestination } from './resource-id-destination';

export interface ServiceBusTopicProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the topic:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>/topics/<topic>`.
   */
  readonly topicId: string;
}

/**
 * A Service Bus topic. With delivery through the partner topic's identity, that identity needs the
 * `Azure Service Bus Data Sender` role on the topic.
 */
export class ServiceBusTopic extends ResourceIdDestination {
  public readonly endpointType: string = 'ServiceBusTopic';

  constructor(props: ServiceBusTopicProps) {
    super('topicId', props.topicId, 'Microsoft.ServiceBus/namespaces/topics', 'Azure Service Bus Data Sender', props.deliveryAttributes);
  }
}
