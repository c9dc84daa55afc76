// Every stack that renders azapi or time resources gets exactly one default provider block for each.
import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AzapiProviderArgs, AzapiProviderBlock } from './azapi';
import { TimeProviderBlock } from './time';

/** The construct id of the provider blocks this library adds on its own. */
export const IMPLICIT_AZAPI_ID = 'PartnerEventsAzapiProvider';
export const IMPLICIT_TIME_ID = 'PartnerEventsTimeProvider';

interface StackProviders {
  azapi?: AzapiProviderBlock;
  azapiImplicit?: boolean;
  time?: TimeProviderBlock;
}

const byStack = new WeakMap<TerraformStack, StackProviders>();

function providersOf(stack: TerraformStack): StackProviders {
  let entry = byStack.get(stack);
  if (!entry) {
    entry = {};
    byStack.set(stack, entry);
  }
  return entry;
}

/** Declares the default azapi provider in the stack of `scope`, once. */
export function ensureAzapiProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  const entry = providersOf(stack);
  if (!entry.azapi) {
    entry.azapi = new AzapiProviderBlock(stack, IMPLICIT_AZAPI_ID);
    entry.azapiImplicit = true;
  }
}

/** Declares the time provider in the stack of `scope`, once. */
export function ensureTimeProvider(scope: IConstruct): void {
  const entry = providersOf(TerraformStack.of(scope));
  if (!entry.time) {
    entry.time = new TimeProviderBlock(TerraformStack.of(scope), IMPLICIT_TIME_ID);
  }
}

/**
 * Declares a user-configured default azapi provider in the stack of `scope`, replacing the one this library
 * added on its own. Refuses a second user-configured default provider in the same stack.
 */
export function declareAzapiProvider(scope: Construct, id: string, args: AzapiProviderArgs): AzapiProviderBlock {
  const stack = TerraformStack.of(scope);
  const entry = providersOf(stack);
  if (args.alias === undefined) {
    if (entry.azapi && !entry.azapiImplicit) {
      throw new Error(`[${scope.node.path}/${id}] the stack already configures the default azapi provider at ${entry.azapi.node.path} — configure it once per stack, or give this one an alias`);
    }
    if (entry.azapi && entry.azapiImplicit) {
      stack.node.tryRemoveChild(IMPLICIT_AZAPI_ID);
    }
  }
  const block = new AzapiProviderBlock(scope, id, args);
  if (args.alias === undefined) {
    entry.azapi = block;
    entry.azapiImplicit = false;
  }
  return block;
}

/** The construct path of the stack that holds `scope` (resources of one stack share one provider configuration). */
export function stackPathOf(scope: IConstruct): string {
  return TerraformStack.of(scope).node.path;
}

/** The stack that holds `scope`. */
export function stackOf(scope: IConstruct): IConstruct {
  return TerraformStack.of(scope);
}
