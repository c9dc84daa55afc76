// One measured synthesis, in its own process: `<variant> <channels> <outdir> <library folder>`.
// variant `library`: the constructs (channels with two event types, one subscription each, validated);
// variant `addressed`: the hand-written program, the same Terraform resources written directly with cdktf and no
// validation, each under plain constructs that mirror the library's construct tree, so that its Terraform
// (addresses and metadata included) is the library's, byte for byte: the baseline of the targets;
// variant `handwritten`: the same program with each resource at the top of the stack (other addresses, so other
// Terraform resources with the same bodies), to show what the library's addresses cost;
// variant `library-no-model`: the library with the emulator's model file turned off (context
// `cdktf-azure-partner-events:emulatorModel` false), to measure what writing it costs.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const [variant, count, outdir, libDir] = process.argv.slice(2);
const n = Number(count);
const isLibrary = variant === 'library' || variant === 'library-no-model';
const loadStarted = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const { EventgridPartnerNamespace } = require('@cdktf/provider-azurerm/lib/eventgrid-partner-namespace');
const { EventgridPartnerRegistration } = require('@cdktf/provider-azurerm/lib/eventgrid-partner-registration');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { App, TerraformStack } = require('cdktf');
const { Construct } = require('constructs');
// every module either variant uses is loaded before the clock starts
const lib = isLibrary ? require(libDir) : undefined;
const { ValidationIndex } = isLibrary ? require(path.join(libDir, 'validation', 'engine')) : { ValidationIndex: undefined };
const azapi = !isLibrary ? require(path.join(libDir, 'internal', 'cdktf', 'azapi')) : undefined;
if (!isLibrary) {
  // The hand-written programs use the library's azapi binding, but resolve every attribute as cdktf does for any
  // program (and as a binding made by `cdktf get` would): putting plain-data bodies in after resolution is the
  // library's own rendering (src/internal/cdktf/literal-splice.ts), not part of the baseline.
  require(path.join(libDir, 'internal', 'cdktf', 'literal-splice')).setLiteralSplice(false);
}
/* eslint-enable @typescript-eslint/no-require-imports */

const EVENT_TYPES = [{ type: 'com.contoso.ticketcreated' }, { type: 'com.contoso.ticketclosed' }];
const subscriptionOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function library(stack: any): () => number {
  const registration = new lib.PartnerRegistration(stack, 'Registration', { resourceGroupName: 'contoso', registrationName: 'contoso' });
  const namespace = new lib.PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  for (let i = 0; i < n; i++) {
    const channel = namespace.addChannel(`Customer${i}`, {
      channelName: `customer-${i}`,
      partnerTopicSubscriptionId: subscriptionOf(i),
      partnerTopicResourceGroupName: 'events',
      partnerTopicName: 'contoso-tickets',
      source: `com.contoso.customer${i}`,
      eventTypes: EVENT_TYPES,
    });
    channel.partnerTopic.addEventSubscription('Webhook', {
      eventSubscriptionName: 'tickets-webhook',
      destination: new lib.destinations.WebHook({ endpointUrl: 'https://handler.contoso.example/tickets' }),
    });
  }
  return () => ValidationIndex.of(stack).validationMillis;
}

/** The body paths whose change replaces a channel (the library's, written out). */
const CHANNEL_REPLACED_BY = [
  'properties.partnerTopicInfo.azureSubscriptionId', 'properties.partnerTopicInfo.resourceGroupName',
  'properties.partnerTopicInfo.name', 'properties.partnerTopicInfo.source',
];

/**
 * The hand-written program. `scoped` puts each resource where the library puts it (`Namespace/Customer0/Resource`)
 * under plain constructs, instead of at the top of the stack.
 */
function handwritten(stack: any, scoped: boolean): () => number {
  const at = (parent: any, id: string): [any, string] => (scoped ? [new Construct(parent, id), 'Resource'] : [stack, id]);
  const under = (parent: any, id: string) => (scoped ? new Construct(parent, id) : stack);
  new azapi.AzapiProviderBlock(stack, 'azapi');
  const registration = new EventgridPartnerRegistration(...at(stack, 'Registration'), { name: 'contoso', resourceGroupName: 'contoso' });
  const [namespaceScope, namespaceId] = at(stack, 'Namespace');
  const namespace = new EventgridPartnerNamespace(namespaceScope, namespaceId, {
    name: 'contoso-westus2',
    location: 'westus2',
    resourceGroupName: 'contoso',
    partnerRegistrationId: registration.id,
    partnerTopicRoutingMode: 'ChannelNameHeader',
    publicNetworkAccess: 'Enabled',
    localAuthenticationEnabled: true,
  });
  new azapi.AzapiUpdateResource(scoped ? namespaceScope : stack, 'MinimumTls', {
    type: 'Microsoft.EventGrid/partnerNamespaces@2025-02-15',
    resourceId: namespace.id,
    body: { properties: { minimumTlsVersionAllowed: '1.2' } },
    locks: [namespace.id],
  });
  const inline = Object.fromEntries(EVENT_TYPES.map((t) => [t.type, {}]));
  for (let i = 0; i < n; i++) {
    const sub = subscriptionOf(i);
    const [channelScope, channelId] = at(namespaceScope, `Customer${i}`);
    const channel = new azapi.AzapiResource(channelScope, channelId, {
      type: 'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
      name: `customer-${i}`,
      parentId: namespace.id,
      body: { properties: { channelType: 'PartnerTopic', partnerTopicInfo: { azureSubscriptionId: sub, resourceGroupName: 'events', name: 'contoso-tickets', source: `com.contoso.customer${i}`, eventTypeInfo: { kind: 'Inline', inlineEventTypes: inline } } } },
      locks: [namespace.id],
      replaceTriggersRefs: CHANNEL_REPLACED_BY,
    });
    const topicId = `/subscriptions/${sub}/resourceGroups/events/providers/Microsoft.EventGrid/partnerTopics/${channel.getStringAttribute('body.properties.partnerTopicInfo.name')}`;
    const [webhookScope, webhookId] = scoped ? at(under(channelScope, 'PartnerTopic'), 'Webhook') : [stack, `Customer${i}Webhook`];
    new azapi.AzapiResource(webhookScope, webhookId, {
      type: 'Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15',
      name: 'tickets-webhook',
      parentId: topicId,
      body: { properties: { destination: { endpointType: 'WebHook' }, eventDeliverySchema: 'CloudEventSchemaV1_0' } },
      sensitiveBody: { properties: { destination: { properties: { endpointUrl: 'https://handler.contoso.example/tickets' } } } },
    });
  }
  return () => 0;
}

/** JSON with sorted keys: the same document gives the same text whatever order its keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Two digests of the Terraform resources: `exact` covers everything (addresses, construct paths, references);
 * `bodies` covers what each resource asks Azure for, with addresses left out (the metadata dropped, references to
 * other resources kept by type only), so that programs that name their resources differently compare equal.
 */
function resourceDigests(resources: { [type: string]: { [id: string]: any } }): { exact: string; bodies: string } {
  const bodies: string[] = [];
  for (const [type, byId] of Object.entries(resources)) {
    for (const block of Object.values(byId)) {
      const { ['//']: _metadata, ...body } = block;
      bodies.push(`${type} ${canonical(body).replace(/\$\{([a-z0-9_]+)\.[A-Za-z0-9_]+/g, '${$1.*')}`);
    }
  }
  return { exact: sha256(canonical(resources)), bodies: sha256(bodies.sort().join('\n')) };
}

function bytesUnder(dir: string, filter: (file: string) => boolean): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? bytesUnder(p, filter) : filter(p) ? fs.statSync(p).size : 0;
  }
  return total;
}

const loadMs = performance.now() - loadStarted;
const started = performance.now();
const app = new App({ outdir, context: variant === 'library-no-model' ? { 'cdktf-azure-partner-events:emulatorModel': false } : undefined });
const stack = new TerraformStack(app, 'bench');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
const validationMillis = isLibrary ? library(stack) : handwritten(stack, variant === 'addressed');
const built = performance.now();
app.synth();
const done = performance.now();
// what the synthesis keeps alive: the heap after a full collection (steadier than the peak, which depends on
// when the collector happened to run)
(global as unknown as { gc?: () => void }).gc?.();
const retainedHeapKb = Math.round(process.memoryUsage().heapUsed / 1024);
const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8'));
const counts: { [type: string]: number } = {};
for (const [type, byId] of Object.entries(tf.resource ?? {})) {
  counts[type] = Object.keys(byId as object).length;
}
process.stdout.write(`${JSON.stringify({
  variant,
  channels: n,
  loadMs,
  buildMs: built - started,
  synthMs: done - built,
  totalMs: done - started,
  validationMs: validationMillis(),
  maxRssKb: process.resourceUsage().maxRSS,
  retainedHeapKb,
  terraformBytes: bytesUnder(outdir, (f) => f.endsWith('cdk.tf.json')),
  outputBytes: bytesUnder(outdir, () => true),
  resources: counts,
  resourceDigests: resourceDigests(tf.resource ?? {}),
})}\n`);
