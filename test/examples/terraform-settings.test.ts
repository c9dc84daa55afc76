// The Terraform settings every example's stacks need to run: the azurerm provider's subscription (azurerm 4 refuses
// to plan without one, from the configuration or ARM_SUBSCRIPTION_ID), and Terraform 1.11 or later where azapi's
// write-only sensitive_body is used.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addAllExamples } from '../../examples/all';
import { addFleetExample } from '../../examples/fleet/app';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function synthStacks(add: (app: App) => void): Map<string, any> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-settings-'));
  try {
    const app = new App({ outdir });
    add(app);
    app.synth();
    const stacks = new Map<string, any>();
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
      stacks.set(stack, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')));
    }
    return stacks;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const usesSensitiveBody = (tf: any): boolean => Object.values<any>(tf.resource?.azapi_resource ?? {}).some((r) => r.sensitive_body !== undefined);

describe('the examples\' Terraform settings', () => {
  const stacks = synthStacks((app) => {
    addAllExamples(app);
    const noFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-')), 'assignment.json');
    addFleetExample(app, { customers: 20, maxChannelsPerStack: 10, assignmentFile: noFile });
  });

  test('every stack gives the azurerm provider its subscription id', () => {
    expect(stacks.size).toBeGreaterThanOrEqual(5);
    for (const [name, tf] of stacks) {
      const blocks = tf.provider?.azurerm ?? [];
      expect([name, blocks.length]).toEqual([name, 1]);
      expect([name, blocks[0].subscription_id]).toEqual([name, expect.stringMatching(GUID)]);
    }
  });

  test('a stack that sends a sensitive_body requires Terraform 1.11 or later; one whose channels expire at plantimestamp() 1.5; others nothing', () => {
    const withSecrets = [...stacks].filter(([, tf]) => usesSensitiveBody(tf)).map(([n]) => n).sort();
    expect(withSecrets).toEqual(['contoso-private', 'fabrikam-customer']);
    for (const [name, tf] of stacks) {
      const expected = usesSensitiveBody(tf) ? '>= 1.11' : JSON.stringify(tf.resource ?? {}).includes('plantimestamp()') ? '>= 1.5' : undefined;
      expect([name, tf.terraform.required_version]).toEqual([name, expected]);
    }
    expect(stacks.get('contoso-partner').terraform.required_version).toBe('>= 1.5');
  });
});
