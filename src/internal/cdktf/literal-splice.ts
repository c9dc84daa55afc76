// Attribute values that are plain data (no token anywhere), put into a stack's Terraform JSON after cdktf has
// resolved it, instead of being resolved.
//
// cdktf resolves a stack's whole Terraform value by value, twice (each element's block, then the stack), and walks
// it once more to prepare cross-stack references; at 10,000 channels that is most of the synth. A request body
// that holds no token resolves to itself, so an element may render a marker in its place and hand the value here:
// the marker is replaced in the stack's JSON (`afterStackResolution`), and in a block read on its own while the stack
// renders (`renderedBlockOf`). Only while the whole stack renders: an element rendered on its own outside (a user's
// `element.toTerraform()`) gets its values. The output is the same JSON; a value with a token (or anything cdktf's
// resolution would change) is left to cdktf.
import { TerraformElement, TerraformStack, Token } from 'cdktf';
import { afterStackResolution, isResolvingStack } from './artifacts';
import { lacksTokenMarker } from './literal';

/**
 * Strings that may hold a number token: cdktf encodes one as a double with a huge exponent
 * (`-8.109562212591379e+298`), and reads such text back as the token; left to it.
 */
const NUMBER_TOKEN_LIKE = /[eE]\+\d{3}/;

/**
 * True when cdktf's resolution would give `value` back unchanged: no token in any string, key or number, no `undefined` in an array (resolution drops it), nothing but plain data.
 */
export function resolvesToItself(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return lacksTokenMarker(value) && !NUMBER_TOKEN_LIKE.test(value);
    case 'number':
      return !Token.isUnresolved(value);
    case 'boolean':
      return true;
    case 'undefined':
      return false;
    case 'object': {
      if (value === null) {
        return true;
      }
      if (Array.isArray(value)) {
        return value.every((v) => v !== undefined && resolvesToItself(v));
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        return false; // a token object, a Date…: cdktf's business
      }
      for (const key in value) {
        const v = (value as { [key: string]: unknown })[key];
        if (!resolvesToItself(key) || (v !== undefined && !resolvesToItself(v))) {
          return false;
        }
      }
      return true;
    }
    default:
      return false;
  }
}

let enabled = true;

/**
 * Turns the splice on or off for the whole process. Off, every attribute is resolved by cdktf as any cdktf program's
 * (and a provider binding made by `cdktf get`) is: the benchmark's hand-written programs run so, so that they stay
 * the plain cdktf baseline while they share this binding.
 */
export function setLiteralSplice(on: boolean): void {
  enabled = on;
}

/** The values waiting in each stack, by marker. */
const waiting = new WeakMap<TerraformStack, Map<string, unknown>>();
let markers = 0;

/** A marker unique in the process, for one attribute of one element (the same each time the element renders). */
export function newLiteralMarker(): string {
  return `partner-events-literal-${++markers}`;
}

/**
 * The attribute value `element` renders: `marker`, with `value` kept to replace it after resolution, when `value`
 * resolves to itself; else `value`, for cdktf to resolve.
 */
export function literalAttribute(element: TerraformElement, marker: string, value: unknown): unknown {
  if (!enabled || value === undefined || !resolvesToItself(value)) {
    return value;
  }
  const stack = TerraformStack.of(element);
  const values = waiting.get(stack);
  if (values === undefined || !isResolvingStack(stack)) {
    // the element did not call splicesLiterals, or it is rendered on its own: nothing would put the value in
    return value;
  }
  values.set(marker, value);
  return marker;
}

/**
 * Makes the stack of `element` put in the literal attributes of its elements after resolution: called by an element
 * that renders them, when it is made (before any rendering of the stack).
 */
export function splicesLiterals(element: TerraformElement): void {
  const stack = TerraformStack.of(element);
  if (waiting.has(stack)) {
    return;
  }
  const values = new Map<string, unknown>();
  waiting.set(stack, values);
  afterStackResolution(stack, (terraform) => {
    spliceBlocks(terraform, values);
    values.clear(); // written: keep nothing
  });
}

/** Replaces the markers among the attributes of every block of a stack's Terraform JSON. */
function spliceBlocks(terraform: any, values: ReadonlyMap<string, unknown>): void {
  if (values.size === 0) {
    return;
  }
  for (const kind of ['resource', 'data']) {
    for (const byId of Object.values<any>(terraform?.[kind] ?? {})) {
      for (const block of Object.values<any>(byId ?? {})) {
        spliceBlock(block, values);
      }
    }
  }
}

function spliceBlock(block: { [key: string]: unknown }, values: ReadonlyMap<string, unknown>): void {
  for (const [key, v] of Object.entries(block)) {
    if (typeof v === 'string' && values.has(v)) {
      block[key] = values.get(v);
    }
  }
}

/** An element's block read on its own (`element.toTerraform()`), with its literal attributes in place. */
export function spliceElementBlock(element: TerraformElement, block: { [key: string]: unknown }): { [key: string]: unknown } {
  const values = waiting.get(TerraformStack.of(element));
  if (values !== undefined) {
    spliceBlock(block, values);
  }
  return block;
}
