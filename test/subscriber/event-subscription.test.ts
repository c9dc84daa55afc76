import { App, Fn, Testing, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  AdvancedFilter,
  destinations,
  Duration,
  IPartnerTopic,
  PartnerEventsApiVersion,
  PartnerTopic,
  PartnerTopicEventSubscription,
  PartnerTopicEventSubscriptionOptions,
  PartnerTopicIdentityType,
} from '../../src';
import { armResourceOf } from '../../src/render/arm/descriptions';
import { mergePatch } from '../support/merge-patch';
import { armSchemaErrors, describeConformance, officialExample } from '../support/reference';
import { newStack, onlyResource, resources, SUBSCRIPTION, synthJson } from '../support/synth';

const TOPIC_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/contoso-orders`;
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers`;
const EVENT_HUB_ID = `${RG}/Microsoft.EventHub/namespaces/orders-ns/eventhubs/orders`;
const STORAGE_ID = `${RG}/Microsoft.Storage/storageAccounts/ordersdead`;
const PRINCIPAL = '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41';
const UAI_ID = `${RG}/Microsoft.ManagedIdentity/userAssignedIdentities/topic-identity`;
const WEBHOOK_URL = 'https://handler.contoso.example/api/events?code=s3cr3t-k3y';

interface TopicAttributes {
  readonly partnerTopicId?: string;
  readonly identityType?: PartnerTopicIdentityType;
  readonly identityPrincipalId?: string;
  readonly userAssignedIdentityId?: string;
}

/** A test-only partner topic: the IPartnerTopic contract, nothing else. */
class TestPartnerTopic extends Construct implements IPartnerTopic {
  public readonly partnerTopicId: string;
  public readonly partnerTopicName = 'contoso-orders';
  public readonly partnerTopicSubscriptionId = SUBSCRIPTION;
  public readonly partnerTopicResourceGroupName = 'customer-rg';
  public readonly location = 'westus2';
  public readonly identityType?: PartnerTopicIdentityType;
  public readonly identityPrincipalId?: string;
  public readonly userAssignedIdentityId?: string;

  constructor(scope: Construct, id: string, attrs: TopicAttributes = {}) {
    super(scope, id);
    this.partnerTopicId = attrs.partnerTopicId ?? TOPIC_ID;
    this.identityType = attrs.identityType;
    this.identityPrincipalId = attrs.identityPrincipalId;
    this.userAssignedIdentityId = attrs.userAssignedIdentityId;
  }

  public addEventSubscription(id: string, options: PartnerTopicEventSubscriptionOptions): PartnerTopicEventSubscription {
    return new PartnerTopicEventSubscription(this, id, { ...options, partnerTopic: this });
  }
}

const systemAssigned: TopicAttributes = { identityType: PartnerTopicIdentityType.SYSTEM_ASSIGNED, identityPrincipalId: PRINCIPAL };

function webhook(): destinations.WebHook {
  return new destinations.WebHook({ endpointUrl: WEBHOOK_URL });
}

function eventHub(): destinations.EventHub {
  return new destinations.EventHub({ eventHubId: EVENT_HUB_ID });
}

/** A stack with one test topic. */
function setup(attrs: TopicAttributes = {}): { stack: TerraformStack; topic: TestPartnerTopic } {
  const stack = newStack();
  return { stack, topic: new TestPartnerTopic(stack, 'Topic', attrs) };
}

/** The request body azapi sends: `body` with `sensitive_body` merged in. */
function requestBody(resource: any): any {
  return resource.sensitive_body ? mergePatch(resource.body, resource.sensitive_body) : resource.body;
}

/** Expects `fn` to throw the library's error naming the path, the rule and the bad value. */
function expectError(fn: () => unknown, path: string, rule: string, value: string): void {
  let message = '';
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`[${path}]`);
  expect(message).toContain(`${rule}:`);
  expect(message).toContain(value);
}

describe('PartnerTopicEventSubscription', () => {
  test('snapshot: a webhook subscription with filters, retry policy, labels, expiry and dead-lettering', () => {
    const { stack, topic } = setup();
    topic.addEventSubscription('Orders', {
      eventSubscriptionName: 'orders-to-handler',
      destination: new destinations.WebHook({ endpointUrl: WEBHOOK_URL, maxEventsPerBatch: 10, preferredBatchSizeInKilobytes: 128 }),
      includedEventTypes: ['com.contoso.order.created', 'com.contoso.order.cancelled'],
      subjectBeginsWith: '/orders/',
      subjectEndsWith: '.json',
      isSubjectCaseSensitive: true,
      advancedFilters: [AdvancedFilter.numberGreaterThan('data.total', 100), AdvancedFilter.stringIn('data.region', ['eu', 'us'])],
      enableAdvancedFilteringOnArrays: true,
      labels: ['orders', 'contoso'],
      expirationTimeUtc: '2027-01-01T00:00:00Z',
      maxDeliveryAttempts: 10,
      eventTimeToLive: Duration.hours(2),
      deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead-letters' },
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('snapshot: an event hub subscription delivering and dead-lettering with the topic identity', () => {
    const { stack, topic } = setup(systemAssigned);
    topic.addEventSubscription('Hub', {
      eventSubscriptionName: 'orders-to-hub',
      destination: eventHub(),
      deliverWithTopicIdentity: true,
      deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead-letters', withTopicIdentity: true },
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('renders an azapi_resource of the partner topic event subscription type under the topic', () => {
    const { stack, topic } = setup();
    const sub = topic.addEventSubscription('Orders', { eventSubscriptionName: 'orders-1', destination: webhook() });
    const r = onlyResource(synthJson(stack), 'azapi_resource');
    expect(r.type).toBe('Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15');
    expect(r.parent_id).toBe(TOPIC_ID);
    expect(r.name).toBe('orders-1');
    expect(r.body.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    expect(sub.eventSubscriptionName).toBe('orders-1');
    expect(sub.apiVersion).toBe(PartnerEventsApiVersion.V2025_02_15);
    expect(sub.partnerTopic).toBe(topic);
    expect(Token.isUnresolved(sub.eventSubscriptionId)).toBe(true);
    expect(synthJson(stack).provider.azapi).toHaveLength(1);
  });

  test('the constructor and addEventSubscription render the same subscription', () => {
    const a = setup();
    new PartnerTopicEventSubscription(a.topic, 'Orders', { partnerTopic: a.topic, destination: webhook() });
    const b = setup();
    b.topic.addEventSubscription('Orders', { destination: webhook() });
    expect(Testing.synth(a.stack)).toEqual(Testing.synth(b.stack));
  });

  test('renders at API version 2022-06-15 on request', () => {
    const { stack, topic } = setup();
    topic.addEventSubscription('Orders', { destination: webhook(), apiVersion: PartnerEventsApiVersion.V2022_06_15 });
    expect(onlyResource(synthJson(stack), 'azapi_resource').type).toBe('Microsoft.EventGrid/partnerTopics/eventSubscriptions@2022-06-15');
  });

  test('derives a valid, stable name of at most 64 characters from the construct path', () => {
    const { stack, topic } = setup();
    const deep = new Construct(new Construct(topic, 'AVeryLongConstructIdForTheCustomerSideOfPartnerEvents'), 'AnotherLongLevelOfNesting');
    const sub = new PartnerTopicEventSubscription(deep, 'OrdersToTheWebhookHandlerOfTheCustomer', { partnerTopic: topic, destination: webhook() });
    expect(sub.eventSubscriptionName).toMatch(/^[A-Za-z0-9-]{3,64}$/);
    expect(sub.eventSubscriptionName.length).toBeLessThanOrEqual(64);
    expect(onlyResource(synthJson(stack), 'azapi_resource').name).toBe(sub.eventSubscriptionName);
    const again = setup();
    const deepAgain = new Construct(new Construct(again.topic, 'AVeryLongConstructIdForTheCustomerSideOfPartnerEvents'), 'AnotherLongLevelOfNesting');
    const subAgain = new PartnerTopicEventSubscription(deepAgain, 'OrdersToTheWebhookHandlerOfTheCustomer', { partnerTopic: again.topic, destination: webhook() });
    expect(subAgain.eventSubscriptionName).toBe(sub.eventSubscriptionName);
  });

  test('always delivers CloudEvents 1.0, and offers no prop to change it', () => {
    const { stack, topic } = setup();
    const options = { destination: webhook(), eventDeliverySchema: 'EventGridSchema' } as unknown as PartnerTopicEventSubscriptionOptions;
    const sub = topic.addEventSubscription('Orders', options);
    expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    expect(armResourceOf(sub)!.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
  });

  test('is deterministic: the same program synthesizes byte-identical output', () => {
    const build = () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true, expirationTimeUtc: '2027-01-01T00:00:00Z' });
      return Testing.synth(stack);
    };
    expect(build()).toBe(build());
  });

  describe('filters', () => {
    test('renders subject, event type and advanced filters', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', {
        destination: webhook(),
        includedEventTypes: ['com.contoso.order.created'],
        subjectBeginsWith: '/orders/',
        subjectEndsWith: '.json',
        isSubjectCaseSensitive: false,
        enableAdvancedFilteringOnArrays: true,
        advancedFilters: [AdvancedFilter.boolEquals('data.paid', true), AdvancedFilter.isNotNull('data.customer')],
      });
      expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.filter).toEqual({
        includedEventTypes: ['com.contoso.order.created'],
        subjectBeginsWith: '/orders/',
        subjectEndsWith: '.json',
        isSubjectCaseSensitive: false,
        enableAdvancedFilteringOnArrays: true,
        advancedFilters: [
          { operatorType: 'BoolEquals', key: 'data.paid', value: true },
          { operatorType: 'IsNotNull', key: 'data.customer' },
        ],
      });
    });

    test('leaves filter, retry policy, labels, expiry and dead letter out when unset', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { destination: webhook() });
      expect(Object.keys(onlyResource(synthJson(stack), 'azapi_resource').body.properties).sort()).toEqual(['destination', 'eventDeliverySchema']);
    });

    test('EGP009: refuses 26 advanced filters, accepts 25', () => {
      const filters = (n: number) => Array.from({ length: n }, (_, i) => AdvancedFilter.numberLessThan(`data.n${i}`, i));
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), advancedFilters: filters(26) }),
        'stack/Topic/Orders', 'EGP009', '(26)');
      expect(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), advancedFilters: filters(25) })).not.toThrow();
    });

    test('EGP009: refuses 26 filter values in total, accepts 25', () => {
      const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
      expectError(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(),
        advancedFilters: [AdvancedFilter.stringIn('data.a', values(13)), AdvancedFilter.stringNotIn('data.b', values(13))],
      }), 'stack/Topic/Orders', 'EGP009', '(26)');
      expect(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(),
        advancedFilters: [AdvancedFilter.stringIn('data.a', values(13)), AdvancedFilter.stringNotIn('data.b', values(12))],
      })).not.toThrow();
    });

    test('EGP009: refuses a string value of 513 characters and an escaped dot, accepts 512 characters', () => {
      expectError(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(), advancedFilters: [AdvancedFilter.stringContains('data.note', ['x'.repeat(513)])],
      }), 'stack/Topic/Orders', 'EGP009', 'xxxxxxxx');
      expectError(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(), advancedFilters: [AdvancedFilter.stringIn('data.a\\.b', ['x'])],
      }), 'stack/Topic/Orders', 'EGP009', 'data.a');
      expect(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(), advancedFilters: [AdvancedFilter.stringContains('data.note', ['x'.repeat(512)])],
      })).not.toThrow();
    });

    test('EGP039/EGP030: refuses an empty includedEventTypes list and a blank event type, accepts one type', () => {
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), includedEventTypes: [] }),
        'stack/Topic/Orders', 'EGP039', '([])');
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), includedEventTypes: [' '] }),
        'stack/Topic/Orders', 'EGP030', '(" ")');
      expect(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), includedEventTypes: ['a.b'] })).not.toThrow();
    });
  });

  describe('EGP016: event subscription names', () => {
    test.each([
      ['ab', '"ab"'],
      ['orders_1', '"orders_1"'],
      ['orders 1', '"orders 1"'],
      ['a'.repeat(65), 'a'.repeat(65)],
    ])('refuses %j', (name, shown) => {
      expectError(() => setup().topic.addEventSubscription('Orders', { eventSubscriptionName: name, destination: webhook() }),
        'stack/Topic/Orders', 'EGP016', shown);
    });

    test.each(['abc', 'Orders-To-Handler-1', 'a'.repeat(64)])('accepts %j', (name) => {
      expect(() => setup().topic.addEventSubscription('Orders', { eventSubscriptionName: name, destination: webhook() })).not.toThrow();
    });

    test('skips a name that is a token', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { eventSubscriptionName: Fn.lower('ORDERS'), destination: webhook() });
      expect(onlyResource(synthJson(stack), 'azapi_resource').name).toBe('${lower("ORDERS")}');
    });
  });

  describe('EGP014: retry policy', () => {
    test('renders maxDeliveryAttempts and the event time-to-live in minutes', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { destination: webhook(), maxDeliveryAttempts: 5, eventTimeToLive: Duration.minutes(90) });
      expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.retryPolicy).toEqual({ maxDeliveryAttempts: 5, eventTimeToLiveInMinutes: 90 });
    });

    test.each([0, 31, 2.5, -1])('refuses maxDeliveryAttempts %p', (attempts) => {
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), maxDeliveryAttempts: attempts }),
        'stack/Topic/Orders', 'EGP014', `(${attempts})`);
    });

    test.each([1, 30])('accepts maxDeliveryAttempts %p', (attempts) => {
      expect(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), maxDeliveryAttempts: attempts })).not.toThrow();
    });

    test.each([
      [Duration.seconds(30), '30 seconds'],
      [Duration.seconds(90), '90 seconds'],
      [Duration.minutes(0), '0 minutes'],
      [Duration.minutes(1441), '1441 minutes'],
      [Duration.days(2), '2 days'],
    ])('refuses eventTimeToLive %s', (ttl, shown) => {
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), eventTimeToLive: ttl }),
        'stack/Topic/Orders', 'EGP014', shown);
    });

    test.each([Duration.minutes(1), Duration.seconds(120), Duration.hours(24), Duration.minutes(1440)])('accepts eventTimeToLive %s', (ttl) => {
      expect(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), eventTimeToLive: ttl })).not.toThrow();
    });

    test('skips maxDeliveryAttempts that is a token', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { destination: webhook(), maxDeliveryAttempts: Token.asNumber(Fn.max([3, 40])) });
      expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.retryPolicy.maxDeliveryAttempts).toBe('${max(3, 40)}');
    });
  });

  describe('expirationTimeUtc', () => {
    test('renders an ISO 8601 UTC timestamp', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { destination: webhook(), expirationTimeUtc: '2027-01-01T00:00:00.5Z' });
      expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.expirationTimeUtc).toBe('2027-01-01T00:00:00.5Z');
    });

    test.each(['2027-01-01', 'tomorrow', '2027-01-01T00:00:00+02:00'])('EGP040: refuses %j', (at) => {
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), expirationTimeUtc: at }),
        'stack/Topic/Orders', 'EGP040', JSON.stringify(at));
    });
  });

  describe('secrets', () => {
    test('the webhook URL is kept out of the plain body and sent through sensitive_body', () => {
      const { stack, topic } = setup();
      const sub = topic.addEventSubscription('Orders', { destination: new destinations.WebHook({ endpointUrl: WEBHOOK_URL, maxEventsPerBatch: 5 }) });
      const r = onlyResource(synthJson(stack), 'azapi_resource');
      expect(JSON.stringify(r.body)).not.toContain('s3cr3t');
      expect(JSON.stringify(r.body)).not.toContain('handler.contoso.example');
      expect(r.body.properties.destination).toEqual({ endpointType: 'WebHook', properties: { maxEventsPerBatch: 5 } });
      expect(r.sensitive_body).toEqual({ properties: { destination: { properties: { endpointUrl: WEBHOOK_URL } } } });
      // the ARM description carries the real request
      expect(armResourceOf(sub)!.properties.destination.properties.endpointUrl).toBe(WEBHOOK_URL);
    });

    test('with the topic identity a secret goes to sensitive_body at the deliveryWithResourceIdentity path', () => {
      const { stack, topic } = setup(systemAssigned);
      const secret = destinations.DeliveryAttributeMapping.secretValue('api-key', 'k3y-value');
      topic.addEventSubscription('Orders', {
        destination: new destinations.EventHub({ eventHubId: EVENT_HUB_ID, deliveryAttributes: [secret] }),
        deliverWithTopicIdentity: true,
        grantDestinationAccess: false,
      });
      const r = onlyResource(synthJson(stack), 'azapi_resource');
      expect(JSON.stringify(r.body)).not.toContain('k3y-value');
      expect(r.body.properties.deliveryWithResourceIdentity.destination).toEqual({ endpointType: 'EventHub', properties: { resourceId: EVENT_HUB_ID } });
      expect(r.sensitive_body.properties.deliveryWithResourceIdentity.destination.properties.deliveryAttributeMappings).toHaveLength(1);
    });

    test('EGP048: refuses a webhook delivered with the topic identity (Event Grid has no identity delivery to webhooks)', () => {
      const { topic } = setup(systemAssigned);
      expect(() => topic.addEventSubscription('Orders', { destination: webhook(), deliverWithTopicIdentity: true }))
        .toThrow(/\[stack\/Topic\/Orders\] EGP048: deliverWithTopicIdentity is set, but Event Grid does not deliver to a WebHook destination with a managed identity \("WebHook"\)/);
      expect(() => topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true })).not.toThrow();
    });

    test('secret delivery attributes go to sensitive_body as a whole list; plain ones stay in body', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Secret', {
        eventSubscriptionName: 'with-secret',
        destination: new destinations.EventHub({
          eventHubId: EVENT_HUB_ID,
          deliveryAttributes: [
            destinations.DeliveryAttributeMapping.staticValue('source-system', 'contoso'),
            destinations.DeliveryAttributeMapping.secretValue('api-key', 'k3y-value'),
          ],
        }),
      });
      topic.addEventSubscription('Plain', {
        eventSubscriptionName: 'without-secret',
        destination: new destinations.EventHub({
          eventHubId: EVENT_HUB_ID,
          deliveryAttributes: [destinations.DeliveryAttributeMapping.fromEventField('order-id', 'data.orderId')],
        }),
      });
      const all = resources(synthJson(stack), 'azapi_resource');
      const secret = all.find((r) => r.name === 'with-secret');
      const plain = all.find((r) => r.name === 'without-secret');
      expect(JSON.stringify(secret.body)).not.toContain('k3y-value');
      expect(secret.body.properties.destination.properties).toEqual({ resourceId: EVENT_HUB_ID });
      expect(secret.sensitive_body.properties.destination.properties.deliveryAttributeMappings).toHaveLength(2);
      expect(plain.sensitive_body).toBeUndefined();
      expect(plain.body.properties.destination.properties.deliveryAttributeMappings).toEqual([
        { name: 'order-id', type: 'Dynamic', properties: { sourceField: 'data.orderId' } },
      ]);
    });

    test('the request body (body merged with sensitive_body) is exactly the ARM description', () => {
      const { stack, topic } = setup(systemAssigned);
      const subs = [
        topic.addEventSubscription('A', { destination: webhook(), subjectBeginsWith: 'a' }),
        topic.addEventSubscription('B', { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead', withTopicIdentity: true } }),
        topic.addEventSubscription('C', { destination: eventHub(), deliverWithTopicIdentity: true }),
      ];
      const json = synthJson(stack);
      for (const sub of subs) {
        const r = Object.values<any>(json.resource.azapi_resource).find((x) => x.name === sub.eventSubscriptionName);
        expect(requestBody(r)).toEqual({ properties: armResourceOf(sub)!.properties });
      }
    });
  });

  describe('delivery with the topic identity', () => {
    test('renders deliveryWithResourceIdentity with the system-assigned identity and grants the destination role', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true });
      const json = synthJson(stack);
      const r = onlyResource(json, 'azapi_resource');
      expect(r.body.properties.destination).toBeUndefined();
      expect(r.body.properties.deliveryWithResourceIdentity).toEqual({
        identity: { type: 'SystemAssigned' },
        destination: { endpointType: 'EventHub', properties: { resourceId: EVENT_HUB_ID } },
      });
      const assignment = onlyResource(json, 'azurerm_role_assignment');
      expect(assignment).toMatchObject({
        scope: EVENT_HUB_ID,
        role_definition_name: 'Azure Event Hubs Data Sender',
        principal_id: PRINCIPAL,
        principal_type: 'ServicePrincipal',
      });
      const [assignmentKey] = Object.keys(json.resource.azurerm_role_assignment);
      expect(r.depends_on).toEqual([`azurerm_role_assignment.${assignmentKey}`]);
    });

    test('renders the user-assigned identity by its id', () => {
      const { stack, topic } = setup({
        identityType: PartnerTopicIdentityType.USER_ASSIGNED, identityPrincipalId: PRINCIPAL, userAssignedIdentityId: UAI_ID,
      });
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true });
      expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.deliveryWithResourceIdentity.identity)
        .toEqual({ type: 'UserAssigned', userAssignedIdentity: UAI_ID });
    });

    test('omits the role assignment with grantDestinationAccess: false', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true, grantDestinationAccess: false });
      const json = synthJson(stack);
      expect(resources(json, 'azurerm_role_assignment')).toHaveLength(0);
      expect(onlyResource(json, 'azapi_resource').depends_on).toBeUndefined();
      expect(onlyResource(json, 'azapi_resource').body.properties.deliveryWithResourceIdentity).toBeDefined();
    });

    test('creates no role assignment without delivery through the topic identity', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub', { destination: eventHub() });
      expect(resources(synthJson(stack), 'azurerm_role_assignment')).toHaveLength(0);
    });

    test('creates no role assignment when grantDestinationAccess is false', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true, grantDestinationAccess: false });
      expect(resources(synthJson(stack), 'azurerm_role_assignment')).toHaveLength(0);
    });

    test('grants each role once per identity and resource in a stack', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Hub1', { destination: eventHub(), deliverWithTopicIdentity: true });
      topic.addEventSubscription('Hub2', { destination: new destinations.EventHub({ eventHubId: EVENT_HUB_ID.toUpperCase() }), deliverWithTopicIdentity: true });
      topic.addEventSubscription('Queue', {
        destination: new destinations.ServiceBusQueue({ queueId: `${RG}/Microsoft.ServiceBus/namespaces/sb/queues/orders` }),
        deliverWithTopicIdentity: true,
      });
      const json = synthJson(stack);
      const assignments = resources(json, 'azurerm_role_assignment');
      expect(assignments.map((a) => a.role_definition_name).sort()).toEqual(['Azure Event Hubs Data Sender', 'Azure Service Bus Data Sender']);
      const subs = resources(json, 'azapi_resource');
      const hubKey = Object.entries<any>(json.resource.azurerm_role_assignment).find(([, a]) => a.role_definition_name === 'Azure Event Hubs Data Sender')![0];
      expect(subs.filter((s) => s.depends_on?.includes(`azurerm_role_assignment.${hubKey}`))).toHaveLength(2);
    });

    test('EGP019: refuses delivery with the identity of a topic that has none', () => {
      expectError(() => setup().topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true }),
        'stack/Topic/Hub', 'EGP019', TOPIC_ID);
    });

    test('EGP019: refuses a user-assigned identity whose id is not known', () => {
      expectError(() => setup({ identityType: PartnerTopicIdentityType.USER_ASSIGNED, identityPrincipalId: PRINCIPAL })
        .topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true }),
      'stack/Topic/Hub', 'EGP019', '(null)');
    });

    test('EGP019: refuses to grant access without the principal id, and accepts it with grantDestinationAccess: false', () => {
      const attrs = { identityType: PartnerTopicIdentityType.SYSTEM_ASSIGNED };
      expectError(() => setup(attrs).topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true }),
        'stack/Topic/Hub', 'EGP019', 'Azure Event Hubs Data Sender');
      expect(() => setup(attrs).topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true, grantDestinationAccess: false }))
        .not.toThrow();
    });

    test('a principal id that is a token is used as is', () => {
      const { stack, topic } = setup({ identityType: PartnerTopicIdentityType.SYSTEM_ASSIGNED, identityPrincipalId: Fn.lower(PRINCIPAL) });
      topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true });
      expect(onlyResource(synthJson(stack), 'azurerm_role_assignment').principal_id).toBe(`\${lower("${PRINCIPAL}")}`);
    });
  });

  describe('dead-lettering', () => {
    test('renders deadLetterDestination to a blob container', () => {
      const { stack, topic } = setup();
      topic.addEventSubscription('Orders', { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead-letters' } });
      const json = synthJson(stack);
      expect(onlyResource(json, 'azapi_resource').body.properties.deadLetterDestination).toEqual({
        endpointType: 'StorageBlob',
        properties: { resourceId: STORAGE_ID, blobContainerName: 'dead-letters' },
      });
      expect(resources(json, 'azurerm_role_assignment')).toHaveLength(0);
    });

    test('with the topic identity: deadLetterWithResourceIdentity and Storage Blob Data Contributor on the container', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Orders', { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead-letters', withTopicIdentity: true } });
      const json = synthJson(stack);
      expect(onlyResource(json, 'azapi_resource').body.properties.deadLetterWithResourceIdentity).toEqual({
        identity: { type: 'SystemAssigned' },
        deadLetterDestination: { endpointType: 'StorageBlob', properties: { resourceId: STORAGE_ID, blobContainerName: 'dead-letters' } },
      });
      expect(onlyResource(json, 'azurerm_role_assignment')).toMatchObject({
        scope: `${STORAGE_ID}/blobServices/default/containers/dead-letters`,
        role_definition_name: 'Storage Blob Data Contributor',
        principal_id: PRINCIPAL,
      });
    });

    test('with the topic identity and grantDestinationAccess: false: no role assignment', () => {
      const { stack, topic } = setup(systemAssigned);
      topic.addEventSubscription('Orders', {
        destination: webhook(),
        grantDestinationAccess: false,
        deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead-letters', withTopicIdentity: true },
      });
      expect(resources(synthJson(stack), 'azurerm_role_assignment')).toHaveLength(0);
    });

    test('EGP019: refuses dead-lettering with the identity of a topic that has none', () => {
      expectError(() => setup().topic.addEventSubscription('Orders', {
        destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead', withTopicIdentity: true },
      }), 'stack/Topic/Orders', 'EGP019', TOPIC_ID);
    });

    test.each(['Dead', 'de', 'dead--letters', '-dead', 'dead_letters'])('EGP034: refuses the container name %j', (name) => {
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: name } }),
        'stack/Topic/Orders', 'EGP034', JSON.stringify(name));
    });

    test.each(['dea', 'dead-letters-1', 'a'.repeat(63)])('accepts the container name %j', (name) => {
      expect(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: name } }))
        .not.toThrow();
    });

    test('EGP032: refuses a storage account id that is not one', () => {
      const bad = `${RG}/Microsoft.Storage/storageAccounts/ordersdead/blobServices/default`;
      expectError(() => setup().topic.addEventSubscription('Orders', { destination: webhook(), deadLetter: { storageAccountId: bad, blobContainerName: 'dead' } }),
        'stack/Topic/Orders', 'EGP032', 'blobServices');
    });
  });

  describe('EGP013: at most 500 subscriptions per partner topic across the app', () => {
    const many = (topic: IPartnerTopic, scope: Construct, count: number, prefix: string) => {
      for (let i = 0; i < count; i++) {
        new PartnerTopicEventSubscription(scope, `${prefix}${i}`, { partnerTopic: topic, destination: webhook() });
      }
    };

    test('accepts 500 subscriptions of one topic', () => {
      const { stack, topic } = setup();
      many(topic, topic, 500, 'S');
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test('refuses the 501st subscription at synth, naming it and the count', () => {
      const { stack, topic } = setup();
      many(topic, topic, 501, 'S');
      let message = '';
      try {
        Testing.synth(stack, true);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('[stack/Topic/S500]');
      expect(message).toContain('EGP013:');
      expect(message).toContain('(501)');
      expect(message).not.toContain('[stack/Topic/S499]');
    });

    test('counts across stacks and compares topic ids case-insensitively', () => {
      const app = Testing.app();
      const a = newStack(app, 'a');
      const b = newStack(app, 'b');
      const topicA = new TestPartnerTopic(a, 'Topic');
      const topicB = new TestPartnerTopic(b, 'Topic', { partnerTopicId: TOPIC_ID.toUpperCase() });
      many(topicA, topicA, 300, 'S');
      many(topicB, topicB, 201, 'S');
      expect(() => Testing.synth(a, true)).not.toThrow();
      expect(() => Testing.synth(b, true)).toThrow(/\[b\/Topic\/S200\] EGP013:/);
    });

    test('counts topics separately', () => {
      const { stack, topic } = setup();
      const other = new TestPartnerTopic(stack, 'Other', { partnerTopicId: TOPIC_ID.replace('contoso-orders', 'contoso-billing') });
      many(topic, topic, 300, 'S');
      many(other, other, 300, 'S');
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test('counts the subscriptions of one topic whose id is a token together', () => {
      const { stack } = setup();
      const topic = new TestPartnerTopic(stack, 'Tokened', { partnerTopicId: Fn.lower(TOPIC_ID) });
      many(topic, topic, 501, 'S');
      expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/Tokened\/S500\] EGP013:/);
    });
  });

  describe('EGP002: CloudEvents 1.0 cannot be overridden', () => {
    const synthError = (stack: TerraformStack): string => {
      try {
        Testing.synth(stack, true);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };

    test('an override of body.properties.eventDeliverySchema fails synth', () => {
      const { stack, topic } = setup();
      const sub = topic.addEventSubscription('Orders', { destination: webhook() });
      (sub.node.defaultChild as any).addOverride('body.properties.eventDeliverySchema', 'EventGridSchema');
      const message = synthError(stack);
      expect(message).toContain('stack/Topic/Orders');
      expect(message).toContain('EGP002:');
      expect(message).toContain('"EventGridSchema"');
    });

    test('no other route around it: another casing, the whole body, sensitive_body, or a custom schema', () => {
      const routes: Array<[string, unknown]> = [
        ['body.properties.EventDeliverySchema', 'EventGridSchema'],
        ['body', { properties: { destination: { endpointType: 'WebHook' }, eventDeliverySchema: 'CustomInputSchema' } }],
        ['sensitive_body.properties.eventDeliverySchema', 'EventGridSchema'],
        ['body.properties.eventDeliverySchema', 'cloudeventschemav1_1'],
      ];
      for (const [path, value] of routes) {
        const { stack, topic } = setup();
        const sub = topic.addEventSubscription('Orders', { destination: webhook() });
        (sub.node.defaultChild as any).addOverride(path, value);
        expect(synthError(stack)).toContain('EGP002:');
      }
    });

    test('an override that keeps CloudEvents 1.0 passes', () => {
      const { stack, topic } = setup();
      const sub = topic.addEventSubscription('Orders', { destination: webhook() });
      (sub.node.defaultChild as any).addOverride('body.properties.eventDeliverySchema', 'CloudEventSchemaV1_0');
      expect(synthError(stack)).toBe('');
    });

    test('the app synth refuses it too', () => {
      const app = new App({ outdir: Testing.app().outdir });
      const stack = newStack(app);
      const topic = new TestPartnerTopic(stack, 'Topic');
      const sub = topic.addEventSubscription('Orders', { destination: webhook() });
      (sub.node.defaultChild as any).addOverride('body.properties.eventDeliverySchema', 'EventGridSchema');
      expect(() => app.synth()).toThrow(/EGP002/);
    });
  });
});

describeConformance('PartnerTopicEventSubscription conforms to the official ARM schema', () => {
  function armOf(sub: PartnerTopicEventSubscription): any {
    const arm = armResourceOf(sub)!;
    return { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, properties: arm.properties };
  }

  test('the schema check can fail (a wrong delivery schema is reported)', () => {
    const { topic } = setup();
    const arm = armOf(topic.addEventSubscription('Orders', { eventSubscriptionName: 'orders-1', destination: webhook() }));
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', { ...arm, properties: { ...arm.properties, eventDeliverySchema: 'Xml' } }))
      .not.toEqual([]);
  });

  const cases: Array<[string, TopicAttributes, PartnerTopicEventSubscriptionOptions]> = [
    ['a minimal webhook', {}, { destination: webhook() }],
    ['every filter, retry and expiry setting', {}, {
      destination: webhook(),
      includedEventTypes: ['a.b'],
      subjectBeginsWith: 'x',
      subjectEndsWith: 'y',
      isSubjectCaseSensitive: true,
      enableAdvancedFilteringOnArrays: true,
      advancedFilters: [
        AdvancedFilter.numberIn('data.a', [1, 2]),
        AdvancedFilter.numberNotIn('data.b', [3]),
        AdvancedFilter.numberLessThan('data.c', 1),
        AdvancedFilter.numberGreaterThan('data.d', 1),
        AdvancedFilter.numberLessThanOrEquals('data.e', 1),
        AdvancedFilter.numberGreaterThanOrEquals('data.f', 1),
        AdvancedFilter.boolEquals('data.g', false),
        AdvancedFilter.stringIn('data.h', ['a']),
        AdvancedFilter.stringNotIn('data.i', ['a']),
        AdvancedFilter.stringBeginsWith('data.j', ['a']),
        AdvancedFilter.stringEndsWith('data.k', ['a']),
        AdvancedFilter.stringContains('data.l', ['a']),
        AdvancedFilter.numberInRange('data.m', [{ lower: 1, upper: 2 }]),
        AdvancedFilter.numberNotInRange('data.n', [{ lower: 1, upper: 2 }]),
        AdvancedFilter.stringNotBeginsWith('data.o', ['a']),
        AdvancedFilter.stringNotEndsWith('data.p', ['a']),
        AdvancedFilter.stringNotContains('data.q', ['a']),
        AdvancedFilter.isNullOrUndefined('data.r'),
        AdvancedFilter.isNotNull('data.s'),
      ],
      labels: ['l1'],
      expirationTimeUtc: '2027-01-01T00:00:00Z',
      maxDeliveryAttempts: 3,
      eventTimeToLive: Duration.minutes(30),
    }],
    ['dead-lettering with Event Grid\'s identity', {}, { destination: webhook(), deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead' } }],
    ['delivery and dead-lettering with the system-assigned identity', systemAssigned, {
      destination: eventHub(),
      deliverWithTopicIdentity: true,
      deadLetter: { storageAccountId: STORAGE_ID, blobContainerName: 'dead', withTopicIdentity: true },
    }],
    ['delivery with a user-assigned identity', { identityType: PartnerTopicIdentityType.USER_ASSIGNED, identityPrincipalId: PRINCIPAL, userAssignedIdentityId: UAI_ID }, {
      destination: eventHub(), deliverWithTopicIdentity: true,
    }],
  ];

  test.each(cases)('%s', (_name, attrs, options) => {
    const { topic } = setup(attrs);
    const sub = topic.addEventSubscription('Orders', options);
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', armOf(sub))).toEqual([]);
  });

  test.each(cases)('%s, at 2022-06-15', (_name, attrs, options) => {
    const { topic } = setup(attrs);
    const sub = topic.addEventSubscription('Orders', { ...options, apiVersion: PartnerEventsApiVersion.V2022_06_15 });
    const arm = armOf(sub);
    expect(arm.apiVersion).toBe('2022-06-15');
    expect(armSchemaErrors('2022-06-15', 'partnerTopics_eventSubscriptions', arm)).toEqual([]);
  });

  test('configured like the official PartnerTopicEventSubscriptions_CreateOrUpdate example, it renders that request, except CloudEvents 1.0 delivery', () => {
    const example = officialExample('2025-02-15', 'PartnerTopicEventSubscriptions_CreateOrUpdate');
    const p = example.parameters;
    const request = p.eventSubscriptionInfo.properties;
    const stack = newStack();
    const topic = new TestPartnerTopic(stack, 'Topic', {
      partnerTopicId: `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.EventGrid/partnerTopics/${p.partnerTopicName}`,
    });
    const sub = topic.addEventSubscription('Example', {
      eventSubscriptionName: p.eventSubscriptionName,
      destination: new destinations.WebHook({ endpointUrl: request.destination.properties.endpointUrl }),
      isSubjectCaseSensitive: request.filter.isSubjectCaseSensitive,
      subjectBeginsWith: request.filter.subjectBeginsWith,
      subjectEndsWith: request.filter.subjectEndsWith,
    });
    const arm = armResourceOf(sub)!;
    expect(arm.name).toBe(p.eventSubscriptionName);
    expect(arm.apiVersion).toBe(p['api-version']);
    const { eventDeliverySchema, ...rest } = arm.properties;
    expect(rest).toEqual(request);
    // The one difference: the example sends no schema (so Event Grid answers with EventGridSchema); the library
    // always sends CloudEvents 1.0.
    expect(request.eventDeliverySchema).toBeUndefined();
    expect(example.responses['200'].body.properties.eventDeliverySchema).toBe('EventGridSchema');
    expect(eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    // The Terraform request carries the same properties, the URL through sensitive_body.
    const r = onlyResource(synthJson(stack), 'azapi_resource');
    expect(r.parent_id).toBe(topic.partnerTopicId);
    expect(r.name).toBe(p.eventSubscriptionName);
    expect(requestBody(r)).toEqual({ properties: { ...request, eventDeliverySchema: 'CloudEventSchemaV1_0' } });
    expect(armSchemaErrors('2025-02-15', 'partnerTopics_eventSubscriptions', { type: arm.type, apiVersion: arm.apiVersion, name: arm.name, properties: arm.properties })).toEqual([]);
  });
});

describe('with the library\'s PartnerTopic', () => {
  const attrs = {
    partnerTopicSubscriptionId: SUBSCRIPTION,
    partnerTopicResourceGroupName: 'customer-rg',
    partnerTopicName: 'contoso-orders',
    location: 'westus2',
  };

  test('a system-assigned identity: the role goes to the identity read from Azure, after the identity and the activation', () => {
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', attrs);
    topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
    topic.activate();
    topic.addEventSubscription('Hub', { eventSubscriptionName: 'orders-to-hub', destination: eventHub(), deliverWithTopicIdentity: true });
    const json = synthJson(stack);
    const sub = Object.values<any>(json.resource.azapi_resource).find((r) => r.name === 'orders-to-hub');
    const actions = Object.entries<any>(json.resource.azapi_resource_action);
    const [identityKey] = actions.filter(([, a]) => a.method === 'PATCH').map(([k]) => k);
    const [activationKey] = actions.filter(([, a]) => a.action === 'activate').map(([k]) => k);
    const [assignmentKey] = Object.keys(json.resource.azurerm_role_assignment);
    expect(json.resource.azurerm_role_assignment[assignmentKey].principal_id).toBe(`\${azapi_resource_action.${identityKey}.output.identity.principalId}`);
    expect(sub.depends_on).toEqual(expect.arrayContaining([
      `azapi_resource_action.${identityKey}`,
      `azapi_resource_action.${activationKey}`,
      `azurerm_role_assignment.${assignmentKey}`,
    ]));
  });

  test('a user-assigned identity without its principal id: EGP019 unless grantDestinationAccess is false', () => {
    const identity = { type: PartnerTopicIdentityType.USER_ASSIGNED, userAssignedIdentityId: UAI_ID };
    const stack = newStack();
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', attrs);
    topic.assignIdentity(identity);
    expectError(() => topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true }), 'stack/Topic/Hub', 'EGP019', '(null)');
    topic.addEventSubscription('Hub2', { destination: eventHub(), deliverWithTopicIdentity: true, grantDestinationAccess: false });
    expect(onlyResource(synthJson(stack), 'azapi_resource').body.properties.deliveryWithResourceIdentity.identity)
      .toEqual({ type: 'UserAssigned', userAssignedIdentity: UAI_ID });
  });

  test('a topic without identity: EGP019 for delivery with the topic identity', () => {
    const topic = PartnerTopic.fromPartnerTopicAttributes(newStack(), 'Topic', attrs);
    expectError(() => topic.addEventSubscription('Hub', { destination: eventHub(), deliverWithTopicIdentity: true }), 'stack/Topic/Hub', 'EGP019', TOPIC_ID);
  });
});
