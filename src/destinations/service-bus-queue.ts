// Service Bus queue
import { DeliveryAttributeOptions } from './delivery-attributes';
import { ResourceIdDestination } from './resource-id-destination';

export interface ServiceBusQueueProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the queue:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>/queues/<queue>`.
   */
  readonly queueId: string;
}

/**
 * A Service Bus queue. With delivery through the partner topic's identity, that identity needs the
 * `Azure Service Bus Data Sender` role on the queue.
 */
export class ServiceBusQueue extends ResourceIdDestination {
  public readonly endpointType: string = 'ServiceBusQueue';

  constructor(props: ServiceBusQueueProps) {
    super('queueId', props.queueId, 'Microsoft.ServiceBus/namespaces/queues', 'Azure Service Bus Data Sender', props.deliveryAttributes);
  }
}
