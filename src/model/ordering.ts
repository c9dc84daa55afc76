// Deploy order that no reference shows: what a resource must wait for beyond its parent and the resources its
// properties refer to. Both renderers read it from here (Terraform `depends_on`, the ARM template's `dependsOn`), so
// the order is decided once, from the descriptions.
//
// A channel creates a partner topic in the customer's resource group, which Event Grid refuses unless the customer's
// partner configuration there authorizes the channel's partner
// (learn.microsoft.com/azure/event-grid/subscribe-to-partner-events#authorize-partner-to-create-a-partner-topic).
// When the app also deploys that configuration, the channel waits for it.
import { IConstruct } from 'constructs';
import { azureKey, EVENTGRID } from './coordinates';
import { isReference, memberAt, partnerTopicOf, ResourceDescription } from './description';
import { descriptionOf, ResourceModel } from './registry';

export const PARTNER_CONFIGURATION_TYPE = `${EVENTGRID}/partnerConfigurations`;

/**
 * The constructs whose resources must exist before the one `construct` describes, beyond its parent and its typed
 * references: its description's own `dependsOn`, then (for a channel or event channel) the partner configurations of
 * the app that authorize its partner in the resource group of its partner topic. Empty when it describes none.
 */
export function dependenciesOf(construct: IConstruct): IConstruct[] {
  const description = descriptionOf(construct);
  if (description === undefined) {
    return [];
  }
  const out = [...(description.dependsOn ?? [])];
  for (const authorization of authorizationsOf(construct, description)) {
    if (!out.includes(authorization)) {
      out.push(authorization);
    }
  }
  return out;
}

/**
 * The partner configurations of the app a channel (or event channel) must wait for: each one in the subscription and
 * resource group where the channel creates its partner topic (read from the channel's effective description, so an
 * override that moves the topic moves the dependency) that may authorize the channel's partner registration.
 *
 * A configuration whose subscription is the deploying one (not named in its description) is compared by resource
 * group alone. A configuration is left out only when it provably authorizes other partners: every partner it lists is
 * a typed reference to another registration of the app. When the channel's registration or a listed partner is known
 * only by a literal id, the channel waits (waiting for a configuration that turns out not to matter costs nothing).
 */
export function authorizationsOf(construct: IConstruct, description = descriptionOf(construct)): IConstruct[] {
  const configurations = ResourceModel.of(construct).constructsOfType(PARTNER_CONFIGURATION_TYPE);
  const topic = configurations.length === 0 || description === undefined ? undefined : partnerTopicOf(description);
  if (description === undefined || topic === undefined) {
    return [];
  }
  const registration = registrationOf(description);
  const out: IConstruct[] = [];
  for (const configuration of configurations) {
    const d = descriptionOf(configuration);
    if (d === undefined || d.existing === true || d.scope?.kind !== 'resourceGroup') {
      continue;
    }
    const sameGroup = d.scope.resourceGroupName.toLowerCase() === topic.resourceGroupName.toLowerCase();
    const sameSubscription = d.scope.subscriptionId === undefined
      || azureKey(d.scope.subscriptionId) === undefined || azureKey(topic.subscriptionId) === undefined
      || azureKey(d.scope.subscriptionId) === azureKey(topic.subscriptionId);
    if (sameGroup && sameSubscription && mayAuthorize(d, registration)) {
      out.push(configuration);
    }
  }
  return out;
}

/** The partner registration of a channel: the construct its namespace refers to, else undefined (not known). */
function registrationOf(channel: ResourceDescription): IConstruct | undefined {
  const namespace = channel.parent === undefined ? undefined : descriptionOf(channel.parent);
  const id = namespace === undefined ? undefined : memberAt(namespace, 'properties.partnerRegistrationFullyQualifiedId');
  return isReference(id) ? id.referenceTo : undefined;
}

/** False only when every partner the configuration lists is a typed reference to a registration other than `registration`. */
function mayAuthorize(configuration: ResourceDescription, registration: IConstruct | undefined): boolean {
  const partners = memberAt(configuration, 'properties.partnerAuthorization.authorizedPartnersList');
  if (!Array.isArray(partners) || partners.length === 0) {
    return false;
  }
  return partners.some((p) => {
    const id = memberAt(p, 'partnerRegistrationImmutableId');
    return !isReference(id) || registration === undefined || id.referenceTo === registration;
  });
}
