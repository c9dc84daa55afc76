// A fleet in production: one Terraform state per shard (azurerm, HCP Terraform, S3), the matrix file a pipeline
// runs one job per shard from, and changes that touch only the shards they must (byte-compared synths).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ChannelFleet, FleetStateBackend, PartnerCustomer } from '../../src';
import { SUBSCRIPTION } from '../support/synth';

const namespaces = [
  { partnerNamespaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/partner/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2`, location: 'westus2' },
];

function customer(id: string): PartnerCustomer {
  return { customerId: id, subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', partnerTopicName: `topic-${id}`, source: `contoso.${id}`, region: 'westus2' };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(4, '0')}`);

const AZURERM = { resourceGroupName: 'contoso-state', storageAccountName: 'contosotfstate', containerName: 'fleet-state', keyPrefix: 'prod/' };

function synthOf(stack: unknown): any {
  return JSON.parse(Testing.synth(stack as TerraformStack, true));
}

describe('FleetStateBackend on a fleet: one state per shard, named after the shard', () => {
  test('azurerm: a blob per shard in one container, Entra ID by default', () => {
    const fleet = new ChannelFleet(Testing.app(), 'Fleet', {
      customers: ids(5).map(customer), maxChannelsPerStack: 2, namespaces, stateBackend: FleetStateBackend.azurerm(AZURERM),
    });
    const backends = fleet.shards.map((s) => synthOf(s).terraform.backend.azurerm);
    expect(backends.map((b) => b.key)).toEqual(['prod/Fleet-shard-000.tfstate', 'prod/Fleet-shard-001.tfstate', 'prod/Fleet-shard-002.tfstate']);
    expect(backends[0]).toEqual({
      resource_group_name: 'contoso-state',
      storage_account_name: 'contosotfstate',
      container_name: 'fleet-state',
      key: 'prod/Fleet-shard-000.tfstate',
      use_azuread_auth: true,
    });
  });

  test('HCP Terraform: a workspace per shard by name, or tags with the workspace in the matrix', () => {
    const named = new ChannelFleet(Testing.app(), 'Fleet', {
      customers: ids(3).map(customer),
      maxChannelsPerStack: 2,
      namespaces,
      stateBackend: FleetStateBackend.hcpTerraform({ organization: 'contoso', workspacePrefix: 'events-' }),
    });
    expect(named.shards.map((s) => synthOf(s).terraform.cloud)).toEqual([
      { organization: 'contoso', workspaces: { name: 'events-Fleet-shard-000' } },
      { organization: 'contoso', workspaces: { name: 'events-Fleet-shard-001' } },
    ]);
    const tagged = new ChannelFleet(Testing.app(), 'Fleet', {
      customers: ids(3).map(customer),
      maxChannelsPerStack: 2,
      namespaces,
      stateBackend: FleetStateBackend.hcpTerraform({ organization: 'contoso', hostname: 'tfe.contoso.example', tags: ['partner-events'] }),
    });
    expect(synthOf(tagged.shards[1]).terraform.cloud).toEqual({ organization: 'contoso', hostname: 'tfe.contoso.example', workspaces: { tags: ['partner-events'] } });
    expect(tagged.shardEntries.map((e) => e.state)).toEqual([
      { backend: 'cloud', workspace: 'Fleet-shard-000' }, { backend: 'cloud', workspace: 'Fleet-shard-001' },
    ]);
  });

  test('S3: an object per shard', () => {
    const fleet = new ChannelFleet(Testing.app(), 'Fleet', {
      customers: ids(1).map(customer),
      maxChannelsPerStack: 2,
      namespaces,
      stateBackend: FleetStateBackend.s3({ bucket: 'contoso-tf-state', region: 'eu-west-1', keyPrefix: 'fleet/', dynamodbTable: 'tf-locks' }),
    });
    expect(synthOf(fleet.shards[0]).terraform.backend.s3).toEqual({
      bucket: 'contoso-tf-state', region: 'eu-west-1', key: 'fleet/Fleet-shard-000.tfstate', dynamodb_table: 'tf-locks', encrypt: true,
    });
  });

  test('applyTo gives any other stack (the namespaces\' stack) its own state the same way', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'contoso-namespaces');
    FleetStateBackend.azurerm(AZURERM).applyTo(stack, stack.node.id);
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.azurerm.key).toBe('prod/contoso-namespaces.tfstate');
  });

  test.each([
    ['a storage account with capitals', FleetStateBackend.azurerm({ ...AZURERM, storageAccountName: 'ContosoState' }), 'storageAccountName', '"ContosoState"'],
    ['a storage account of 25 characters', FleetStateBackend.azurerm({ ...AZURERM, storageAccountName: 'a'.repeat(25) }), 'storageAccountName', `"${'a'.repeat(25)}"`],
    ['a container with two hyphens in a row', FleetStateBackend.azurerm({ ...AZURERM, containerName: 'fleet--state' }), 'containerName', '"fleet--state"'],
    ['a resource group ending in a period', FleetStateBackend.azurerm({ ...AZURERM, resourceGroupName: 'state.' }), 'resourceGroupName', '"state."'],
    ['a key prefix starting with a slash', FleetStateBackend.azurerm({ ...AZURERM, keyPrefix: '/prod/' }), 'state key', '"/prod/Fleet-shard-000.tfstate"'],
    ['a workspace name over 90 characters', FleetStateBackend.hcpTerraform({ organization: 'contoso', workspacePrefix: 'w'.repeat(80) }), 'workspace name', `"${'w'.repeat(80)}Fleet-shard-000"`],
    ['a workspace prefix with a slash', FleetStateBackend.hcpTerraform({ organization: 'contoso', workspacePrefix: 'events/' }), 'workspace name', '"events/Fleet-shard-000"'],
    ['an empty tag list', FleetStateBackend.hcpTerraform({ organization: 'contoso', tags: [] }), 'tags are empty', '[]'],
    ['a bucket with capitals', FleetStateBackend.s3({ bucket: 'Contoso-State', region: 'eu-west-1' }), 'bucket', '"Contoso-State"'],
    ['a region that is not a region code', FleetStateBackend.s3({ bucket: 'contoso-state', region: 'Ireland' }), 'region', '"Ireland"'],
  ])('refuses %s, naming the shard, the value and the fix', (_name, stateBackend, field, shown) => {
    const make = () => new ChannelFleet(Testing.app(), 'Fleet', { customers: ids(1).map(customer), maxChannelsPerStack: 1, namespaces, stateBackend });
    expect(make).toThrow('[Fleet/Fleet-shard-000] EGP037: ');
    expect(make).toThrow(field);
    expect(make).toThrow(`(${shown}) — `);
  });

  test('accepts the nearest good values: 24 and 3 characters, single hyphens, a 90-character workspace, a dotted bucket', () => {
    const good = [
      FleetStateBackend.azurerm({ ...AZURERM, storageAccountName: 'a'.repeat(24), containerName: 'f-s', resourceGroupName: 'state.(1)_x' }),
      FleetStateBackend.azurerm({ ...AZURERM, storageAccountName: 'abc', keyPrefix: 'prod/fleet/' }),
      FleetStateBackend.hcpTerraform({ organization: 'contoso', workspacePrefix: 'w'.repeat(75) }),
      FleetStateBackend.s3({ bucket: 'contoso.tf-state', region: 'us-gov-west-1' }),
    ];
    for (const stateBackend of good) {
      expect(() => new ChannelFleet(Testing.app(), 'Fleet', { customers: ids(1).map(customer), maxChannelsPerStack: 1, namespaces, stateBackend })).not.toThrow();
    }
  });
});

describe('the matrix file (cdktf.out/fleet-<id>.json)', () => {
  test('lists every shard with its folder, size, change and state, and is written at synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-matrix-'));
    try {
      const app = new App({ outdir });
      const previous = { c0000: 0, c0001: 0, c0002: 1, gone: 1 };
      new ChannelFleet(app, 'Fleet', {
        customers: ['c0000', 'c0001', 'c0002', 'c0003', 'c0004'].map(customer),
        maxChannelsPerStack: 2,
        namespaces,
        previousAssignment: previous,
        stateBackend: FleetStateBackend.azurerm(AZURERM),
      });
      app.synth();
      const matrix = JSON.parse(fs.readFileSync(path.join(outdir, 'fleet-Fleet.json'), 'utf8'));
      expect(matrix).toEqual({
        fleet: 'Fleet',
        shards: [
          { name: 'Fleet-shard-000', stackFolder: 'stacks/Fleet-shard-000', customers: 2, changed: false, added: 0, removed: 0, state: { backend: 'azurerm', key: 'prod/Fleet-shard-000.tfstate' } },
          { name: 'Fleet-shard-001', stackFolder: 'stacks/Fleet-shard-001', customers: 2, changed: true, added: 1, removed: 1, state: { backend: 'azurerm', key: 'prod/Fleet-shard-001.tfstate' } },
          { name: 'Fleet-shard-002', stackFolder: 'stacks/Fleet-shard-002', customers: 1, changed: true, added: 1, removed: 0, state: { backend: 'azurerm', key: 'prod/Fleet-shard-002.tfstate' } },
        ],
      });
      for (const shard of matrix.shards) {
        expect(fs.existsSync(path.join(outdir, shard.stackFolder, 'cdk.tf.json'))).toBe(true);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('without a previous assignment every shard is changed; without a backend no state is listed', () => {
    const fleet = new ChannelFleet(Testing.app(), 'Fleet', { customers: ids(3).map(customer), maxChannelsPerStack: 2, namespaces });
    const shards = JSON.parse(fleet.matrixJson()).shards;
    expect(shards.map((s: any) => [s.changed, s.added, s.state])).toEqual([[true, 2, undefined], [true, 1, undefined]]);
  });
});

/** Synthesizes a fleet into a fresh folder; returns each shard's cdk.tf.json text and the assignment. */
function synthFleet(customerIds: string[], capacity: number, previous?: { [id: string]: number }) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-change-'));
  try {
    const app = new App({ outdir });
    const fleet = new ChannelFleet(app, 'Fleet', {
      customers: customerIds.map(customer),
      maxChannelsPerStack: capacity,
      namespaces,
      previousAssignment: previous,
      stateBackend: FleetStateBackend.azurerm(AZURERM),
    });
    app.synth();
    const texts = new Map(fleet.shards.map((s) => [s.node.id, fs.readFileSync(path.join(outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8')]));
    const matrix = JSON.parse(fs.readFileSync(path.join(outdir, 'fleet-Fleet.json'), 'utf8'));
    return { texts, assignment: fleet.assignment, matrix };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The shards whose cdk.tf.json differs, byte for byte, between two synths. */
function changedShards(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

describe('changes move nothing else (byte-compared shard by shard)', () => {
  const base = ids(50);
  const first = synthFleet(base, 10);

  test('adding one customer changes exactly one shard, and the matrix marks that one', () => {
    const after = synthFleet([...base, 'c9999'], 10, first.assignment);
    expect(changedShards(first.texts, after.texts)).toEqual(['Fleet-shard-005']);
    expect(after.matrix.shards.filter((s: any) => s.changed).map((s: any) => s.name)).toEqual(['Fleet-shard-005']);
  });

  test('removing one customer changes exactly one shard', () => {
    const after = synthFleet(base.filter((id) => id !== 'c0023'), 10, first.assignment);
    expect(changedShards(first.texts, after.texts)).toEqual(['Fleet-shard-002']);
    expect(after.matrix.shards.filter((s: any) => s.changed).map((s: any) => s.name)).toEqual(['Fleet-shard-002']);
  });

  test('renaming one customer changes at most two shards (here one: the new id takes the freed slot)', () => {
    const renamed = base.map((id) => (id === 'c0023' ? 'c0023-renamed' : id));
    const after = synthFleet(renamed, 10, first.assignment);
    expect(changedShards(first.texts, after.texts)).toEqual(['Fleet-shard-002']);
    // in a fleet with room in a lower shard, the new id goes there: two shards change, no more
    const gap = synthFleet(base.filter((id) => id !== 'c0005'), 10, first.assignment);
    const renamedLater = gap.assignment;
    const after2 = synthFleet(base.filter((id) => id !== 'c0005').map((id) => (id === 'c0044' ? 'c0044-renamed' : id)), 10, renamedLater);
    expect(changedShards(gap.texts, after2.texts)).toEqual(['Fleet-shard-000', 'Fleet-shard-004']);
  });

  test('lowering the shard size moves only each shard\'s excess, the fewest customers', () => {
    const after = synthFleet(base, 8, first.assignment);
    const moved = base.filter((id) => after.assignment[id] !== first.assignment[id]);
    expect(moved).toHaveLength(10); // 2 from each of the 5 full shards of 10: none fewer can fit in 8
    expect(changedShards(first.texts, after.texts)).toEqual(['Fleet-shard-000', 'Fleet-shard-001', 'Fleet-shard-002', 'Fleet-shard-003', 'Fleet-shard-004', 'Fleet-shard-005', 'Fleet-shard-006']);
  });
});
