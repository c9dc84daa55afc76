import { Fn, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  destinations,
  Duration,
  IPartnerTopic,
  PartnerEventsApiVersion,
  PartnerTopicEventSubscription,
  PartnerTopicEventSubscriptionOptions,
  PartnerTopicIdentityType,
  TlsVersion,
  Validations,
} from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { armSchemaErrors, describeConformance } from '../support/reference';
import { newStack, onlyResource, resources, SUBSCRIPTION, synthJson } from '../support/synth';

const TOPIC_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-orders`;
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers`;
const PRINCIPAL = '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const WEBHOOK_URL = 'https://handler.contoso.example/api/events?code=s3cr3t-k3y';
const FUNCTION_ID = `${RG}/Microsoft.Web/sites/orders-app/functions/OnOrder`;
const EVENT_HUB_ID = `${RG}/Microsoft.EventHub/namespaces/orders-ns/eventhubs/orders`;
const SB_QUEUE_ID = `${RG}/Microsoft.ServiceBus/namespaces/orders-sb/queues/orders`;
const SB_TOPIC_ID = `${RG}/Microsoft.ServiceBus/namespaces/orders-sb/topics/orders`;
const STORAGE_ID = `${RG}/Microsoft.Storage/storageAccounts/ordersqueue`;
const RELAY_ID = `${RG}/Microsoft.Relay/namespaces/orders-relay/hybridConnections/orders`;
const ACTION_GROUP_ID = `${RG}/Microsoft.Insights/actionGroups/oncall`;
const NAMESPACE_TOPIC_ID = `${RG}/Microsoft.EventGrid/namespaces/orders-ns/topics/orders`;

/** A test-only partner topic with a system-assigned identity. */
class TestPartnerTopic extends Construct implements IPartnerTopic {
  public readonly partnerTopicId = TOPIC_ID;
  public readonly partnerTopicName = 'contoso-orders';
  public readonly partnerTopicSubscriptionId = SUBSCRIPTION;
  public readonly partnerTopicResourceGroupName = 'customer-rg';
  public readonly location = 'westus2';
  public readonly identityType = PartnerTopicIdentityType.SYSTEM_ASSIGNED;
  public readonly identityPrincipalId = PRINCIPAL;

  public addEventSubscription(id: string, options: PartnerTopicEventSubscriptionOptions): PartnerTopicEventSubscription {
    return new PartnerTopicEventSubscription(this, id, { ...options, partnerTopic: this });
  }
}

function setup(): { stack: TerraformStack; topic: TestPartnerTopic } {
  const stack = newStack();
  // These tests render every destination; EGP049 refuses a Monitor alert on a partner topic (its own test below).
  Validations.of(stack).suppress('EGP049', 'the tests render the MonitorAlert destination');
  return { stack, topic: new TestPartnerTopic(stack, 'Topic') };
}

/** Subscribes `destination` in a fresh stack: the subscription and the stack. */
function subscribe(destination: destinations.IEventSubscriptionDestination, options: Partial<PartnerTopicEventSubscriptionOptions> = {}) {
  const { stack, topic } = setup();
  const sub = topic.addEventSubscription('Sub', { eventSubscriptionName: 'sub-1', destination, ...options });
  return { stack, sub };
}

/** The destination as the ARM description carries it (secrets included). */
function armDestination(destination: destinations.IEventSubscriptionDestination, apiVersion?: PartnerEventsApiVersion): any {
  return armResourceOf(subscribe(destination, { apiVersion }).sub)!.properties.destination;
}

/** Expects `fn` to throw the library's error naming the subscription's path, the rule and the bad value. */
function expectError(fn: () => unknown, rule: string, value: string): void {
  let message = '';
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('[stack/Topic/Sub]');
  expect(message).toContain(`${rule}:`);
  expect(message).toContain(value);
}

const { DeliveryAttributeMapping } = destinations;

/** One of every destination, fully configured, with the ARM destination each renders. */
const EVERY_DESTINATION: Array<[string, () => destinations.IEventSubscriptionDestination, any]> = [
  ['WebHook', () => new destinations.WebHook({
    endpointUrl: WEBHOOK_URL,
    entraApplicationIdOrUri: 'api://orders-handler',
    entraTenantId: TENANT,
    maxEventsPerBatch: 100,
    preferredBatchSizeInKilobytes: 512,
    minimumTlsVersionAllowed: TlsVersion.TLS1_2,
    deliveryAttributes: [DeliveryAttributeMapping.staticValue('x-source', 'contoso')],
  }), {
    endpointType: 'WebHook',
    properties: {
      endpointUrl: WEBHOOK_URL,
      maxEventsPerBatch: 100,
      preferredBatchSizeInKilobytes: 512,
      azureActiveDirectoryTenantId: TENANT,
      azureActiveDirectoryApplicationIdOrUri: 'api://orders-handler',
      deliveryAttributeMappings: [{ name: 'x-source', type: 'Static', properties: { value: 'contoso' } }],
      minimumTlsVersionAllowed: '1.2',
    },
  }],
  ['AzureFunction', () => new destinations.AzureFunction({
    functionId: FUNCTION_ID,
    maxEventsPerBatch: 10,
    preferredBatchSizeInKilobytes: 64,
    deliveryAttributes: [DeliveryAttributeMapping.fromEventField('x-order', 'data.orderId')],
  }), {
    endpointType: 'AzureFunction',
    properties: {
      resourceId: FUNCTION_ID,
      maxEventsPerBatch: 10,
      preferredBatchSizeInKilobytes: 64,
      deliveryAttributeMappings: [{ name: 'x-order', type: 'Dynamic', properties: { sourceField: 'data.orderId' } }],
    },
  }],
  ['EventHub', () => new destinations.EventHub({
    eventHubId: EVENT_HUB_ID,
    deliveryAttributes: [DeliveryAttributeMapping.fromEventField('PartitionKey', 'subject')],
  }), {
    endpointType: 'EventHub',
    properties: {
      resourceId: EVENT_HUB_ID,
      deliveryAttributeMappings: [{ name: 'PartitionKey', type: 'Dynamic', properties: { sourceField: 'subject' } }],
    },
  }],
  ['ServiceBusQueue', () => new destinations.ServiceBusQueue({
    queueId: SB_QUEUE_ID,
    deliveryAttributes: [DeliveryAttributeMapping.staticValue('Label', 'order')],
  }), {
    endpointType: 'ServiceBusQueue',
    properties: { resourceId: SB_QUEUE_ID, deliveryAttributeMappings: [{ name: 'Label', type: 'Static', properties: { value: 'order' } }] },
  }],
  ['ServiceBusTopic', () => new destinations.ServiceBusTopic({ topicId: SB_TOPIC_ID }), {
    endpointType: 'ServiceBusTopic',
    properties: { resourceId: SB_TOPIC_ID },
  }],
  ['StorageQueue', () => new destinations.StorageQueue({
    storageAccountId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLive: Duration.hours(1),
  }), {
    endpointType: 'StorageQueue',
    properties: { resourceId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLiveInSeconds: 3600 },
  }],
  ['HybridConnection', () => new destinations.HybridConnection({
    hybridConnectionId: RELAY_ID,
    deliveryAttributes: [DeliveryAttributeMapping.secretValue('x-api-key', 'k3y-value')],
  }), {
    endpointType: 'HybridConnection',
    properties: {
      resourceId: RELAY_ID,
      deliveryAttributeMappings: [{ name: 'x-api-key', type: 'Static', properties: { value: 'k3y-value', isSecret: true } }],
    },
  }],
  ['MonitorAlert', () => new destinations.MonitorAlert({
    severity: destinations.MonitorAlertSeverity.SEV2,
    actionGroupIds: [ACTION_GROUP_ID],
    description: 'A Contoso order failed',
  }), {
    endpointType: 'MonitorAlert',
    properties: { severity: 'Sev2', description: 'A Contoso order failed', actionGroups: [ACTION_GROUP_ID] },
  }],
  ['NamespaceTopic', () => new destinations.NamespaceTopic({ namespaceTopicId: NAMESPACE_TOPIC_ID }), {
    endpointType: 'NamespaceTopic',
    properties: { resourceId: NAMESPACE_TOPIC_ID },
  }],
];

describe('destinations', () => {
  describe.each(EVERY_DESTINATION)('%s', (endpointType, make, expected) => {
    test('snapshot', () => {
      const { stack } = subscribe(make());
      expect(Testing.synth(stack)).toMatchSnapshot();
    });

    test('renders the ARM destination', () => {
      const destination = make();
      expect(destination.endpointType).toBe(endpointType);
      expect(armDestination(destination)).toEqual(expected);
    });

    test('keeps its secrets out of the plain body', () => {
      const { stack } = subscribe(make());
      const r = onlyResource(synthJson(stack), 'azapi_resource');
      const plain = JSON.stringify(r.body);
      expect(plain).not.toContain('s3cr3t');
      expect(plain).not.toContain('k3y-value');
      expect(r.body.properties.destination.endpointType).toBe(endpointType);
    });
  });

  test('identityRole: the built-in role each destination needs for delivery with the topic identity, on the destination', () => {
    const roles = Object.fromEntries(EVERY_DESTINATION.map(([type, make]) => [type, make().identityRole]));
    expect(roles).toEqual({
      WebHook: undefined,
      AzureFunction: undefined,
      EventHub: { roleDefinitionName: 'Azure Event Hubs Data Sender', scope: EVENT_HUB_ID },
      ServiceBusQueue: { roleDefinitionName: 'Azure Service Bus Data Sender', scope: SB_QUEUE_ID },
      ServiceBusTopic: { roleDefinitionName: 'Azure Service Bus Data Sender', scope: SB_TOPIC_ID },
      StorageQueue: { roleDefinitionName: 'Storage Queue Data Message Sender', scope: `${STORAGE_ID}/queueServices/default/queues/orders` },
      HybridConnection: undefined,
      MonitorAlert: undefined,
      NamespaceTopic: { roleDefinitionName: 'EventGrid Data Sender', scope: NAMESPACE_TOPIC_ID },
    });
  });

  test.each(EVERY_DESTINATION.filter(([, make]) => make().identityRole !== undefined))(
    '%s with the topic identity: one role assignment of its role on its resource', (_type, make) => {
      const destination = make();
      const { stack } = subscribe(destination, { deliverWithTopicIdentity: true });
      expect(onlyResource(synthJson(stack), 'azurerm_role_assignment')).toMatchObject({
        role_definition_name: destination.identityRole!.roleDefinitionName,
        scope: destination.identityRole!.scope,
        principal_id: PRINCIPAL,
      });
    });

  test.each(EVERY_DESTINATION.filter(([, make]) => make().identityRole !== undefined))(
    '%s with the topic identity and grantDestinationAccess: false: no role assignment', (_type, make) => {
      const { stack } = subscribe(make(), { deliverWithTopicIdentity: true, grantDestinationAccess: false });
      expect(resources(synthJson(stack), 'azurerm_role_assignment')).toHaveLength(0);
    });

  describe('WebHook', () => {
    test('renders only the URL when nothing else is set', () => {
      expect(armDestination(new destinations.WebHook({ endpointUrl: WEBHOOK_URL }))).toEqual({ endpointType: 'WebHook', properties: { endpointUrl: WEBHOOK_URL } });
    });

    test('EGP018: refuses an http:// URL, showing its host but not its key', () => {
      let message = '';
      try {
        subscribe(new destinations.WebHook({ endpointUrl: 'http://handler.contoso.example/api?code=s3cr3t' }));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('[stack/Topic/Sub]');
      expect(message).toContain('EGP018:');
      expect(message).toContain('http://handler.contoso.example/');
      expect(message).not.toContain('s3cr3t');
    });

    test.each(['ftp://handler.contoso.example/', 'handler.contoso.example/api', 'https://'])('EGP018: refuses %j', (url) => {
      expect(() => subscribe(new destinations.WebHook({ endpointUrl: url }))).toThrow(/\[stack\/Topic\/Sub\] EGP018:/);
    });

    test('EGP030: refuses an empty URL', () => {
      expectError(() => subscribe(new destinations.WebHook({ endpointUrl: '' })), 'EGP030', '("")');
    });

    test('accepts an https:// URL in any letter case, and a URL that is a token', () => {
      expect(() => subscribe(new destinations.WebHook({ endpointUrl: 'HTTPS://handler.contoso.example/api' }))).not.toThrow();
      const { stack } = subscribe(new destinations.WebHook({ endpointUrl: Fn.join('', ['http', '://x']) }));
      expect(onlyResource(synthJson(stack), 'azapi_resource').sensitive_body.properties.destination.properties.endpointUrl).toBe('${join("", ["http", "://x"])}');
    });

    test.each([
      [{ maxEventsPerBatch: 0 }, '(0)'],
      [{ maxEventsPerBatch: 5001 }, '(5001)'],
      [{ maxEventsPerBatch: 1.5 }, '(1.5)'],
      [{ preferredBatchSizeInKilobytes: 0 }, '(0)'],
      [{ preferredBatchSizeInKilobytes: 1025 }, '(1025)'],
    ])('EGP015: refuses %j', (batching, shown) => {
      expectError(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL, ...batching })), 'EGP015', shown);
    });

    test.each([
      { maxEventsPerBatch: 1, preferredBatchSizeInKilobytes: 1 },
      { maxEventsPerBatch: 5000, preferredBatchSizeInKilobytes: 1024 },
    ])('EGP015: accepts %j', (batching) => {
      expect(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL, ...batching }))).not.toThrow();
    });

    test('EGP010: refuses minimumTlsVersionAllowed at 2022-06-15, accepts it at 2025-02-15', () => {
      const hook = () => new destinations.WebHook({ endpointUrl: WEBHOOK_URL, minimumTlsVersionAllowed: TlsVersion.TLS1_1 });
      expectError(() => subscribe(hook(), { apiVersion: PartnerEventsApiVersion.V2022_06_15 }), 'EGP010', '"1.1"');
      expect(() => subscribe(hook(), { apiVersion: PartnerEventsApiVersion.V2025_02_15 })).not.toThrow();
      expect(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL }), { apiVersion: PartnerEventsApiVersion.V2022_06_15 }))
        .not.toThrow();
    });

    test('Entra settings: EGP043 for a tenant without an application, EGP004 for a tenant that is not a GUID', () => {
      expectError(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL, entraTenantId: TENANT })), 'EGP043', TENANT);
      expectError(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL, entraApplicationIdOrUri: 'api://x', entraTenantId: 'contoso.onmicrosoft.com' })),
        'EGP004', 'contoso.onmicrosoft.com');
      expect(() => subscribe(new destinations.WebHook({ endpointUrl: WEBHOOK_URL, entraApplicationIdOrUri: 'api://x' }))).not.toThrow();
    });
  });

  describe('AzureFunction', () => {
    test.each([
      [{ maxEventsPerBatch: 5001 }, '(5001)'],
      [{ preferredBatchSizeInKilobytes: 2048 }, '(2048)'],
    ])('EGP015: refuses %j', (batching, shown) => {
      expectError(() => subscribe(new destinations.AzureFunction({ functionId: FUNCTION_ID, ...batching })), 'EGP015', shown);
    });

    test('EGP015: accepts the limits', () => {
      const atLimits = new destinations.AzureFunction({ functionId: FUNCTION_ID, maxEventsPerBatch: 5000, preferredBatchSizeInKilobytes: 1024 });
      expect(() => subscribe(atLimits)).not.toThrow();
    });

    test('EGP032: refuses the id of the function app instead of the function', () => {
      const appId = `${RG}/Microsoft.Web/sites/orders-app`;
      expectError(() => subscribe(new destinations.AzureFunction({ functionId: appId })), 'EGP032', appId);
    });
  });

  describe('resource ids', () => {
    test.each([
      ['EventHub (the namespace id)', () => new destinations.EventHub({ eventHubId: `${RG}/Microsoft.EventHub/namespaces/orders-ns` }), 'orders-ns'],
      ['ServiceBusQueue (a topic id)', () => new destinations.ServiceBusQueue({ queueId: SB_TOPIC_ID }), '/topics/orders'],
      ['ServiceBusTopic (a queue id)', () => new destinations.ServiceBusTopic({ topicId: SB_QUEUE_ID }), '/queues/orders'],
      ['HybridConnection (a name)', () => new destinations.HybridConnection({ hybridConnectionId: 'orders' }), '"orders"'],
      ['NamespaceTopic (the namespace id)', () => new destinations.NamespaceTopic({ namespaceTopicId: `${RG}/Microsoft.EventGrid/namespaces/orders-ns` }), 'orders-ns'],
      ['StorageQueue (a queue id)', () => new destinations.StorageQueue({ storageAccountId: `${STORAGE_ID}/queueServices/default`, queueName: 'orders' }), 'queueServices'],
      ['MonitorAlert (an action group name)', () => new destinations.MonitorAlert({ severity: destinations.MonitorAlertSeverity.SEV0, actionGroupIds: ['oncall'] }), '"oncall"'],
    ])('EGP032: refuses %s', (_name, make, shown) => {
      expectError(() => subscribe(make()), 'EGP032', shown);
    });

    test('compares resource types case-insensitively, as Azure does, and skips ids that are tokens', () => {
      expect(() => subscribe(new destinations.EventHub({ eventHubId: EVENT_HUB_ID.toLowerCase() }))).not.toThrow();
      expect(() => subscribe(new destinations.EventHub({ eventHubId: Fn.lower(EVENT_HUB_ID) }))).not.toThrow();
    });
  });

  describe('StorageQueue', () => {
    test('renders -1 for messages that never expire, and no time-to-live by default', () => {
      expect(armDestination(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: 'orders', queueMessagesNeverExpire: true })).properties)
        .toEqual({ resourceId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLiveInSeconds: -1 });
      expect(armDestination(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: 'orders' })).properties)
        .toEqual({ resourceId: STORAGE_ID, queueName: 'orders' });
    });

    test('EGP035: refuses a time-to-live under 1 second, and both a time-to-live and never-expire', () => {
      expectError(() => subscribe(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLive: Duration.seconds(0) })),
        'EGP035', '0 seconds');
      expectError(() => subscribe(new destinations.StorageQueue({
        storageAccountId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLive: Duration.days(1), queueMessagesNeverExpire: true,
      })), 'EGP035', '1 day');
      expect(() => subscribe(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: 'orders', queueMessageTimeToLive: Duration.seconds(1) })))
        .not.toThrow();
    });

    test.each(['Orders', 'or', 'orders--1', 'orders_1', '-orders'])('EGP034: refuses the queue name %j', (name) => {
      expectError(() => subscribe(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: name })), 'EGP034', JSON.stringify(name));
    });

    test.each(['ord', 'orders-1', 'a'.repeat(63)])('accepts the queue name %j', (name) => {
      expect(() => subscribe(new destinations.StorageQueue({ storageAccountId: STORAGE_ID, queueName: name }))).not.toThrow();
    });
  });

  describe('API version 2025-02-15 only', () => {
    test.each([
      ['MonitorAlert', () => new destinations.MonitorAlert({ severity: destinations.MonitorAlertSeverity.SEV3 })],
      ['NamespaceTopic', () => new destinations.NamespaceTopic({ namespaceTopicId: NAMESPACE_TOPIC_ID })],
    ])('EGP010: refuses %s at 2022-06-15, accepts it at 2025-02-15', (type, make) => {
      expectError(() => subscribe(make(), { apiVersion: PartnerEventsApiVersion.V2022_06_15 }), 'EGP010', `"${type}"`);
      expect(() => subscribe(make(), { apiVersion: PartnerEventsApiVersion.V2025_02_15 })).not.toThrow();
    });

    test('EGP049: refuses a MonitorAlert destination on a partner topic (documented for Key Vault events only); accepts an event hub', () => {
      const stack = newStack();
      const topic = new TestPartnerTopic(stack, 'Topic');
      expect(() => topic.addEventSubscription('Alert', { destination: new destinations.MonitorAlert({ severity: destinations.MonitorAlertSeverity.SEV3 }) }))
        .toThrow(/\[stack\/Topic\/Alert\] EGP049: a MonitorAlert destination on a partner topic: .* \("MonitorAlert"\) — deliver partner events to another destination/);
      expect(() => topic.addEventSubscription('Hub', { destination: new destinations.EventHub({ eventHubId: EVENT_HUB_ID }) })).not.toThrow();
    });

    test('MonitorAlert renders only the severity when nothing else is set', () => {
      expect(armDestination(new destinations.MonitorAlert({ severity: destinations.MonitorAlertSeverity.SEV4 })))
        .toEqual({ endpointType: 'MonitorAlert', properties: { severity: 'Sev4' } });
    });
  });

  describe('delivery attributes', () => {
    test('static, secret and dynamic mappings render as Event Grid takes them', () => {
      const hub = new destinations.EventHub({
        eventHubId: EVENT_HUB_ID,
        deliveryAttributes: [
          DeliveryAttributeMapping.staticValue('source', 'contoso'),
          DeliveryAttributeMapping.secretValue('api-key', 'k3y-value'),
          DeliveryAttributeMapping.fromEventField('PartitionKey', 'data.customerId'),
        ],
      });
      expect(armDestination(hub).properties.deliveryAttributeMappings).toEqual([
        { name: 'source', type: 'Static', properties: { value: 'contoso' } },
        { name: 'api-key', type: 'Static', properties: { value: 'k3y-value', isSecret: true } },
        { name: 'PartitionKey', type: 'Dynamic', properties: { sourceField: 'data.customerId' } },
      ]);
      const secret = DeliveryAttributeMapping.secretValue('api-key', 'k3y-value');
      expect([secret.name, secret.type, secret.isSecret]).toEqual(['api-key', destinations.DeliveryAttributeMappingType.STATIC, true]);
    });

    test('a secret mapping sends the whole list through sensitive_body', () => {
      const { stack } = subscribe(new destinations.ServiceBusQueue({
        queueId: SB_QUEUE_ID,
        deliveryAttributes: [DeliveryAttributeMapping.staticValue('a', '1'), DeliveryAttributeMapping.secretValue('b', 'k3y-value')],
      }));
      const r = onlyResource(synthJson(stack), 'azapi_resource');
      expect(r.body.properties.destination.properties.deliveryAttributeMappings).toBeUndefined();
      expect(r.sensitive_body.properties.destination.properties.deliveryAttributeMappings.map((m: any) => m.name)).toEqual(['a', 'b']);
    });

    test('EGP033/EGP030: refuses an empty list, an empty name, an empty source field, and a name set twice (case-insensitively)', () => {
      const hub = (deliveryAttributes: destinations.DeliveryAttributeMapping[]) =>
        new destinations.EventHub({ eventHubId: EVENT_HUB_ID, deliveryAttributes });
      expectError(() => subscribe(hub([])), 'EGP033', '([])');
      expectError(() => subscribe(hub([DeliveryAttributeMapping.staticValue(' ', 'x')])), 'EGP030', '(" ")');
      expectError(() => subscribe(hub([DeliveryAttributeMapping.fromEventField('k', '')])), 'EGP030', '("")');
      expectError(() => subscribe(hub([DeliveryAttributeMapping.staticValue('Key', 'x'), DeliveryAttributeMapping.staticValue('key', 'y')])), 'EGP033', '"key"');
      expect(() => subscribe(hub([DeliveryAttributeMapping.staticValue('key1', 'x'), DeliveryAttributeMapping.staticValue('key2', 'y')]))).not.toThrow();
    });
  });
});

describeConformance('every destination conforms to the official ARM schema', () => {
  const armOf = (sub: PartnerTopicEventSubscription) => {
    const arm = armResourceOf(sub)!;
    return { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, properties: arm.properties };
  };

  test('the schema check can fail (an unknown endpoint type is reported)', () => {
    const arm = armOf(subscribe(new destinations.ServiceBusTopic({ topicId: SB_TOPIC_ID })).sub);
    const broken = { ...arm, properties: { ...arm.properties, destination: { endpointType: 'Smtp', properties: {} } } };
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', broken)).not.toEqual([]);
  });

  test.each(EVERY_DESTINATION)('%s', (_type, make) => {
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', armOf(subscribe(make()).sub))).toEqual([]);
  });

  // Event Grid delivers with a managed identity only to the destinations that name a role for it (EGP048)
  test.each(EVERY_DESTINATION.filter(([, make]) => make().identityRole !== undefined))('%s with the topic identity', (_type, make) => {
    const arm = armOf(subscribe(make(), { deliverWithTopicIdentity: true, grantDestinationAccess: false }).sub);
    expect(arm.properties.deliveryWithResourceIdentity.destination.endpointType).toBe(_type);
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', arm)).toEqual([]);
  });

  test.each(EVERY_DESTINATION.filter(([, make]) => make().identityRole === undefined))('EGP048: %s with the topic identity is refused', (type, make) => {
    expect(() => subscribe(make(), { deliverWithTopicIdentity: true, grantDestinationAccess: false }))
      .toThrow(new RegExp(`EGP048: deliverWithTopicIdentity is set, but Event Grid does not deliver to a ${type} destination with a managed identity`));
  });

  test.each(EVERY_DESTINATION.filter(([type]) => !['MonitorAlert', 'NamespaceTopic'].includes(type)))('%s at 2022-06-15', (type, make) => {
    const options = type === 'WebHook'
      ? new destinations.WebHook({ endpointUrl: WEBHOOK_URL, maxEventsPerBatch: 2, deliveryAttributes: [DeliveryAttributeMapping.staticValue('a', 'b')] })
      : make();
    const arm = armOf(subscribe(options, { apiVersion: PartnerEventsApiVersion.V2022_06_15 }).sub);
    expect(armSchemaErrors('2022-06-15', 'partnerTopics_eventSubscriptions', arm)).toEqual([]);
  });
});
