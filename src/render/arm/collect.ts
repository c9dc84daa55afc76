// The partner resources of a stack as the template renders them: each library construct's description (src/model/)
// with what its rendered Terraform block changes (escape-hatch overrides, azapi's `sensitive_body`), as resolved
// values still in Terraform form (`${…}` expressions), before they are translated into ARM expressions.
import { IConstruct } from 'constructs';
import { Entry, TemplateContext } from './context';
import { ArmResource, describedArmResource, holdsReference, isDataObject } from './descriptions';
import {
  isTerraformElement, rawOverridesOf, resolvedBlockOf, resolveForStack, TerraformElement, terraformTypeOfElement,
} from '../../internal/cdktf';
import { isPlainObject } from '../../internal/objects';
import { descriptionOf, EVENTGRID, isReference, ResourceReference } from '../../model';
import { AZURERM_MAPPINGS } from '../terraform/azurerm-mappings';

/** Locations the service requires where the construct's description has none. */
const DEFAULT_LOCATION: { [type: string]: string } = {
  [`${EVENTGRID}/partnerConfigurations`]: 'global',
};
/** Read-only properties (outputs of the service): never sent, even when an escape hatch puts them in a body. */
const READ_ONLY: { [type: string]: string[] } = {
  [`${EVENTGRID}/partnerRegistrations`]: ['provisioningState'],
  [`${EVENTGRID}/partnerNamespaces`]: ['provisioningState', 'endpoint', 'privateEndpointConnections'],
  [`${EVENTGRID}/partnerNamespaces/channels`]: ['provisioningState', 'readinessState'],
  [`${EVENTGRID}/partnerNamespaces/eventChannels`]: ['provisioningState', 'partnerTopicReadinessState'],
  [`${EVENTGRID}/partnerTopics/eventSubscriptions`]: ['provisioningState', 'topic'],
  [`${EVENTGRID}/partnerConfigurations`]: ['provisioningState'],
};

/** Adds an entry to the context for every construct of the stack that describes a resource, in tree order. */
export function collectEntries(ctx: TemplateContext): void {
  for (const node of ctx.stack.node.findAll()) {
    const desc = describedArmResource(node);
    if (!desc) {
      continue;
    }
    const child = node.node.defaultChild;
    const element = isTerraformElement(child) ? child : undefined;
    const tfType = terraformTypeOfElement(element);
    const azapi = tfType === 'azapi_resource';
    const block = element ? resolvedBlockOf(element) : {};
    const raw = azapi ? fromAzapiBlock(node, desc, block) : fromAzurermBlock(node, desc, block, tfType, element);
    const rawProperties = { ...raw.properties };
    for (const key of READ_ONLY[desc.type] ?? []) {
      delete rawProperties[key];
    }
    const entry: Entry = {
      index: ctx.entries.length,
      construct: node,
      path: node.node.path,
      desc,
      element,
      azapi,
      apiVersion: raw.apiVersion,
      rawName: raw.name,
      rawLocation: raw.location,
      rawTags: raw.tags,
      rawProperties,
      secretPaths: raw.secretPaths,
      rawDependsOn: Array.isArray(block.depends_on) ? block.depends_on.filter((d: unknown): d is string => typeof d === 'string') : [],
      deps: new Set(),
    };
    ctx.add(entry);
  }
}

interface RawResource {
  readonly apiVersion: string;
  readonly name: unknown;
  readonly location?: unknown;
  readonly tags?: unknown;
  readonly properties: { [key: string]: any };
  readonly secretPaths: Set<string>;
}

/** The azapi body is what Terraform sends: the description's properties, with escape-hatch overrides. */
function fromAzapiBlock(node: IConstruct, desc: ArmResource, block: any): RawResource {
  let apiVersion = desc.apiVersion;
  const [type, version] = String(block.type ?? '').split('@');
  if (type === desc.type && version) {
    apiVersion = version;
  }
  const merged = block.sensitive_body === undefined ? block.body ?? {} : mergePatch(block.body ?? {}, block.sensitive_body);
  const secretPaths = new Set<string>();
  if (block.sensitive_body?.properties) {
    secretLeaves(block.sensitive_body.properties, [], secretPaths);
  }
  const properties = orderLike(merged.properties ?? {}, resolveKeepingReferences(node, desc.properties));
  // Where the description refers to another resource and no escape hatch replaced the value, the body holds the
  // Terraform rendering of the reference: keep the typed reference instead.
  const effective = holdsReference(desc.properties) ? descriptionOf(node)?.properties : undefined;
  for (const [path, reference] of referencesIn(effective, [])) {
    const holder = getPath(properties, path.slice(0, -1));
    if (holder !== null && typeof holder === 'object' && holder[path[path.length - 1]] !== undefined) {
      holder[path[path.length - 1]] = reference;
    }
  }
  return {
    apiVersion,
    name: block.name ?? desc.name,
    location: desc.location ?? DEFAULT_LOCATION[desc.type],
    tags: desc.tags,
    properties,
    secretPaths,
  };
}

/** An azurerm block: the description resolved, with the mapped attributes its escape hatches override. */
function fromAzurermBlock(node: IConstruct, desc: ArmResource, block: any, tfType: string | undefined,
  element: TerraformElement | undefined): RawResource {
  const location = desc.location ?? DEFAULT_LOCATION[desc.type];
  const resolved = resolveKeepingReferences(node, { name: desc.name, location, tags: desc.tags, properties: desc.properties });
  const arm: { [key: string]: any } = { ...resolved };
  const fields = tfType ? AZURERM_MAPPINGS[tfType] : undefined;
  if (fields && element) {
    for (const key of Object.keys(rawOverridesOf(element))) {
      const field = fields[key];
      if (field && block[key] !== undefined) {
        setAt(arm, [...field.member], field.toArm(block[key]));
      }
    }
  }
  return {
    apiVersion: desc.apiVersion,
    name: arm.name,
    location: arm.location,
    tags: arm.tags,
    properties: arm.properties ?? {},
    secretPaths: new Set(),
  };
}

/**
 * The value Terraform is given at a path of an entry's description (`properties.x.y`), read from its rendered
 * block: for a typed reference to a resource of another stack, Terraform's cross-stack expression. Undefined when
 * the block does not show that member.
 */
export function renderedValueAt(e: Entry, path: string[]): unknown {
  if (!e.element) {
    return undefined;
  }
  const block = resolvedBlockOf(e.element);
  if (e.azapi) {
    return path[0] === 'properties' ? getPath(block.body, path) : undefined;
  }
  const tfType = terraformTypeOfElement(e.element);
  const field = Object.values(AZURERM_MAPPINGS[tfType ?? ''] ?? {})
    .find((f) => f.member.length <= path.length && f.member.every((m, i) => m === path[i]));
  if (!field || block[field.attribute] === undefined) {
    return undefined;
  }
  return getPath(field.toArm(block[field.attribute]), path.slice(field.member.length));
}

/**
 * The value resolved as Terraform sees it (`${…}` expressions), with its typed references kept as they are: the
 * template renders those itself. Without references, exactly `resolveForStack`.
 */
function resolveKeepingReferences(scope: IConstruct, value: unknown): any {
  if (isReference(value)) {
    return value;
  }
  if (!holdsReference(value)) {
    return resolveForStack(scope, value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => resolveKeepingReferences(scope, v));
  }
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(value as object)) {
    const resolved = v === undefined ? undefined : resolveKeepingReferences(scope, v);
    if (resolved !== undefined) {
      out[k] = resolved;
    }
  }
  return out;
}

/** The typed references in a value, with their paths. */
function referencesIn(value: unknown, path: string[]): Array<[string[], ResourceReference]> {
  if (isReference(value)) {
    return [[path, value]];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => referencesIn(v, [...path, String(i)]));
  }
  if (isDataObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => referencesIn(v, [...path, k]));
  }
  return [];
}

function getPath(obj: any, path: string[]): any {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

function setAt(obj: { [key: string]: any }, path: string[], value: unknown): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    o[k] = o[k] !== null && typeof o[k] === 'object' ? { ...o[k] } : {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
}

/** JSON merge patch (RFC 7386): how azapi merges `sensitive_body` into `body`. */
export function mergePatch(target: any, patch: any): any {
  if (!isPlainObject(patch)) {
    return patch;
  }
  const out: { [key: string]: any } = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
    } else {
      out[k] = mergePatch(out[k], v);
    }
  }
  return out;
}

/** `value` with its object keys in the order of `reference` (then its own): a merge patch appends keys. */
export function orderLike(value: any, reference: any): any {
  if (Array.isArray(value)) {
    return value.map((v, i) => orderLike(v, Array.isArray(reference) ? reference[i] : undefined));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const ref = isPlainObject(reference) ? reference : {};
  const keys = [...Object.keys(ref).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in ref))];
  return Object.fromEntries(keys.map((k) => [k, orderLike(value[k], ref[k])]));
}

/**
 * The secret leaves of a `sensitive_body`'s properties: everything, except the non-secret members of delivery
 * attribute mappings (the list travels whole, because a merge patch replaces arrays).
 */
export function secretLeaves(value: any, path: string[], out: Set<string>, inMapping = false, mappingIsSecret = false): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => secretLeaves(v, [...path, String(i)], out, inMapping || path[path.length - 1] === 'deliveryAttributeMappings', mappingIsSecret));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const secretMapping = inMapping && value.properties?.isSecret === true ? true : mappingIsSecret;
    for (const [k, v] of Object.entries(value)) {
      secretLeaves(v, [...path, k], out, inMapping, secretMapping);
    }
    return;
  }
  if (typeof value !== 'string') {
    return;
  }
  const key = path[path.length - 1];
  if (!inMapping || (mappingIsSecret && key === 'value')) {
    out.add(path.join('/'));
  }
}
