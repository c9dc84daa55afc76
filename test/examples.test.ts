import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addAllExamples } from '../examples/all';
import { addPartnerExample } from '../examples/partner/app';

function synthAll(add: (app: App) => void): { dir: string; files: Map<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
  const app = new App({ outdir: dir });
  add(app);
  app.synth();
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else files.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return { dir, files };
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
