// Placement over resource groups and subscriptions: each resource's scope (subscription, resource group) and
// names (a child's are its parent's and its own), and which template deploys it. The template deploys into one
// resource group (that of the stack's first resource in the deployment's own subscription with a plain group);
// resources of other resource groups or subscriptions go to nested deployments, one per scope.
import { IConstruct } from 'constructs';
import { armError, Entry, Group, Scope, Site, TemplateContext } from './context';
import { dependenciesOf } from './dependencies';
import { describedArmResource } from './descriptions';
import { expr, isLiteral, literal, Piece, splitTerraform } from './expressions';
import { uniqueName } from './parameters';
import { scopeKey } from './resource-ids';
import { ValueTranslator } from './values';
import { isTerraformElement, resolvedBlockOf, resolveForStack } from '../../internal/cdktf';
import { descriptionOf, EVENTGRID } from '../../model';

/** Types deployed at resource group level even when their description names a parent (for ordering only). */
const TOP_LEVEL_TYPES = new Set([
  `${EVENTGRID}/partnerRegistrations`, `${EVENTGRID}/partnerNamespaces`, `${EVENTGRID}/partnerConfigurations`,
]);

/** Places the resources of the template: scope and names of every entry, then the template of each. */
export class Placement {
  constructor(private readonly ctx: TemplateContext, private readonly values: ValueTranslator) {}

  /** Scope and names of every entry, then which template (the outer one or a nested deployment) deploys each. */
  public placeAll(): void {
    for (const e of this.ctx.entries) {
      this.place(e);
    }
    this.assignGroups();
  }

  /** Name, names and scope of an entry (its parent's first). */
  private place(e: Entry): void {
    if (e.scope) {
      return;
    }
    const outer: Site = { entry: e, group: this.ctx.top, path: ['name'] };
    const leaf = this.values.translateString(String(e.rawName), outer);
    e.leafName = leaf;
    const parent = e.desc.parent;
    if (parent === undefined || TOP_LEVEL_TYPES.has(e.desc.type)) {
      const block = e.element ? resolvedBlockOf(e.element) : {};
      const rg = block.resource_group_name ?? (e.construct as any).resourceGroupName;
      if (rg === undefined) {
        throw armError(e.path, `the resource group of ${e.desc.type} ${String(e.rawName)} is not known`);
      }
      e.scope = { resourceGroup: this.scopeValue(String(rg), 'resourceGroup') };
      e.names = [leaf];
      return;
    }
    const inTemplate = this.ctx.byConstruct.get(parent);
    if (inTemplate) {
      this.place(inTemplate);
      e.scope = inTemplate.scope;
      e.names = [...inTemplate.names!, leaf];
      e.deps.add(inTemplate);
      return;
    }
    const external = this.externalParent(e, parent);
    e.scope = external.scope;
    e.names = [...external.names, leaf];
    for (const dep of external.deps) {
      e.deps.add(dep);
    }
  }

  /**
   * The scope and name of a parent this template does not deploy: a namespace imported by id or owned by another
   * stack, or a partner topic (which the customer never creates; it may come from a channel of this template).
   */
  private externalParent(e: Entry, parent: IConstruct): { scope: Scope; names: Piece[]; deps: Entry[] } {
    const p = parent as any;
    if (p.partnerTopicName !== undefined) {
      const deps = this.partnerTopicDependencies(parent);
      return {
        scope: {
          subscriptionId: this.subscriptionValue(String(resolveForStack(parent, p.partnerTopicSubscriptionId))),
          resourceGroup: this.scopeValue(String(resolveForStack(parent, p.partnerTopicResourceGroupName)), 'resourceGroup'),
        },
        names: [this.scopeValue(String(resolveForStack(parent, p.partnerTopicName)), 'partnerTopicName')],
        deps,
      };
    }
    const parentDesc = describedArmResource(parent);
    if (parentDesc) {
      // A resource of another stack: addressed by its own description and block.
      const child = parent.node.defaultChild;
      const block = isTerraformElement(child) ? resolvedBlockOf(child) : {};
      const rg = block.resource_group_name ?? p.resourceGroupName;
      if (typeof rg === 'string' && typeof parentDesc.name === 'string') {
        return { scope: { resourceGroup: this.scopeValue(rg, 'resourceGroup') }, names: [this.scopeValue(parentDesc.name, 'parentName')], deps: [] };
      }
    }
    const id = resolveForStack(parent, p.partnerNamespaceId);
    if (typeof id !== 'string') {
      throw armError(e.path, `the parent ${parent.node.path} has no ARM id to place ${e.desc.type} ${String(e.rawName)} by`);
    }
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/[^/]+\/([^/]+)$/i.exec(id);
    if (m && !splitTerraform(id).some((part) => 'terraform' in part)) {
      return {
        scope: { subscriptionId: this.subscriptionValue(m[1]), resourceGroup: literal(m[2]) },
        names: [literal(m[3])],
        deps: [],
      };
    }
    // An id that is a Terraform expression: split it at deployment.
    const idPiece = this.values.translateString(id, { entry: e, group: this.ctx.top, path: ['parentId'] });
    if (isLiteral(idPiece)) {
      throw armError(e.path, `the parent id ${id} of ${e.desc.type} ${String(e.rawName)} is not an ARM resource id`);
    }
    const segment = (i: number) => expr(`split(${idPiece.expr}, '/')[${i}]`);
    return { scope: { subscriptionId: segment(2), resourceGroup: segment(4) }, names: [expr(`last(split(${idPiece.expr}, '/'))`)], deps: [] };
  }

  /**
   * What the resources on a partner topic wait for: the channel of this template that creates the topic (typed in
   * the model: the topic's description names it). A partner topic the model does not describe is known by its id,
   * whose Terraform references are followed.
   */
  private partnerTopicDependencies(topic: IConstruct): Entry[] {
    const described = descriptionOf(topic, { withRenderedOverrides: false });
    if (described !== undefined) {
      const creator = described.createdBy === undefined ? undefined : this.ctx.byConstruct.get(described.createdBy);
      return creator === undefined ? [] : [creator];
    }
    return dependenciesOf(this.ctx, resolveForStack(topic, (topic as any).partnerTopicId));
  }

  /** A scope value (resource group, parent name): a literal or a parameter, never a resource of this template. */
  private scopeValue(value: string, what: string): Piece {
    return this.values.translateString(value, { group: this.ctx.top, path: [what] });
  }

  /** A subscription id: undefined when it is the deployment's (the stack's azurerm provider's). */
  private subscriptionValue(value: string): Piece | undefined {
    const piece = this.scopeValue(value, 'subscriptionId');
    const own = this.ctx.providerSubscription;
    if (isLiteral(piece) && own !== undefined && piece.literal.toLowerCase() === own.toLowerCase()) {
      return undefined;
    }
    return piece;
  }

  /** The template of each entry: the outer one for the primary scope, else the nested deployment of its scope. */
  private assignGroups(): void {
    const ctx = this.ctx;
    const primary = ctx.entries.find((e) => e.scope!.subscriptionId === undefined && isLiteral(e.scope!.resourceGroup));
    const topKey = primary ? scopeKey(primary.scope!) : undefined;
    ctx.top.scope = primary?.scope;
    const byKey = new Map<string, Group>();
    const usedNames = new Set<string>();
    const nextSuffix = new Map<string, number>();
    for (const e of ctx.entries) {
      const key = scopeKey(e.scope!);
      if (key === topKey) {
        e.group = ctx.top;
        ctx.top.entries.push(e);
        continue;
      }
      let group = byKey.get(key);
      if (!group) {
        group = { key, nested: true, scope: e.scope, name: deploymentName(e.scope!, usedNames, nextSuffix), entries: [] };
        byKey.set(key, group);
        ctx.groups.push(group);
      }
      e.group = group;
      group.entries.push(e);
    }
  }
}

/** The name of the nested deployment into a scope: after its resource group (and subscription), unique. */
export function deploymentName(scope: Scope, used: Set<string>, nextSuffix: Map<string, number>): string {
  const rg = isLiteral(scope.resourceGroup) ? scope.resourceGroup.literal : 'group';
  const sub = scope.subscriptionId && isLiteral(scope.subscriptionId) ? `-${scope.subscriptionId.literal.slice(0, 8)}` : '';
  const base = `partner-events-${rg}${sub}`.replace(/[^-\w.()]/g, '-').slice(0, 60);
  return uniqueName(base, used, nextSuffix, (b, i) => `${b}-${i}`);
}
