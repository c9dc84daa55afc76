// The template's metadata and ARM's limits: how to deploy it (required parameters named), and warnings for
// templates over 800 resources, 256 parameters, 64 outputs or 4 MB.
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { limitWarnings } from '../../../src/render/arm/metadata';
import { renderArmTemplate } from '../../../src/render/arm/template';
import { describeResource } from '../../../src/render/terraform/describe';
import { newPartnerNamespace } from '../../support/fixtures';
import { newStack } from '../../support/synth';

class Widget extends Construct {
  constructor(scope: Construct, id: string, properties: { [key: string]: unknown }) {
    super(scope, id);
    describeResource(this, () => ({ construct: this, type: 'Contoso.Test/widgets', apiVersion: '2024-01-01', name: id.toLowerCase(), properties }));
  }

  public get resourceGroupName(): string {
    return 'widgets';
  }
}

test('deployTo: the template\'s group, and the command names the parameters without default', () => {
  const stack = newStack();
  const size = new TerraformVariable(stack, 'size', { type: 'string' });
  const color = new TerraformVariable(stack, 'color', { type: 'string', default: 'blue' });
  new Widget(stack, 'W', { size: size.stringValue, color: color.stringValue });
  const t = renderArmTemplate(stack)!;
  expect(t.metadata).toEqual({
    generator: { name: 'cdktf-azure-partner-events', stack: 'stack' },
    deployTo: { resourceGroup: 'widgets', command: 'az deployment group create --resource-group widgets --template-file deploymentTemplate.json --parameters size=<value>' },
    notDeployedByThisTemplate: [],
  });
  expect(Object.keys(t.parameters as object)).toEqual(['size', 'color']);
});

test('a stack with nothing to deploy and nothing left to commands has no template', () => {
  expect(renderArmTemplate(newStack())).toBeUndefined();
});

test('a namespace\'s key rotation is left to a command with its literal id', () => {
  const { stack } = newPartnerNamespace();
  const notDeployed = (renderArmTemplate(stack)!.metadata as any).notDeployedByThisTemplate;
  expect(notDeployed).toEqual([expect.objectContaining({
    constructPath: 'stack/Namespace',
    action: 'regenerateKey',
    resourceId: '/subscriptions/<subscription>/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2',
  })]);
});

describe('limit warnings', () => {
  const within = { resources: [], outputs: {} };

  test('none within the limits', () => {
    expect(limitWarnings(within, 256)).toEqual([]);
  });

  test('over 800 resources in the template or in a nested deployment', () => {
    const many = Array.from({ length: 801 }, () => ({ type: 'x' }));
    const nested = { type: 'Microsoft.Resources/deployments', name: 'partner-events-b', properties: { template: { resources: many } } };
    expect(limitWarnings({ resources: [...many, nested], outputs: {} }, 0)).toEqual([
      'the template holds 802 resources; ARM deploys at most 800 per template — split the stack',
      'nested deployment partner-events-b holds 801 resources; ARM deploys at most 800 per template — split the stack',
    ]);
  });

  test('over 256 parameters, over 64 outputs', () => {
    const outputs = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`o${i}`, {}]));
    expect(limitWarnings({ resources: [], outputs }, 257)).toEqual([
      'the template has 257 parameters; ARM allows at most 256',
      'the template has 65 outputs; ARM allows at most 64',
    ]);
  });

  test('over 4 MB', () => {
    const big = { resources: [{ type: 'x', properties: { blob: 'x'.repeat(4 * 1024 * 1024) } }], outputs: {} };
    expect(limitWarnings(big, 0)).toEqual([expect.stringMatching(/^the template is \d+ bytes; ARM accepts at most 4194304 \(4 MB\) — split the stack$/)]);
  });
});
