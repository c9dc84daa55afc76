// One measured synthesis, in its own process: `<variant> <channels> <outdir> <library folder>`.
// variant `library`: the constructs (channels with two event types, one subscription each, validated);
// variant `handwritten`: the same Terraform resources written directly with cdktf, no validation.
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const [variant, count, outdir, libDir] = process.argv.slice(2);
const n = Number(count);
const loadStarted = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const { EventgridPartnerNamespace } = require('@cdktf/provider-azurerm/lib/eventgrid-partner-namespace');
const { EventgridPartnerRegistration } = require('@cdktf/provider-azurerm/lib/eventgrid-partner-registration');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { App, TerraformStack } = require('cdktf');
// every module either variant uses is loaded before the clock starts
const lib = variant === 'library' ? require(libDir) : undefined;
const { PartnerEventsModel } = variant === 'library' ? require(path.join(libDir, 'validation', 'engine')) : { PartnerEventsModel: undefined };
const azapi = variant === 'handwritten' ? require(path.join(libDir, 'internal', 'cdktf', 'azapi')) : undefined;
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
  return () => PartnerEventsModel.of(stack).validationMillis;
}

function handwritten(stack: any): () => number {
  new azapi.AzapiProviderBlock(stack, 'azapi');
  const registration = new EventgridPartnerRegistration(stack, 'Registration', { name: 'contoso', resourceGroupName: 'contoso' });
  const namespace = new EventgridPartnerNamespace(stack, 'Namespace', {
    name: 'contoso-westus2',
    location: 'westus2',
    resourceGroupName: 'contoso',
    partnerRegistrationId: registration.id,
    partnerTopicRoutingMode: 'ChannelNameHeader',
    publicNetworkAccess: 'Enabled',
    localAuthenticationEnabled: true,
  });
  new azapi.AzapiUpdateResource(stack, 'MinimumTls', {
    type: 'Microsoft.EventGrid/partnerNamespaces@2025-02-15', resourceId: namespace.id, body: { properties: { minimumTlsVersionAllowed: '1.2' } },
  });
  const inline = Object.fromEntries(EVENT_TYPES.map((t) => [t.type, {}]));
  for (let i = 0; i < n; i++) {
    const sub = subscriptionOf(i);
    const channel = new azapi.AzapiResource(stack, `Customer${i}`, {
      type: 'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
      name: `customer-${i}`,
      parentId: namespace.id,
      body: { properties: { channelType: 'PartnerTopic', partnerTopicInfo: { azureSubscriptionId: sub, resourceGroupName: 'events', name: 'contoso-tickets', source: `com.contoso.customer${i}`, eventTypeInfo: { kind: 'Inline', inlineEventTypes: inline } } } },
    });
    const topicId = `/subscriptions/${sub}/resourceGroups/events/providers/Microsoft.EventGrid/partnerTopics/${channel.getStringAttribute('body.properties.partnerTopicInfo.name')}`;
    new azapi.AzapiResource(stack, `Customer${i}Webhook`, {
      type: 'Microsoft.EventGrid/partnerTopics/eventSubscriptions@2025-02-15',
      name: 'tickets-webhook',
      parentId: topicId,
      body: { properties: { destination: { endpointType: 'WebHook', properties: {} }, eventDeliverySchema: 'CloudEventSchemaV1_0' } },
      sensitiveBody: { properties: { destination: { properties: { endpointUrl: 'https://handler.contoso.example/tickets' } } } },
    });
  }
  return () => 0;
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
const app = new App({ outdir });
const stack = new TerraformStack(app, 'bench');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
const validationMillis = variant === 'library' ? library(stack) : handwritten(stack);
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
})}\n`);
