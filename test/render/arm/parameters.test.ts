// Parameter naming: one parameter per value, named after it, unique as ARM compares names (case-insensitively),
// the deployment's own inner parameters reserved; secure parameters lose their default.
import { DEPLOYMENT_RESOURCE_GROUP, DEPLOYMENT_SUBSCRIPTION, parameterType, Parameters, uniqueName } from '../../../src/render/arm/parameters';

describe('Parameters', () => {
  test('a value gets one parameter however often it occurs; names are unique case-insensitively, suffixed from 2', () => {
    const p = new Parameters();
    expect(p.nameFor('var:a', 'region', { type: 'string' })).toBe('region');
    expect(p.nameFor('var:a', 'ignored', { type: 'int' })).toBe('region');
    expect(p.nameFor('tf:b', 'Region', { type: 'string' })).toBe('Region2');
    expect(p.nameFor('tf:c', 'region', { type: 'string' })).toBe('region3');
    expect(p.size).toBe(3);
    expect(p.get('region')).toEqual({ type: 'string' });
    expect(Object.keys(p.toTemplate())).toEqual(['region', 'Region2', 'region3']);
  });

  test('the nested deployments\' inner parameter names are taken', () => {
    const p = new Parameters();
    expect(p.nameFor('x', DEPLOYMENT_RESOURCE_GROUP, { type: 'string' })).toBe(`${DEPLOYMENT_RESOURCE_GROUP}2`);
    expect(p.nameFor('y', DEPLOYMENT_SUBSCRIPTION.toUpperCase(), { type: 'string' })).toBe(`${DEPLOYMENT_SUBSCRIPTION.toUpperCase()}2`);
  });

  test('secure() makes a parameter secure and drops its default; required() lists those without default', () => {
    const p = new Parameters();
    p.nameFor('a', 'url', { type: 'string', defaultValue: 'https://example.com' });
    p.nameFor('b', 'list', { type: 'array', defaultValue: [] });
    p.nameFor('c', 'plain', { type: 'string', defaultValue: 'x' });
    expect(p.required()).toEqual([]);
    p.secure('url');
    p.secure('list');
    expect(p.get('url')).toEqual({ type: 'securestring' });
    expect(p.get('list')).toEqual({ type: 'secureObject' });
    expect(p.required()).toEqual(['url', 'list']);
  });

  test('naming stays linear: the suffix resumes where it stopped, skipping names taken by other bases', () => {
    const used = new Set<string>();
    const next = new Map<string, number>();
    const format = (b: string, i: number) => `${b}${i}`;
    expect(uniqueName('a', used, next, format)).toBe('a');
    used.add('a3');
    expect(uniqueName('a', used, next, format)).toBe('a2');
    expect(uniqueName('A', used, next, format)).toBe('A4');
    expect(next.get('a')).toBe(5);
  });
});

describe('parameterType', () => {
  test.each([
    ['number', false, undefined, 'int'],
    ['bool', false, undefined, 'bool'],
    ['list(string)', false, undefined, 'array'],
    ['set(string)', false, undefined, 'array'],
    ['map(string)', false, undefined, 'object'],
    ['object({ a = string })', false, undefined, 'object'],
    ['string', false, undefined, 'string'],
    [undefined, false, 3, 'int'],
    ['any', false, true, 'bool'],
    [undefined, false, ['a'], 'array'],
    [undefined, false, { a: 1 }, 'object'],
    ['string', true, undefined, 'securestring'],
    ['map(string)', true, undefined, 'secureObject'],
  ])('%s (sensitive %s, default %j) is %s', (tfType, sensitive, defaultValue, expected) => {
    expect(parameterType(tfType, sensitive, defaultValue)).toBe(expected);
  });
});
