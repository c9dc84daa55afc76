// Which constructs are rendered as an instance of a shared `for_each` block (keyed-resources.ts), kept apart so
// that the reference renderer can ask without importing the block.
import { IConstruct } from 'constructs';
import { Slot } from '../../internal/objects';

/** The block that renders a member, as references need it. */
export interface KeyedBlock {
  readonly node: IConstruct['node'];
  /** The token of an attribute (`id`, `name`, `body.properties.x`) of the instance `key`. */
  instanceAttribute(key: string, attribute: string): string;
}

/** A member's block and key. */
export interface KeyedMembership {
  readonly block: KeyedBlock;
  readonly key: string;
}

const membership = new Slot<KeyedMembership>('cdktf-azure-partner-events:keyed-member');

/** The block and key that render `construct` (undefined when it renders its own block). */
export function keyedMembershipOf(construct: IConstruct): KeyedMembership | undefined {
  return membership.get(construct);
}

/** Records that `construct` is rendered as the instance `key` of `block`. */
export function setKeyedMembership(construct: IConstruct, value: KeyedMembership): void {
  membership.set(construct, value);
}
