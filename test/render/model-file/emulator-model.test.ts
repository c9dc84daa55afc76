// The model file synth writes beside each stack (partner-events.model.json), and how the emulator reads a whole
// synthesized app from it.
import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, Lazy, TerraformStack, TerraformVariable } from 'cdktf';
import { addAllExamples } from '../../../examples/all';
import {
  AdvancedFilter, destinations, Duration, PartnerNamespace, PartnerRegistration, PartnerTopic, PartnerTopicRoutingMode,
} from '../../../src';
import { MODEL_CONTEXT_KEY, MODEL_FILE_NAME, readAppModel } from '../../../src/emulator';
import { checkModelFile } from '../../../src/emulator/model-file';
import { removeTemp, synthApp, tempDir } from '../../support/emulator';
import { newRegistration } from '../../support/fixtures';

const SUB = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
const dirs: string[] = [];

function synth(build: (app: App) => void): string {
  const outdir = synthApp(build);
  dirs.push(outdir);
  return outdir;
}

/** The model file as written (version 2 leaves defaults out). */
function storedModelOf(outdir: string, stack: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, MODEL_FILE_NAME), 'utf8'));
}

/** The model file as the emulator reads it: every record whole. */
function modelOf(outdir: string, stack: string): any {
  return checkModelFile(stack, storedModelOf(outdir, stack));
}

afterAll(() => dirs.forEach(removeTemp));

describe('the model file of the examples', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synth(addAllExamples);
  });

  test('every stack with partner resources writes one, versioned', () => {
    for (const stack of ['contoso-partner', 'fabrikam-customer', 'contoso-private']) {
      expect(storedModelOf(outdir, stack)).toMatchObject({ schemaVersion: 2, generator: 'cdktf-azure-partner-events', stack });
    }
  });

  test('the private-use stack: namespace, channel, activated topic, webhook subscription', () => {
    const model = modelOf(outdir, 'contoso-private');
    expect(model.namespaces).toEqual([{
      path: 'contoso-private/Namespace',
      name: 'contoso-private-westus2',
      location: 'westus2',
      routingMode: 'ChannelNameHeader',
      localAuthEnabled: true,
      publicNetworkAccess: 'Enabled',
      inboundIpRules: [],
      imported: false,
    }]);
    expect(model.channels).toEqual([{
      path: 'contoso-private/Namespace/SelfChannel',
      kind: 'Channel',
      name: 'contoso-private-tickets',
      namespace: { path: 'contoso-private/Namespace', name: 'contoso-private-westus2' },
      source: 'com.contoso.private',
      partnerTopic: { subscriptionId: '8a0d3bc9-f4e5-4271-8d8e-9f0a1b2c3d4e', resourceGroupName: 'private-consumer', name: 'contoso-private-tickets' },
      eventTypes: ['com.contoso.ticketcreated', 'com.contoso.ticketclosed'],
      advancedFilters: [],
      expirationTimeIfNotActivatedUtc: null,
    }]);
    expect(model.partnerTopics).toEqual([expect.objectContaining({ activated: true, channelPath: 'contoso-private/Namespace/SelfChannel', location: 'westus2' })]);
    expect(model.eventSubscriptions).toEqual([expect.objectContaining({
      name: 'private-webhook',
      destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://tickets.contoso.example/api/private-events' }, withTopicIdentity: false },
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 },
      deadLetter: null,
      eventDeliverySchema: 'CloudEventSchemaV1_0',
      sensitive: ['endpointUrl'],
    })]);
    expect(model.notes).toEqual([]);
  });

  test('the customer stack: retry policy, dead-letter settings, filters, delivery with the topic identity', () => {
    const subs = Object.fromEntries(modelOf(outdir, 'fabrikam-customer').eventSubscriptions.map((s: any) => [s.name, s]));
    expect(subs['ticket-webhook'].destination.properties).toEqual({ endpointUrl: 'https://tickets.fabrikam.example/api/contoso-events', maxEventsPerBatch: 10 });
    expect(subs['ticket-webhook'].filter.includedEventTypes).toEqual(['com.contoso.ticketcreated', 'com.contoso.ticketclosed']);
    expect(subs['closed-tickets-queue']).toMatchObject({
      retryPolicy: { maxDeliveryAttempts: 10, eventTimeToLiveInMinutes: 360 },
      deadLetter: { endpointType: 'StorageBlob', blobContainerName: 'contoso-dead-letters', withTopicIdentity: false },
    });
    expect(subs['analytics-hub'].destination).toMatchObject({ endpointType: 'EventHub', withTopicIdentity: true });
  });

  test('values that are Terraform expressions at synth are null, with a note; never a token string', () => {
    const model = modelOf(outdir, 'contoso-partner');
    expect(model.channels).toHaveLength(7);
    expect(model.channels.every((c: any) => c.expirationTimeIfNotActivatedUtc === null)).toBe(true);
    expect(model.notes).toContainEqual({
      path: 'contoso-partner/Namespace-westus2/fabrikam',
      field: 'expirationTimeIfNotActivatedUtc',
      note: 'a Terraform expression at synth (known only at apply): written as null',
    });
    for (const stack of ['contoso-partner', 'fabrikam-customer', 'contoso-private']) {
      const text = fs.readFileSync(path.join(outdir, 'stacks', stack, MODEL_FILE_NAME), 'utf8');
      expect(text).not.toMatch(/\$\{|TOKEN\[|#\{Token/);
    }
  });

  test('the emulator joins the stacks: the customer stack activates the topic the partner stack\'s channel creates', () => {
    const app = readAppModel(outdir);
    expect(app.stacks).toEqual(['contoso-partner', 'contoso-private', 'fabrikam-customer']);
    const fabrikam = app.partnerTopics.find((t) => t.path === 'fabrikam-customer/ContosoTickets');
    expect(fabrikam).toMatchObject({ activated: true, partnerTopic: { resourceGroupName: 'fabrikam-events', name: 'contoso-tickets' } });
    expect(app.channels.filter((c) => c.partnerTopic.resourceGroupName === 'fabrikam-events')).toHaveLength(1);
  });

  test('synthesis stays deterministic', () => {
    const again = synth(addAllExamples);
    for (const stack of ['contoso-partner', 'fabrikam-customer', 'contoso-private']) {
      expect(fs.readFileSync(path.join(again, 'stacks', stack, MODEL_FILE_NAME), 'utf8'))
        .toBe(fs.readFileSync(path.join(outdir, 'stacks', stack, MODEL_FILE_NAME), 'utf8'));
    }
  });
});

describe('turning the model file off', () => {
  function synthWithContext(context: { [key: string]: unknown } | undefined): string {
    const outdir = synth((app) => {
      Object.entries(context ?? {}).forEach(([k, v]) => app.node.setContext(k, v));
      const stack = new TerraformStack(app, 'partner');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const registration = newRegistration(stack, 'rg');
      const namespace = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
      namespace.addChannel('Fabrikam', { partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'events', partnerTopicName: 'contoso-tickets', source: 'com.contoso' });
    });
    return outdir;
  }
  const written = (outdir: string, file: string) => fs.existsSync(path.join(outdir, 'stacks', 'partner', file));

  test.each([[false], ['false']])('context %p: no model file, the Terraform and the ARM template still written', (value) => {
    const outdir = synthWithContext({ [MODEL_CONTEXT_KEY]: value });
    expect(written(outdir, MODEL_FILE_NAME)).toBe(false);
    expect(written(outdir, 'cdk.tf.json')).toBe(true);
    expect(written(outdir, 'deploymentTemplate.json')).toBe(true);
    // the emulator, pointed at such an output, says which setting left the file out
    expect(() => readAppModel(outdir)).toThrow(`without context ${MODEL_CONTEXT_KEY} set to false`);
  });

  test.each([[undefined], [true], ['true']])('context %p: the model file is written', (value) => {
    const outdir = synthWithContext(value === undefined ? undefined : { [MODEL_CONTEXT_KEY]: value });
    expect(modelOf(outdir, 'partner').channels.map((c: any) => c.name)).toEqual([expect.any(String)]);
  });
});

describe('the model file of hand-made apps', () => {
  test('event channels with filters, imported namespaces, tokens that resolve and tokens that do not', () => {
    const outdir = synth((app) => {
      const stack = new TerraformStack(app, 'mixed');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'rg', registrationName: 'reg-one' });
      const ns = new PartnerNamespace(stack, 'Namespace', {
        resourceGroupName: 'rg',
        location: 'westus2',
        partnerRegistration: registration,
        namespaceName: 'ns-source',
        routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
        localAuthEnabled: false,
        inboundIpRules: [{ ipMask: '10.0.0.0/8' }],
      });
      ns.addEventChannel('Channel', {
        eventChannelName: Lazy.stringValue({ produce: () => 'lazy-channel' }),
        source: 'com.example.one',
        partnerTopicSubscriptionId: SUB,
        partnerTopicResourceGroupName: 'customer',
        partnerTopicName: 'one',
        advancedFilters: [AdvancedFilter.numberIn('data.n', [1, 5])],
      });
      const imported = PartnerNamespace.fromPartnerNamespaceAttributes(stack, 'Imported', {
        partnerNamespaceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.EventGrid/partnerNamespaces/ns-imported`,
        location: 'westus2',
        routingMode: PartnerTopicRoutingMode.CHANNEL_NAME_HEADER,
      });
      imported.addChannel('Two', { channelName: 'two', source: 'two', partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'customer', partnerTopicName: 'two' });
      const url = new TerraformVariable(stack, 'hook', { type: 'string' });
      PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
        partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'customer', partnerTopicName: 'one', location: 'westus2',
      }).addEventSubscription('Hook', {
        eventSubscriptionName: 'hook',
        destination: new destinations.WebHook({ endpointUrl: url.stringValue, maxEventsPerBatch: 5 }),
        subjectBeginsWith: 'a/',
        isSubjectCaseSensitive: true,
        labels: ['x'],
        eventTimeToLive: Duration.minutes(5),
        advancedFilters: [AdvancedFilter.stringIn('data.tags', ['t'])],
        enableAdvancedFilteringOnArrays: true,
      });
      // A stack without partner resources writes no model file.
      new TerraformStack(app, 'empty');
    });
    expect(fs.existsSync(path.join(outdir, 'stacks', 'empty', MODEL_FILE_NAME))).toBe(false);
    const model = modelOf(outdir, 'mixed');
    expect(model.namespaces).toEqual([
      expect.objectContaining({ name: 'ns-source', routingMode: 'SourceEventAttribute', localAuthEnabled: false, inboundIpRules: ['10.0.0.0/8'], imported: false }),
      expect.objectContaining({ path: 'mixed/Imported', name: 'ns-imported', routingMode: 'ChannelNameHeader', localAuthEnabled: null, imported: true }),
    ]);
    expect(model.channels[0]).toMatchObject({
      kind: 'EventChannel',
      name: 'lazy-channel',
      source: 'com.example.one',
      advancedFilters: [{ operatorType: 'NumberIn', key: 'data.n', values: [1, 5] }],
    });
    expect(model.channels[1]).toMatchObject({ kind: 'Channel', name: 'two', namespace: { path: 'mixed/Imported', name: 'ns-imported' } });
    const sub = model.eventSubscriptions[0];
    expect(sub.destination.properties).toEqual({ endpointUrl: null, maxEventsPerBatch: 5 });
    expect(sub).toMatchObject({
      labels: ['x'],
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 5 },
      filter: { subjectBeginsWith: 'a/', isSubjectCaseSensitive: true, enableAdvancedFilteringOnArrays: true, includedEventTypes: null },
    });
    expect(model.notes).toEqual([{ path: 'mixed/Topic/Hook', field: 'destination.properties.endpointUrl', note: 'a Terraform expression at synth (known only at apply): written as null' }]);
  });
});

describe('version 2: what the file leaves out, and the reader puts back', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synth(addAllExamples);
  });

  test('defaults and shared coordinates are not written', () => {
    const stored = storedModelOf(outdir, 'contoso-private');
    expect(stored.namespaces).toEqual([{
      path: 'contoso-private/Namespace', name: 'contoso-private-westus2', location: 'westus2', routingMode: 'ChannelNameHeader', localAuthEnabled: true, publicNetworkAccess: 'Enabled',
    }]);
    // the topic's coordinates are its channel's; the subscription's are its topic's
    expect(stored.partnerTopics).toEqual([{ path: 'contoso-private/Namespace/SelfChannel/PartnerTopic', location: 'westus2', activated: true, channelPath: 'contoso-private/Namespace/SelfChannel' }]);
    expect(stored.eventSubscriptions[0]).not.toHaveProperty('partnerTopic');
    expect(stored.eventSubscriptions[0]).not.toHaveProperty('retryPolicy');
    expect(stored.eventSubscriptions[0]).not.toHaveProperty('deadLetter');
    expect(stored.eventSubscriptions[0].destination).toEqual({ endpointType: 'WebHook', properties: { endpointUrl: 'https://tickets.contoso.example/api/private-events' } });
  });

  test('a value that differs from the default is written, false and null included where the default is another', () => {
    const subs = storedModelOf(outdir, 'fabrikam-customer').eventSubscriptions;
    expect(subs.find((s: any) => s.name === 'closed-tickets-queue')).toHaveProperty('deadLetter');
    expect(subs.some((s: any) => s.retryPolicy !== undefined)).toBe(true);
  });

  test('every stack reads back to the same records a version-1 file (every member written) gives', () => {
    for (const stack of ['contoso-partner', 'fabrikam-customer', 'contoso-private']) {
      const expanded = modelOf(outdir, stack);
      const asVersion1 = checkModelFile(stack, JSON.parse(JSON.stringify({ ...expanded, schemaVersion: 1 })));
      expect({ ...asVersion1, schemaVersion: 2 }).toEqual(expanded);
      // and the expansion is whole: each record has every member of its type
      for (const s of expanded.eventSubscriptions) {
        expect(Object.keys(s).sort()).toEqual(['deadLetter', 'destination', 'eventDeliverySchema', 'expirationTimeUtc', 'filter', 'labels', 'name', 'partnerTopic', 'path', 'retryPolicy', 'sensitive', 'topicPath']);
      }
      for (const t of expanded.partnerTopics) {
        expect(t.partnerTopic).toEqual({ subscriptionId: expect.any(String), resourceGroupName: expect.any(String), name: expect.any(String) });
      }
    }
  });

  test('the file is at most 60% of what writing every member takes, on a fleet-like stack', () => {
    const fleet = synth((app) => {
      const stack = new TerraformStack(app, 'fleet');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const registration = newRegistration(stack, 'rg');
      const namespace = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'rg', location: 'westus2', partnerRegistration: registration });
      for (let i = 0; i < 50; i++) {
        namespace.addChannel(`C${i}`, {
          partnerTopicSubscriptionId: SUB,
          partnerTopicResourceGroupName: 'events',
          partnerTopicName: `topic-${i}`,
          source: `com.contoso.c${i}`,
          eventTypes: [{ type: 'com.contoso.a' }],
        }).partnerTopic.addEventSubscription('Hook', { destination: new destinations.WebHook({ endpointUrl: 'https://h.example/x' }) });
      }
    });
    const written = fs.readFileSync(path.join(fleet, 'stacks', 'fleet', MODEL_FILE_NAME), 'utf8').length;
    const whole = JSON.stringify({ ...modelOf(fleet, 'fleet'), schemaVersion: 1 }).length + 1;
    expect(written / whole).toBeLessThan(0.6);
  });
});

describe('reading a synthesized app', () => {
  test('refuses what it cannot use, saying where and why', () => {
    const dir = tempDir('bad-model');
    dirs.push(dir);
    expect(() => readAppModel(dir)).toThrow(/manifest\.json does not exist — synthesize the app first/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { a: { workingDirectory: 'stacks/a' } } }));
    expect(() => readAppModel(dir)).toThrow(/no stack in .* has a partner-events\.model\.json/);
    fs.mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
    const write = (json: unknown) => fs.writeFileSync(path.join(dir, 'stacks', 'a', MODEL_FILE_NAME), JSON.stringify(json));
    write({ schemaVersion: 3 });
    expect(() => readAppModel(dir)).toThrow(/schemaVersion 3 is not supported \(this emulator reads versions 1 and 2\)/);
    const empty = { schemaVersion: 2, generator: 'g', stack: 'a', namespaces: [], channels: [], partnerTopics: [], eventSubscriptions: [], notes: [] };
    write({ ...empty, channels: ['x'] });
    expect(() => readAppModel(dir)).toThrow(/channels\[0\] is not a record with a construct path/);
    write({ ...empty, partnerTopics: [{ path: 'a/T', channelPath: 'a/Missing' }] });
    expect(() => readAppModel(dir)).toThrow(/partner topic a\/T gives no partner topic coordinates, and its channelPath "a\/Missing" names no channel of the file/);
    write({ ...empty, eventSubscriptions: [{ path: 'a/T/S', topicPath: 'a/T' }] });
    expect(() => readAppModel(dir)).toThrow(/event subscription a\/T\/S gives no partner topic coordinates, and its topicPath "a\/T" names no partner topic of the file/);
    write(empty);
    expect(readAppModel(dir).channels).toEqual([]);
    fs.writeFileSync(path.join(dir, 'stacks', 'a', MODEL_FILE_NAME), '{');
    expect(() => readAppModel(dir)).toThrow(/partner-events\.model\.json: not valid JSON/);
  });
});
