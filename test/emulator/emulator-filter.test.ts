// The emulator's pieces on their own: Event Grid's filter semantics (learn.microsoft.com/azure/event-grid/event-filtering),
// CloudEvents 1.0 validation with the SDK, and key / SAS token checks.
import { AzureKeyCredential, generateSharedAccessSignature } from '@azure/eventgrid';
import { AdvancedFilter } from '../../src';
import { keyMatches, parseServiceTime, sasTokenValid, toServiceTime } from '../../src/emulator/auth';
import { validateCloudEvent } from '../../src/emulator/cloudevents';
import { compileAdvancedFilter, compileSubscriptionFilter } from '../../src/emulator/filter';
import { ModelFilter } from '../../src/emulator/model-file';

const event = (extra: object = {}) => ({
  specversion: '1.0',
  id: '1',
  source: '/contoso',
  type: 'com.contoso.TicketCreated',
  subject: '/Tickets/Open/42',
  comexampleothervalue: 5,
  data: { priority: 3, status: 'Open', flag: true, tags: ['Urgent', 'billing'], scores: [1, 7], nested: { deep: { value: 'Azure Data Factory' } }, nothing: null },
  ...extra,
});

/** Whether the filter built by the library's own builder matches the event. */
function matches(filter: AdvancedFilter, arrays = false, e: object = event()): boolean {
  return compileAdvancedFilter(filter.toJson(), arrays)(e as any);
}

describe('advanced filters, operator by operator', () => {
  test.each([
    ['NumberIn', AdvancedFilter.numberIn('data.priority', [1, 3]), true],
    ['NumberIn (no value)', AdvancedFilter.numberIn('data.priority', [1, 2]), false],
    ['NumberNotIn', AdvancedFilter.numberNotIn('data.priority', [41, 0]), true],
    ['NumberNotIn (a value)', AdvancedFilter.numberNotIn('data.priority', [3]), false],
    ['NumberLessThan', AdvancedFilter.numberLessThan('data.priority', 4), true],
    ['NumberLessThan (equal)', AdvancedFilter.numberLessThan('data.priority', 3), false],
    ['NumberLessThanOrEquals', AdvancedFilter.numberLessThanOrEquals('data.priority', 3), true],
    ['NumberGreaterThan', AdvancedFilter.numberGreaterThan('data.priority', 3), false],
    ['NumberGreaterThanOrEquals', AdvancedFilter.numberGreaterThanOrEquals('data.priority', 3), true],
    ['NumberInRange', AdvancedFilter.numberInRange('data.priority', [{ lower: 3.14159, upper: 999.95 }, { lower: 0, upper: 1 }]), false],
    ['NumberInRange (inclusive)', AdvancedFilter.numberInRange('data.priority', [{ lower: 3, upper: 3 }]), true],
    ['NumberNotInRange', AdvancedFilter.numberNotInRange('data.priority', [{ lower: 4, upper: 10 }]), true],
    ['BoolEquals', AdvancedFilter.boolEquals('data.flag', true), true],
    ['BoolEquals (false)', AdvancedFilter.boolEquals('data.flag', false), false],
    ['StringIn (case-insensitive)', AdvancedFilter.stringIn('data.status', ['open', 'closed']), true],
    ['StringNotIn', AdvancedFilter.stringNotIn('data.status', ['aws', 'bridge']), true],
    ['StringNotIn (a value)', AdvancedFilter.stringNotIn('data.status', ['OPEN']), false],
    ['StringBeginsWith', AdvancedFilter.stringBeginsWith('subject', ['/tickets/']), true],
    ['StringNotBeginsWith', AdvancedFilter.stringNotBeginsWith('subject', ['/tickets/']), false],
    ['StringEndsWith', AdvancedFilter.stringEndsWith('type', ['created']), true],
    ['StringNotEndsWith', AdvancedFilter.stringNotEndsWith('type', ['closed']), true],
    ['StringContains (nested key)', AdvancedFilter.stringContains('data.nested.deep.value', ['microsoft', 'azure']), true],
    ['StringNotContains', AdvancedFilter.stringNotContains('data.nested.deep.value', ['contoso', 'fabrikam']), true],
    ['IsNullOrUndefined (missing)', AdvancedFilter.isNullOrUndefined('data.key1'), true],
    ['IsNullOrUndefined (null)', AdvancedFilter.isNullOrUndefined('data.nothing'), true],
    ['IsNullOrUndefined (set)', AdvancedFilter.isNullOrUndefined('data.status'), false],
    ['IsNotNull', AdvancedFilter.isNotNull('data.status'), true],
    ['IsNotNull (null)', AdvancedFilter.isNotNull('data.nothing'), false],
  ])('%s', (_name, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  test('a key the event does not have: no match, except NumberNotIn and StringNotIn', () => {
    const missing = 'data.key1';
    expect(matches(AdvancedFilter.numberNotIn(missing, [1]))).toBe(true);
    expect(matches(AdvancedFilter.stringNotIn(missing, ['a']))).toBe(true);
    for (const f of [
      AdvancedFilter.numberIn(missing, [1]), AdvancedFilter.numberGreaterThan(missing, 0), AdvancedFilter.numberLessThan(missing, 9),
      AdvancedFilter.numberGreaterThanOrEquals(missing, 0), AdvancedFilter.numberLessThanOrEquals(missing, 9),
      AdvancedFilter.boolEquals(missing, true),
      AdvancedFilter.stringIn(missing, ['a']), AdvancedFilter.stringContains(missing, ['a']), AdvancedFilter.stringNotContains(missing, ['a']),
      AdvancedFilter.stringBeginsWith(missing, ['a']), AdvancedFilter.stringNotBeginsWith(missing, ['a']),
      AdvancedFilter.stringEndsWith(missing, ['a']), AdvancedFilter.stringNotEndsWith(missing, ['a']),
    ]) {
      expect([f.operatorType, matches(f)]).toEqual([f.operatorType, false]);
    }
  });

  test('arrays: not matched unless enableAdvancedFilteringOnArrays; then any element (positive) or no element (NOT)', () => {
    const urgent = AdvancedFilter.stringIn('data.tags', ['urgent']);
    expect(matches(urgent, false)).toBe(false);
    expect(matches(urgent, true)).toBe(true);
    expect(matches(AdvancedFilter.stringNotIn('data.tags', ['urgent']), false)).toBe(false);
    expect(matches(AdvancedFilter.stringNotIn('data.tags', ['urgent']), true)).toBe(false);
    expect(matches(AdvancedFilter.stringNotIn('data.tags', ['test']), true)).toBe(true);
    expect(matches(AdvancedFilter.numberGreaterThan('data.scores', 5), true)).toBe(true);
    expect(matches(AdvancedFilter.numberNotInRange('data.scores', [{ lower: 5, upper: 10 }]), true)).toBe(false);
    expect(matches(AdvancedFilter.numberInRange('data.scores', [{ lower: 2, upper: 6 }]), true)).toBe(false);
    // Elements of another type than the filter's are ignored.
    const mixed = event({ data: { values: ['7', 7, true] } });
    expect(matches(AdvancedFilter.numberIn('data.values', [7]), true, mixed)).toBe(true);
    expect(matches(AdvancedFilter.boolEquals('data.values', true), true, mixed)).toBe(true);
    expect(matches(AdvancedFilter.numberNotIn('data.values', [8]), true, event({ data: { values: ['8'] } }))).toBe(true);
    // IsNotNull holds for an array, IsNullOrUndefined does not.
    expect(matches(AdvancedFilter.isNotNull('data.tags'))).toBe(true);
    expect(matches(AdvancedFilter.isNullOrUndefined('data.tags'))).toBe(false);
  });

  test('extension attributes and envelope keys; a numeric extension compared as text by string operators', () => {
    expect(matches(AdvancedFilter.stringBeginsWith('comexampleothervalue', ['5', '1']))).toBe(true);
    expect(matches(AdvancedFilter.numberIn('comexampleothervalue', [5]))).toBe(true);
    expect(matches(AdvancedFilter.stringIn('source', ['/CONTOSO']))).toBe(true);
    expect(matches(AdvancedFilter.stringIn('Data.Status', ['open']))).toBe(true);
    expect(matches(AdvancedFilter.stringIn('specversion', ['1.0']))).toBe(true);
    // No number operator matches a string, and no string operator matches an object.
    expect(matches(AdvancedFilter.numberIn('data.status', [3]))).toBe(false);
    expect(matches(AdvancedFilter.stringContains('data.nested', ['azure']))).toBe(false);
  });
});

describe('subscription filters', () => {
  const base: ModelFilter = {
    includedEventTypes: null,
    subjectBeginsWith: null,
    subjectEndsWith: null,
    isSubjectCaseSensitive: false,
    enableAdvancedFilteringOnArrays: false,
    advancedFilters: [],
  };
  const check = (f: Partial<ModelFilter>, e: object = event()) => compileSubscriptionFilter({ ...base, ...f })(e as any);

  test('event types (case-insensitive; All means every type), subject prefix and suffix (case-insensitive unless asked)', () => {
    expect(check({})).toBe(true);
    expect(check({ includedEventTypes: ['com.contoso.ticketcreated'] })).toBe(true);
    expect(check({ includedEventTypes: ['com.contoso.TicketClosed'] })).toBe(false);
    expect(check({ includedEventTypes: ['All'] })).toBe(true);
    expect(check({ subjectBeginsWith: '/tickets/open' })).toBe(true);
    expect(check({ subjectBeginsWith: '/tickets/open', isSubjectCaseSensitive: true })).toBe(false);
    expect(check({ subjectBeginsWith: '/Tickets/Open', subjectEndsWith: '/42', isSubjectCaseSensitive: true })).toBe(true);
    expect(check({ subjectEndsWith: '.jpg' })).toBe(false);
    expect(check({ subjectBeginsWith: '/tickets' }, event({ subject: undefined }))).toBe(false);
  });

  test('advanced filters are ANDed, each filter\'s values ORed', () => {
    const both = [AdvancedFilter.stringContains('subject', ['/tickets/']).toJson(), AdvancedFilter.numberIn('data.priority', [9, 3]).toJson()];
    expect(check({ advancedFilters: both })).toBe(true);
    expect(check({ advancedFilters: [...both, AdvancedFilter.boolEquals('data.flag', false).toJson()] })).toBe(false);
    expect(check({ advancedFilters: [AdvancedFilter.stringIn('data.tags', ['BILLING']).toJson()], enableAdvancedFilteringOnArrays: true })).toBe(true);
  });
});

describe('CloudEvents 1.0 validation', () => {
  test('specversion, required attributes, attribute names, formats; messages name the event and field', () => {
    expect(validateCloudEvent(event(), 0)).toEqual({});
    expect(validateCloudEvent({ ...event(), specversion: '1.0-rc1' }, 3).problem).toEqual({
      field: 'specversion', message: 'event 3: specversion is "1.0-rc1": a partner namespace accepts CloudEvents 1.0 only ("specversion": "1.0")',
    });
    const { specversion: _s, ...noVersion } = event();
    expect(validateCloudEvent(noVersion, 0).problem?.field).toBe('specversion');
    const { id: _i, ...noId } = event();
    expect(validateCloudEvent(noId, 1).problem?.message).toBe('event 1: id is missing: CloudEvents 1.0 requires id, source, specversion and type');
    expect(validateCloudEvent({ ...event(), type: '' }, 0).problem?.field).toBe('type');
    expect(validateCloudEvent({ ...event(), time: 'noon' }, 0).problem?.field).toBe('time');
    expect(validateCloudEvent({ ...event(), dataschema: 'not a uri' }, 0).problem?.field).toBe('dataschema');
    expect(validateCloudEvent({ ...event(), 'my-ext': 1 }, 0).problem?.field).toBe('my-ext');
    expect(validateCloudEvent({ ...event(), data_base64: 'Zm9v' }, 0).problem?.field).toBe('data_base64');
    expect(validateCloudEvent([event()], 0).problem?.message).toMatch(/event 0: \(event\) is not a JSON object/);
  });

  test('a source that is not a URI-reference: accepted with a warning, or refused when strict', () => {
    const spaced = { ...event(), source: ' com.contoso.account1' };
    expect(validateCloudEvent(spaced, 0)).toEqual({ warnings: ['event 0: source " com.contoso.account1" is not a URI-reference (CloudEvents 1.0); accepted'] });
    expect(validateCloudEvent(spaced, 0, { strictSource: true }).problem?.field).toBe('source');
    // Other problems are still found behind it.
    expect(validateCloudEvent({ ...spaced, time: 'noon' }, 0).problem?.field).toBe('time');
  });
});

describe('keys and SAS tokens', () => {
  const keys = { key1: Buffer.from('key-one').toString('base64'), key2: Buffer.from('key-two').toString('base64') };
  const endpoint = 'http://127.0.0.1:1234/ns/api/events';

  test('either key works; nothing else does', () => {
    expect(keyMatches(keys.key1, keys)).toBe(true);
    expect(keyMatches(keys.key2, keys)).toBe(true);
    expect(keyMatches(`${keys.key1}x`, keys)).toBe(false);
    expect(keyMatches('', keys)).toBe(false);
  });

  test('tokens made by the official SDK are valid until they expire, for their own resource only', async () => {
    const token = await generateSharedAccessSignature(endpoint, new AzureKeyCredential(keys.key2), new Date(Date.now() + 3_600_000));
    expect(token).toMatch(/^r=.+&e=.+&s=.+$/);
    expect(sasTokenValid(token, keys, '/ns/api/events')).toBe(true);
    expect(sasTokenValid(token, keys, '/other/api/events')).toBe(false);
    expect(sasTokenValid(token, keys, '/ns/api/events', Date.now() + 7_200_000)).toBe(false);
    expect(sasTokenValid(token.replace(/s=[^&]+$/, 's=AAAA'), keys, '/ns/api/events')).toBe(false);
    expect(sasTokenValid(token, { key1: keys.key1, key2: keys.key1 }, '/ns/api/events')).toBe(false);
    expect(sasTokenValid('garbage', keys, '/ns/api/events')).toBe(false);
  });

  test('expiry times in the service format (.NET en-US, UTC) and ISO 8601', () => {
    const d = new Date(Date.UTC(2026, 5, 5, 12, 9, 3));
    expect(toServiceTime(d)).toBe('6/5/2026 12:09:03 PM');
    expect(parseServiceTime('6/5/2026 12:09:03 PM')).toBe(d.getTime());
    expect(parseServiceTime('6/5/2026 12:09:03 AM')).toBe(Date.UTC(2026, 5, 5, 0, 9, 3));
    expect(parseServiceTime('2026-06-05T12:09:03Z')).toBe(d.getTime());
    expect(parseServiceTime('soon')).toBeUndefined();
  });
});
