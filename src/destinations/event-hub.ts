// Event Hubs
import { DeliveryAttributeOptions } from './delivery-attributes';
import { ResourceIdDestination } from './resource-id-destination';

export interface EventHubProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the event hub (not its namespace):
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<namespace>/eventhubs/<hub>`.
   */
  readonly eventHubId: string;
}

/**
 * An event hub. With delivery through the partner topic's identity, that identity needs the
 * `Azure Event Hubs Data Sender` role on the event hub.
 */
export class EventHub extends ResourceIdDestination {
  public readonly endpointType: string = 'EventHub';

  constructor(props: EventHubProps) {
    super('eventHubId', props.eventHubId, 'Microsoft.EventHub/namespaces/eventhubs', 'Azure Event Hubs Data Sender', props.deliveryAttributes);
  }
}
