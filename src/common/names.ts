import * as crypto from 'crypto';
import { IConstruct } from 'constructs';

/** Words of letters and digits joined by single hyphens: what the clean-up below would leave unchanged. */
const CLEAN = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

/**
 * A resource name derived from the construct path: valid for partner resources (letters, digits and hyphens,
 * 3 to `maxLength` characters), stable for as long as the path is, and unique per path thanks to a short hash
 * of the full path. A path too long for the name keeps its start and its end and loses its middle, so that the name
 * still reads as the path does (publishers send a channel's name in the aeg-channel-name header).
 */
export function nameFromPath(scope: IConstruct, maxLength = 50): string {
  // the ids once (node.path and node.scopes each walk up the tree); the app root has no id
  const ids = scope.node.scopes.slice(1).map((s) => s.node.id);
  const hash = sha256Hex(ids.join('/')).slice(0, 8);
  const joined = ids.join('-');
  const readable = CLEAN.test(joined) ? joined : joined
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const room = maxLength - hash.length - 1;
  const head = readable.length > room ? shortened(readable, room) : readable;
  return head ? `${head}-${hash}` : `pe-${hash}`;
}

/**
 * `text` (hyphen-separated words) in at most `room` characters: its first words and its last word, with whole words
 * of the middle left out (the last words first), so that the name still starts as the path does and ends with the
 * construct's own id. A single word too long for the room is cut.
 */
function shortened(text: string, room: number): string {
  const words = text.split('-');
  if (words.length === 1) {
    return text.slice(0, room);
  }
  const last = words[words.length - 1].slice(0, Math.floor(room / 2));
  let start = '';
  for (const word of words.slice(0, -1)) {
    const next = start ? `${start}-${word}` : word;
    if (next.length + 1 + last.length > room) {
      break;
    }
    start = next;
  }
  if (start === '') {
    start = text.slice(0, room - 1 - last.length).replace(/-+$/, '');
  }
  // a last word cut to make room for the start gets back what the start left over
  return `${start}-${words[words.length - 1].slice(0, room - 1 - start.length)}`;
}

/** The SHA-256 of `text` in hex: Node's one-shot `crypto.hash` where it has it (20.12 and later), else a Hash. */
function sha256Hex(text: string): string {
  const hash = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
  return typeof hash === 'function' ? hash('sha256', text) : crypto.createHash('sha256').update(text).digest('hex');
}
