// The assembly of a stack's template: collect the resources, place them, list what the template does not deploy,
// translate each resource's body, then lay out the template's own resources and one nested deployment per other
// scope, with their dependsOn, parameters, outputs, metadata and limit warnings.
import { collectEntries } from './collect';
import {
  CONSTRUCT_COMMENT_PREFIX, DEPLOYMENT_TEMPLATE_SCHEMA, DEPLOYMENTS_API_VERSION, DEPLOYMENTS_TYPE, Entry, Group, Site,
  TemplateContext,
} from './context';
import {
  addExplicitDependencies, checkCycles, deploymentDependsOn, dependsOnOf, GroupDependencies, splitCyclicGroups,
} from './dependencies';
import { concat, literal, quote, toTemplateString } from './expressions';
import { limitWarnings, renderMetadata } from './metadata';
import { notDeployed } from './not-deployed';
import { renderOutputs } from './outputs';
import { DEPLOYMENT_RESOURCE_GROUP, DEPLOYMENT_SUBSCRIPTION } from './parameters';
import { Placement } from './placement';
import { ValueTranslator } from './values';
import { TerraformStack } from '../../internal/cdktf';

/** The ARM template of a stack (undefined when the stack has no partner resources). */
export function renderArmTemplate(stack: TerraformStack): { [key: string]: unknown } | undefined {
  const ctx = new TemplateContext(stack);
  const values = new ValueTranslator(ctx);
  collectEntries(ctx);
  new Placement(ctx, values).placeAll();
  const notDeployedList = notDeployed(ctx, values);
  if (ctx.entries.length === 0 && notDeployedList.length === 0) {
    return undefined;
  }
  const bodies = new Map<Entry, { [key: string]: unknown }>();
  for (const e of ctx.entries) {
    bodies.set(e, resourceBody(ctx, values, e));
  }
  const outputs = renderOutputs(ctx);
  const resources = assemble(ctx, bodies);

  const template: { [key: string]: unknown } = {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    metadata: renderMetadata(ctx, notDeployedList),
    parameters: ctx.parameters.toTemplate(),
    resources,
    outputs,
  };
  const warnings = limitWarnings(template, ctx.parameters.size);
  if (warnings.length > 0) {
    (template.metadata as { [key: string]: unknown }).warnings = warnings;
  }
  return template;
}

/** A resource of the template, without its dependsOn (known once every body is translated). */
function resourceBody(ctx: TemplateContext, values: ValueTranslator, e: Entry): { [key: string]: unknown } {
  const site = (path: string[]): Site => ({ entry: e, group: e.group!, path });
  const names = e.names!;
  const name = toTemplateString(names.length === 1 ? names[0] : concat(names.flatMap((n, i) => (i === 0 ? [n] : [literal('/'), n]))));
  const out: { [key: string]: unknown } = { type: e.desc.type, apiVersion: e.apiVersion, name };
  if (e.rawLocation !== undefined) {
    out.location = values.translateValue(e.rawLocation, site(['location']));
  }
  if (e.rawTags !== undefined) {
    out.tags = values.translateValue(e.rawTags, site(['tags']));
  }
  out.properties = values.translateValue(e.rawProperties, site(['properties']));
  addExplicitDependencies(ctx, e);
  out.comments = `${CONSTRUCT_COMMENT_PREFIX}${e.path}`;
  return out;
}

/** The template's resources: its own group's, then one nested deployment per other group; with dependsOn. */
function assemble(ctx: TemplateContext, bodies: Map<Entry, { [key: string]: unknown }>): unknown[] {
  splitCyclicGroups(ctx);
  const groupDeps: GroupDependencies = new Map();
  const withDeps = (e: Entry): { [key: string]: unknown } => {
    const own = dependsOnOf(e, groupDeps);
    const { comments, properties, ...head } = bodies.get(e)!;
    return { ...head, ...(own.length > 0 ? { dependsOn: own } : {}), properties, comments };
  };
  const resources: unknown[] = ctx.top.entries.map(withDeps);
  const nestedBodies = new Map<Group, unknown[]>();
  for (const g of ctx.groups) {
    nestedBodies.set(g, g.entries.map(withDeps));
  }
  checkCycles(ctx, groupDeps);
  for (const g of ctx.groups) {
    resources.push(nestedDeployment(ctx, g, nestedBodies.get(g)!, deploymentDependsOn(ctx, g, groupDeps)));
  }
  return resources;
}

/** The nested deployment of a group: its resources, and the outer parameters they use passed in. */
function nestedDeployment(ctx: TemplateContext, g: Group, inner: unknown[], deps: string[]): { [key: string]: unknown } {
  const used = new Set<string>();
  const text = JSON.stringify(inner);
  for (const m of text.matchAll(/parameters\('([^']+)'\)/g)) {
    if (ctx.parameters.has(m[1]) || m[1] === DEPLOYMENT_RESOURCE_GROUP || m[1] === DEPLOYMENT_SUBSCRIPTION) {
      used.add(m[1]);
    }
  }
  const innerParameters: { [key: string]: unknown } = {};
  const values: { [key: string]: unknown } = {};
  for (const name of [...used].sort()) {
    if (name === DEPLOYMENT_RESOURCE_GROUP) {
      innerParameters[name] = { type: 'string' };
      values[name] = { value: '[resourceGroup().name]' };
    } else if (name === DEPLOYMENT_SUBSCRIPTION) {
      innerParameters[name] = { type: 'string' };
      values[name] = { value: '[subscription().subscriptionId]' };
    } else {
      const def = ctx.parameters.get(name)!;
      innerParameters[name] = { type: def.type };
      values[name] = { value: `[parameters(${quote(name)})]` };
    }
  }
  const scope = g.scope!;
  return {
    type: DEPLOYMENTS_TYPE,
    apiVersion: DEPLOYMENTS_API_VERSION,
    name: g.name,
    ...(scope.subscriptionId ? { subscriptionId: toTemplateString(scope.subscriptionId) } : {}),
    resourceGroup: toTemplateString(scope.resourceGroup),
    ...(deps.length > 0 ? { dependsOn: deps } : {}),
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: values,
      template: {
        $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: innerParameters,
        resources: inner,
      },
    },
    comments: `the partner resources of resource group ${toTemplateString(scope.resourceGroup)}${scope.subscriptionId ? ` in subscription ${toTemplateString(scope.subscriptionId)}` : ''}`,
  };
}
