// The one folder that imports cdktf and provider bindings. Everything else in the library speaks in
// `constructs`, plain values and the library's own types, so a build against another CDK for Terraform
// distribution swaps this folder alone.
export { Annotations, Fn, Lazy, TerraformOutput, TerraformResource, TerraformStack, TerraformElement, Token } from 'cdktf';
export * from './azapi';
export * from './azapi-set';
export * from './azurerm';
export * from './time';
export * from './providers';
export * from './overrides';
export * from './azurerm-data';
export * from './azurerm-roles';
export * from './azurerm-customer';
export * from './artifacts';
export * from './literal';
export * from './literal-splice';
export * from './arm-support';
export * from './stacks';
export * from './terraform-settings';
export * from './validation-failure';
export * from './stack-subscription';
export * from './output-gates';
export * from './attribute-reference';
export * from './backends';
export * from './validation-pass';
