// The fleet example as a pipeline runs it: the matrix file it writes, each shard's own state, and the example
// GitHub Actions workflow reading exactly what the fleet writes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { addFleetExample } from '../../examples/fleet/app';

const WORKFLOW = path.join(__dirname, '..', '..', 'examples', 'fleet', 'pipeline.yml');

describe('the fleet example in a pipeline', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-example-'));
  let fleetId = '';
  beforeAll(() => {
    const app = new App({ outdir });
    const fleet = addFleetExample(app, { customers: 30, maxChannelsPerStack: 10, assignmentFile: path.join(outdir, 'no-assignment.json') });
    fleetId = fleet.node.id;
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('writes the matrix file, and each shard keeps its state in its own azurerm blob', () => {
    const matrix = JSON.parse(fs.readFileSync(path.join(outdir, `fleet-${fleetId}.json`), 'utf8'));
    expect(matrix.shards.map((s: any) => [s.name, s.customers, s.changed])).toEqual([
      ['contoso-fleet-shard-000', 10, true], ['contoso-fleet-shard-001', 10, true], ['contoso-fleet-shard-002', 10, true],
    ]);
    for (const shard of matrix.shards) {
      const tf = JSON.parse(fs.readFileSync(path.join(outdir, shard.stackFolder, 'cdk.tf.json'), 'utf8'));
      expect(tf.terraform.backend.azurerm).toMatchObject({ container_name: 'partner-events', key: `fleet/${shard.name}.tfstate` });
      expect(shard.state).toEqual({ backend: 'azurerm', key: `fleet/${shard.name}.tfstate` });
    }
  });

  test('the workflow reads the matrix file the fleet writes, runs a job per shard in its folder, and applies only changed plans on main', () => {
    const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8'));
    const matrixStep = workflow.jobs.synth.steps.find((s: any) => s.id === 'matrix');
    expect(matrixStep.run).toContain(`cdktf.out/fleet-${fleetId}.json`);
    expect(workflow.jobs.synth.outputs.shards).toBe('${{ steps.matrix.outputs.shards }}');
    const shard = workflow.jobs.shard;
    expect(shard.needs).toBe('synth');
    expect(shard.strategy.matrix.shard).toBe('${{ fromJson(needs.synth.outputs.shards) }}');
    expect(shard.defaults.run['working-directory']).toBe('cdktf.out/${{ matrix.shard.stackFolder }}');
    // every field of an entry the workflow reads is one the matrix file has
    const entry = JSON.parse(fs.readFileSync(path.join(outdir, `fleet-${fleetId}.json`), 'utf8')).shards[0];
    const fields = [...JSON.stringify(workflow).matchAll(/matrix\.shard\.(\w+)/g)].map((m) => m[1]);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      expect(Object.keys(entry)).toContain(field);
    }
    const plan = shard.steps.find((s: any) => s.id === 'plan');
    expect(plan.run).toContain('terraform plan -input=false -detailed-exitcode -out=tfplan');
    const apply = shard.steps.find((s: any) => s.name === 'Apply');
    expect(apply.if).toBe("github.ref == 'refs/heads/main' && steps.plan.outputs.changes == 'true'");
    expect(apply.run).toBe('terraform apply -input=false tfplan');
  });
});
