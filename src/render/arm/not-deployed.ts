// What an ARM deployment cannot do, listed in `metadata.notDeployedByThisTemplate` with the command that does it:
// partner topic activation (a POST action), the partner topic's managed identity (the partner's channel creates the
// topic), role assignments (the template would need the built-in role's id), and key rotation (`regenerateKey`).
import { IConstruct } from 'constructs';
import { ARM_ENDPOINT, DryValue, Site, TemplateContext } from './context';
import { dependenciesOf } from './dependencies';
import { describedArmResource } from './descriptions';
import { isLiteral, parseReference, splitTerraform, toTemplateString } from './expressions';
import { literalIdOf } from './resource-ids';
import { ValueTranslator } from './values';
import { isTerraformElement, resolvedBlockOf, resolveForStack, terraformTypeOfElement } from '../../internal/cdktf';
import { descriptionOf, EVENTGRID, PartnerTopicCoordinates } from '../../model';

/** A thing the template leaves to a command. */
export interface NotDeployed {
  readonly constructPath: string;
  readonly action: string;
  readonly resourceId?: string;
  readonly when: string;
  readonly command: string;
}

/** What the stack's library constructs need that the template does not deploy, in tree order, then key rotation. */
export function notDeployed(ctx: TemplateContext, values: ValueTranslator): NotDeployed[] {
  const commandText = (value: unknown, scope: IConstruct): string => textOf(ctx, values, value, scope);
  const out: NotDeployed[] = [];
  for (const node of ctx.stack.node.findAll()) {
    if (!isTerraformElement(node)) {
      continue;
    }
    const tfType = terraformTypeOfElement(node);
    if (tfType !== 'azapi_resource_action' && tfType !== 'azapi_update_resource' && tfType !== 'azurerm_role_assignment') {
      continue;
    }
    const owner = node.node.scope;
    if (!owner || !isLibraryConstruct(owner)) {
      continue;
    }
    const block = resolvedBlockOf(node);
    const [type, version] = String(block.type ?? '').split('@');
    if (tfType === 'azapi_resource_action' && type === `${EVENTGRID}/partnerTopics` && block.action === 'activate') {
      const id = partnerTopicIdText(ctx, values, owner) ?? commandText(block.resource_id, node);
      out.push({
        constructPath: owner.node.path,
        action: 'activate',
        resourceId: id,
        when: 'after the partner\'s channel has created the partner topic (an ARM deployment cannot call POST actions other than list*)',
        command: `az rest --method post --url "${ARM_ENDPOINT}${id}/activate?api-version=${version}"`,
      });
    } else if (isIdentityPatch(tfType, block) && type === `${EVENTGRID}/partnerTopics`) {
      const id = partnerTopicIdText(ctx, values, owner) ?? commandText(block.resource_id, node);
      out.push({
        constructPath: owner.node.path,
        action: 'assignIdentity',
        resourceId: id,
        when: 'after the activation (when the topic is activated), and before this template is deployed when an event subscription delivers or dead-letters with the topic\'s identity (the partner topic is created by the partner\'s channel, so this template cannot declare it)',
        command: `az rest --method patch --url "${ARM_ENDPOINT}${id}?api-version=${version}" --body '${JSON.stringify({ identity: block.body.identity })}'`,
      });
    } else if (tfType === 'azurerm_role_assignment') {
      const scopeText = commandText(block.scope, node);
      const principal = commandText(block.principal_id, node);
      const role = String(block.role_definition_name ?? block.role_definition_id);
      const onTemplateResource = dependenciesOf(ctx, block.scope).length > 0;
      const topicIdentity = /output\.identity\.principalId\}/.test(String(block.principal_id));
      out.push({
        constructPath: node.node.path,
        action: 'roleAssignment',
        resourceId: scopeText,
        when: onTemplateResource
          ? 'after this template is deployed (its scope is a resource the template creates; the built-in role is named, and a template needs its id)'
          : topicIdentity
            ? 'before this template is deployed (the principal is the partner topic\'s managed identity, which this template does not manage)'
            : 'before this template is deployed (the built-in role is named, and a template needs its id)',
        command: `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ${block.principal_type ?? 'ServicePrincipal'} --role "${role}" --scope "${scopeText}"`,
      });
    }
  }
  // a topic's activation runs before its identity PATCH, whichever the app declared first (both are its children)
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i].action === 'assignIdentity' && out[i + 1].action === 'activate' && out[i].constructPath === out[i + 1].constructPath) {
      [out[i], out[i + 1]] = [out[i + 1], out[i]];
    }
  }
  for (const e of ctx.entries) {
    if (e.desc.type !== `${EVENTGRID}/partnerNamespaces`) {
      continue;
    }
    const id = literalIdOf(e, ctx.providerSubscription) ?? `<the id of ${e.path}>`;
    out.push({
      constructPath: e.path,
      action: 'regenerateKey',
      resourceId: id,
      when: 'to rotate an access key (key1 or key2); read the keys with listKeys, which the template does not output',
      command: `az rest --method post --url "${ARM_ENDPOINT}${id}/regenerateKey?api-version=${e.apiVersion}" --body '{"keyName":"key1"}'`,
    });
  }
  return out;
}

/**
 * The ARM id of the partner topic a construct describes, as command text: from its coordinates in the model (a
 * same-app channel's topic is where the channel's description puts it), or undefined when the model has none.
 */
function partnerTopicIdText(ctx: TemplateContext, values: ValueTranslator, topic: IConstruct): string | undefined {
  const d = descriptionOf(topic);
  if (d === undefined || d.type !== `${EVENTGRID}/partnerTopics` || d.scope?.kind !== 'resourceGroup' || d.scope.subscriptionId === undefined) {
    return undefined;
  }
  return textOf(ctx, values, new PartnerTopicCoordinates(d.scope.subscriptionId, d.scope.resourceGroupName, d.name).id, topic);
}

/** A resolved value as command text: literal where known, `<…>` where not. */
function textOf(ctx: TemplateContext, values: ValueTranslator, value: unknown, scope: IConstruct): string {
  const resolved = resolveForStack(scope, value);
  if (typeof resolved !== 'string') {
    return String(resolved);
  }
  const dry: Site = { group: ctx.top, path: ['command'], dry: true };
  return splitTerraform(resolved).map((part) => {
    if (!('terraform' in part)) {
      return part.text;
    }
    const ref = parseReference(part.terraform);
    const found = ref ? ctx.elements.get(ref.address) : undefined;
    if (ref && found && isIdentityPatch(found.terraformType, resolvedBlockOf(found.element)) && ref.attribute.join('.') === 'output.identity.principalId') {
      const b = resolvedBlockOf(found.element);
      const [, version] = String(b.type).split('@');
      return `$(az rest --method get --url "${ARM_ENDPOINT}${textOf(ctx, values, b.resource_id, found.element)}?api-version=${version}" --query identity.principalId --output tsv)`;
    }
    try {
      const piece = values.terraformPiece(part.terraform, dry);
      return isLiteral(piece) ? piece.literal : `<${toTemplateString(piece)}>`;
    } catch (e) {
      if (e instanceof DryValue) {
        return `<\${${part.terraform}}>`;
      }
      throw e;
    }
  }).join('');
}

/**
 * True for a block that sets a resource's identity: an azapi action that PATCHes `identity` (as the library renders
 * a partner topic's), or an `azapi_update_resource` of it (written by hand).
 */
export function isIdentityPatch(tfType: string | undefined, block: any): boolean {
  const patch = tfType === 'azapi_resource_action' && String(block.method ?? '').toUpperCase() === 'PATCH';
  return (patch || tfType === 'azapi_update_resource') && block.body?.identity !== undefined;
}

/** True for a construct of the library (it, or a construct above it, describes a resource or is a partner topic). */
function isLibraryConstruct(c: IConstruct): boolean {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (describedArmResource(s) || (s as any).partnerTopicName !== undefined) {
      return true;
    }
  }
  return false;
}
