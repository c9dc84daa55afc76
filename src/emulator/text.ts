// How the emulator repeats what a client sent in its answers and log lines: a short excerpt, never the whole value,
// and never by serializing a value of unknown depth (JSON.stringify recurses, so a value nested 100,000 deep would
// overflow the stack). An error about a 1 MB event stays a few hundred bytes.

/** The most characters of one client value an answer or log line repeats. */
export const EXCERPT_CHARS = 64;

/** At most `max` characters of `text`, with how long it was when cut. */
export function capText(text: string, max: number = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * A short description of a client value: a string quoted as JSON (cut to `max` characters), a number, boolean or
 * null as itself, an array or object by its kind and size only (its contents are never walked).
 */
export function excerpt(value: unknown, max: number = EXCERPT_CHARS): string {
  switch (typeof value) {
    case 'string':
      return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    default:
      if (value === null) {
        return 'null';
      }
      if (Array.isArray(value)) {
        return `an array of ${value.length} element(s)`;
      }
      return 'a JSON object';
  }
}
