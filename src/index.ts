export * from './common/api-version';
export * from './common/duration';
export * from './subscriber/advanced-filter';
export * from './publisher/partner-registration';
export * from './publisher/partner-namespace';
export type { ExpiryOptions, PartnerTopicTarget } from './publisher/channel-common';
export * from './publisher/channel';
export * from './publisher/event-channel';
export * from './common/azapi-provider';
export * from './publisher/customer-records';
export * from './subscriber/ipartner-topic';
export * from './subscriber/event-subscription';
export * as destinations from './destinations';
export * from './subscriber/partner-configuration';
export * from './subscriber/verified-partner';
export * from './subscriber/partner-topic';
export { RuleSeverity } from './validation/rule';
export type { ValidationRule } from './validation/rule';
export * from './validation/validations';
// Writes partner-events.model.json beside each stack's Terraform at synth (read by the local emulator).
import './render/model-file/writer';
export * from './publisher/fleet';
// Writes deploymentTemplate.json (the stack's partner resources as an ARM template) beside each stack's Terraform.
import './render/arm/template';
export type { RuleViolation, ValidationFinding } from './validation/rule';
export * from './validation/rule-packs';
