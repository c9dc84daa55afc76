export { DataAzurermEventgridPartnerRegistration } from '@cdktf/provider-azurerm/lib/data-azurerm-eventgrid-partner-registration';
