// Azure's limits that both rules and renderers need.

/** The most resources one ARM template may hold (learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits). */
export const MAX_ARM_TEMPLATE_RESOURCES = 800;
