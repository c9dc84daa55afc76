// The published bytes of each event of a request, so that deliveries forward what the publisher sent instead of
// serializing every event again (JSON.stringify of each event, then encoding the string again for the socket, was
// the largest cost of publishing under load). The request body has already been parsed by JSON.parse, so it is valid
// JSON: finding where each top-level element starts and ends only needs the nesting depth and the strings skipped.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isWhitespace(c: number): boolean {
  // JSON's whitespace: space, tab, line feed, carriage return.
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipWhitespace(body: Buffer, i: number): number {
  while (i < body.length && isWhitespace(body[i])) {
    i++;
  }
  return i;
}

function trimEnd(body: Buffer, start: number, end: number): number {
  while (end > start && isWhitespace(body[end - 1])) {
    end--;
  }
  return end;
}

/** The index of the quote that closes the string opening at `open`, or -1. */
function closingQuote(body: Buffer, open: number): number {
  let j = open;
  for (;;) {
    j = body.indexOf(QUOTE, j + 1);
    if (j < 0) {
      return -1;
    }
    let backslashes = 0;
    for (let k = j - 1; body[k] === BACKSLASH; k--) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return j;
    }
  }
}

/**
 * The bytes of each element of a JSON array (whitespace around elements left out), as views of `body`; undefined
 * when the body is not a well-formed array. `body` must be JSON that JSON.parse accepted.
 */
export function arrayElements(body: Buffer): Buffer[] | undefined {
  let i = skipWhitespace(body, 0);
  if (body[i] !== OPEN_BRACKET) {
    return undefined;
  }
  const elements: Buffer[] = [];
  let depth = 0;
  let start = -1;
  for (i++; i < body.length; i++) {
    const c = body[i];
    if (c === QUOTE) {
      if (start < 0) {
        start = i;
      }
      i = closingQuote(body, i);
      if (i < 0) {
        return undefined;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (start < 0) {
        start = i;
      }
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) {
        if (c !== CLOSE_BRACKET || skipWhitespace(body, i + 1) !== body.length) {
          return undefined;
        }
        if (start >= 0) {
          elements.push(body.subarray(start, trimEnd(body, start, i)));
        } else if (elements.length > 0) {
          return undefined;
        }
        return elements;
      }
      depth--;
    } else if (c === COMMA && depth === 0) {
      if (start < 0) {
        return undefined;
      }
      elements.push(body.subarray(start, trimEnd(body, start, i)));
      start = -1;
    } else if (start < 0 && !isWhitespace(c)) {
      // a number, true, false or null
      start = i;
    }
  }
  return undefined;
}

/**
 * The serialized form of each parsed event: its own bytes in the request (copied, so that a delivery waiting for a
 * retry does not hold the whole request), or JSON.stringify of the event when the body cannot be split as parsed.
 */
export function serializedEvents(body: Buffer, events: readonly unknown[], batched: boolean): Buffer[] {
  let views: Buffer[] | undefined;
  if (batched) {
    views = arrayElements(body);
  } else {
    const start = skipWhitespace(body, 0);
    views = [body.subarray(start, trimEnd(body, start, body.length))];
  }
  if (views && views.length === events.length) {
    return views.map((v) => Buffer.from(v));
  }
  return events.map((e) => Buffer.from(JSON.stringify(e)));
}
