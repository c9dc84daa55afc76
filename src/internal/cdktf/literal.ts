// Reading a value as a literal at synth: what files written beside a stack (the emulator's model) may contain.
// Tokens that resolve to plain values (a Lazy that returns a string) are resolved; anything that is still a
// Terraform expression after resolution (a resource attribute, a function call) is not known at synth.
import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';

/**
 * True when a string certainly holds no string token, told without a regex: every token marker cdktf puts in a
 * string opens with a brace (`${`, `#{`, `&{`). A string with a brace may still be plain: ask `Token.isUnresolved`.
 */
export function lacksTokenMarker(value: string): boolean {
  return !value.includes('{');
}

/** The outcome of reading a value at synth. */
export interface SynthLiteral {
  /** Whether the value is a plain value at synth (no Terraform expression anywhere in it). */
  readonly known: boolean;
  /** The value, resolved, when known. */
  readonly value?: unknown;
}

/** True when a resolved value still holds a Terraform expression (`${…}`) or an unresolved token. */
function holdsExpression(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('${') || Token.isUnresolved(value);
  }
  if (typeof value === 'number') {
    return Token.isUnresolved(value);
  }
  if (Array.isArray(value)) {
    return value.some(holdsExpression);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value as { [key: string]: unknown }).some(holdsExpression);
  }
  return false;
}

/** Reads `value` as a literal in `stack`: resolved when it resolves to plain values, unknown otherwise. */
export function synthLiteral(stack: TerraformStack, value: unknown): SynthLiteral {
  if (!Token.isUnresolved(value)) {
    return { known: true, value };
  }
  let resolved: unknown;
  try {
    resolved = Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
  } catch {
    return { known: false };
  }
  return holdsExpression(resolved) ? { known: false } : { known: true, value: resolved };
}
