import { IConstruct } from 'constructs';
import { isUnresolved } from '../validation/engine';
import { fail } from '../validation/errors';

/** An inclusive numeric range, for the `NumberInRange` and `NumberNotInRange` operators. */
export interface NumberRange {
  /** Lower bound, inclusive. */
  readonly lower: number;
  /** Upper bound, inclusive. */
  readonly upper: number;
}

/**
 * One advanced filter on an event field (`data.color`, `subject`, an extension attribute…): the typed form of
 * Event Grid's 19 operators. Event channels (API 2020-04-01-preview) offer the first 12 of them.
 */
export class AdvancedFilter {
  public static numberIn(key: string, values: number[]): AdvancedFilter {
    return new AdvancedFilter('NumberIn', key, undefined, values);
  }
  public static numberNotIn(key: string, values: number[]): AdvancedFilter {
    return new AdvancedFilter('NumberNotIn', key, undefined, values);
  }
  public static numberLessThan(key: string, value: number): AdvancedFilter {
    return new AdvancedFilter('NumberLessThan', key, value);
  }
  public static numberGreaterThan(key: string, value: number): AdvancedFilter {
    return new AdvancedFilter('NumberGreaterThan', key, value);
  }
  public static numberLessThanOrEquals(key: string, value: number): AdvancedFilter {
    return new AdvancedFilter('NumberLessThanOrEquals', key, value);
  }
  public static numberGreaterThanOrEquals(key: string, value: number): AdvancedFilter {
    return new AdvancedFilter('NumberGreaterThanOrEquals', key, value);
  }
  public static boolEquals(key: string, value: boolean): AdvancedFilter {
    return new AdvancedFilter('BoolEquals', key, value);
  }
  public static stringIn(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringIn', key, undefined, values);
  }
  public static stringNotIn(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringNotIn', key, undefined, values);
  }
  public static stringBeginsWith(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringBeginsWith', key, undefined, values);
  }
  public static stringEndsWith(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringEndsWith', key, undefined, values);
  }
  public static stringContains(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringContains', key, undefined, values);
  }
  public static numberInRange(key: string, ranges: NumberRange[]): AdvancedFilter {
    return new AdvancedFilter('NumberInRange', key, undefined, ranges.map((r) => [r.lower, r.upper]));
  }
  public static numberNotInRange(key: string, ranges: NumberRange[]): AdvancedFilter {
    return new AdvancedFilter('NumberNotInRange', key, undefined, ranges.map((r) => [r.lower, r.upper]));
  }
  public static stringNotBeginsWith(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringNotBeginsWith', key, undefined, values);
  }
  public static stringNotEndsWith(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringNotEndsWith', key, undefined, values);
  }
  public static stringNotContains(key: string, values: string[]): AdvancedFilter {
    return new AdvancedFilter('StringNotContains', key, undefined, values);
  }
  public static isNullOrUndefined(key: string): AdvancedFilter {
    return new AdvancedFilter('IsNullOrUndefined', key);
  }
  public static isNotNull(key: string): AdvancedFilter {
    return new AdvancedFilter('IsNotNull', key);
  }

  private constructor(
    /** The operator, as Event Grid names it (`StringIn`, `NumberInRange`…). */
    public readonly operatorType: string,
    /** The event field the filter reads. */
    public readonly key: string,
    private readonly single?: number | boolean,
    private readonly list?: Array<string | number | number[]>,
  ) {}

  /** How many values this filter counts toward Event Grid's limit of 25 per subscription. */
  public get valueCount(): number {
    return this.list ? this.list.length : 1;
  }

  /** The filter as the ARM API takes it. */
  public toJson(): any {
    const out: { [k: string]: unknown } = { operatorType: this.operatorType, key: this.key };
    if (this.single !== undefined) {
      out.value = this.single;
    }
    if (this.list !== undefined) {
      out.values = this.list;
    }
    return out;
  }

  /** @internal the string values, for length checks */
  public _stringValues(): string[] {
    return (this.list ?? []).filter((v): v is string => typeof v === 'string');
  }
}

/** The operators of API 2020-04-01-preview (event channels). */
export const PREVIEW_2020_OPERATORS = new Set([
  'NumberIn', 'NumberNotIn', 'NumberLessThan', 'NumberGreaterThan', 'NumberLessThanOrEquals',
  'NumberGreaterThanOrEquals', 'BoolEquals', 'StringIn', 'StringNotIn', 'StringBeginsWith', 'StringEndsWith',
  'StringContains',
]);

export const MAX_ADVANCED_FILTERS = 25;
export const MAX_ADVANCED_FILTER_VALUES = 25;
export const MAX_FILTER_STRING_LENGTH = 512;

/**
 * EGP009: the limits Event Grid puts on a set of advanced filters. `allowed` restricts the operators (for the
 * 2020-04-01-preview API); `field` names the prop in messages.
 */
export function checkAdvancedFilters(scope: IConstruct, field: string, filters: AdvancedFilter[], allowed?: Set<string>, apiVersion?: string): void {
  if (filters.length > MAX_ADVANCED_FILTERS) {
    fail(scope, 'EGP009', `${field} has more than ${MAX_ADVANCED_FILTERS} advanced filters`, filters.length);
  }
  let values = 0;
  filters.forEach((f, i) => {
    if (allowed && !allowed.has(f.operatorType)) {
      fail(scope, 'EGP009', `${field}[${i}] uses an operator that API version ${apiVersion} does not offer`, f.operatorType,
        `use one of ${[...allowed].join(', ')}`);
    }
    if (!isUnresolved(f.key)) {
      if (f.key.trim() === '') {
        fail(scope, 'EGP009', `${field}[${i}] has an empty key`, f.key, 'give the event field to filter on, such as data.status');
      }
      if (f.key.includes('\\.')) {
        fail(scope, 'EGP009', `${field}[${i}] escapes a dot in its key, which Event Grid does not support`, f.key,
          'filter on a key without escaped dots');
      }
    }
    for (const v of f._stringValues()) {
      if (!isUnresolved(v) && v.length > MAX_FILTER_STRING_LENGTH) {
        fail(scope, 'EGP009', `${field}[${i}] (${f.key}) has a string value longer than ${MAX_FILTER_STRING_LENGTH} characters`, v,
          `shorten the value to ${MAX_FILTER_STRING_LENGTH} characters or fewer`);
      }
    }
    values += f.valueCount;
  });
  if (values > MAX_ADVANCED_FILTER_VALUES) {
    fail(scope, 'EGP009', `${field} has more than ${MAX_ADVANCED_FILTER_VALUES} filter values in total`, values);
  }
}
