// What escape hatches (`addOverride` on a library construct's Terraform block) change in the resource the
// construct describes: the model folds these member overrides into the description, so rules, the ARM template
// and the model file see what Terraform will deploy.
import { IConstruct } from 'constructs';
import { AZURERM_MAPPINGS } from './azurerm-mappings';
import { isTerraformElement, rawOverridesOf, terraformTypeOf } from '../../internal/cdktf';
import { isPlainObject } from '../../internal/objects';
import { MemberOverride, ResourceModel } from '../../model';

/** azapi attributes that hold members of the description, beside `body`. */
const AZAPI_MEMBERS: { [attribute: string]: string[] } = { name: ['name'], location: ['location'], tags: ['tags'] };

/** The member overrides of one override object (`{ body: { properties: { x: 1 } } }` or a path key `body.properties.x`). */
export function memberOverridesOf(tfType: string, overrides: { [key: string]: any }): MemberOverride[] {
  const out: MemberOverride[] = [];
  const visit = (path: string[], value: unknown) => {
    const mapped = mapPath(tfType, path, value);
    if (mapped) {
      out.push(mapped);
      return;
    }
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        visit([...path, ...k.split('.')], v);
      }
    }
  };
  for (const [key, value] of Object.entries(overrides)) {
    visit(key.split('.'), value);
  }
  return out;
}

/** The description member a Terraform attribute path stands for (undefined: look deeper, or not a member). */
function mapPath(tfType: string, path: string[], value: unknown): MemberOverride | undefined {
  if (tfType === 'azapi_resource') {
    // objects merge into the block member by member (as cdktf merges overrides): map their leaves
    if (path[0] === 'body' && path.length >= 2 && !isPlainObject(value)) {
      return { path: path.slice(1), value };
    }
    const member = AZAPI_MEMBERS[path[0]];
    return member && path.length === 1 ? { path: member, value } : undefined;
  }
  const f = AZURERM_MAPPINGS[tfType]?.[path[0]];
  if (f && path.length === 1) {
    return { path: f.member, value: value === undefined ? undefined : f.toArm(value) };
  }
  return undefined;
}

/** What escape hatches put on the construct's own Terraform block (its default child), as member overrides. */
function renderedOverridesOf(construct: IConstruct): MemberOverride[] {
  const element = construct.node.defaultChild;
  if (element === undefined || !isTerraformElement(element)) {
    return [];
  }
  const tfType = terraformTypeOf(element);
  return tfType === undefined ? [] : memberOverridesOf(tfType, rawOverridesOf(element));
}

/** Shows the model what escape hatches put on the construct's own Terraform block (one reader for every construct). */
export function watchRenderedOverrides(construct: IConstruct): void {
  ResourceModel.of(construct).setRenderedOverrides(construct, renderedOverridesOf);
}
