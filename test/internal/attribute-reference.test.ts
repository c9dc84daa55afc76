// attributeReference: the same Terraform as cdktf's getStringAttribute, in one stack and across stacks, without
// capturing a stack trace.
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { attributeReference } from '../../src/internal/cdktf/attribute-reference';
import { AzapiProviderBlock, AzapiResource } from '../../src/internal/cdktf/azapi';

function channel(stack: TerraformStack, id: string): AzapiResource {
  return new AzapiResource(stack, id, {
    type: 'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
    name: id.toLowerCase(),
    parentId: '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/g/providers/Microsoft.EventGrid/partnerNamespaces/n',
    body: { properties: { channelType: 'PartnerTopic' } },
  });
}

/** Two apps built alike, one referring with cdktf's reference and one with ours, synthesized to JSON. */
function both(build: (stacks: { a: TerraformStack; b: TerraformStack }, refer: (r: AzapiResource, attr: string) => string) => void) {
  const out: string[] = [];
  for (const refer of [(r: AzapiResource, attr: string) => r.getStringAttribute(attr), attributeReference]) {
    const app = Testing.app();
    const stacks = { a: new TerraformStack(app, 'a'), b: new TerraformStack(app, 'b') };
    Object.values(stacks).forEach((s) => new AzapiProviderBlock(s, 'azapi'));
    build(stacks, refer);
    app.synth();
    out.push(JSON.stringify([Testing.synth(stacks.a), Testing.synth(stacks.b)]));
  }
  return out;
}

describe('attributeReference', () => {
  test('gives the expression getStringAttribute gives, alone and inside a string', () => {
    const [cdktf, ours] = both(({ a }, refer) => {
      const c = channel(a, 'Channel');
      new TerraformOutput(a, 'name', { value: refer(c, 'body.properties.partnerTopicInfo.name') });
      new TerraformOutput(a, 'topic', { value: `/subscriptions/s/partnerTopics/${refer(c, 'body.properties.partnerTopicInfo.name')}` });
    });
    expect(ours).toEqual(cdktf);
    expect(ours).toContain('${azapi_resource.Channel.body.properties.partnerTopicInfo.name}');
    expect(ours).toContain('/subscriptions/s/partnerTopics/${azapi_resource.Channel.body.properties.partnerTopicInfo.name}');
  });

  test('from another stack: the same cross-stack output and remote-state read as cdktf makes', () => {
    const [cdktf, ours] = both(({ a, b }, refer) => {
      const c = channel(a, 'Channel');
      new TerraformOutput(b, 'id', { value: refer(c, 'id') });
    });
    expect(ours).toEqual(cdktf);
    expect(ours).toContain('cross-stack-output-azapi_resourceChannelid');
  });

  test('captures no stack trace (cdktf reference does: that was the cost)', () => {
    const app = new App();
    const stack = new TerraformStack(app, 's');
    const c = channel(stack, 'Channel');
    const calls = { n: 0 };
    const original = Error.captureStackTrace;
    Error.captureStackTrace = (target: object, below?: Function) => {
      calls.n++;
      original(target, below);
    };
    try {
      attributeReference(c, 'id');
      expect(calls.n).toBe(0);
      c.getStringAttribute('name');
      expect(calls.n).toBeGreaterThan(0);
    } finally {
      Error.captureStackTrace = original;
    }
  });

  test('follows a logical id overridden after the reference was made', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    const c = channel(stack, 'Channel');
    new TerraformOutput(stack, 'id', { value: attributeReference(c, 'id') });
    c.overrideLogicalId('renamed');
    expect(Testing.synth(stack)).toContain('${azapi_resource.renamed.id}');
  });
});
