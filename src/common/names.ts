import { createHash } from 'crypto';
import { IConstruct } from 'constructs';

/**
 * A resource name derived from the construct path: valid for partner resources (letters, digits and hyphens,
 * 3 to `maxLength` characters), stable for as long as the path is, and unique per path thanks to a short hash
 * of the full path.
 */
export function nameFromPath(scope: IConstruct, maxLength = 50): string {
  const path = scope.node.path;
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  const readable = scope.node.scopes
    .slice(1) // the app root has no id
    .map((s) => s.node.id)
    .join('-')
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const room = maxLength - hash.length - 1;
  const head = readable.length > room ? readable.slice(readable.length - room).replace(/^-+/, '') : readable;
  return head ? `${head}-${hash}` : `pe-${hash}`;
}
