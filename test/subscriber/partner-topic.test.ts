import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  destinations, PartnerEventsApiVersion, PartnerNamespace, PartnerRegistration, PartnerTopic, PartnerTopicAttributes,
  PartnerTopicEventSubscription, PartnerTopicIdentity, PartnerTopicIdentityType, PartnerTopicRoutingMode,
} from '../../src';
import { newPartnerNamespace } from '../support/fixtures';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, OTHER_SUBSCRIPTION, resources, SUBSCRIPTION, synthJson } from '../support/synth';

const TOPIC_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets`;
const UAI_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/topic-identity`;
const PRINCIPAL = '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41';
const EVENT_HUB_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventHub/namespaces/tickets-ns/eventhubs/tickets`;

const attrs: PartnerTopicAttributes = {
  partnerTopicSubscriptionId: SUBSCRIPTION,
  partnerTopicResourceGroupName: 'customer-rg',
  partnerTopicName: 'contoso-tickets',
  location: 'westus2',
};

function topicIn(stack = newStack(), more: Partial<PartnerTopicAttributes> = {}, id = 'Tickets') {
  return { stack, topic: PartnerTopic.fromPartnerTopicAttributes(stack, id, { ...attrs, ...more }) };
}

/** An imported topic, then the explicit calls: `assignIdentity()` when an identity is given, then `activate()`. */
function topicWith(calls: { identity?: PartnerTopicIdentity; activate?: boolean }, stack = newStack(), more: Partial<PartnerTopicAttributes> = {}) {
  const made = topicIn(stack, more);
  if (calls.identity !== undefined) {
    made.topic.assignIdentity(calls.identity);
  }
  if (calls.activate) {
    made.topic.activate();
  }
  return made;
}

/** A partner and its channel for the same topic, in the same app as the customer side. */
function channelIn(stack = newStack(), location = 'westus2', target: Partial<typeof attrs> = {}) {
  const { namespace } = newPartnerNamespace(stack, { location, namespaceName: `contoso-${location.replace(/\s/g, '')}` });
  const channel = namespace.addChannel('Fabrikam', {
    partnerTopicSubscriptionId: SUBSCRIPTION,
    partnerTopicResourceGroupName: 'customer-rg',
    partnerTopicName: 'contoso-tickets',
    ...target,
    channelName: 'fabrikam',
    source: 'com.contoso.account1',
  });
  return { stack, namespace, channel };
}

/** The rendered value of a string attribute, through a Terraform output. */
/** The one azapi action that PATCHes a topic's identity (the library's \`Identity\` of a topic). */
function identityPatch(json: any): any {
  const patches = resources(json, 'azapi_resource_action').filter((a) => a.method === 'PATCH');
  expect(patches).toHaveLength(1);
  return patches[0];
}

function outputValue(stack: TerraformStack, value: string | undefined): string {
  new TerraformOutput(stack, 'probe', { value });
  return synthJson(stack).output.probe.value;
}

describe('PartnerTopic from attributes', () => {
  test('given only attributes: refers to the topic and renders no resource', () => {
    const { stack, topic } = topicIn();
    expect(topic.partnerTopicId).toBe(TOPIC_ID);
    expect(topic.partnerTopicName).toBe('contoso-tickets');
    expect(topic.partnerTopicSubscriptionId).toBe(SUBSCRIPTION);
    expect(topic.partnerTopicResourceGroupName).toBe('customer-rg');
    expect(topic.location).toBe('westus2');
    expect(topic.apiVersion).toBe(PartnerEventsApiVersion.V2025_02_15);
    expect(topic.identityType).toBeUndefined();
    expect(topic.identityPrincipalId).toBeUndefined();
    expect(topic.activated).toBe(false);
    const json = synthJson(stack);
    expect(json.resource).toBeUndefined();
    expect(json.provider.azapi).toBeUndefined();
  });

  test('activate() renders the activate action on the topic', () => {
    const { stack, topic } = topicWith({ activate: true });
    expect(topic.activated).toBe(true);
    expect(onlyResource(synthJson(stack), 'azapi_resource_action')).toEqual({
      type: 'Microsoft.EventGrid/partnerTopics@2025-02-15',
      resource_id: TOPIC_ID,
      action: 'activate',
      method: 'POST',
    });
  });

  test('activate() renders it once however often it is called; the API version can be 2022-06-15', () => {
    const { stack, topic } = topicIn(undefined, { apiVersion: PartnerEventsApiVersion.V2022_06_15 });
    topic.activate();
    topic.activate();
    const action = onlyResource(synthJson(stack), 'azapi_resource_action');
    expect(action.type).toBe('Microsoft.EventGrid/partnerTopics@2022-06-15');
    expect(action.action).toBe('activate');
  });

  test('a system-assigned identity is PATCHed alone (azapi_resource_action), after the activation; its principal id is read from the response', () => {
    const { stack, topic } = topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }, activate: true });
    const json = synthJson(stack);
    expect(json.resource.azapi_update_resource).toBeUndefined(); // no GET-merge-PUT of the whole topic
    const [activationKey] = Object.keys(json.resource.azapi_resource_action).filter((k) => k.startsWith('Tickets_Activation_'));
    expect(identityPatch(json)).toEqual({
      type: 'Microsoft.EventGrid/partnerTopics@2025-02-15',
      resource_id: TOPIC_ID,
      method: 'PATCH',
      body: { identity: { type: 'SystemAssigned' } },
      response_export_values: ['identity.principalId'],
      depends_on: [`azapi_resource_action.${activationKey}`],
    });
    expect(topic.identityType).toBe(PartnerTopicIdentityType.SYSTEM_ASSIGNED);
    expect(outputValue(stack, topic.identityPrincipalId))
      .toMatch(/^\$\{azapi_resource_action\.Tickets_Identity_[0-9A-F]+\.output\.identity\.principalId\}$/);
    // The activation does not wait for the identity: it comes first.
    expect(json.resource.azapi_resource_action[activationKey].resource_id).toBe(TOPIC_ID);
    expect(json.resource.azapi_resource_action[activationKey].depends_on).toBeUndefined();
  });

  test('the identity waits for the activation also when activate() is called first', () => {
    const stack = newStack();
    const { topic } = topicIn(stack);
    topic.activate();
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    expect(identityPatch(synthJson(stack)).depends_on).toEqual([expect.stringMatching(/^azapi_resource_action\.Tickets_Activation_[0-9A-F]+$/)]);
  });

  test('a user-assigned identity is set by its id; its principal id is the one given', () => {
    const { stack, topic } = topicWith({
      identity: { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID, userAssignedPrincipalId: PRINCIPAL },
    });
    expect(identityPatch(synthJson(stack))).toEqual({
      type: 'Microsoft.EventGrid/partnerTopics@2025-02-15',
      resource_id: TOPIC_ID,
      method: 'PATCH',
      body: { identity: { type: 'UserAssigned', userAssignedIdentities: { [UAI_ID]: {} } } },
    });
    expect(topic.identityType).toBe(PartnerTopicIdentityType.USER_ASSIGNED);
    expect(topic.userAssignedIdentityId).toBe(UAI_ID);
    expect(topic.identityPrincipalId).toBe(PRINCIPAL);
  });

  test('a user-assigned identity id that is a token is resolved as the map key', () => {
    const stack = newStack();
    const uai = new TerraformVariable(stack, 'identity_id', { type: 'string' });
    topicWith({ identity: { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: uai.stringValue } }, stack);
    expect(identityPatch(synthJson(stack)).body.identity.userAssignedIdentities)
      .toEqual({ '${var.identity_id}': {} });
  });

  test('addEventSubscription adds a subscription of this topic, which waits for its identity', () => {
    const { stack, topic } = topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED } });
    const sub = topic.addEventSubscription('Hub', {
      eventSubscriptionName: 'tickets-to-hub',
      destination: new destinations.EventHub({ eventHubId: EVENT_HUB_ID }),
      deliverWithTopicIdentity: true,
    });
    expect(sub).toBeInstanceOf(PartnerTopicEventSubscription);
    expect(sub.partnerTopic).toBe(topic);
    expect(sub.node.scope).toBe(topic);
    const json = synthJson(stack);
    const resource = onlyResource(json, 'azapi_resource');
    expect(resource.type).toBe('Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15');
    expect(resource.parent_id).toMatch(/^\$\{azapi_resource_action\.Tickets_Identity_[0-9A-F]+\.resource_id\}$/);
    expect(resource.body.properties.deliveryWithResourceIdentity.identity).toEqual({ type: 'SystemAssigned' });
  });

  test('snapshot of an activated topic with a system-assigned identity', () => {
    const { stack } = topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }, activate: true });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('synth is deterministic', () => {
    const make = () => {
      const { stack } = topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }, activate: true });
      return Testing.synth(stack);
    };
    expect(make()).toBe(make());
  });
});

describe('Channel.partnerTopic (partner and customer in the same app)', () => {
  test('is made once, in the namespace region, and its activation waits for the channel', () => {
    const { stack, channel } = channelIn();
    const topic = channel.partnerTopic;
    expect(channel.partnerTopic).toBe(topic);
    expect(topic).toBeInstanceOf(PartnerTopic);
    expect(topic.node.path).toBe('stack/Namespace/Fabrikam/PartnerTopic');
    expect(topic.location).toBe('westus2');
    expect(topic.partnerTopicName).toBe('contoso-tickets');
    topic.activate();
    const json = synthJson(stack);
    const action = onlyResource(json, 'azapi_resource_action');
    expect(action.resource_id).toMatch(
      /^\/subscriptions\/5b4b650e-28b9-4790-b3ab-ddbd88d727c4\/resourceGroups\/customer-rg\/providers\/Microsoft\.EventGrid\/partnerTopics\/\$\{azapi_resource\.Namespace_Fabrikam_[0-9A-F]+\.body\.properties\.partnerTopicInfo\.name\}$/);
    expect(outputValue(stack, topic.partnerTopicId)).toBe(action.resource_id);
  });

  test('its event subscriptions wait for the channel too', () => {
    const { stack, channel } = channelIn();
    channel.partnerTopic.addEventSubscription('Hub', { destination: new destinations.EventHub({ eventHubId: EVENT_HUB_ID }) });
    const subscription = resources(synthJson(stack), 'azapi_resource').find((r: any) => r.type.startsWith('Microsoft.EventGrid/partnerTopics/'));
    expect(subscription.parent_id).toMatch(/\$\{azapi_resource\.Namespace_Fabrikam_[0-9A-F]+\.body\.properties\.partnerTopicInfo\.name\}$/);
  });
});

describe('PartnerTopic eager checks', () => {
  test('EGP004: refuses a subscription id that is not a GUID; accepts a GUID', () => {
    expect(() => topicIn(undefined, { partnerTopicSubscriptionId: 'my-subscription' }))
      .toThrow('[stack/Tickets] EGP004: partnerTopicSubscriptionId is not a GUID ("my-subscription")');
    expect(() => topicIn(undefined, { partnerTopicSubscriptionId: OTHER_SUBSCRIPTION })).not.toThrow();
  });

  test('EGP030: refuses an empty resource group or location; accepts given ones', () => {
    expect(() => topicIn(undefined, { partnerTopicResourceGroupName: '' }))
      .toThrow('[stack/Tickets] EGP030: partnerTopicResourceGroupName is required and must not be empty ("")');
    expect(() => topicIn(undefined, { location: ' ' }))
      .toThrow('[stack/Tickets] EGP030: location is required and must not be empty (" ") — give location a value');
    expect(() => topicIn(undefined, { location: 'eastus' })).not.toThrow();
  });

  test('EGP008: refuses a topic name outside 3-50 letters, digits and hyphens, accepts the nearest', () => {
    expect(() => topicIn(undefined, { partnerTopicName: 'my_topic' }))
      .toThrow('[stack/Tickets] EGP008: partnerTopicName is not 3 to 50 letters, digits and hyphens ("my_topic") — give partnerTopicName 3 to 50 letters, digits and hyphens, such as my-topic');
    const { stack } = topicIn(undefined, { partnerTopicName: 'my-topic' });
    expect(() => synthJson(stack)).not.toThrow();
  });

  test('EGP036/EGP032: refuses a user-assigned identity without its id, or with an id that is not a user-assigned identity', () => {
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.USER_ASSIGNED } }))
      .toThrow('[stack/Tickets] EGP036: identity.userAssignedIdentityId is required for a user-assigned identity (null) — give the ARM id');
    const wrong = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.Storage/storageAccounts/x`;
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: wrong } }))
      .toThrow(`[stack/Tickets] EGP032: identity.userAssignedIdentityId is not the ARM id of a Microsoft.ManagedIdentity/userAssignedIdentities resource ("${wrong}")`);
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID } })).not.toThrow();
  });

  test('EGP004: refuses a user-assigned principal id that is not a GUID; accepts a GUID', () => {
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID, userAssignedPrincipalId: 'me' } }))
      .toThrow('[stack/Tickets] EGP004: identity.userAssignedPrincipalId is not a GUID ("me")');
    const identity = { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID, userAssignedPrincipalId: PRINCIPAL };
    expect(() => topicWith({ identity })).not.toThrow();
  });

  test('EGP036: refuses user-assigned settings on a system-assigned identity; accepts it without them', () => {
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED, userAssignedIdentityId: UAI_ID } }))
      .toThrow(`[stack/Tickets] EGP036: identity gives a user-assigned identity, but its type is not USER_ASSIGNED ({"type":"SystemAssigned","userAssignedIdentityId":"${UAI_ID}"})`);
    expect(() => topicWith({ identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED } })).not.toThrow();
  });

  test('unresolved tokens are skipped, not guessed', () => {
    const stack = newStack();
    const sub = new TerraformVariable(stack, 'subscription', { type: 'string' }).stringValue;
    const location = new TerraformVariable(stack, 'location', { type: 'string' }).stringValue;
    const { topic } = topicWith({ activate: true }, stack, { partnerTopicSubscriptionId: sub, location });
    expect(topic.location).toBe(location);
    expect(onlyResource(synthJson(stack), 'azapi_resource_action').resource_id)
      .toBe('/subscriptions/${var.subscription}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets');
  });
});

describe('EGP020: a partner topic lives in its namespace region', () => {
  test('refuses a topic referenced in another region than the namespace holding its channel (names compared case-insensitively)', () => {
    const { stack } = channelIn();
    topicIn(stack, { location: 'eastus', partnerTopicName: 'Contoso-Tickets', partnerTopicResourceGroupName: 'CUSTOMER-RG' });
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[stack\/Tickets\] EGP020: partner topic Contoso-Tickets is referenced in location eastus, but stack\/Namespace\/Fabrikam creates it through namespace stack\/Namespace in region westus2 \("eastus"\) — give the partner topic location westus2/);
  });

  test('accepts the namespace region, however it is spelled', () => {
    const { stack } = channelIn(undefined, 'westus2');
    topicIn(stack, { location: 'West US 2' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('ignores channels of other topics', () => {
    const { stack } = channelIn(undefined, 'westus2', { partnerTopicName: 'other-topic' });
    topicIn(stack, { location: 'eastus' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('sees channels in other stacks of the app, and legacy event channels', () => {
    const app = Testing.app();
    const partner = newStack(app, 'partner');
    const registration = new PartnerRegistration(partner, 'Registration', { resourceGroupName: 'partner-rg' });
    const namespace = new PartnerNamespace(partner, 'Legacy', {
      resourceGroupName: 'partner-rg', location: 'northeurope', partnerRegistration: registration, routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
    });
    namespace.addEventChannel('Fabrikam', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'contoso-tickets', source: 'com.contoso.account1',
    });
    const customer = newStack(app, 'customer');
    topicIn(customer, { location: 'westeurope' });
    expect(() => Testing.synth(customer, true)).toThrow(/\[customer\/Tickets\] EGP020: .*partner\/Legacy\/Fabrikam.* region northeurope \("westeurope"\)/);
  });

  test('skips a namespace whose region is unknown', () => {
    const stack = newStack();
    const namespace = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Imported', {
      partnerNamespaceId: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso`,
    });
    namespace.addChannel('Fabrikam', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'contoso-tickets', source: 's',
    });
    topicIn(stack, { location: 'eastus' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describeConformance('PartnerTopic conformance', () => {
  test('the activation targets what the official PartnerTopics_Activate example calls', () => {
    const example = officialExample('2025-02-15', 'PartnerTopics_Activate');
    const p = example.parameters;
    const { stack } = topicWith({ activate: true }, undefined, {
      partnerTopicSubscriptionId: p.subscriptionId,
      partnerTopicResourceGroupName: p.resourceGroupName,
      partnerTopicName: p.partnerTopicName,
    });
    const action = onlyResource(synthJson(stack), 'azapi_resource_action');
    expect(action.resource_id).toBe(example.responses['200'].body.id);
    expect(action.type).toBe(`${example.responses['200'].body.type}@${p['api-version']}`);
  });

  test.each([
    ['system-assigned', { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }],
    ['user-assigned', { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID }],
  ])('the %s identity body validates against the official partnerTopics schema', (_name, identity) => {
    const { stack } = topicWith({ identity });
    const update = identityPatch(synthJson(stack));
    const [type, apiVersion] = update.type.split('@');
    const errors = armSchemaErrors(apiVersion, 'partnerTopics', { type, apiVersion, name: 'contoso-tickets', location: 'westus2', properties: {}, ...update.body });
    expect(errors).toEqual([]);
  });

  test('the schema check can fail: an identity type the schema does not know is refused', () => {
    expect(armSchemaErrors('2025-02-15', 'partnerTopics', {
      type: 'Microsoft.EventGrid/partnerTopics', apiVersion: '2025-02-15', name: 'x', properties: {}, identity: { type: 'Managed' },
    }).join('\n')).toMatch(/identity\/type/);
  });
});
