// Whether a value is known at synth. The model does not import the platform (cdktf or cdktn): it recognises the
// token markers both platforms put in strings (`${TfToken[…]}`, `#{TfToken[…]}` for lists) and the range of doubles
// they encode number tokens in.

const STRING_TOKEN = /[$#]\{TfToken\[/;
/** cdktf encodes number tokens as doubles around -1.8881545897087626e+289; no real value is near it. */
const NUMBER_TOKEN_LIMIT = -1e285;

/** True when the value, or any member of it, is a token that only Terraform resolves (at apply). */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') {
    return STRING_TOKEN.test(value);
  }
  if (typeof value === 'number') {
    return value < NUMBER_TOKEN_LIMIT;
  }
  if (Array.isArray(value)) {
    return value.some(isUnresolved);
  }
  if (value !== null && typeof value === 'object') {
    // a typed reference (src/model/description.ts) is known only at apply; its target construct is not walked
    if ((value as { referenceTo?: unknown }).referenceTo !== undefined) {
      return true;
    }
    return Object.values(value).some(isUnresolved);
  }
  return false;
}
