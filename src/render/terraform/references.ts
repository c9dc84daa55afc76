// Typed references of the model (src/model/description.ts) as Terraform expressions: an attribute of the block
// that renders the referenced construct.
import { IConstruct } from 'constructs';
import { azurermFieldFor } from './azurerm-mappings';
import { keyedMembershipOf } from './keyed-membership';
import { attributeReference, TerraformResource, terraformTypeOf } from '../../internal/cdktf';
import { isReference, ResourceReference } from '../../model';

/** Attributes Azure computes (read-only members of the description) as azurerm attributes, per azurerm type. */
const AZURERM_COMPUTED: { readonly [tfType: string]: { readonly [member: string]: string } } = {
  azurerm_eventgrid_partner_registration: { 'properties.partnerRegistrationImmutableId': 'partner_registration_id' },
  azurerm_eventgrid_partner_namespace: { 'properties.endpoint': 'endpoint' },
};

/** The tokens made per rendered block and attribute: the same reference gives the same token. */
const madeTokens = new WeakMap<IConstruct, Map<string, string>>();

/**
 * The Terraform expression (a token) of a reference: `id`, `name`, or a member such as `properties.x.y`. The same
 * reference gives the same token (10,000 channels of one namespace share one token of its id).
 */
export function terraformReference(reference: ResourceReference): string {
  const keyed = keyedMembershipOf(reference.referenceTo);
  if (keyed !== undefined) {
    const a = reference.attribute;
    return keyed.block.instanceAttribute(keyed.key, a === 'id' || a === 'name' ? a : `body.${a}`);
  }
  let byAttribute = madeTokens.get(reference.referenceTo);
  let token = byAttribute?.get(reference.attribute);
  if (token === undefined) {
    const [resource, attribute] = terraformAttributeOf(reference);
    token = attributeReference(resource, attribute);
    byAttribute ??= new Map();
    madeTokens.set(reference.referenceTo, byAttribute);
    byAttribute.set(reference.attribute, token);
  }
  return token;
}

/** The rendered block of a reference's target and its Terraform attribute that holds the referenced member. */
function terraformAttributeOf(reference: ResourceReference): [TerraformResource, string] {
  const target = reference.referenceTo;
  const element = target.node.defaultChild;
  if (element === undefined || !TerraformResource.isTerraformResource(element)) {
    throw new Error(`[${target.node.path}] renders no Terraform resource to refer to (attribute ${reference.attribute})`);
  }
  const resource = element as TerraformResource;
  const tfType = terraformTypeOf(resource)!;
  if (reference.attribute === 'id') {
    return [resource, 'id'];
  }
  if (tfType === 'azapi_resource') {
    return [resource, reference.attribute === 'name' ? 'name' : `body.${reference.attribute}`];
  }
  const computed = AZURERM_COMPUTED[tfType]?.[reference.attribute];
  if (computed !== undefined) {
    return [resource, computed];
  }
  const f = azurermFieldFor(tfType, reference.attribute);
  if (!f) {
    throw new Error(`[${target.node.path}] ${tfType} has no attribute for ${reference.attribute}`);
  }
  return [resource, f.attribute];
}

/**
 * The Terraform expression of a reference when the app renders its target (a Terraform resource is the target's
 * default child), else `otherwise` (an imported resource, known by what it was given).
 */
export function terraformReferenceOr(reference: ResourceReference, otherwise: string): string {
  const element = reference.referenceTo.node.defaultChild;
  const rendered = (element !== undefined && TerraformResource.isTerraformResource(element))
    || keyedMembershipOf(reference.referenceTo) !== undefined;
  return rendered ? terraformReference(reference) : otherwise;
}

/**
 * A value of a description (or any member of it) with its typed references as their Terraform expressions: what
 * the Terraform block is built from.
 */
export function terraformValue<T>(value: T): T {
  if (isReference(value)) {
    return terraformReference(value) as unknown as T;
  }
  if (Array.isArray(value)) {
    return (value.some(holdsReference) ? value.map((v) => terraformValue(v)) : value) as unknown as T;
  }
  if (isDataObject(value) && holdsReference(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terraformValue(v)])) as T;
  }
  return value;
}

/** The attribute tokens library constructs handed out, per app, with the reference each stands for. */
const handedOut = new WeakMap<IConstruct, Map<string, ResourceReference>>();

/**
 * The Terraform expression of a reference, for a construct to expose as an attribute (for example a
 * registration's `partnerRegistrationImmutableId`): the same token is recognised by `referenceOfToken`, so that a
 * construct given it back in a string prop describes a typed reference instead of the token.
 */
export function attributeToken(reference: ResourceReference): string {
  const token = terraformReference(reference);
  const root = reference.referenceTo.node.root;
  let tokens = handedOut.get(root);
  if (!tokens) {
    tokens = new Map();
    handedOut.set(root, tokens);
  }
  tokens.set(token, reference);
  return token;
}

/** The typed reference a value stands for when it is exactly an attribute token of the app (else undefined). */
export function referenceOfToken(scope: IConstruct, value: unknown): ResourceReference | undefined {
  return typeof value === 'string' ? handedOut.get(scope.node.root)?.get(value) : undefined;
}

function holdsReference(value: unknown): boolean {
  if (isReference(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsReference);
  }
  return isDataObject(value) && Object.values(value).some(holdsReference);
}

function isDataObject(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
