// Imports of customer-side resources: they return interfaces, carry the right attributes and create nothing; a
// partner topic's activation and identity are explicit calls.
import * as path from 'path';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import * as ts from 'typescript';
import {
  destinations, IPartnerConfiguration, IPartnerTopicEventSubscription, PartnerConfiguration, PartnerTopic,
  PartnerTopicAttributes, PartnerTopicEventSubscription, PartnerTopicIdentityType,
} from '../../src';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../support/fixtures';
import { refusalOf } from '../support/outcomes';
import { createdIn, newStack, SUBSCRIPTION, synthJson } from '../support/synth';

const TOPIC_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-tickets`;
const SUBSCRIPTION_ID = `${TOPIC_ID}/eventSubscriptions/ticket-webhook`;
const CONFIGURATION_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerConfigurations/default`;
const UAI_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/topic-identity`;
const PRINCIPAL = '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41';

const attrs: PartnerTopicAttributes = {
  partnerTopicSubscriptionId: SUBSCRIPTION,
  partnerTopicResourceGroupName: 'customer-rg',
  partnerTopicName: 'contoso-tickets',
  location: 'westus2',
};

/** The rendered value of a string, through a Terraform output. */
function rendered(stack: TerraformStack, value: string): string {
  new TerraformOutput(stack, 'probe', { value });
  return synthJson(stack).output.probe.value;
}

describe('PartnerTopic.fromPartnerTopicAttributes creates no resource', () => {
  test('with every attribute: nothing rendered, no provider added', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', { ...attrs });
    expect(topic.partnerTopicId).toBe(TOPIC_ID);
    expect(topic.activated).toBe(false);
    expect(topic.identityType).toBeUndefined();
    expect(topic.node.children).toEqual([]);
    expect(createdIn(stack)).toEqual([]);
    expect(Object.keys(synthJson(stack).provider)).toEqual(['azurerm']);
  });

  test('activate() and assignIdentity() are what create the activation and the identity PATCH, under the topic', () => {
    const explicit = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(explicit, 'Tickets', attrs);
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    topic.activate();
    topic.addEventSubscription('ToHub', {
      eventSubscriptionName: 'to-hub',
      destination: new destinations.EventHub({ eventHubId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventHub/namespaces/ns/eventhubs/tickets` }),
      deliverWithTopicIdentity: true,
    });
    expect(topic.node.children.map((c) => c.node.id)).toEqual(['Identity', 'Activation', 'ToHub']);
    expect(createdIn(explicit).map((n) => n.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      'azapi_resource.Tickets_ToHub',
      'azapi_resource_action.Tickets_Activation',
      'azapi_resource_action.Tickets_Identity',
      'azurerm_role_assignment.Tickets_ToHub_DestinationAccess',
    ]);
  });

  test('assignIdentity(): the id then refers to the identity PATCH, and a user-assigned identity carries its principal', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', attrs);
    topic.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID, userAssignedPrincipalId: PRINCIPAL });
    expect(topic.identityType).toBe(PartnerTopicIdentityType.USER_ASSIGNED);
    expect(topic.userAssignedIdentityId).toBe(UAI_ID);
    expect(topic.identityPrincipalId).toBe(PRINCIPAL);
    expect(rendered(stack, topic.partnerTopicId)).toMatch(/^\$\{azapi_resource_action\.Tickets_Identity_[0-9A-F]{8}\.resource_id\}$/);
    const update = Object.values(synthJson(stack).resource.azapi_resource_action) as any[];
    expect(update).toEqual([expect.objectContaining({
      resource_id: TOPIC_ID, method: 'PATCH', body: { identity: { type: 'UserAssigned', userAssignedIdentities: { [UAI_ID]: {} } } },
    })]);
  });

  test('assignIdentity() on the topic of a same-app channel waits for the channel', () => {
    const { stack, namespace } = newPartnerNamespace();
    const channel = namespace.addChannel('Fabrikam', { ...CUSTOMER_TARGET, channelName: 'fabrikam' });
    channel.partnerTopic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    const update = Object.values(synthJson(stack).resource.azapi_resource_action)
      .filter((u: any) => u.type.startsWith('Microsoft.EventGrid/partnerTopics') && u.method === 'PATCH') as any[];
    expect(update).toHaveLength(1);
    expect(update[0].resource_id).toContain('${azapi_resource.Namespace_Fabrikam_');
  });

  test('EGP036: assignIdentity() after the id was used (a subscription, a read) is refused with the fix; after activate() it is accepted', () => {
    const activated = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
    activated.activate(); // the activation comes first anyway: it does not use the handed-out id
    activated.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    expect(activated.identityType).toBe(PartnerTopicIdentityType.SYSTEM_ASSIGNED);
    const uses: Array<[string, (t: PartnerTopic) => void]> = [
      ['an event subscription', (t) => t.addEventSubscription('ToWebhook', { destination: new destinations.WebHook({ endpointUrl: 'https://example.com/events' }) })],
      ['a read of partnerTopicId', (t) => void t.partnerTopicId],
    ];
    for (const [, use] of uses) {
      const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
      use(topic);
      const e = refusalOf(() => topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }));
      expect(e.message).toContain('[stack/Tickets] EGP036: assignIdentity() is called after the topic\'s id was used');
      expect(e.findings).toEqual([expect.objectContaining({
        ruleId: 'EGP036',
        path: 'stack/Tickets',
        value: '"SystemAssigned"',
        fix: 'call assignIdentity() right after importing the topic, before addEventSubscription() and any use of partnerTopicId',
      })]);
    }
  });

  test('EGP036: a second identity is refused; the first is kept', () => {
    const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    const e = refusalOf(() => topic.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID }));
    expect(e.findings).toEqual([expect.objectContaining({ ruleId: 'EGP036', path: 'stack/Tickets', value: '"UserAssigned"', fix: 'assign a topic one managed identity' })]);
    expect(topic.identityType).toBe(PartnerTopicIdentityType.SYSTEM_ASSIGNED);
  });

  test('EGP036 and EGP032 of the identity itself, as with the attribute', () => {
    const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
    expect(refusalOf(() => topic.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED })).findings[0])
      .toEqual(expect.objectContaining({ ruleId: 'EGP036', path: 'stack/Tickets' }));
    expect(refusalOf(() => topic.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: TOPIC_ID })).findings[0])
      .toEqual(expect.objectContaining({ ruleId: 'EGP032', path: 'stack/Tickets', value: JSON.stringify(TOPIC_ID) }));
    expect(() => topic.assignIdentity({ type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID })).not.toThrow();
  });
});

describe('PartnerTopicAttributes has no attribute that creates a resource', () => {
  /** The TypeScript diagnostics of `body` as a file of this folder that imports the partner topic module. */
  function compileErrors(body: string): Array<{ line: number; code: number; text: string }> {
    const file = path.join(__dirname, '__partner-topic-attributes-probe__.ts');
    const source = [
      "import { Construct } from 'constructs';",
      "import { PartnerTopicIdentityType } from '../../src/subscriber/ipartner-topic';",
      "import { PartnerTopic, PartnerTopicAttributes } from '../../src/subscriber/partner-topic';",
      'declare const scope: Construct;',
      "const attrs: PartnerTopicAttributes = { partnerTopicSubscriptionId: 's', partnerTopicResourceGroupName: 'g', partnerTopicName: 't', location: 'westus2' };",
      'void PartnerTopicIdentityType; void attrs; void PartnerTopic; void scope;',
      body,
    ].join('\n');
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS,
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, version, ...rest) => (path.resolve(name) === file
      ? ts.createSourceFile(name, source, version)
      : getSourceFile.call(host, name, version, ...rest));
    const fileExists = host.fileExists;
    host.fileExists = (name) => path.resolve(name) === file || fileExists.call(host, name);
    const program = ts.createProgram([file], options, host);
    const probe = program.getSourceFile(file)!;
    return ts.getPreEmitDiagnostics(program, probe).map((d) => ({
      line: probe.getLineAndCharacterOfPosition(d.start!).line - 6,
      code: d.code,
      text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
  }

  test('activate and identity are not members of the interface: passing them does not compile', () => {
    const typed: PartnerTopicAttributes = {
      ...attrs,
      // @ts-expect-error activate is no attribute (checked by tsc -p test/tsconfig.json; jest only transpiles)
      activate: true,
    };
    expect(typed.location).toBe('westus2');
    // What the compiler says (ts-jest only transpiles, so the compiler is run here).
    expect(compileErrors([
      "PartnerTopic.fromPartnerTopicAttributes(scope, 'Plain', { ...attrs, apiVersion: undefined });",
      "PartnerTopic.fromPartnerTopicAttributes(scope, 'Activated', { ...attrs, activate: true });",
      "PartnerTopic.fromPartnerTopicAttributes(scope, 'WithIdentity', { ...attrs, identity: { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED } });",
    ].join('\n'))).toEqual([
      { line: 1, code: 2353, text: expect.stringMatching(/'activate' does not exist in type 'PartnerTopicAttributes'/) },
      { line: 2, code: 2353, text: expect.stringMatching(/'identity' does not exist in type 'PartnerTopicAttributes'/) },
    ]);
  });

  test('the removed attributes, passed anyway (JavaScript), are refused with the call to make instead; nothing is created', () => {
    const given: Array<[string, unknown, string]> = [
      ['activate', true, 'topic.activate()'],
      ['identity', { type: PartnerTopicIdentityType.SYSTEM_ASSIGNED }, 'topic.assignIdentity(identity)'],
    ];
    for (const [name, value, call] of given) {
      const stack = newStack();
      expect(() => PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', { ...attrs, [name]: value } as PartnerTopicAttributes)).toThrow(
        `[stack/Tickets] PartnerTopic.fromPartnerTopicAttributes: the ${name} attribute was removed, an import creates no resource — call ${call} on the imported topic instead`);
      expect(stack.node.findAll().filter((c) => c.node.path.startsWith('stack/Tickets/'))).toEqual([]);
    }
    const stack = newStack();
    PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', { ...attrs, activate: undefined, identity: undefined } as PartnerTopicAttributes);
    expect(createdIn(stack)).toEqual([]);
  });
});

describe('PartnerTopicEventSubscription imports', () => {
  test('fromEventSubscriptionId: the name and the topic from the id; no resource', () => {
    const stack = newStack();
    const sub: IPartnerTopicEventSubscription = PartnerTopicEventSubscription.fromEventSubscriptionId(stack, 'Existing', SUBSCRIPTION_ID);
    expect(sub.eventSubscriptionId).toBe(SUBSCRIPTION_ID);
    expect(sub.eventSubscriptionName).toBe('ticket-webhook');
    expect(sub.partnerTopicId).toBe(TOPIC_ID);
    expect(sub).not.toBeInstanceOf(PartnerTopicEventSubscription);
    expect(createdIn(stack)).toEqual([]);
  });

  test('fromEventSubscriptionAttributes: the id from the topic and the name; no resource', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', attrs);
    const sub = PartnerTopicEventSubscription.fromEventSubscriptionAttributes(stack, 'Existing', { partnerTopic: topic, eventSubscriptionName: 'ticket-webhook' });
    expect(sub.eventSubscriptionId).toBe(SUBSCRIPTION_ID);
    expect(sub.eventSubscriptionName).toBe('ticket-webhook');
    expect(sub.partnerTopicId).toBe(TOPIC_ID);
    expect(createdIn(stack)).toEqual([]);
  });

  test('fromEventSubscriptionAttributes reads the topic\'s id when used, so a later identity is still possible', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Tickets', attrs);
    const sub = PartnerTopicEventSubscription.fromEventSubscriptionAttributes(stack, 'Existing', { partnerTopic: topic, eventSubscriptionName: 'ticket-webhook' });
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    expect(rendered(stack, sub.eventSubscriptionId)).toMatch(/^\$\{azapi_resource_action\.Tickets_Identity_[0-9A-F]{8}\.resource_id\}\/eventSubscriptions\/ticket-webhook$/);
  });

  test('an owned subscription is an IPartnerTopicEventSubscription with its topic\'s id', () => {
    const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
    const sub: IPartnerTopicEventSubscription = topic.addEventSubscription('ToWebhook', {
      eventSubscriptionName: 'ticket-webhook', destination: new destinations.WebHook({ endpointUrl: 'https://example.com/events' }),
    });
    expect(sub.partnerTopicId).toBe(TOPIC_ID);
    expect(sub.eventSubscriptionName).toBe('ticket-webhook');
  });

  test('EGP032: refuses the id of a system topic\'s subscription, naming the path, the value and the fix; accepts the partner topic\'s', () => {
    const bad = SUBSCRIPTION_ID.replace('partnerTopics', 'systemTopics');
    const e = refusalOf(() => PartnerTopicEventSubscription.fromEventSubscriptionId(newStack(), 'Bad', bad));
    expect(e.message).toContain('[stack/Bad] EGP032: eventSubscriptionId is not the ARM id of a Microsoft.EventGrid/partnerTopics/eventSubscriptions resource');
    expect(e.findings).toEqual([expect.objectContaining({
      ruleId: 'EGP032',
      path: 'stack/Bad',
      value: JSON.stringify(bad),
      fix: 'give /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/partnerTopics/<name>/eventSubscriptions/<name>',
    })]);
    expect(() => PartnerTopicEventSubscription.fromEventSubscriptionId(newStack(), 'Good', SUBSCRIPTION_ID)).not.toThrow();
  });

  test('EGP016: refuses a name that no subscription can have; accepts the nearest good one', () => {
    const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Tickets', attrs);
    const e = refusalOf(() => PartnerTopicEventSubscription.fromEventSubscriptionAttributes(topic, 'Bad', { partnerTopic: topic, eventSubscriptionName: 'ticket_webhook' }));
    expect(e.findings).toEqual([expect.objectContaining({ ruleId: 'EGP016', path: 'stack/Tickets/Bad', value: '"ticket_webhook"' })]);
    expect(e.findings[0].fix).toBeTruthy();
    expect(() => PartnerTopicEventSubscription.fromEventSubscriptionAttributes(topic, 'Good', { partnerTopic: topic, eventSubscriptionName: 'ticket-webhook' })).not.toThrow();
  });
});

describe('PartnerConfiguration imports', () => {
  test('fromPartnerConfigurationId: the resource group from the id; no resource, no authorization replaced', () => {
    const stack = newStack();
    const configuration: IPartnerConfiguration = PartnerConfiguration.fromPartnerConfigurationId(stack, 'Existing', CONFIGURATION_ID);
    expect(configuration.partnerConfigurationId).toBe(CONFIGURATION_ID);
    expect(configuration.resourceGroupName).toBe('customer-rg');
    expect(configuration).not.toBeInstanceOf(PartnerConfiguration);
    expect(createdIn(stack)).toEqual([]);
  });

  test('an imported configuration does not count as the group\'s one configuration (EGP026)', () => {
    const stack = newStack();
    PartnerConfiguration.fromPartnerConfigurationId(stack, 'Existing', CONFIGURATION_ID);
    new PartnerConfiguration(stack, 'Owned', { resourceGroupName: 'customer-rg' });
    expect(() => synthJson(stack)).not.toThrow();
  });

  test('with a token: the resource group is read from the id by Terraform', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'configuration_id', { type: 'string' });
    const configuration = PartnerConfiguration.fromPartnerConfigurationId(stack, 'Existing', id.stringValue);
    expect(rendered(stack, configuration.resourceGroupName)).toBe('${element(split("/", var.configuration_id), 4)}');
  });

  test.each([
    ['a partner topic id', TOPIC_ID, 'partnerConfigurationId is not the ARM id of a Microsoft.EventGrid/partnerConfigurations resource'],
    ['a configuration not named default', CONFIGURATION_ID.replace(/default$/, 'contoso'), 'partnerConfigurationId names a partner configuration other than default'],
  ])('EGP032: refuses %s, naming the path, the value and the fix', (_what, bad, message) => {
    const e = refusalOf(() => PartnerConfiguration.fromPartnerConfigurationId(newStack(), 'Bad', bad));
    expect(e.message).toContain(`[stack/Bad] EGP032: ${message}`);
    expect(e.findings).toEqual([expect.objectContaining({ ruleId: 'EGP032', path: 'stack/Bad', value: JSON.stringify(bad) })]);
    expect(e.findings[0].fix).toContain('/providers/Microsoft.EventGrid/partnerConfigurations/');
  });

  test('the nearest good id is accepted (any case of default)', () => {
    expect(() => PartnerConfiguration.fromPartnerConfigurationId(newStack(), 'Good', CONFIGURATION_ID)).not.toThrow();
    expect(() => PartnerConfiguration.fromPartnerConfigurationId(newStack(), 'Good', CONFIGURATION_ID.replace(/default$/, 'Default'))).not.toThrow();
  });
});
