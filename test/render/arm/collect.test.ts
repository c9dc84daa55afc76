// Collecting a resource from its rendered azapi block: how azapi merges sensitive_body into body, key order, and
// which leaves of a sensitive_body are secrets.
import { mergePatch, orderLike, secretLeaves } from '../../../src/render/arm/collect';

test('mergePatch merges objects member by member, replaces arrays and scalars, and removes members set to null', () => {
  expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2], d: 1 }, { a: { c: 3, e: 4 }, l: [3], d: null })).toEqual({ a: { b: 1, c: 3, e: 4 }, l: [3] });
  expect(mergePatch({ a: 1 }, 'x')).toBe('x');
});

test('orderLike puts keys in the order of the reference, then the value\'s own', () => {
  const out = orderLike({ z: 1, a: { y: 1, x: 2 }, extra: true }, { a: { x: 0, y: 0 }, z: 0 });
  expect(JSON.stringify(out)).toBe('{"a":{"x":2,"y":1},"z":1,"extra":true}');
});

test('secretLeaves: every string leaf, except the non-secret members of delivery attribute mappings', () => {
  const out = new Set<string>();
  secretLeaves({
    destination: {
      properties: {
        endpointUrl: 'https://example.com/?code=secret',
        deliveryAttributeMappings: [
          { name: 'plain', type: 'Static', properties: { value: 'v', isSecret: false } },
          { name: 'key', type: 'Static', properties: { value: 's', isSecret: true } },
        ],
      },
    },
  }, [], out);
  expect([...out]).toEqual([
    'destination/properties/endpointUrl',
    'destination/properties/deliveryAttributeMappings/1/properties/value',
  ]);
});
