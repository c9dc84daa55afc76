// The emulator forwards each event's own bytes from the publish request: the splitter must find exactly the
// elements that JSON.parse found, whatever the whitespace, nesting and string contents.
import { arrayElements, serializedEvents } from '../../src/emulator/raw-events';

const split = (text: string) => arrayElements(Buffer.from(text))?.map((b) => b.toString('utf8'));

describe('arrayElements', () => {
  test('splits the top-level elements, without the whitespace around them', () => {
    expect(split('[{"a":1},{"b":[1,2,{"c":"]"}]}]')).toEqual(['{"a":1}', '{"b":[1,2,{"c":"]"}]}']);
    expect(split(' \r\n\t[ {"a" : 1} ,\n  {"b":2}\n ] \n')).toEqual(['{"a" : 1}', '{"b":2}']);
    expect(split('[1, -2.5e3, true, false, null, "x", [], {}]')).toEqual(['1', '-2.5e3', 'true', 'false', 'null', '"x"', '[]', '{}']);
    expect(split('[]')).toEqual([]);
    expect(split(' [ ] ')).toEqual([]);
  });

  test('skips strings, escaped quotes and backslashes included', () => {
    expect(split('[{"s":"a,\\"b\\"],{"},{"t":"\\\\"},{"u":"\\\\\\""}]')).toEqual(['{"s":"a,\\"b\\"],{"}', '{"t":"\\\\"}', '{"u":"\\\\\\""}']);
    expect(split('[{"é":"日本語, [x]"},{"n":1}]')).toEqual(['{"é":"日本語, [x]"}', '{"n":1}']);
  });

  test('gives up on what is not an array', () => {
    expect(split('{"a":1}')).toBeUndefined();
    expect(split('"[1,2]"')).toBeUndefined();
    expect(split('')).toBeUndefined();
  });

  test('agrees with JSON.parse on generated batches', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const strings = ['', 'plain', 'quote " inside', 'back \\ slash', 'brackets ] } [ {', 'comma, colon:', 'ünïcödé 🎉', '\\"', 'tab\tnew\nline'];
    const value = (depth: number): unknown => {
      switch (rand(depth > 2 ? 4 : 6)) {
        case 0: return strings[rand(strings.length)];
        case 1: return rand(1000) - 500 + rand(100) / 100;
        case 2: return [true, false, null][rand(3)];
        case 3: return strings[rand(strings.length)] + strings[rand(strings.length)];
        case 4: return Array.from({ length: rand(4) }, () => value(depth + 1));
        default: return Object.fromEntries(Array.from({ length: rand(4) }, (_, i) => [`${strings[rand(strings.length)]}${i}`, value(depth + 1)]));
      }
    };
    for (let round = 0; round < 200; round++) {
      const events = Array.from({ length: 1 + rand(6) }, () => value(0));
      const text = JSON.stringify(events, null, [undefined, 2, '\t', ' \r\n'][rand(4)]);
      const parts = split(text);
      expect(parts?.map((p) => JSON.parse(p))).toEqual(events);
    }
  });
});

describe('serializedEvents', () => {
  test('copies each event\'s bytes out of the request', () => {
    const body = Buffer.from('[ {"id":"a"} ,{"id":"b"}]');
    const events = JSON.parse(body.toString());
    const out = serializedEvents(body, events, true);
    expect(out.map((b) => b.toString())).toEqual(['{"id":"a"}', '{"id":"b"}']);
    body.fill(0x20); // the request's buffer is reused: the events keep their bytes
    expect(out.map((b) => b.toString())).toEqual(['{"id":"a"}', '{"id":"b"}']);
  });

  test('structured mode: the whole body, trimmed', () => {
    const body = Buffer.from('\n {"id":"a", "data": [1, 2]}\r\n');
    expect(serializedEvents(body, [JSON.parse(body.toString())], false).map((b) => b.toString())).toEqual(['{"id":"a", "data": [1, 2]}']);
  });

  test('falls back to JSON.stringify when the body does not split into the parsed events', () => {
    expect(serializedEvents(Buffer.from('[{"id":"a"}]'), [{ id: 'x' }, { id: 'y' }], true).map((b) => b.toString())).toEqual(['{"id":"x"}', '{"id":"y"}']);
  });
});
