// The library's property override (like AWS CDK's `addPropertyOverride`): sets a member of a resource's ARM
// properties on the construct's rendered block, so the model (and with it the rules, the ARM template and the
// model file) sees it as it sees any escape hatch.
import { IConstruct } from 'constructs';
import { AZURERM_MAPPINGS, azurermFieldFor } from './azurerm-mappings';
import { keyedMembershipOf } from './keyed-membership';
import { TerraformResource, terraformTypeOf } from '../../internal/cdktf';
import { describes, ResourceModel, splitPath } from '../../model';

/**
 * Sets `properties.<path>` of the resource `construct` describes (`path` is relative to `properties`, dotted:
 * `partnerTopicInfo.eventTypeInfo.kind`; `undefined` removes the member). On an azapi block it is a `body` override;
 * on an azurerm block, an override of the attribute that holds the member.
 */
export function addPropertyOverride(construct: IConstruct, path: string, value: unknown): void {
  if (keyedMembershipOf(construct) !== undefined) {
    // an instance of a shared block: the member's description carries it, and the block renders it
    ResourceModel.of(construct).addPropertyOverride(construct, ['properties', ...splitPath(path)].map(escapeDots).join('.'), value);
    return;
  }
  const element = construct.node.defaultChild;
  if (!describes(construct) || element === undefined || !TerraformResource.isTerraformResource(element)) {
    throw new Error(`[${construct.node.path}] describes no Azure resource rendered by the library: property overrides apply to its resource constructs`);
  }
  const segments = splitPath(path);
  const resource = element as TerraformResource;
  const tfType = terraformTypeOf(resource)!;
  if (tfType === 'azapi_resource') {
    resource.addOverride(['body', 'properties', ...segments].map(escapeDots).join('.'), value);
    return;
  }
  const member = ['properties', ...segments].join('.');
  const field = azurermFieldFor(tfType, member);
  if (field === undefined) {
    const members = Object.values(AZURERM_MAPPINGS[tfType] ?? {}).filter((f) => f.member[0] === 'properties').map((f) => f.member.slice(1).join('.'));
    throw new Error(`[${construct.node.path}] properties.${path} has no attribute in ${tfType} (${JSON.stringify(value)}) — override one of ${members.join(', ')}, or use addOverride on the block`);
  }
  resource.addOverride(field.attribute, value === undefined ? undefined : snakeKeys(field.toAzurerm(value)));
}

/** cdktf splits override paths at dots; a dot inside a member name is escaped. */
function escapeDots(segment: string): string {
  return segment.replace(/\./g, '\\.');
}

/** The provider config's camelCase block keys as Terraform names them (`ipMask` → `ip_mask`), in nested values. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(snakeKeys);
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) {
        out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = snakeKeys(v);
      }
    }
    return out;
  }
  return value;
}
