// The azurerm provider class of the customer side, imported by deep path (the package's root index costs over a
// second and hundreds of megabytes per process).
export { EventgridPartnerConfiguration } from '@cdktf/provider-azurerm/lib/eventgrid-partner-configuration';
export type { EventgridPartnerConfigurationPartnerAuthorization } from '@cdktf/provider-azurerm/lib/eventgrid-partner-configuration';
