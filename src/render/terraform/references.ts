// Typed references of the model (src/model/description.ts) as Terraform expressions: an attribute of the block
// that renders the referenced construct.
import { AZURERM_MAPPINGS } from './azurerm-mappings';
import { TerraformResource, terraformTypeOf } from '../../internal/cdktf';
import { ResourceReference } from '../../model';

/** The Terraform expression (a token) of a reference: `id`, `name`, or a member such as `properties.x.y`. */
export function terraformReference(reference: ResourceReference): string {
  const target = reference.referenceTo;
  const element = target.node.defaultChild;
  if (element === undefined || !TerraformResource.isTerraformResource(element)) {
    throw new Error(`[${target.node.path}] renders no Terraform resource to refer to (attribute ${reference.attribute})`);
  }
  const resource = element as TerraformResource;
  const tfType = terraformTypeOf(resource)!;
  if (reference.attribute === 'id') {
    return resource.getStringAttribute('id');
  }
  if (tfType === 'azapi_resource') {
    return resource.getStringAttribute(reference.attribute === 'name' ? 'name' : `body.${reference.attribute}`);
  }
  const member = reference.attribute.split('.');
  const f = Object.values(AZURERM_MAPPINGS[tfType] ?? {}).find((m) => m.member.join('.') === member.join('.'));
  if (!f) {
    throw new Error(`[${target.node.path}] ${tfType} has no attribute for ${reference.attribute}`);
  }
  return resource.getStringAttribute(f.attribute);
}
