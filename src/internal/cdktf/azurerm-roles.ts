// Role assignments (azurerm `azurerm_role_assignment`), imported by deep path like the other azurerm classes.
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
