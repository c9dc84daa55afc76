// The literal splice: attributes of plain data are put into the stack's JSON after cdktf has resolved it. The JSON
// must be what cdktf's own resolution gives, for plain bodies, bodies with tokens and bodies with escape hatches.
import { Lazy, TerraformStack, Testing, Token } from 'cdktf';
import { AzapiProviderBlock, AzapiResource } from '../../src/internal/cdktf/azapi';
import { resolvesToItself, setLiteralSplice } from '../../src/internal/cdktf/literal-splice';
import { renderedBlockOf } from '../../src/internal/cdktf/overrides';

const PARENT = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/g/providers/Microsoft.EventGrid/partnerNamespaces/n';

/** The same stack synthesized with the splice on and off. */
function bothWays(build: (stack: TerraformStack) => void): { on: string; off: string } {
  const synth = (on: boolean) => {
    setLiteralSplice(on);
    try {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'a');
      new AzapiProviderBlock(stack, 'azapi');
      build(stack);
      return Testing.synth(stack);
    } finally {
      setLiteralSplice(true);
    }
  };
  return { on: synth(true), off: synth(false) };
}

function channel(stack: TerraformStack, id: string, body: { [key: string]: any }): AzapiResource {
  return new AzapiResource(stack, id, {
    type: 'Microsoft.EventGrid/partnerNamespaces/channels@2025-02-15',
    name: id.toLowerCase(),
    parentId: PARENT,
    body,
    sensitiveBody: { properties: { secret: 's3cret' } },
    replaceTriggersRefs: ['properties.partnerTopicInfo.name'],
  });
}

describe('resolvesToItself', () => {
  test('plain data is; a token, a number token, an undefined array item or a class instance is not', () => {
    expect(resolvesToItself({ a: ['x', 1, true, null, { b: 'c' }], guid: '5b4b650e-28b9-4790-b3ab-ddbd88d727c4', n: 1e300 })).toBe(true);
    expect(resolvesToItself({ a: Token.asString(Lazy.stringValue({ produce: () => 'x' })) })).toBe(false);
    expect(resolvesToItself({ n: Token.asNumber(Lazy.numberValue({ produce: () => 1 })) })).toBe(false);
    expect(resolvesToItself({ s: `id-${Token.asNumber(Lazy.numberValue({ produce: () => 1 }))}` })).toBe(false);
    expect(resolvesToItself({ a: ['x', undefined] })).toBe(false);
    expect(resolvesToItself({ d: new Date(0) })).toBe(false);
    expect(resolvesToItself({ [Token.asString(Lazy.stringValue({ produce: () => 'k' }))]: 1 })).toBe(false);
    // a member left undefined is dropped by both ways
    expect(resolvesToItself({ a: 'x', b: undefined })).toBe(true);
  });
});

describe('AzapiResource with the splice', () => {
  test('a plain body renders what cdktf resolves, byte for byte', () => {
    const { on, off } = bothWays((s) => channel(s, 'Channel', { properties: { channelType: 'PartnerTopic', partnerTopicInfo: { name: 'tickets', eventTypeInfo: { inlineEventTypes: { a: {} } } } } }));
    expect(on).toBe(off);
    expect(JSON.parse(on).resource.azapi_resource.Channel.body.properties.partnerTopicInfo.name).toBe('tickets');
    expect(on).not.toContain('partner-events-literal');
  });

  test('a body with a token is resolved by cdktf', () => {
    const { on, off } = bothWays((s) => {
      const other = channel(s, 'Other', { properties: {} });
      channel(s, 'Channel', { properties: { partnerTopicInfo: { name: other.getStringAttribute('name') } } });
    });
    expect(on).toBe(off);
    expect(JSON.parse(on).resource.azapi_resource.Channel.body.properties.partnerTopicInfo.name).toBe('${azapi_resource.Other.name}');
  });

  test('an escape hatch on the body merges into it as it does without the splice', () => {
    const { on, off } = bothWays((s) => channel(s, 'Channel', { properties: { a: 1 } }).addOverride('body.properties.b', 2));
    expect(on).toBe(off);
    expect(JSON.parse(on).resource.azapi_resource.Channel.body).toEqual({ properties: { a: 1, b: 2 } });
  });

  test("an element rendered on its own (a user's toTerraform()) shows its body: only a whole stack's rendering splices", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'a');
    const c = channel(stack, 'Channel', { properties: { a: 1 } });
    const own = (c.toTerraform() as any).resource.azapi_resource.Channel;
    expect(own.body).toEqual({ properties: { a: 1 } });
    expect(own.replace_triggers_refs).toEqual(['properties.partnerTopicInfo.name']);
    expect(JSON.parse(Testing.synth(stack)).resource.azapi_resource.Channel.body).toEqual({ properties: { a: 1 } });
  });

  test('a block read on its own shows its body, not the marker', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'a');
    const c = channel(stack, 'Channel', { properties: { a: 1 } });
    const block = renderedBlockOf(c);
    expect(block.body).toEqual({ properties: { a: 1 } });
    expect(block.sensitive_body).toEqual({ properties: { secret: 's3cret' } });
    expect(block.replace_triggers_refs).toEqual(['properties.partnerTopicInfo.name']);
  });
});
