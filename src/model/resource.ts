// The resource model layer: each construct describes the ARM resource it stands for. The Terraform renderers
// (and the ARM template renderer) read this description, so both speak of the same properties.
import { IConstruct } from 'constructs';
import { stackOf } from '../internal/cdktf';
import { Slot } from '../internal/objects';

/** An ARM resource as a construct describes it. */
export interface ArmResource {
  /** Full type, for example `Microsoft.EventGrid/partnerNamespaces/channels`. */
  readonly type: string;
  readonly apiVersion: string;
  /** The leaf name (`channel1`, not `namespace1/channel1`). */
  readonly name: string;
  /** The construct of the parent resource, for child resources. */
  readonly parent?: IConstruct;
  readonly location?: string;
  readonly tags?: { [key: string]: string };
  readonly properties: { [key: string]: any };
}

const models = new Slot<() => ArmResource>('cdktf-azure-partner-events:armResource');
/** How many constructs of each stack describe an ARM resource, counted as they are described. */
const countByStack = new WeakMap<IConstruct, number>();

/** Records how a construct describes its ARM resource (a construct describes one resource; again replaces it). */
export function describeArmResource(construct: IConstruct, describe: () => ArmResource): void {
  if (!models.has(construct)) {
    const stack = stackOf(construct);
    countByStack.set(stack, (countByStack.get(stack) ?? 0) + 1);
  }
  models.set(construct, describe);
}

/** The ARM description of a construct, or undefined when it renders none. */
export function armResourceOf(construct: IConstruct): ArmResource | undefined {
  return models.get(construct)?.();
}

/** How many constructs of `stack` (not of the stacks nested in it) describe an ARM resource. */
export function armResourceCount(stack: IConstruct): number {
  return countByStack.get(stack) ?? 0;
}

/** The most resources one ARM template may hold. */
export const MAX_ARM_TEMPLATE_RESOURCES = 800;

export { definedMembers, withoutUndefined } from '../internal/objects';

export const EVENTGRID = 'Microsoft.EventGrid';

/** Where a partner topic is: the customer's subscription, resource group and topic name. */
export interface PartnerTopicCoordinates {
  readonly partnerTopicSubscriptionId: string;
  readonly partnerTopicResourceGroupName: string;
  readonly partnerTopicName: string;
}

/** The ARM id a partner topic has (or will have) in the customer's subscription. */
export function partnerTopicIdOf(t: PartnerTopicCoordinates): string {
  return `/subscriptions/${t.partnerTopicSubscriptionId}/resourceGroups/${t.partnerTopicResourceGroupName}/providers/${EVENTGRID}/partnerTopics/${t.partnerTopicName}`;
}
