// The descriptions as the ARM template renderer reads them: the library's property overrides folded in (the
// escape hatches of the rendered Terraform it reads from the resolved blocks itself). Values may be typed
// references to other described resources (src/model/description.ts): the renderer turns them into
// `resourceId(...)` / `reference(...)` and dependsOn; `armResourceOf` shows them as the ARM expressions a template
// deploying both resources in one resource group would hold.
import { IConstruct } from 'constructs';
import { quote } from './expressions';
import { descriptionOf, isReference, memberAt, ResourceModel, ResourceReference } from '../../model';

/** An ARM resource as a construct describes it. */
export interface ArmResource {
  readonly type: string;
  readonly apiVersion: string;
  readonly name: string;
  /** The construct of the parent resource, for child resources. */
  readonly parent?: IConstruct;
  readonly location?: string;
  readonly tags?: { [key: string]: string };
  readonly properties: { [key: string]: any };
  /** Resources (their constructs) that must exist first beyond those its references and parent imply. */
  readonly dependsOn?: IConstruct[];
}

/**
 * The description of a construct with its typed references, as the renderer reads it, or undefined when it renders
 * none (or refers to an existing resource: an imported namespace, a partner topic).
 */
export function describedArmResource(construct: IConstruct): ArmResource | undefined {
  const d = descriptionOf(construct, { withRenderedOverrides: false });
  if (d === undefined || d.existing === true) {
    return undefined;
  }
  const parent = d.parent;
  const out: { [key: string]: unknown } = { type: d.type, apiVersion: d.apiVersion, name: d.name };
  if (parent !== undefined) {
    out.parent = parent;
  }
  if (d.location !== undefined) {
    out.location = d.location;
  }
  if (d.tags !== undefined) {
    out.tags = d.tags;
  }
  out.properties = d.properties;
  if (d.dependsOn !== undefined && d.dependsOn.length > 0) {
    out.dependsOn = d.dependsOn;
  }
  return out as unknown as ArmResource;
}

/**
 * The ARM description of a construct, or undefined when it renders none: typed references are shown as ARM
 * expressions (`[resourceId(...)]`, `[reference(...).x]`) as a template holding both resources in one resource
 * group writes them; explicit dependencies are left out.
 */
export function armResourceOf(construct: IConstruct): ArmResource | undefined {
  const d = describedArmResource(construct);
  if (d === undefined) {
    return undefined;
  }
  const { dependsOn, ...rest } = d;
  return { ...rest, properties: withStandaloneReferences(d.properties) };
}

function withStandaloneReferences(value: any): any {
  if (isReference(value)) {
    return `[${standaloneExpression(value)}]`;
  }
  if (Array.isArray(value)) {
    return value.some(holdsReference) ? value.map(withStandaloneReferences) : value;
  }
  if (isDataObject(value) && holdsReference(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withStandaloneReferences(v)]));
  }
  return value;
}

/** The ARM expression of a reference in a template that deploys its target in the same resource group. */
function standaloneExpression(reference: ResourceReference): string {
  const target = describedArmResource(reference.referenceTo);
  if (target === undefined) {
    throw new Error(`[${reference.referenceTo.node.path}] describes no resource to refer to (attribute ${reference.attribute})`);
  }
  const names: string[] = [];
  for (let t: ArmResource | undefined = target; t; t = t.parent ? describedArmResource(t.parent) : undefined) {
    names.unshift(t.name);
  }
  const id = `resourceId(${[target.type, ...names].map(quote).join(', ')})`;
  if (reference.attribute === 'id') {
    return id;
  }
  if (reference.attribute === 'name') {
    return quote(target.name);
  }
  const member = memberAt(target, reference.attribute);
  if (typeof member === 'string' && !isReference(member)) {
    return quote(member);
  }
  return `reference(${id}, ${quote(target.apiVersion)}).${reference.attribute.replace(/^properties\./, '')}`;
}

/** True when the value holds a typed reference anywhere (JSON-like data only; tokens and constructs are leaves). */
export function holdsReference(value: unknown): boolean {
  if (isReference(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsReference);
  }
  return isDataObject(value) && Object.values(value).some(holdsReference);
}

/** A plain JSON object (not a token, construct or other class instance). */
export function isDataObject(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** How many constructs of `stack` (not of the stacks nested in it) describe a resource. */
export function armResourceCount(stack: IConstruct): number {
  return ResourceModel.of(stack).countOf(stack);
}
