// The model-file writer reads the resource model, not the constructs: what an escape hatch or a property override
// changes is what the emulator sees.
import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { PartnerNamespace, PartnerRegistration } from '../../../src';
import { checkModelFile, MODEL_FILE_NAME } from '../../../src/emulator/model-file';
import { addPropertyOverride } from '../../../src/render/terraform/property-overrides';
import { removeTemp, synthApp } from '../../support/emulator';

const SUB = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTemp));

function modelAfter(change: (parts: ReturnType<typeof partner>) => void): any {
  const outdir = synthApp((app) => change(partner(app)));
  dirs.push(outdir);
  return checkModelFile('partner', JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'partner', MODEL_FILE_NAME), 'utf8')));
}

function partner(app: App) {
  const stack = new TerraformStack(app, 'partner');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'partner-rg', registrationName: 'contoso' });
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName: 'partner-rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2',
  });
  const channel = namespace.addChannel('Fabrikam', {
    partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'fabrikam-events', partnerTopicName: 'tickets', source: 'contoso.fabrikam',
  });
  const topic = channel.partnerTopic;
  topic.activate();
  return { namespace, channel, topic };
}

describe('the model file shows the effective descriptions', () => {
  test('as constructed', () => {
    const model = modelAfter(() => undefined);
    expect(model.channels[0].source).toBe('contoso.fabrikam');
    expect(model.channels[0].partnerTopic.name).toBe('tickets');
    expect(model.namespaces[0].localAuthEnabled).toBe(true);
    expect(model.partnerTopics[0]).toMatchObject({ activated: true, channelPath: 'partner/Namespace/Fabrikam' });
  });

  test('an addOverride on the channel\'s azapi block moves its partner topic and source in the model file', () => {
    const model = modelAfter(({ channel }) => {
      const block = channel.node.defaultChild as TerraformResource;
      block.addOverride('body.properties.partnerTopicInfo.name', 'tickets-moved');
      block.addOverride('body.properties.partnerTopicInfo.source', 'contoso.moved');
    });
    expect(model.channels[0].partnerTopic.name).toBe('tickets-moved');
    expect(model.channels[0].source).toBe('contoso.moved');
    // the channel's partner topic follows it, and its subscriptions would too
    expect(model.partnerTopics[0].partnerTopic.name).toBe('tickets-moved');
  });

  test('a property override on the namespace\'s azurerm block shows too', () => {
    const model = modelAfter(({ namespace }) => addPropertyOverride(namespace, 'disableLocalAuth', true));
    expect(model.namespaces[0].localAuthEnabled).toBe(false);
  });
});

test('the writer imports no construct class (it reads the model only)', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'src', 'render', 'model-file', 'writer.ts'), 'utf8');
  expect(source).not.toMatch(/from '\.\.\/\.\.\/(publisher|subscriber|destinations)\//);
  expect(source).not.toMatch(/instanceof/);
});
