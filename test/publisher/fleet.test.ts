import { Testing } from 'cdktf';
import { ChannelFleet, PartnerCustomer, ShardAssignment, Validations } from '../../src';
import { SUBSCRIPTION } from '../support/synth';

function ids(n: number, prefix = 'c'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
}

function shardSizes(assignment: { [id: string]: number }): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const shard of Object.values(assignment)) {
    sizes.set(shard, (sizes.get(shard) ?? 0) + 1);
  }
  return sizes;
}

/** A deterministic pseudo-random sequence (no Math.random: the test must be repeatable). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('ShardAssignment', () => {
  test('is complete and bounded: every customer in exactly one shard, no shard over capacity', () => {
    const customers = ids(1234);
    const a = ShardAssignment.compute(customers, 100);
    expect(Object.keys(a).sort()).toEqual([...customers].sort());
    expect(Math.max(...shardSizes(a).values())).toBe(100);
    expect(shardSizes(a).size).toBe(13);
  });

  test('is stable: adding and removing customers moves no other customer, over many steps', () => {
    const next = lcg(42);
    let customers = ids(800);
    let assignment = ShardAssignment.compute(customers, 50);
    let fresh = 0;
    for (let step = 0; step < 200; step++) {
      const previous = assignment;
      if (next() < 0.5 && customers.length > 0) {
        customers = customers.filter((_, i) => i !== Math.floor(next() * customers.length));
      } else {
        customers = [...customers, `new${fresh++}`];
      }
      assignment = ShardAssignment.compute(customers, 50, previous);
      const moved = customers.filter((id) => previous[id] !== undefined && assignment[id] !== previous[id]);
      expect(moved).toEqual([]);
      expect(Object.keys(assignment).length).toBe(customers.length);
      expect(Math.max(...shardSizes(assignment).values())).toBeLessThanOrEqual(50);
    }
  });

  test('a removed customer frees a slot that the next new customer takes', () => {
    const first = ShardAssignment.compute(ids(10), 5);
    const without = ShardAssignment.compute(ids(10).filter((id) => id !== 'c00002'), 5, first);
    const withNew = ShardAssignment.compute([...Object.keys(without), 'zz-new'], 5, without);
    expect(withNew['zz-new']).toBe(first.c00002);
  });

  test('lowering the capacity moves only the excess of each shard', () => {
    const at10 = ShardAssignment.compute(ids(30), 10);
    const at8 = ShardAssignment.compute(ids(30), 8, at10);
    const moved = ids(30).filter((id) => at8[id] !== at10[id]);
    expect(moved).toHaveLength(6);
    expect(Math.max(...shardSizes(at8).values())).toBeLessThanOrEqual(8);
  });

  test('refuses a capacity below 1, a repeated customer and a broken previous assignment; accepts the nearest good input', () => {
    expect(() => ShardAssignment.compute(ids(3), 0)).toThrow('ShardAssignment: capacity must be a whole number of at least 1 (got 0)');
    expect(() => ShardAssignment.compute(['a', 'b', 'a'], 5)).toThrow('ShardAssignment: customer id "a" appears twice');
    expect(() => ShardAssignment.compute(['a'], 5, { a: -1 })).toThrow('ShardAssignment: the previous assignment gives customer "a" shard -1');
    expect(ShardAssignment.compute(['a', 'b'], 1, { a: 0 })).toEqual({ a: 0, b: 1 });
  });
});

function customer(id: string, region = 'westus2'): PartnerCustomer {
  return { customerId: id, subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', partnerTopicName: `topic-${id}`, source: `contoso.${id}`, region };
}

const namespaces = [
  { partnerNamespaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2`, location: 'westus2' },
  { partnerNamespaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-weu`, location: 'westeurope' },
];

describe('ChannelFleet', () => {
  test('creates one stack per shard, each with at most K channels in the customer region namespace', () => {
    const app = Testing.app();
    const customers = ids(25).map((id, i) => customer(id, i % 2 ? 'westeurope' : 'westus2'));
    const fleet = new ChannelFleet(app, 'Fleet', { customers, maxChannelsPerStack: 10, namespaces });
    expect(fleet.shards.map((s) => s.node.id)).toEqual(['Fleet-shard-000', 'Fleet-shard-001', 'Fleet-shard-002']);
    const counts = fleet.shards.map((s) => {
      const tf = JSON.parse(Testing.synth(s as any, true));
      // one block per namespace in each shard, one instance per customer (see fleet-instances.test.ts)
      const blocks = Object.values(tf.resource.azapi_resource) as any[];
      expect(blocks.map((b) => b.parent_id)).toEqual([expect.stringMatching(/partnerNamespaces\/contoso-westus2$/), expect.stringMatching(/partnerNamespaces\/contoso-weu$/)]);
      return blocks.reduce((sum, b) => sum + Object.keys(b.for_each).length, 0);
    });
    expect(counts).toEqual([10, 10, 5]);
    expect(JSON.parse(fleet.assignmentJson())).toEqual(fleet.assignment);
  });

  test('keeps an emptied shard so that deploying it removes its channels', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 1, namespaces, previousAssignment: { a: 0, b: 1 } });
    expect(fleet.shards).toHaveLength(2);
    // its block keeps no instance: applying it destroys the channels the shard had
    const blocks = Object.values(JSON.parse(Testing.synth(fleet.shards[1] as any, true)).resource.azapi_resource) as any[];
    expect(blocks.map((b) => b.for_each)).toEqual([{}, {}]);
  });

  test('the one-channel-per-topic rule sees every shard', () => {
    const app = Testing.app();
    const a = customer('a');
    const b = { ...customer('b'), partnerTopicName: a.partnerTopicName };
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [a, b], maxChannelsPerStack: 1, namespaces });
    expect(() => Testing.synth(fleet.shards[0] as any, true)).toThrow(/EGP001: Channel Fleet\/Fleet-shard-000\/Namespace0\/a targets the partner topic that Channel Fleet\/Fleet-shard-001\/Namespace0\/b also targets/);
  });

  test('refuses a customer in a region with no namespace, and a capacity below 1', () => {
    expect(() => new ChannelFleet(Testing.app(), 'Fleet', { customers: [customer('a', 'eastus')], maxChannelsPerStack: 5, namespaces }))
      .toThrow('[Fleet] EGP037: customers[0] (customerId "a") is in a region with no fleet namespace ("eastus") — add a namespace in eastus to namespaces (westus2, westeurope) or move the customer');
    expect(() => new ChannelFleet(Testing.app(), 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 0, namespaces }))
      .toThrow('[Fleet] EGP037: maxChannelsPerStack is not a whole number of at least 1 (0) — give the most channels one stack may hold, such as 500');
    expect(() => new ChannelFleet(Testing.app(), 'Fleet', { customers: [customer('a'), customer('a')], maxChannelsPerStack: 5, namespaces }))
      .toThrow('[Fleet] EGP037: ShardAssignment: customer id "a" appears twice — give each customer one id');
    let thrown: unknown;
    try {
      new ChannelFleet(Testing.app(), 'Fleet', { customers: [customer('a'), customer('a')], maxChannelsPerStack: 5, namespaces });
    } catch (e) {
      thrown = e;
    }
    expect(Validations.findingsOf(thrown).map((f) => [f.ruleId, f.path])).toEqual([['EGP037', 'Fleet']]);
  });
});
