// The template's metadata (what generated it, where and how to deploy it, what it does not deploy) and ARM's
// template limits, stated as warnings rather than enforced, so that Terraform synthesis goes on.
import { ARM_TEMPLATE_FILE, DEPLOYMENTS_TYPE, TemplateContext } from './context';
import { isLiteral } from './expressions';
import { NotDeployed } from './not-deployed';

/** ARM's template limits (learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits). */
export const MAX_TEMPLATE_RESOURCES = 800;
export const MAX_TEMPLATE_PARAMETERS = 256;
export const MAX_TEMPLATE_OUTPUTS = 64;
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/** The template's `metadata` member. */
export function renderMetadata(ctx: TemplateContext, notDeployed: NotDeployed[]): { [key: string]: unknown } {
  const rg = ctx.top.scope && isLiteral(ctx.top.scope.resourceGroup) ? ctx.top.scope.resourceGroup.literal : undefined;
  const required = ctx.parameters.required();
  const command = [
    'az deployment group create',
    ...(ctx.providerSubscription ? [`--subscription ${ctx.providerSubscription}`] : []),
    `--resource-group ${rg ?? '<resource group>'}`,
    `--template-file ${ARM_TEMPLATE_FILE}`,
    ...(required.length > 0 ? [`--parameters ${required.map((n) => `${n}=<value>`).join(' ')}`] : []),
  ].join(' ');
  return {
    generator: { name: 'cdktf-azure-partner-events', stack: ctx.stackPath },
    deployTo: {
      ...(ctx.providerSubscription ? { subscriptionId: ctx.providerSubscription } : {}),
      resourceGroup: rg ?? null,
      command,
    },
    notDeployedByThisTemplate: notDeployed,
  };
}

/** ARM's template limits (800 resources, 256 parameters, 64 outputs, 4 MB) the template exceeds. */
export function limitWarnings(template: { [key: string]: unknown }, parameterCount: number): string[] {
  const warnings: string[] = [];
  const levels: Array<[string, unknown[]]> = [['the template', template.resources as unknown[]]];
  for (const r of template.resources as any[]) {
    if (r.type === DEPLOYMENTS_TYPE) {
      levels.push([`nested deployment ${r.name}`, r.properties.template.resources]);
    }
  }
  for (const [where, resources] of levels) {
    if (resources.length > MAX_TEMPLATE_RESOURCES) {
      warnings.push(`${where} holds ${resources.length} resources; ARM deploys at most ${MAX_TEMPLATE_RESOURCES} per template — split the stack`);
    }
  }
  if (parameterCount > MAX_TEMPLATE_PARAMETERS) {
    warnings.push(`the template has ${parameterCount} parameters; ARM allows at most ${MAX_TEMPLATE_PARAMETERS}`);
  }
  if (Object.keys(template.outputs as object).length > MAX_TEMPLATE_OUTPUTS) {
    warnings.push(`the template has ${Object.keys(template.outputs as object).length} outputs; ARM allows at most ${MAX_TEMPLATE_OUTPUTS}`);
  }
  const size = Buffer.byteLength(JSON.stringify(template));
  if (size > MAX_TEMPLATE_BYTES) {
    warnings.push(`the template is ${size} bytes; ARM accepts at most ${MAX_TEMPLATE_BYTES} (4 MB) — split the stack`);
  }
  return warnings;
}
