// The Azure subscription a stack deploys its azurerm resources to, when the stack says so.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The subscription id of the default (unaliased) azurerm provider of the stack of `scope`, when it is given as a
 * literal; undefined when the stack has none, leaves it to the environment (ARM_SUBSCRIPTION_ID) or gives a token.
 */
export function stackSubscriptionId(scope: IConstruct): string | undefined {
  const stack = TerraformStack.of(scope);
  for (const child of stack.node.children) {
    if (child instanceof AzurermProvider && child.alias === undefined) {
      const id = child.subscriptionId;
      return typeof id === 'string' && id !== '' && !Token.isUnresolved(id) ? id : undefined;
    }
  }
  return undefined;
}
