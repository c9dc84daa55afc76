// The private-use example deploys both sides in one app: the customer's partner configuration must authorize the
// partner in the topic's resource group before the channel creates the topic there (Event Grid refuses the channel
// otherwise), then the activation, then the event subscriptions. Proved on what Terraform and ARM read: the order
// each one derives from cdk.tf.json (depends_on and references) and from deploymentTemplate.json (dependsOn,
// nested deployments included).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addPrivateExample } from '../../examples/private/app';

function synthPrivate(): { tf: any; arm: any } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'private-order-'));
  try {
    const app = new App({ outdir });
    addPrivateExample(app);
    app.synth();
    const dir = path.join(outdir, 'stacks', 'contoso-private');
    return {
      tf: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')),
      arm: JSON.parse(fs.readFileSync(path.join(dir, 'deploymentTemplate.json'), 'utf8')),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Terraform's graph: each resource address → the addresses it waits for (depends_on and `${type.name.…}` references). */
function terraformGraph(tf: any): Map<string, Set<string>> {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(tf.resource as { [t: string]: { [n: string]: unknown } })) {
    for (const name of Object.keys(byName)) {
      addresses.push(`${type}.${name}`);
    }
  }
  const graph = new Map<string, Set<string>>();
  for (const address of addresses) {
    const [type, name] = address.split('.');
    const { '//': _meta, depends_on: dependsOn = [], ...rest } = tf.resource[type][name];
    const text = JSON.stringify(rest);
    const deps = new Set<string>(dependsOn);
    for (const other of addresses) {
      if (other !== address && text.includes(`\${${other}.`)) {
        deps.add(other);
      }
    }
    graph.set(address, deps);
  }
  return graph;
}

/** True when `from` waits for `to`, directly or through others. */
function waitsFor(graph: Map<string, Set<string>>, from: string, to: string, seen = new Set<string>()): boolean {
  for (const d of graph.get(from) ?? []) {
    if (d === to || (!seen.has(d) && (seen.add(d), waitsFor(graph, d, to, seen)))) {
      return true;
    }
  }
  return false;
}

function addressOf(tf: any, type: string, pathPart: string): string {
  const names = Object.entries(tf.resource[type] as { [n: string]: any })
    .filter(([, block]) => String(block['//'].metadata.path).includes(pathPart)).map(([n]) => n);
  expect(names).toHaveLength(1);
  return `${type}.${names[0]}`;
}

/**
 * ARM's graph over what the template deploys: each resource (by its `comments`, the construct path) or nested
 * deployment (by name) → what it waits for. A resource of a nested deployment waits for what its deployment waits
 * for; the deployment, for its resources.
 */
function armGraph(arm: any): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const idOf = new Map<string, string>();
  const key = (r: any) => (r.type === 'Microsoft.Resources/deployments' ? `deployment ${r.name}` : r.comments.replace(/^construct /, ''));
  const resourceId = (r: any) => `[resourceId(${[r.type, ...String(r.name).split('/')].map((p) => `'${p}'`).join(', ')})]`;
  for (const r of arm.resources) {
    idOf.set(resourceId(r), key(r));
  }
  for (const r of arm.resources) {
    const deps = new Set<string>((r.dependsOn ?? []).map((d: string) => idOf.get(d) ?? d));
    graph.set(key(r), deps);
    if (r.type === 'Microsoft.Resources/deployments') {
      // a nested deployment ends when its resources are deployed, which start after what it waits for
      for (const inner of r.properties.template.resources) {
        const innerKey = inner.comments.replace(/^construct /, '');
        graph.set(innerKey, new Set(deps));
        graph.set(key(r), new Set([...graph.get(key(r))!, innerKey]));
      }
    }
  }
  return graph;
}

describe('the private-use example deploys in the order Event Grid needs', () => {
  const { tf, arm } = synthPrivate();

  test('Terraform: authorization → channel → activation → event subscription', () => {
    const graph = terraformGraph(tf);
    const configuration = addressOf(tf, 'azurerm_eventgrid_partner_configuration', 'contoso-private/Authorization/');
    const channel = addressOf(tf, 'azapi_resource', '/SelfChannel/Resource');
    const activation = addressOf(tf, 'azapi_resource_action', '/PartnerTopic/Activation');
    const subscription = addressOf(tf, 'azapi_resource', '/ToWebhook/Resource');
    // the channel lists the configuration in depends_on (nothing in its body refers to it)
    expect(tf.resource.azapi_resource[channel.split('.')[1]].depends_on).toEqual([configuration]);
    expect(waitsFor(graph, channel, configuration)).toBe(true);
    expect(waitsFor(graph, activation, channel)).toBe(true);
    expect(waitsFor(graph, subscription, activation)).toBe(true);
    // and never the other way round
    expect(waitsFor(graph, configuration, channel)).toBe(false);
    expect(waitsFor(graph, channel, activation)).toBe(false);
    expect(waitsFor(graph, activation, subscription)).toBe(false);
  });

  test('ARM: the configuration\'s nested deployment comes before the channel, the subscription\'s after it', () => {
    const graph = armGraph(arm);
    const configuration = 'contoso-private/Authorization';
    const channel = 'contoso-private/Namespace/SelfChannel';
    const subscription = 'contoso-private/Namespace/SelfChannel/PartnerTopic/ToWebhook';
    expect(waitsFor(graph, channel, configuration)).toBe(true);
    expect(waitsFor(graph, subscription, channel)).toBe(true);
    expect(waitsFor(graph, configuration, channel)).toBe(false);
    // one resource group, two nested deployments: one before the channel, one after it
    const deployments = arm.resources.filter((r: any) => r.type === 'Microsoft.Resources/deployments');
    expect(deployments.map((d: any) => [d.name, d.resourceGroup, d.properties.template.resources.map((r: any) => r.type)])).toEqual([
      ['partner-events-private-consumer', 'private-consumer', ['Microsoft.EventGrid/partnerConfigurations']],
      ['partner-events-private-consumer-2', 'private-consumer', ['Microsoft.EventGrid/partnerTopics/eventSubscriptions']],
    ]);
    const channelResource = arm.resources.find((r: any) => r.type === 'Microsoft.EventGrid/partnerNamespaces/channels');
    expect(channelResource.dependsOn).toContain("[resourceId('Microsoft.Resources/deployments', 'partner-events-private-consumer')]");
  });
});
