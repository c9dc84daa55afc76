// How the template names the ARM id of a resource it deploys, from wherever the id is needed: the template itself
// or a nested deployment in another resource group or subscription (inner expression scope).
import { Entry, Group, Scope, DEPLOYMENTS_TYPE } from './context';
import { isLiteral, operand, quote, toTemplateString } from './expressions';
import { DEPLOYMENT_RESOURCE_GROUP, DEPLOYMENT_SUBSCRIPTION } from './parameters';

/** The key of a scope: resources with the same key deploy in the same template (names compared as Azure does). */
export function scopeKey(scope: Scope): string {
  const sub = scope.subscriptionId ? toTemplateString(scope.subscriptionId).toLowerCase() : '';
  const rg = isLiteral(scope.resourceGroup) ? scope.resourceGroup.literal.toLowerCase() : toTemplateString(scope.resourceGroup);
  return `${sub}|${rg}`;
}

/** `resourceId(...)` of an entry, as an expression valid in the template of `siteGroup`. */
export function resourceIdIn(target: Entry, siteGroup: Group): string {
  const args: string[] = [];
  if (target.group !== siteGroup) {
    const scope = target.group!.nested ? target.scope! : undefined;
    if (scope === undefined) {
      // The outer template's resource group, from inside a nested deployment.
      if (siteGroup.scope?.subscriptionId !== undefined) {
        args.push(`parameters('${DEPLOYMENT_SUBSCRIPTION}')`);
      }
      args.push(`parameters('${DEPLOYMENT_RESOURCE_GROUP}')`);
    } else {
      if (scope.subscriptionId !== undefined) {
        args.push(operand(scope.subscriptionId));
      } else if (siteGroup.scope?.subscriptionId !== undefined && siteGroup.nested) {
        args.push(`parameters('${DEPLOYMENT_SUBSCRIPTION}')`);
      }
      args.push(operand(scope.resourceGroup));
    }
  }
  args.push(quote(target.desc.type), ...target.names!.map(operand));
  return `resourceId(${args.join(', ')})`;
}

/** `resourceId(...)` of a nested deployment, from the template. */
export function deploymentId(group: Group): string {
  return `resourceId('${DEPLOYMENTS_TYPE}', ${quote(group.name)})`;
}

/**
 * The ARM id of an entry as plain text (for commands), when its scope and names are plain; the subscription is
 * `providerSubscription` (the deployment's) when the scope names none.
 */
export function literalIdOf(e: Entry, providerSubscription: string | undefined): string | undefined {
  const scope = e.scope;
  const names = e.names;
  if (!scope || !names || !isLiteral(scope.resourceGroup) || names.some((n) => !isLiteral(n))
    || (scope.subscriptionId !== undefined && !isLiteral(scope.subscriptionId))) {
    return undefined;
  }
  const sub = scope.subscriptionId && isLiteral(scope.subscriptionId) ? scope.subscriptionId.literal : providerSubscription ?? '<subscription>';
  const [namespace, ...types] = e.desc.type.split('/');
  const path = types.map((t, i) => `${t}/${(names[i] as { literal: string }).literal}`).join('/');
  return `/subscriptions/${sub}/resourceGroups/${scope.resourceGroup.literal}/providers/${namespace}/${path}`;
}
