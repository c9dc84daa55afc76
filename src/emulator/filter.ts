// Event Grid's event subscription filters, applied to CloudEvents 1.0 events as Microsoft documents them
// (learn.microsoft.com/azure/event-grid/event-filtering):
// - includedEventTypes: the event's type is one of them (compared case-insensitively; `All` means every type);
// - subjectBeginsWith / subjectEndsWith: prefix / suffix of `subject`, case-insensitive unless
//   isSubjectCaseSensitive;
// - advanced filters: all must match (AND); the values of one filter are alternatives (OR), except for the NOT
//   operators, which must hold for every value. String comparisons are case-insensitive. Keys are CloudEvents
//   attributes (`id`, `source`, `type`, `subject`, `specversion`, extension attributes…) or paths into `data` with
//   `.` as the separator. A key that is an array fails to match unless enableAdvancedFilteringOnArrays; with it,
//   every element is checked ("any element" for positive operators, "no element" for NOT operators), and elements
//   of another type than the filter's are ignored. A key the event does not have: no match, except for NumberNotIn
//   and StringNotIn (match) — and NumberNotInRange, which the page does not list, is treated like NumberNotIn.
import { ModelAdvancedFilter, ModelFilter } from './model-file';

/** A compiled filter: true when the event passes. */
export type EventPredicate = (event: { readonly [key: string]: unknown }) => boolean;

const MISSING = Symbol('missing');

/** The value at `key` (case-insensitive on names the event does not spell exactly), or MISSING. */
export function lookupKey(event: { readonly [key: string]: unknown }, key: string): unknown {
  let current: unknown = event;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      return MISSING;
    }
    const obj = current as { [key: string]: unknown };
    if (Object.prototype.hasOwnProperty.call(obj, part)) {
      current = obj[part];
      continue;
    }
    const lower = part.toLowerCase();
    const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    if (found === undefined) {
      return MISSING;
    }
    current = obj[found];
  }
  return current;
}

type Kind = 'number' | 'string' | 'bool';

interface OperatorSpec {
  readonly kind: Kind;
  /** NOT operators: match when no element matches any value. */
  readonly negated: boolean;
  /** Whether an event without the key matches. */
  readonly matchesMissing: boolean;
  /** Whether one element satisfies the (positive form of the) operator for one filter value. */
  readonly test: (element: any, value: any) => boolean;
}

const lower = (s: string) => s.toLowerCase();
const OPERATORS: { readonly [op: string]: OperatorSpec } = {
  NumberIn: { kind: 'number', negated: false, matchesMissing: false, test: (e, v) => e === v },
  NumberNotIn: { kind: 'number', negated: true, matchesMissing: true, test: (e, v) => e === v },
  NumberLessThan: { kind: 'number', negated: false, matchesMissing: false, test: (e, v) => e < v },
  NumberGreaterThan: { kind: 'number', negated: false, matchesMissing: false, test: (e, v) => e > v },
  NumberLessThanOrEquals: { kind: 'number', negated: false, matchesMissing: false, test: (e, v) => e <= v },
  NumberGreaterThanOrEquals: { kind: 'number', negated: false, matchesMissing: false, test: (e, v) => e >= v },
  NumberInRange: { kind: 'number', negated: false, matchesMissing: false, test: (e, r) => e >= r[0] && e <= r[1] },
  NumberNotInRange: { kind: 'number', negated: true, matchesMissing: true, test: (e, r) => e >= r[0] && e <= r[1] },
  BoolEquals: { kind: 'bool', negated: false, matchesMissing: false, test: (e, v) => e === v },
  StringIn: { kind: 'string', negated: false, matchesMissing: false, test: (e, v) => e === v },
  StringNotIn: { kind: 'string', negated: true, matchesMissing: true, test: (e, v) => e === v },
  StringBeginsWith: { kind: 'string', negated: false, matchesMissing: false, test: (e, v) => e.startsWith(v) },
  StringNotBeginsWith: { kind: 'string', negated: true, matchesMissing: false, test: (e, v) => e.startsWith(v) },
  StringEndsWith: { kind: 'string', negated: false, matchesMissing: false, test: (e, v) => e.endsWith(v) },
  StringNotEndsWith: { kind: 'string', negated: true, matchesMissing: false, test: (e, v) => e.endsWith(v) },
  StringContains: { kind: 'string', negated: false, matchesMissing: false, test: (e, v) => e.includes(v) },
  StringNotContains: { kind: 'string', negated: true, matchesMissing: false, test: (e, v) => e.includes(v) },
};

/** An element as the operator's kind sees it, or undefined when its type does not match (then it is ignored). */
function asKind(kind: Kind, element: unknown): unknown {
  switch (kind) {
    case 'number':
      return typeof element === 'number' && Number.isFinite(element) ? element : undefined;
    case 'bool':
      return typeof element === 'boolean' ? element : undefined;
    default:
      // Numbers and booleans are compared by their text (the page filters a numeric extension with StringBeginsWith).
      if (typeof element === 'string') {
        return lower(element);
      }
      return typeof element === 'number' || typeof element === 'boolean' ? lower(String(element)) : undefined;
  }
}

/** Compiles one advanced filter. Unknown operators throw (the model was written by the library, which knows 19). */
export function compileAdvancedFilter(filter: ModelAdvancedFilter, arraysEnabled: boolean): EventPredicate {
  const key = filter.key;
  if (key === null || key === undefined) {
    // A key unknown at synth: the emulator cannot evaluate it; it lets nothing through rather than everything.
    return () => false;
  }
  if (filter.operatorType === 'IsNullOrUndefined' || filter.operatorType === 'IsNotNull') {
    const wantNull = filter.operatorType === 'IsNullOrUndefined';
    return (event) => {
      const v = lookupKey(event, key);
      return (v === MISSING || v === null) === wantNull;
    };
  }
  const spec = OPERATORS[filter.operatorType];
  if (!spec) {
    throw new Error(`advanced filter operator ${filter.operatorType} is not one of Event Grid's 19 operators`);
  }
  const raw = filter.values ?? (filter.value !== undefined ? [filter.value] : []);
  const values = spec.kind === 'string'
    ? raw.filter((v): v is string => typeof v === 'string').map(lower)
    : raw;
  return (event) => {
    const v = lookupKey(event, key);
    if (v === MISSING || v === null) {
      return spec.matchesMissing;
    }
    let elements: unknown[];
    if (Array.isArray(v)) {
      if (!arraysEnabled) {
        return false;
      }
      elements = v;
    } else {
      elements = [v];
    }
    let any = false;
    for (const element of elements) {
      const e = asKind(spec.kind, element);
      if (e === undefined) {
        continue;
      }
      if (values.some((value) => spec.test(e, value))) {
        any = true;
        break;
      }
    }
    return spec.negated ? !any : any;
  };
}

/** Compiles a list of advanced filters (all must match). */
export function compileAdvancedFilters(filters: readonly ModelAdvancedFilter[], arraysEnabled: boolean): EventPredicate {
  const compiled = filters.map((f) => compileAdvancedFilter(f, arraysEnabled));
  return (event) => compiled.every((p) => p(event));
}

/** Compiles an event subscription's filter. */
export function compileSubscriptionFilter(filter: ModelFilter): EventPredicate {
  const types = filter.includedEventTypes;
  const allTypes = !types || types.some((t) => typeof t === 'string' && t.toLowerCase() === 'all');
  const typeSet = new Set((types ?? []).filter((t): t is string => typeof t === 'string').map(lower));
  const cs = filter.isSubjectCaseSensitive === true;
  const norm = (s: string) => (cs ? s : lower(s));
  const begins = typeof filter.subjectBeginsWith === 'string' ? norm(filter.subjectBeginsWith) : undefined;
  const ends = typeof filter.subjectEndsWith === 'string' ? norm(filter.subjectEndsWith) : undefined;
  const advanced = compileAdvancedFilters(filter.advancedFilters ?? [], filter.enableAdvancedFilteringOnArrays === true);
  return (event) => {
    if (!allTypes && !(typeof event.type === 'string' && typeSet.has(lower(event.type)))) {
      return false;
    }
    if (begins !== undefined || ends !== undefined) {
      const subject = typeof event.subject === 'string' ? norm(event.subject) : undefined;
      if (begins && (subject === undefined || !subject.startsWith(begins))) {
        return false;
      }
      if (ends && (subject === undefined || !subject.endsWith(ends))) {
        return false;
      }
    }
    return advanced(event);
  };
}
