// Azure Function
import { IConstruct } from 'constructs';
import { checkBatching, checkResourceId, renderDeliveryAttributes, secretAttributeNames } from './bind-checks';
import { BatchingOptions, DestinationBindOptions, DestinationConfig, DestinationRole, IEventSubscriptionDestination } from './common';
import { DeliveryAttributeOptions } from './delivery-attributes';
import { withoutUndefined } from '../internal/objects';

export interface AzureFunctionProps extends BatchingOptions, DeliveryAttributeOptions {
  /**
   * The ARM id of the function:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Web/sites/<app>/functions/<function>`.
   */
  readonly functionId: string;
}

/** An Azure Function with an Event Grid trigger. Event Grid authenticates with the function's system key. */
export class AzureFunction implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'AzureFunction';
  /** None: Event Grid delivers to a function with the function's Event Grid extension key, not an Azure role. */
  public readonly identityRole?: DestinationRole = undefined;

  constructor(private readonly props: AzureFunctionProps) {}

  public bind(scope: IConstruct, _options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkResourceId(scope, 'functionId', p.functionId, 'Microsoft.Web/sites/functions');
    checkBatching(scope, p);
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: p.functionId,
        maxEventsPerBatch: p.maxEventsPerBatch,
        preferredBatchSizeInKilobytes: p.preferredBatchSizeInKilobytes,
        deliveryAttributeMappings: renderDeliveryAttributes(scope, p.deliveryAttributes),
      }),
      sensitivePropertyNames: secretAttributeNames(p.deliveryAttributes),
    };
  }
}
