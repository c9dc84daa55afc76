// Stacks the library creates itself (the shards of a channel fleet), each with its azurerm provider.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export interface AzureStackOptions {
  /** The subscription the stack's azurerm provider manages. */
  readonly subscriptionId?: string;
}

/** A new Terraform stack with the azurerm provider (features `{}`) declared. */
export function newAzureStack(scope: Construct, id: string, options: AzureStackOptions = {}): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: options.subscriptionId });
  return stack;
}
