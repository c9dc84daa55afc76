// What the ARM template renderer (src/render/arm) needs to read from cdktf: values resolved as Terraform would see them
// (`${azurerm_x.y.id}`), the address of every element of a stack, Terraform variables, and the subscription of the
// stack's default azurerm provider.
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformDataSource,
  TerraformElement,
  TerraformLocal,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import { hasStackTerraform, stackTerraform } from './artifacts';
import { renderedBlockOf } from './overrides';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** `value` with every token resolved as in the synthesized Terraform (references become `${type.id.attr}`). */
export function resolveForStack(scope: IConstruct, value: unknown): any {
  return Tokenization.resolve(value, { scope, resolver: RESOLVER, preparing: false });
}

/**
 * An element's own block as Terraform reads it (overrides merged, tokens resolved): taken from the stack's
 * rendering of the synth in progress when there is one, else rendered on its own.
 */
export function resolvedBlockOf(element: TerraformElement): any {
  const stack = TerraformStack.of(element);
  if (hasStackTerraform(stack)) {
    const tf = stackTerraform(stack) as { [kind: string]: { [type: string]: { [id: string]: any } } };
    const type = (element as unknown as { terraformResourceType?: string }).terraformResourceType;
    const kind = TerraformDataSource.isTerraformDataSource(element) ? 'data' : 'resource';
    const block = type !== undefined ? tf[kind]?.[type]?.[element.friendlyUniqueId] : undefined;
    if (block !== undefined) {
      return block;
    }
  }
  return resolveForStack(element, renderedBlockOf(element));
}

/** A Terraform variable as the ARM renderer reads it. */
export interface VariableInfo {
  readonly type?: string;
  readonly sensitive: boolean;
  readonly description?: string;
  readonly default?: unknown;
}

/** An element of a stack, by the address Terraform expressions use for it. */
export interface AddressedElement {
  readonly element: TerraformElement;
  /** `resource`, `data`, `var` or `local`. */
  readonly kind: 'resource' | 'data' | 'var' | 'local';
  /** The Terraform type of a resource or data source (`azapi_resource`). */
  readonly terraformType?: string;
  /** Set for variables. */
  readonly variable?: VariableInfo;
}

/** Every addressable element of the stack, by `type.id`, `data.type.id`, `var.id` or `local.id`. */
export function elementsByAddress(stack: TerraformStack): Map<string, AddressedElement> {
  const out = new Map<string, AddressedElement>();
  for (const node of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(node)) {
      continue;
    }
    const id = node.friendlyUniqueId;
    if (TerraformResource.isTerraformResource(node)) {
      out.set(`${node.terraformResourceType}.${id}`, { element: node, kind: 'resource', terraformType: node.terraformResourceType });
    } else if (TerraformDataSource.isTerraformDataSource(node)) {
      out.set(`data.${node.terraformResourceType}.${id}`, { element: node, kind: 'data', terraformType: node.terraformResourceType });
    } else if (node instanceof TerraformVariable) {
      out.set(`var.${id}`, {
        element: node,
        kind: 'var',
        variable: { type: node.type, sensitive: node.sensitive === true, description: node.description, default: node.default },
      });
    } else if (node instanceof TerraformLocal) {
      out.set(`local.${id}`, { element: node, kind: 'local' });
    }
  }
  return out;
}

/** The Terraform type of an element (`azapi_resource`, `time_static`…), or undefined when it has none. */
export function terraformTypeOfElement(x: unknown): string | undefined {
  if (TerraformResource.isTerraformResource(x) || TerraformDataSource.isTerraformDataSource(x)) {
    return (x as TerraformResource).terraformResourceType;
  }
  return undefined;
}

/**
 * The `subscription_id` of the stack's default (unaliased) azurerm provider when it is a plain string: the
 * subscription the azurerm resources of the stack are created in. Undefined when not set or a token.
 */
export function azurermSubscriptionOf(stack: TerraformStack): string | undefined {
  for (const node of stack.node.findAll()) {
    if (!TerraformProvider.isTerraformProvider(node) || node.terraformResourceType !== 'azurerm') {
      continue;
    }
    const tf = resolveForStack(stack, node.toTerraform()) as { provider?: { azurerm?: Array<{ alias?: string; subscription_id?: unknown }> } };
    for (const block of tf.provider?.azurerm ?? []) {
      if (block.alias === undefined && typeof block.subscription_id === 'string' && !block.subscription_id.includes('${')) {
        return block.subscription_id;
      }
    }
  }
  return undefined;
}
