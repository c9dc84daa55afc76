// A fleet shard renders its channels as one azapi_resource block with for_each, keyed by customer id: each channel is
// still a construct with its own description, seen by the rules and the other outputs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { ChannelFleet, Duration, PartnerCustomer, PartnerNamespace, PartnerTopicRoutingMode } from '../../src';
import { SUBSCRIPTION } from '../support/synth';

function customer(id: string, region = 'westus2'): PartnerCustomer {
  return { customerId: id, subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', partnerTopicName: `topic-${id}`, source: `contoso.${id}`, region };
}

const WESTUS2 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2`;
const WEU = `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-weu`;
const namespaces = [{ partnerNamespaceId: WESTUS2, location: 'westus2' }, { partnerNamespaceId: WEU, location: 'westeurope' }];

/** The shard's channel block of the namespace `parentId` (address and attributes). */
function channelBlock(tf: any, parentId = WESTUS2): [string, any] {
  const blocks = (Object.entries(tf.resource.azapi_resource) as Array<[string, any]>).filter(([, b]) => b.parent_id === parentId);
  expect(blocks).toHaveLength(1);
  return blocks[0];
}

describe('a fleet shard renders its channels as one for_each block', () => {
  test('one block per namespace, one instance per customer keyed by customer id, with its name and body', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('c'), customer('b'), customer('a', 'westeurope')], maxChannelsPerStack: 5, namespaces });
    const tf = JSON.parse(Testing.synth(fleet.shards[0] as any, true));
    const [, block] = channelBlock(tf);
    const [, weu] = channelBlock(tf, WEU);
    // (cdktf writes every object's keys sorted)
    expect(Object.keys(block.for_each)).toEqual(['b', 'c']);
    expect(Object.keys(weu.for_each)).toEqual(['a']);
    expect(weu.for_each.a).toEqual({
      name: fleet.channels[2].channelName,
      body: { properties: { channelType: 'PartnerTopic', partnerTopicInfo: { azureSubscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', name: 'topic-a', source: 'contoso.a' } } },
    });
    expect(block).toMatchObject({
      type: 'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
      name: '${each.value.name}',
      parent_id: WESTUS2,
      body: '${each.value.body}',
      // writes to one namespace are serialized, as a channel's own block did
      locks: [WESTUS2],
      replace_triggers_refs: [
        'properties.partnerTopicInfo.azureSubscriptionId', 'properties.partnerTopicInfo.resourceGroupName',
        'properties.partnerTopicInfo.name', 'properties.partnerTopicInfo.source',
      ],
    });
    // the channel names are those the channels had as blocks of their own (derived from the same paths)
    expect(fleet.channels.map((c) => c.node.path)).toEqual(['Fleet/Fleet-shard-000/Namespace0/c', 'Fleet/Fleet-shard-000/Namespace0/b', 'Fleet/Fleet-shard-000/Namespace1/a']);
  });

  test('a channel id is the Terraform expression of its instance', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 5, namespaces });
    new TerraformOutput(fleet.shards[0] as TerraformStack, 'ChannelA', { value: fleet.channels[0].channelId });
    const tf = JSON.parse(Testing.synth(fleet.shards[0] as any, true));
    const [address] = channelBlock(tf);
    expect(tf.output.ChannelA.value).toBe(`\${azapi_resource.${address}["a"].id}`);
  });

  test("a customer's property override changes its instance only, and the rules check it", () => {
    const build = (message: string) => {
      const app = Testing.app();
      const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('a'), customer('b')], maxChannelsPerStack: 5, namespaces });
      fleet.channels[0].addPropertyOverride('messageForActivation', message);
      return fleet;
    };
    const good = build('x'.repeat(256));
    const [, block] = channelBlock(JSON.parse(Testing.synth(good.shards[0] as any, true)));
    expect(block.for_each.a.body.properties.messageForActivation).toBe('x'.repeat(256));
    expect(block.for_each.b.body.properties.messageForActivation).toBeUndefined();
    const bad = build('x'.repeat(257));
    expect(() => Testing.synth(bad.shards[0] as any, true)).toThrow(/\[Fleet\/Fleet-shard-000\/Namespace0\/a\] EGP005/);
  });

  test('an expiry renders through Terraform (a token in the instances) and is set on creation only', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 5, namespaces, expiresIfNotActivatedAfter: Duration.days(2) });
    const [, block] = channelBlock(JSON.parse(Testing.synth(fleet.shards[0] as any, true)));
    expect(block.for_each.a.body.properties.expirationTimeIfNotActivatedUtc).toBe('${timeadd(plantimestamp(), "48h")}');
    expect(block.lifecycle).toEqual({ ignore_changes: ['body.properties.expirationTimeIfNotActivatedUtc'] });
  });

  test('an escape hatch on the shared block is refused; one on an attribute the instances do not hold is kept', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 5, namespaces });
    const block = fleet.shards[0].node.findChild('ChannelsInNamespace0').node.defaultChild as any;
    block.addOverride('schema_validation_enabled', false);
    expect(channelBlock(JSON.parse(Testing.synth(fleet.shards[0] as any, true)))[1].schema_validation_enabled).toBe(false);
    block.addOverride('body.properties.messageForActivation', 'for everyone');
    expect(() => Testing.synth(fleet.shards[0] as any, true))
      .toThrow('[Fleet/Fleet-shard-000/ChannelsInNamespace0] an escape hatch overrides body.properties.messageForActivation of the block every member shares — change one member with its addPropertyOverride() instead');
  });

  test('movedFromChannelBlocks moves each channel from the address it had as a block of its own', () => {
    const app = Testing.app();
    const fleet = new ChannelFleet(app, 'Fleet', {
      customers: [customer('a'), customer('b', 'westeurope')], maxChannelsPerStack: 5, namespaces, movedFromChannelBlocks: true,
    });
    const tf = JSON.parse(Testing.synth(fleet.shards[0] as any, true));
    const [address] = channelBlock(tf);
    const [weu] = channelBlock(tf, WEU);
    // the addresses a channel of its own gets at the same paths (what earlier versions of the fleet rendered)
    const before = Testing.app();
    const stack = new TerraformStack(before, 'Fleet-shard-000');
    const own = (n: number, id: string, location: string, namespaceId: string) => {
      const ns = PartnerNamespace.fromPartnerNamespaceAttributes(stack, `Namespace${n}`, { partnerNamespaceId: namespaceId, location, routingMode: PartnerTopicRoutingMode.CHANNEL_NAME_HEADER });
      const c = customer(id, location);
      ns.addChannel(id, {
        partnerTopicSubscriptionId: c.subscriptionId,
        partnerTopicResourceGroupName: c.resourceGroupName,
        partnerTopicName: c.partnerTopicName,
        source: c.source,
      });
    };
    own(0, 'a', 'westus2', WESTUS2);
    own(1, 'b', 'westeurope', WEU);
    const old = Object.keys(JSON.parse(Testing.synth(stack, true)).resource.azapi_resource);
    expect(tf.moved).toEqual([
      { from: `azapi_resource.${old[0]}`, to: `azapi_resource.${address}["a"]` },
      { from: `azapi_resource.${old[1]}`, to: `azapi_resource.${weu}["b"]` },
    ]);
    const without = new ChannelFleet(Testing.app(), 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 5, namespaces });
    expect(JSON.parse(Testing.synth(without.shards[0] as any, true)).moved).toBeUndefined();
  });

  test('shards write no ARM template unless armTemplates is set', () => {
    const synthFiles = (armTemplates: boolean | undefined) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-arm-'));
      const app = new App({ outdir });
      new ChannelFleet(app, 'Fleet', { customers: [customer('a')], maxChannelsPerStack: 5, namespaces, armTemplates });
      app.synth();
      const files = fs.readdirSync(path.join(outdir, 'stacks', 'Fleet-shard-000')).sort();
      const template = files.includes('deploymentTemplate.json')
        ? JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'Fleet-shard-000', 'deploymentTemplate.json'), 'utf8')) : undefined;
      fs.rmSync(outdir, { recursive: true, force: true });
      return { files, template };
    };
    expect(synthFiles(undefined).files).toEqual(['cdk.tf.json', 'partner-events.model.json']);
    const withTemplates = synthFiles(true);
    expect(withTemplates.files).toEqual(['cdk.tf.json', 'deploymentTemplate.json', 'partner-events.model.json']);
    expect(JSON.stringify(withTemplates.template)).toContain('Microsoft.EventGrid/partnerNamespaces/channels');
  });
});
