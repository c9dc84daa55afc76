// The resource model of an app: every description of every stack, in the order constructs made them, and the
// overrides on them. Renderers and rules read `effective` descriptions: what the construct described, with the
// library's property overrides and the escape hatches of the rendered Terraform folded in, so that what a rule
// checks is what every output shows.
import { IConstruct } from 'constructs';
import { ResourceDescription } from './description';
import { Slot } from '../internal/objects';

/** One member set (or removed, with `value` undefined) at a path of a description, such as `properties.x.y`. */
export interface MemberOverride {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** What the model keeps of one described resource. */
class ModelEntry {
  /** Allocated on the first override (most of 10,000 channels have none). */
  public propertyOverrides?: MemberOverride[];
  /** The escape hatches of the rendered Terraform, mapped onto description paths by the Terraform renderer. */
  public renderedOverrides?: (construct: IConstruct) => MemberOverride[];

  /** The ARM type, when the construct said it without building its description. */
  public type?: string;

  constructor(public readonly stack: IConstruct, public describe: () => ResourceDescription) {}
}

const entries = new Slot<ModelEntry>('cdktf-azure-partner-events:description');
const NONE: readonly MemberOverride[] = [];
const models = new WeakMap<IConstruct, ResourceModel>();

/** The descriptions of one app (construct tree root). */
export class ResourceModel {
  /** The model of the app `scope` belongs to. */
  public static of(scope: IConstruct): ResourceModel {
    // up the scopes without building the array `node.root` builds (called for each of 10,000s of constructs)
    let root = scope;
    for (let up = root.node.scope; up !== undefined; up = up.node.scope) {
      root = up;
    }
    let model = models.get(root);
    if (!model) {
      model = new ResourceModel();
      models.set(root, model);
    }
    return model;
  }

  /** Entries per stack, in the order they were described. */
  private readonly byStack = new Map<IConstruct, IConstruct[]>();
  /** Bumped whenever a construct describes a resource: the index by type is rebuilt after a change. */
  private version = 0;
  private byType?: { readonly version: number; readonly constructs: Map<string, IConstruct[]> };

  private constructor() {}

  /**
   * Records how `construct` (in `stack`) describes its resource. The description is built when read (renderers
   * and rules read it at synth), so that props changed after construction and large apps cost nothing until then.
   * A construct describes one resource; describing again replaces the description. `type`, when given, is the
   * description's ARM type (the index by type is then built without building the description).
   */
  public describe(construct: IConstruct, stack: IConstruct, describe: () => ResourceDescription, type?: string): void {
    this.version++;
    const entry = entries.get(construct);
    if (entry) {
      entry.describe = describe;
      entry.type = type;
      return;
    }
    const created = new ModelEntry(stack, describe);
    created.type = type;
    entries.set(construct, created);
    const list = this.byStack.get(stack);
    if (list) {
      list.push(construct);
    } else {
      this.byStack.set(stack, [construct]);
    }
  }

  /**
   * Records how `construct` describes a resource the app refers to but does not create (`existing: true`): not
   * counted among the stack's resources, not listed by `constructsOf`.
   */
  public describeExisting(construct: IConstruct, stack: IConstruct, describe: () => ResourceDescription): void {
    this.version++;
    const entry = entries.get(construct);
    if (entry) {
      entry.describe = describe;
    } else {
      entries.set(construct, new ModelEntry(stack, describe));
    }
  }

  /** The constructs of `stack` that describe a resource, in order. */
  public constructsOf(stack: IConstruct): readonly IConstruct[] {
    return this.byStack.get(stack) ?? [];
  }

  /**
   * The constructs of every stack of the app that create a resource of the ARM type `type`, in the order they were
   * described. The index is built once (each description read once) and kept until a construct describes again.
   */
  public constructsOfType(type: string): readonly IConstruct[] {
    if (this.byType === undefined || this.byType.version !== this.version) {
      const constructs = new Map<string, IConstruct[]>();
      for (const list of this.byStack.values()) {
        for (const construct of list) {
          const entry = entries.get(construct)!;
          const t = entry.type ?? entry.describe().type;
          const same = constructs.get(t);
          if (same) {
            same.push(construct);
          } else {
            constructs.set(t, [construct]);
          }
        }
      }
      this.byType = { version: this.version, constructs };
    }
    return this.byType.constructs.get(type) ?? [];
  }

  /** How many resources `stack` (not the stacks nested in it) describes. */
  public countOf(stack: IConstruct): number {
    return this.byStack.get(stack)?.length ?? 0;
  }

  /** Sets a member of the construct's description for every output (`properties.messageForActivation`, …). */
  public addPropertyOverride(construct: IConstruct, path: string, value: unknown): void {
    const entry = entries.get(construct);
    if (!entry) {
      throw new Error(`[${construct.node.path}] describes no Azure resource: property overrides apply to the library's resource constructs`);
    }
    (entry.propertyOverrides ??= []).push({ path: splitPath(path), value });
  }

  /** The library's own property overrides of the construct, in the order they were added. */
  public propertyOverridesOf(construct: IConstruct): readonly MemberOverride[] {
    return entries.get(construct)?.propertyOverrides ?? NONE;
  }

  /** Lets the Terraform renderer show the model what escape hatches put on the construct's rendered block. */
  public setRenderedOverrides(construct: IConstruct, read: (construct: IConstruct) => MemberOverride[]): void {
    const entry = entries.get(construct);
    if (entry) {
      entry.renderedOverrides = read;
    }
  }
}

/**
 * Whether anything overrides the construct's description (a property override, or an escape hatch on its rendered
 * block): when nothing does, its effective description is the one it made, and readers that only need what an
 * override could change skip building it.
 */
export function hasOverrides(construct: IConstruct): boolean {
  const entry = entries.get(construct);
  return entry !== undefined && ((entry.propertyOverrides?.length ?? 0) > 0 || (entry.renderedOverrides?.(construct) ?? NONE).length > 0);
}

/** True when the construct describes a resource. */
export function describes(construct: IConstruct): boolean {
  return entries.has(construct);
}

/** The description as the construct made it, without overrides (undefined when it describes none). */
export function baseDescriptionOf(construct: IConstruct): ResourceDescription | undefined {
  return entries.get(construct)?.describe();
}

/**
 * The description with every override folded in: the library's property overrides, then the escape hatches of
 * the rendered Terraform (applied last, as Terraform applies them last; `withRenderedOverrides: false` leaves those
 * out for a renderer that reads the rendered block itself). Undefined when it describes none.
 */
export function descriptionOf(construct: IConstruct, options: { readonly withRenderedOverrides?: boolean } = {}): ResourceDescription | undefined {
  const entry = entries.get(construct);
  if (!entry) {
    return undefined;
  }
  const base = entry.describe();
  const rendered = options.withRenderedOverrides === false ? [] : entry.renderedOverrides?.(construct) ?? [];
  const own = entry.propertyOverrides ?? NONE;
  if (own.length === 0 && rendered.length === 0) {
    return base;
  }
  let out: { [key: string]: any } = { ...base };
  for (const o of [...own, ...rendered]) {
    out = setMember(out, o.path, o.value);
  }
  return out as ResourceDescription;
}

/** `a.b.c` as segments; a segment may hold a dot when escaped as `\.`. */
export function splitPath(path: string): string[] {
  const segments = path.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
  if (segments.some((s) => s === '')) {
    throw new Error(`"${path}" is not a member path: give dotted member names such as properties.messageForActivation`);
  }
  return segments;
}

/** A copy of `obj` with the member at `path` set (or removed when `value` is undefined); the input is not changed. */
export function setMember(obj: { [key: string]: any }, path: readonly string[], value: unknown): { [key: string]: any } {
  const [head, ...rest] = path;
  const out: { [key: string]: any } = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) {
      delete out[head];
    } else {
      out[head] = value;
    }
    return out;
  }
  const inner = out[head];
  out[head] = setMember(inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : {}, rest, value);
  return out;
}
