// Azure Relay hybrid connection
import { DeliveryAttributeOptions } from './delivery-attributes';
import { ResourceIdDestination } from './resource-id-destination';

export interface HybridConnectionProps extends DeliveryAttributeOptions {
  /**
   * The ARM id of the Azure Relay hybrid connection:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Relay/namespaces/<namespace>/hybridConnections/<name>`.
   */
  readonly hybridConnectionId: string;
}

/** An Azure Relay hybrid connection (events reach a listener in a private network). */
export class HybridConnection extends ResourceIdDestination {
  public readonly endpointType: string = 'HybridConnection';

  constructor(props: HybridConnectionProps) {
    // Event Grid's managed-identity delivery documents no Azure role for hybrid connections.
    super('hybridConnectionId', props.hybridConnectionId, 'Microsoft.Relay/namespaces/hybridConnections', undefined, props.deliveryAttributes);
  }
}
