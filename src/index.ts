export * from './api-version';
export * from './duration';
export * from './advanced-filter';
export * from './partner-registration';
export * from './partner-namespace';
export type { ExpiryOptions, PartnerTopicTarget } from './channel-common';
export * from './channel';
export * from './event-channel';
export * from './azapi-provider';
export * from './customer-records';
export * from './ipartner-topic';
export * from './event-subscription';
export * as destinations from './destinations';
export * from './partner-configuration';
export * from './verified-partner';
export * from './partner-topic';
export { RuleSeverity } from './validation/rules';
export type { ValidationRule } from './validation/rules';
export * from './validation/validations';
// Writes partner-events.model.json beside each stack's Terraform at synth (read by the local emulator).
import './model-file';
export * from './fleet';
// Writes deploymentTemplate.json (the stack's partner resources as an ARM template) beside each stack's Terraform.
import './arm/template';
