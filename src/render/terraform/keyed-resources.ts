// Many descriptions of one ARM type rendered as one azapi `azapi_resource` block with `for_each`, one instance per
// construct, keyed by the construct's id: how a fleet shard renders its channels. Each member is still a construct
// with its own description in the model (rules, the ARM template and the emulator's model file see each one, with
// its own path); only the Terraform differs: `azapi_resource.<block>["<key>"]` instead of a block per member.
import { Construct, IConstruct } from 'constructs';
import { modelDependencies } from './azapi-resources';
import { describeResource } from './describe';
import { KeyedBlock, setKeyedMembership } from './keyed-membership';
import { terraformValue } from './references';
import {
  AzapiInstance, AzapiInstanceMove, AzapiResourceSet, ensureAzapiProvider, rawOverridesOf, stackOf, TerraformResource,
} from '../../internal/cdktf';
import { isPlainObject, Slot } from '../../internal/objects';
import { descriptionOf, ResourceDescription } from '../../model';

export interface KeyedAzapiResourcesProps {
  /** The ARM id of every member's parent (a namespace known by its id). */
  readonly parentId: string;
  /** The ARM type every member describes. */
  readonly type: string;
  readonly apiVersion: string;
  /** Description paths whose change replaces a member (the same for every member). */
  readonly replacedWhenChanged?: readonly string[];
  /** Description paths set on creation only (the same for every member). */
  readonly setOnCreateOnly?: readonly string[];
  /**
   * Adds a `moved` block per member from the address it had when it rendered its own block (`<member path>/Resource`),
   * so that a deployed stack plans no change when it moves to this block.
   * @default false
   */
  readonly movedFromOwnBlocks?: boolean;
}

/** Attributes of the block an escape hatch may not change: they are each member's, from its description. */
const PER_MEMBER = ['type', 'for_each', 'name', 'parent_id', 'body', 'locks'];

const rendererOf = new Slot<KeyedAzapiResources>('cdktf-azure-partner-events:keyed-renderer');

/** One `azapi_resource` with `for_each` over its members' descriptions. */
export class KeyedAzapiResources extends Construct implements KeyedBlock {
  public readonly resource: AzapiResourceSet;
  /** The members by key. */
  private readonly members = new Map<string, IConstruct>();
  /** The dependencies found by the last reading of the instances. */
  private found?: TerraformResource[];

  constructor(scope: Construct, id: string, private readonly props: KeyedAzapiResourcesProps) {
    super(scope, id);
    const stackPathLength = stackOf(this).node.scopes.length;
    ensureAzapiProvider(this);
    this.resource = new AzapiResourceSet(this, 'Resource', {
      type: `${props.type}@${props.apiVersion}`,
      parentId: props.parentId,
      instances: () => this.instances(),
      replaceTriggersRefs: props.replacedWhenChanged,
      ignoreChanges: () => (props.setOnCreateOnly ?? []).map((p) => `body.${p}`),
      lateDependsOn: () => this.dependencies(),
      moves: props.movedFromOwnBlocks
        ? () => [...this.members].map(([key, member]): AzapiInstanceMove => ({
          key,
          fromPath: [...member.node.scopes.slice(stackPathLength).map((s) => s.node.id), 'Resource'],
        }))
        : undefined,
    });
    this.node.defaultChild = this.resource;
  }

  /** The token of an attribute (`id`, `name`, `body.properties.x`) of the instance `key`. */
  public instanceAttribute(key: string, attribute: string): string {
    return this.resource.instanceAttribute(key, attribute);
  }

  /**
   * Records the member's description in the model and renders it as the instance `key` of this block; `parentId` is
   * the parent the member was given, which must be the block's.
   */
  public add(member: IConstruct, key: string, parentId: string, description: () => ResourceDescription): void {
    if (parentId !== this.props.parentId) {
      throw new Error(`[${member.node.path}] its parent ${parentId} is not the parent of ${this.node.path} (${this.props.parentId}) — render it on its own`);
    }
    const taken = this.members.get(key);
    if (taken !== undefined) {
      throw new Error(`[${member.node.path}] the key ${JSON.stringify(key)} is already taken in ${this.node.path} by ${taken.node.path} — give each member its own id`);
    }
    describeResource(member, description, this.props.type);
    setKeyedMembership(member, { block: this, key });
    this.members.set(key, member);
  }

  /** The instances, from each member's effective description (its property overrides folded in). */
  private instances(): { [key: string]: AzapiInstance } {
    const overridden = leafPaths(rawOverridesOf(this.resource), []).filter((k) => PER_MEMBER.includes(k.split('.')[0]));
    if (overridden.length > 0) {
      throw new Error(`[${this.node.path}] an escape hatch overrides ${overridden.join(', ')} of the block every member shares — change one member with its addPropertyOverride() instead`);
    }
    const out: { [key: string]: AzapiInstance } = {};
    const dependencies = new Set<TerraformResource>();
    for (const [key, member] of this.members) {
      const d = descriptionOf(member)!;
      modelDependencies(member).forEach((r) => dependencies.add(r));
      if (d.type !== this.props.type || d.apiVersion !== this.props.apiVersion) {
        throw new Error(`[${member.node.path}] describes ${d.type}@${d.apiVersion}, but ${this.node.path} renders ${this.props.type}@${this.props.apiVersion} for every member — give it the block's API version`);
      }
      const sameLifecycle = sameList(d.setOnCreateOnly, this.props.setOnCreateOnly)
        && sameList(d.replacedWhenChanged, this.props.replacedWhenChanged);
      if ((d.secretPaths ?? []).length > 0 || !sameLifecycle) {
        throw new Error(`[${member.node.path}] differs from the other members of ${this.node.path} in what its lifecycle needs (secrets, members set on creation only or replaced when changed) — render it on its own`);
      }
      out[key] = { name: d.name, body: { properties: terraformValue(d.properties) } };
    }
    this.found = [...dependencies];
    return out;
  }

  /** The blocks of this stack that any member's description orders before it, found when the instances were read. */
  private dependencies(): TerraformResource[] {
    if (this.found === undefined) {
      this.instances();
    }
    return this.found!;
  }
}

/** The dotted paths of an override object's leaves (`{ body: { x: 1 } }` gives `body.x`). */
function leafPaths(value: { [key: string]: any }, prefix: string[]): string[] {
  return Object.entries(value).flatMap(([k, v]) => (isPlainObject(v) && Object.keys(v).length > 0
    ? leafPaths(v, [...prefix, k])
    : [[...prefix, k].join('.')]));
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Makes the resources described for `scope` (a fleet shard's namespace) render as instances of `block`. */
export function renderInstancesWith(scope: IConstruct, block: KeyedAzapiResources): void {
  rendererOf.set(scope, block);
}

/** The block that renders the resources described for `scope`, if any. */
export function keyedRendererFor(scope: IConstruct): KeyedAzapiResources | undefined {
  return rendererOf.get(scope);
}
