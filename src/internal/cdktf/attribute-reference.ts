// A reference to an attribute of a Terraform resource, as a token, without the cost cdktf's own reference has.
//
// `resource.getStringAttribute(x)` makes a cdktf `Reference`, an `Intrinsic`, which captures and formats the whole
// call stack when made (for error messages that are never shown). At 10,000 channels that was the largest single
// cost of building the app: one reference per channel (its partner topic's name), each 25–70 µs. This resolvable
// resolves exactly as cdktf's reference does — same expression, same cross-stack handling at preparation — and
// captures nothing.
import { App, IResolvable, IResolveContext, TerraformResource, TerraformStack, Token } from 'cdktf';

class AttributeReference implements IResolvable {
  /** cdktf shows it when a token cannot be resolved; the resource's path says where it came from instead. */
  public readonly creationStack: string[];
  /** The identifier in each stack that refers to it through a cross-stack output. */
  private readonly crossStack = new Map<TerraformStack, string>();
  private readonly origin: TerraformStack;

  constructor(private readonly resource: TerraformResource, private readonly attribute: string, private readonly instanceKey?: string) {
    this.origin = TerraformStack.of(resource);
    this.creationStack = [`reference to ${attribute} of ${resource.node.path}${instanceKey === undefined ? '' : `[${JSON.stringify(instanceKey)}]`}`];
  }

  /**
   * `type.logical_id.attribute` (`type.logical_id["key"].attribute` for one instance of a `for_each` block), read
   * when resolved, so that a logical id overridden later is followed.
   */
  private identifier(): string {
    const r = this.resource;
    const instance = this.instanceKey !== undefined ? `[${JSON.stringify(this.instanceKey)}]` : r.forEach ? '.*' : '';
    return `${r.terraformResourceType}.${r.friendlyUniqueId}${instance}.${this.attribute}`;
  }

  public resolve(context: IResolveContext): string {
    const here = TerraformStack.of(context.scope);
    const suppressBraces = context.suppressBraces;
    context.suppressBraces = true;
    if (context.preparing && this.origin !== here) {
      // the same as cdktf's reference: another stack reads it through an output of this one
      this.crossStack.set(here, App.of(this.origin).crossStackReference(this.origin, here, this.identifier()));
    }
    const identifier = this.crossStack.get(here) ?? this.identifier();
    return suppressBraces ? identifier : `\${${identifier}}`;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * The token of `attribute` of `resource` (`id`, `name`, `body.properties.x`): the same Terraform expression as
 * `resource.getStringAttribute(attribute)`, made without capturing a stack trace.
 */
export function attributeReference(resource: TerraformResource, attribute: string): string {
  return Token.asString(new AttributeReference(resource, attribute));
}

/** The token of `attribute` of the instance `key` of a `for_each` block (`azapi_resource.x["key"].id`). */
export function instanceAttributeReference(resource: TerraformResource, key: string, attribute: string): string {
  return Token.asString(new AttributeReference(resource, attribute, key));
}
