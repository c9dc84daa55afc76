import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { newPartnerNamespace } from '../../support/fixtures';
import { newStack, SUBSCRIPTION } from '../../support/synth';

function appWith(channels: number): { app: App; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arm-limit-'));
  const app = new App({ outdir: dir });
  const stack = newStack(app, 'big');
  const { namespace: ns } = newPartnerNamespace(stack, { resourceGroupName: 'rg', namespaceName: 'contoso' });
  for (let i = 0; i < channels; i++) {
    ns.addChannel(`C${i}`, { channelName: `c-${i}`, partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'rg', partnerTopicName: `topic-${i}`, source: `s${i}` });
  }
  return { app, dir };
}

describe('ARM template capacity (EGP029)', () => {
  test('a stack within 800 resources gets its template', () => {
    const { app, dir } = appWith(798); // 798 channels + registration + namespace = 800
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'big', 'deploymentTemplate.json'), 'utf8'));
    expect(template.resources).toHaveLength(800);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'partner-events-validation.json'), 'utf8'));
    expect(report.findings.filter((f: any) => f.ruleId === 'EGP029')).toEqual([]);
  });

  test('a stack over 800 resources gets none, and a warning that says why (the Terraform is still written)', () => {
    const { app, dir } = appWith(799);
    app.synth();
    expect(fs.existsSync(path.join(dir, 'stacks', 'big', 'deploymentTemplate.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'stacks', 'big', 'cdk.tf.json'))).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'partner-events-validation.json'), 'utf8'));
    expect(report.findings.filter((f: any) => f.ruleId === 'EGP029')).toEqual([expect.objectContaining({
      path: 'big',
      severity: 'warning',
      message: expect.stringMatching(/^EGP029: the stack has 801 partner resources, more than the 800 an ARM template holds, so no deploymentTemplate\.json is written for it \(801\) — spread the channels/),
    })]);
  });
});

describe('turning the ARM template off (context cdktf-azure-partner-events:armTemplate)', () => {
  const files = (context: { [key: string]: unknown } | undefined) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arm-off-'));
    const app = new App({ outdir: dir, context });
    const stack = newStack(app, 'small');
    const { namespace: ns } = newPartnerNamespace(stack, { resourceGroupName: 'rg', namespaceName: 'contoso' });
    ns.addChannel('C', { channelName: 'c-1', partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'rg', partnerTopicName: 'topic-1', source: 's1' });
    app.synth();
    const written = fs.readdirSync(path.join(dir, 'stacks', 'small')).sort();
    fs.rmSync(dir, { recursive: true, force: true });
    return written;
  };

  test('false (or the CLI string "false") writes no template; the Terraform and the model file are still written', () => {
    expect(files({ 'cdktf-azure-partner-events:armTemplate': false })).toEqual(['cdk.tf.json', 'partner-events.model.json']);
    expect(files({ 'cdktf-azure-partner-events:armTemplate': 'false' })).toEqual(['cdk.tf.json', 'partner-events.model.json']);
  });

  test('unset or true writes it', () => {
    expect(files(undefined)).toEqual(['cdk.tf.json', 'deploymentTemplate.json', 'partner-events.model.json']);
    expect(files({ 'cdktf-azure-partner-events:armTemplate': true })).toEqual(['cdk.tf.json', 'deploymentTemplate.json', 'partner-events.model.json']);
  });
});
