// What a library construct says it will deploy: one description per Azure resource, read by every renderer
// (Terraform, ARM template, the emulator's model file) and every synth-time rule.
import { IConstruct } from 'constructs';
import { PartnerTopicCoordinates } from './coordinates';

/** Where a channel of each ARM type carries the coordinates of the partner topic it creates (dotted paths). */
export interface PartnerTopicPaths {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly name: string;
}

/** The paths of each channel type. */
export const PARTNER_TOPIC_PATHS: { readonly [armType: string]: PartnerTopicPaths } = {
  'Microsoft.EventGrid/partnerNamespaces/channels': {
    subscriptionId: 'properties.partnerTopicInfo.azureSubscriptionId',
    resourceGroupName: 'properties.partnerTopicInfo.resourceGroupName',
    name: 'properties.partnerTopicInfo.name',
  },
  'Microsoft.EventGrid/partnerNamespaces/eventChannels': {
    subscriptionId: 'properties.destination.azureSubscriptionId',
    resourceGroupName: 'properties.destination.resourceGroup',
    name: 'properties.destination.partnerTopicName',
  },
};

/**
 * The members of each channel type that Azure cannot change in place: the partner topic the channel creates (its
 * subscription, resource group and name) and the source the topic shows or routes by. A change to one of them is a
 * new channel (and a new topic): renderers replace the channel instead of updating it.
 */
export const REPLACED_WHEN_CHANGED: { readonly [armType: string]: readonly string[] } = {
  'Microsoft.EventGrid/partnerNamespaces/channels': [
    ...Object.values(PARTNER_TOPIC_PATHS['Microsoft.EventGrid/partnerNamespaces/channels']),
    'properties.partnerTopicInfo.source',
  ],
  'Microsoft.EventGrid/partnerNamespaces/eventChannels': [
    ...Object.values(PARTNER_TOPIC_PATHS['Microsoft.EventGrid/partnerNamespaces/eventChannels']),
    'properties.source.source',
  ],
};

/** Where a resource is deployed. */
export type ResourceScope =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'subscription'; readonly subscriptionId?: string }
  /** `subscriptionId` undefined: the subscription the deployment (or the azurerm provider) runs in. */
  | { readonly kind: 'resourceGroup'; readonly resourceGroupName: string; readonly subscriptionId?: string };

/**
 * A typed reference from one description to an attribute of another resource (its ARM id, its name, or a property
 * such as the partner topic name a channel sends): renderers turn it into their own form (a Terraform attribute,
 * `resourceId()` or `reference()`), so that no renderer parses another's expressions. The target is the construct
 * that describes the resource (its description is read from the model when the reference is rendered).
 */
export interface ResourceReference {
  readonly referenceTo: IConstruct;
  /** `id`, `name`, or a dotted property path of the target (`properties.endpoint`). */
  readonly attribute: string;
}

/** A POST action a resource needs beside its PUT (ARM cannot run most of them from a template). */
export interface ResourceAction {
  /** The action's name: `activate`, `listKeys`, … */
  readonly action: string;
  /** Why it is needed, for the template's list of what it does not deploy. */
  readonly purpose: string;
}

/** The managed identity a resource is given. */
export interface ResourceIdentity {
  readonly type: 'SystemAssigned' | 'UserAssigned';
  readonly userAssignedIdentityId?: string;
}

/** One Azure resource as a construct describes it. */
export interface ResourceDescription {
  /** The construct that stands for the resource (its path names the resource in every finding and output). */
  readonly construct: IConstruct;
  /** Full ARM type, for example `Microsoft.EventGrid/partnerNamespaces/channels`. */
  readonly type: string;
  readonly apiVersion: string;
  /** The leaf name (`channel1`, not `namespace1/channel1`). */
  readonly name: string;
  /**
   * The construct of the parent of a child resource: its description is in the model when this app describes it;
   * an imported parent (a namespace imported by id) describes none and is known by its id.
   */
  readonly parent?: IConstruct;
  /** Where the resource is deployed; child resources are where their parent is. */
  readonly scope?: ResourceScope;
  readonly location?: string;
  readonly tags?: { [key: string]: string };
  readonly properties: { [key: string]: any };
  /** Dotted paths (from the description, `properties.…`) of members that hold secrets: rendered sensitive. */
  readonly secretPaths?: string[];
  readonly identity?: ResourceIdentity;
  /** Resources (their constructs) that must exist first, beyond those its references and parent imply. */
  readonly dependsOn?: IConstruct[];
  /**
   * Dotted paths (`properties.…`) of members Azure cannot change in place: a change to one replaces the resource
   * (deleted, then created anew) instead of updating it.
   */
  readonly replacedWhenChanged?: readonly string[];
  /**
   * Dotted paths (`properties.…`) of members set when the resource is created and never updated after (a channel's
   * expiry computed at creation): Terraform ignores later changes of them, the ARM template sends them only when the
   * deployer gives them.
   */
  readonly setOnCreateOnly?: readonly string[];
  readonly actions?: ResourceAction[];
  /**
   * True for a resource the app refers to but does not create: an imported namespace, or a partner topic (created
   * by the partner's channel). Renderers create nothing for it; it is described so that others can refer to it and
   * so that its actions (activation, identity) are in the model.
   */
  readonly existing?: boolean;
  /** For an existing resource, the construct of the resource of this app that creates it (a partner topic's channel). */
  readonly createdBy?: IConstruct;
}

/** A typed reference to `attribute` of the resource `target` describes. */
export function referenceTo(target: IConstruct, attribute = 'id'): ResourceReference {
  return { referenceTo: target, attribute };
}

/** True when a value of a description is a typed reference. */
export function isReference(value: unknown): value is ResourceReference {
  return value !== null && typeof value === 'object' && (value as ResourceReference).referenceTo !== undefined;
}

/** A member of a description at a dotted path or its segments (undefined when absent). */
export function memberAt(description: object, path: string | readonly string[]): unknown {
  let v: any = description;
  for (const k of typeof path === 'string' ? path.split('.') : path) {
    v = v === null || typeof v !== 'object' ? undefined : v[k];
  }
  return v;
}

/**
 * The partner topic a channel or event channel description creates, read from its properties (so an override of
 * them moves it), or undefined for other resources and when a coordinate is missing.
 */
export function partnerTopicOf(description: ResourceDescription): PartnerTopicCoordinates | undefined {
  const paths = PARTNER_TOPIC_PATHS[description.type];
  if (paths === undefined) {
    return undefined;
  }
  const [subscriptionId, resourceGroupName, name] = [paths.subscriptionId, paths.resourceGroupName, paths.name]
    .map((p) => memberAt(description, p));
  if (typeof subscriptionId !== 'string' || typeof resourceGroupName !== 'string' || typeof name !== 'string') {
    return undefined;
  }
  return new PartnerTopicCoordinates(subscriptionId, resourceGroupName, name);
}
