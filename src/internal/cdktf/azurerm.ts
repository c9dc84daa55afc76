// The azurerm provider classes this library renders, imported by deep path: the package's root index costs
// over a second and hundreds of megabytes per process.
export { EventgridPartnerRegistration } from '@cdktf/provider-azurerm/lib/eventgrid-partner-registration';
export type { EventgridPartnerRegistrationConfig } from '@cdktf/provider-azurerm/lib/eventgrid-partner-registration';
export { EventgridPartnerNamespace } from '@cdktf/provider-azurerm/lib/eventgrid-partner-namespace';
export type { EventgridPartnerNamespaceConfig } from '@cdktf/provider-azurerm/lib/eventgrid-partner-namespace';
