// Test helpers: a stack with the azurerm provider, and the synthesized JSON parsed.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';

export const SUBSCRIPTION = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
export const OTHER_SUBSCRIPTION = '0c7a5e3f-6a2b-4a59-9d0e-2f1f5c3e8a11';

/** A new app (Testing.app, no outdir writes) and a stack in it with the azurerm provider. */
export function newStack(app: App = Testing.app(), id = 'stack'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The stack's Terraform JSON, parsed; validations run unless `validate` is false. */
export function synthJson(stack: TerraformStack, validate = true): any {
  return JSON.parse(Testing.synth(stack, validate));
}

/** The one resource of a Terraform type in a parsed synth (fails when there is not exactly one). */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) {
    throw new Error(`expected one ${type}, found ${all.length}`);
  }
  return all[0];
}

/** Every resource of a Terraform type in a parsed synth. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The Terraform resources and data sources of a synthesized stack, as `type.name` (none for a stack of imports only). */
export function createdIn(stack: TerraformStack): string[] {
  const json = synthJson(stack);
  return [...Object.entries(json.resource ?? {}), ...Object.entries(json.data ?? {})]
    .flatMap(([type, blocks]) => Object.keys(blocks as object).map((name) => `${type}.${name}`));
}
