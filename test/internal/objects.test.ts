// The small object helpers the constructs and the provider bindings share.
import { definedMembers, Slot, withoutUndefined } from '../../src/internal/objects';

describe('withoutUndefined and definedMembers', () => {
  test('undefined members are dropped, the others kept in their order (null, false, 0 and "" are values)', () => {
    const out = withoutUndefined({ b: 1, a: undefined, c: null, d: false, e: 0, f: '' });
    expect(Object.keys(out)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(definedMembers({ x: undefined, y: 2 })).toEqual({ y: 2 });
  });

  test('definedMembers gives undefined when nothing is left, withoutUndefined an empty object', () => {
    expect(definedMembers({ x: undefined })).toBeUndefined();
    expect(withoutUndefined({ x: undefined })).toEqual({});
  });
});

describe('Slot', () => {
  test('keeps one value per object, apart from other slots, out of keys and JSON', () => {
    const first = new Slot<string>('first');
    const second = new Slot<string>('first');
    const a = { name: 'a' };
    const b = { name: 'b' };
    expect(first.has(a)).toBe(false);
    first.set(a, 'one');
    second.set(a, 'two');
    expect(first.get(a)).toBe('one');
    expect(second.get(a)).toBe('two');
    expect(first.get(b)).toBeUndefined();
    expect(first.has(a)).toBe(true);
    expect(Object.keys(a)).toEqual(['name']);
    expect(JSON.stringify(a)).toBe('{"name":"a"}');
  });
});
