// Resource-id destinations: Event Hubs, Service Bus, hybrid connections, namespace topics (not part of the public
// API: the barrel does not export this file).
import { IConstruct } from 'constructs';
import { checkNewerApi, checkResourceId, renderDeliveryAttributes, secretAttributeNames } from './bind-checks';
import { DestinationBindOptions, DestinationConfig, DestinationRole, IEventSubscriptionDestination } from './common';
import { DeliveryAttributeMapping } from './delivery-attributes';
import { withoutUndefined } from '../internal/objects';

/**
 * A destination named by its ARM id, with an optional role and delivery attributes.
 * @internal a hidden base class: jsii erases it from the public API (the subclasses show its members)
 */
export abstract class ResourceIdDestination implements IEventSubscriptionDestination {
  public abstract readonly endpointType: string;
  public readonly identityRole?: DestinationRole;

  protected constructor(
    private readonly field: string,
    private readonly resourceId: string,
    private readonly resourceType: string,
    role: string | undefined,
    private readonly deliveryAttributes: DeliveryAttributeMapping[] | undefined,
    /** Whether only API version 2025-02-15 offers the destination. */
    private readonly newestApiOnly = false,
  ) {
    this.identityRole = role ? { roleDefinitionName: role, scope: resourceId } : undefined;
  }

  public bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig {
    if (this.newestApiOnly) {
      checkNewerApi(scope, options, `the ${this.endpointType} destination`, this.endpointType);
    }
    checkResourceId(scope, this.field, this.resourceId, this.resourceType);
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: this.resourceId,
        deliveryAttributeMappings: renderDeliveryAttributes(scope, this.deliveryAttributes),
      }),
      sensitivePropertyNames: secretAttributeNames(this.deliveryAttributes),
    };
  }
}
