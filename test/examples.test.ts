import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addAllExamples } from '../examples/all';
import { filesUnder } from './support/outcomes';
import { addCustomerExample } from '../examples/customer/app';
import { addFleetExample } from '../examples/fleet/app';
import { addPartnerExample } from '../examples/partner/app';
import { addPrivateExample } from '../examples/private/app';

function synthAll(add: (app: App) => void): { dir: string; files: Map<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
  const app = new App({ outdir: dir });
  add(app);
  app.synth();
  return { dir, files: filesUnder(dir) };
}

describe('the examples', () => {
  test('synthesizing every example twice gives byte-identical output', () => {
    const first = synthAll(addAllExamples).files;
    const second = synthAll(addAllExamples).files;
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, text] of first) {
      expect(second.get(file)).toBe(text);
    }
  });

  test('the partner example: one registration, a namespace per region, a channel per customer, endpoint and sensitive key outputs', () => {
    const { files } = synthAll((app) => addPartnerExample(app));
    const tf = JSON.parse(files.get('stacks/contoso-partner/cdk.tf.json')!);
    expect(Object.keys(tf.resource.azurerm_eventgrid_partner_registration)).toHaveLength(1);
    const namespaces = Object.values(tf.resource.azurerm_eventgrid_partner_namespace) as any[];
    expect(namespaces.map((n) => n.location).sort()).toEqual(['westeurope', 'westus2']);
    const channels = Object.values(tf.resource.azapi_resource) as any[];
    expect(channels).toHaveLength(7);
    for (const c of channels) {
      expect(Object.keys(c.body.properties.partnerTopicInfo.eventTypeInfo.inlineEventTypes).sort()).toEqual(['com.contoso.ticketclosed', 'com.contoso.ticketcreated']);
    }
    const outputs = tf.output;
    expect(outputs['endpoint-westus2'].value).toMatch(/\.endpoint\}$/);
    for (const key of ['key1-westus2', 'key2-westus2', 'key1-westeurope', 'key2-westeurope']) {
      expect(outputs[key].sensitive).toBe(true);
    }
    expect(outputs['endpoint-westus2'].sensitive).toBeUndefined();
  });

  test('every example synthesizes as part of the main command', () => {
    const { files } = synthAll(addAllExamples);
    expect([...files.keys()].filter((f) => f.endsWith('cdk.tf.json')).sort()).toEqual([
      'stacks/contoso-partner/cdk.tf.json', 'stacks/contoso-private/cdk.tf.json', 'stacks/fabrikam-customer/cdk.tf.json',
    ]);
  });

  test('the customer example: authorization both ways, activation, and three subscriptions in CloudEvents 1.0', () => {
    const { files } = synthAll((app) => addCustomerExample(app));
    const tf = JSON.parse(files.get('stacks/fabrikam-customer/cdk.tf.json')!);
    const configs = Object.values(tf.resource.azurerm_eventgrid_partner_configuration) as any[];
    expect(configs.map((c) => c.partner_authorization[0].partner_registration_id)).toEqual([
      '941892bc-f5d0-4d1c-8fb5-477570fc2b71',
      expect.stringMatching(/^\$\{data\.azapi_resource\.VerifiedContoso_Lookup_[0-9A-F]+\.output\.properties\.partnerRegistrationImmutableId\}$/),
    ]);
    expect((Object.values(tf.resource.azapi_resource_action) as any[]).map((a) => a.action)).toEqual(['activate']);
    const subscriptions = Object.values(tf.resource.azapi_resource) as any[];
    expect(subscriptions.map((s) => s.name).sort()).toEqual(['analytics-hub', 'closed-tickets-queue', 'ticket-webhook']);
    for (const s of subscriptions) {
      expect(s.body.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    }
    const webhook = subscriptions.find((s) => s.name === 'ticket-webhook');
    expect(JSON.stringify(webhook.body)).not.toContain('tickets.fabrikam.example');
    expect(webhook.sensitive_body.properties.destination.properties.endpointUrl).toBe('https://tickets.fabrikam.example/api/contoso-events');
    const queue = subscriptions.find((s) => s.name === 'closed-tickets-queue');
    expect(queue.body.properties.deadLetterDestination.properties.blobContainerName).toBe('contoso-dead-letters');
    const roles = Object.values(tf.resource.azurerm_role_assignment) as any[];
    expect(roles.map((r) => r.role_definition_name)).toEqual(['Azure Event Hubs Data Sender']);
  });

  test('the private example: both flows in one app, activation after the channel', () => {
    const { files } = synthAll((app) => addPrivateExample(app));
    const tf = JSON.parse(files.get('stacks/contoso-private/cdk.tf.json')!);
    const activation = Object.values(tf.resource.azapi_resource_action)[0] as any;
    expect(activation.resource_id).toMatch(/azapi_resource\.Namespace_SelfChannel_[0-9A-F]+\.body\.properties\.partnerTopicInfo\.name/);
    const config = Object.values(tf.resource.azurerm_eventgrid_partner_configuration)[0] as any;
    expect(config.partner_authorization[0].partner_registration_id).toMatch(/azurerm_eventgrid_partner_registration\.Registration_[0-9A-F]+\.partner_registration_id/);
  });

  test('the fleet example (scaled down): bounded shards, and a kept assignment moves nobody when a customer joins', () => {
    const noFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-')), 'assignment.json');
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'out-')) });
    const fleet = addFleetExample(app, { customers: 1000, maxChannelsPerStack: 100, assignmentFile: noFile });
    expect(fleet.shards).toHaveLength(10);
    fs.writeFileSync(noFile, fleet.assignmentJson());
    const again = addFleetExample(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'out-')) }), { customers: 1001, maxChannelsPerStack: 100, assignmentFile: noFile });
    expect(again.shards).toHaveLength(11);
    for (const [id, shard] of Object.entries(fleet.assignment)) {
      expect(again.assignment[id]).toBe(shard);
    }
  });

  test('a malformed customer file is refused with the position and field, not skipped', () => {
    const customers = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'partner', 'customers.json'), 'utf8'));
    customers[3].subscriptionId = 'tailspin-subscription';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'customers-')), 'customers.json');
    fs.writeFileSync(file, JSON.stringify(customers));
    expect(() => addPartnerExample(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'out-')) }), file))
      .toThrow(/customers\.json: 1 malformed customer record field\(s\)[^]*entry 4 \(customerId "tailspin"\): field subscriptionId must match pattern/);
  });

  test('a customer in a region without a namespace is refused, naming the entry', () => {
    const customers = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'partner', 'customers.json'), 'utf8'));
    customers[1].region = 'eastus';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'customers-')), 'customers.json');
    fs.writeFileSync(file, JSON.stringify(customers));
    expect(() => addPartnerExample(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'out-')) }), file))
      .toThrow('[contoso-partner] customers entry 2 (customerId "northwind"): field region ("eastus") has no partner namespace — add the region to regions (westus2, westeurope) or move the customer');
  });
});
