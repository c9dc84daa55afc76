// The ARM deployment template of a stack (`deploymentTemplate.json`, written beside its cdk.tf.json at every
// synth): every partner resource the stack's constructs describe (src/model/), from the same descriptions and the
// same rendered Terraform blocks (escape-hatch overrides included) as the Terraform output.
//
// - Scope: the template deploys into one resource group (`metadata.deployTo`: the resource group of the stack's
//   first partner resource). Resources of other resource groups (the customer's partner configuration, the event
//   subscriptions of a partner topic in another group or subscription) go to nested deployments
//   (`Microsoft.Resources/deployments`, inner expression scope), one per resource group.
// - References between library constructs become `resourceId(...)` / `reference(...)` and `dependsOn`. Terraform
//   values that are not library constructs (variables, foreign resources, data lookups, `timeadd` expiries) become
//   template parameters; secrets (azapi `sensitive_body`) become `securestring` parameters, never literals.
// - What an ARM deployment cannot do (partner topic activation, its managed identity, role assignments,
//   `regenerateKey`) is listed in `metadata.notDeployedByThisTemplate` with the command that does it.
import { IConstruct } from 'constructs';
import {
  candidateAddresses,
  camelName,
  concat,
  durationWords,
  expr,
  isLiteral,
  isoDuration,
  literal,
  offsetSeconds,
  operand,
  parseReference,
  parseTimeadd,
  Piece,
  quote,
  splitTerraform,
  TerraformReference,
  toTemplateString,
} from './expressions';
import {
  AddressedElement,
  azurermSubscriptionOf,
  elementsByAddress,
  isTerraformElement,
  rawOverridesOf,
  registerStackArtifact,
  resolvedBlockOf,
  resolveForStack,
  TerraformElement,
  TerraformStack,
  terraformTypeOfElement,
} from '../../internal/cdktf';
import { isPlainObject } from '../../internal/objects';
import { ArmResource, armResourceCount, armResourceOf } from './descriptions';
import { AZURERM_MAPPINGS } from '../terraform/azurerm-mappings';
import { EVENTGRID, MAX_ARM_TEMPLATE_RESOURCES } from '../../model';

/** The file written beside each stack's `cdk.tf.json`. */
export const ARM_TEMPLATE_FILE = 'deploymentTemplate.json';
/** The schema of a resource-group deployment template. */
export const DEPLOYMENT_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
/** The API version of the nested deployments (`Microsoft.Resources/deployments`). */
export const DEPLOYMENTS_API_VERSION = '2022-09-01';
/** The `comments` of every resource of the template name the construct it comes from, after this prefix. */
export const CONSTRUCT_COMMENT_PREFIX = 'construct ';

const ARM_ENDPOINT = 'https://management.azure.com';
const DEPLOYMENTS_TYPE = 'Microsoft.Resources/deployments';
/** Locations the service requires where the construct's description has none. */
const DEFAULT_LOCATION: { [type: string]: string } = {
  [`${EVENTGRID}/partnerConfigurations`]: 'global',
};
/** Read-only properties (outputs of the service): never sent, even when an escape hatch puts them in a body. */
const READ_ONLY: { [type: string]: string[] } = {
  [`${EVENTGRID}/partnerRegistrations`]: ['provisioningState'],
  [`${EVENTGRID}/partnerNamespaces`]: ['provisioningState', 'endpoint', 'privateEndpointConnections'],
  [`${EVENTGRID}/partnerNamespaces/channels`]: ['provisioningState', 'readinessState'],
  [`${EVENTGRID}/partnerNamespaces/eventChannels`]: ['provisioningState', 'partnerTopicReadinessState'],
  [`${EVENTGRID}/partnerTopics/eventSubscriptions`]: ['provisioningState', 'topic'],
  [`${EVENTGRID}/partnerConfigurations`]: ['provisioningState'],
};
/** Inner parameters of nested deployments: the outer deployment's resource group and subscription. */
/** ARM's template limits (learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits). */
const MAX_TEMPLATE_RESOURCES = 800;
const MAX_TEMPLATE_PARAMETERS = 256;
const MAX_TEMPLATE_OUTPUTS = 64;
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
const DEPLOYMENT_RESOURCE_GROUP = 'deploymentResourceGroupName';
const DEPLOYMENT_SUBSCRIPTION = 'deploymentSubscriptionId';

/** A template parameter. */
interface ParameterDefinition {
  type: string;
  defaultValue?: unknown;
  metadata?: { description: string };
}

/** Where a resource lives. `subscriptionId` is undefined for the deployment's own subscription. */
interface Scope {
  readonly subscriptionId?: Piece;
  readonly resourceGroup: Piece;
}

/** One partner resource of the template. */
interface Entry {
  readonly index: number;
  readonly construct: IConstruct;
  readonly path: string;
  readonly desc: ArmResource;
  readonly element?: TerraformElement;
  readonly azapi: boolean;
  readonly apiVersion: string;
  /** Resolved (Terraform-form) values, before translation. */
  readonly rawName: unknown;
  readonly rawLocation?: unknown;
  readonly rawTags?: unknown;
  readonly rawProperties: { [key: string]: any };
  /** Paths (joined by `/`) of secret leaves in the properties. */
  readonly secretPaths: Set<string>;
  readonly rawDependsOn: string[];
  leafName?: Piece;
  names?: Piece[];
  scope?: Scope;
  group?: Group;
  readonly deps: Set<Entry>;
}

/** The template itself (`nested: false`) or a nested deployment into another resource group. */
interface Group {
  readonly key: string;
  readonly nested: boolean;
  scope?: Scope;
  name: string;
  readonly entries: Entry[];
}

/** Where a value is translated: for whose resource, into which template (outer or nested), at what path. */
interface Site {
  readonly entry?: Entry;
  readonly group: Group;
  readonly path: string[];
  /** Command text for metadata: no parameters are made, unknown values become `<…>` placeholders. */
  readonly dry?: boolean;
}

/** A thing the template leaves to a command. */
interface NotDeployed {
  readonly constructPath: string;
  readonly action: string;
  readonly resourceId?: string;
  readonly when: string;
  readonly command: string;
}

/** Thrown while rendering command text when a value is only known at deployment. */
class DryValue extends Error {}

/** An error of the ARM rendering, naming the construct path. */
function armError(path: string, message: string): Error {
  return new Error(`[${path}] ARM template: ${message}`);
}

function getAt(obj: any, path: string[]): any {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

/** JSON merge patch (RFC 7386): how azapi merges `sensitive_body` into `body`. */
function mergePatch(target: any, patch: any): any {
  if (!isPlainObject(patch)) {
    return patch;
  }
  const out: { [key: string]: any } = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
    } else {
      out[k] = mergePatch(out[k], v);
    }
  }
  return out;
}

/** `value` with its object keys in the order of `reference` (then its own): a merge patch appends keys. */
function orderLike(value: any, reference: any): any {
  if (Array.isArray(value)) {
    return value.map((v, i) => orderLike(v, Array.isArray(reference) ? reference[i] : undefined));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const ref = isPlainObject(reference) ? reference : {};
  const keys = [...Object.keys(ref).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in ref))];
  return Object.fromEntries(keys.map((k) => [k, orderLike(value[k], ref[k])]));
}

/**
 * The secret leaves of a `sensitive_body`'s properties: everything, except the non-secret members of delivery
 * attribute mappings (the list travels whole, because a merge patch replaces arrays).
 */
function secretLeaves(value: any, path: string[], out: Set<string>, inMapping = false, mappingIsSecret = false): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => secretLeaves(v, [...path, String(i)], out, inMapping || path[path.length - 1] === 'deliveryAttributeMappings', mappingIsSecret));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const secretMapping = inMapping && value.properties?.isSecret === true ? true : mappingIsSecret;
    for (const [k, v] of Object.entries(value)) {
      secretLeaves(v, [...path, k], out, inMapping, secretMapping);
    }
    return;
  }
  if (typeof value !== 'string') {
    return;
  }
  const key = path[path.length - 1];
  if (!inMapping || (mappingIsSecret && key === 'value')) {
    out.add(path.join('/'));
  }
}

/** `.a.b['c-d'][0]` */
function accessPath(segments: string[]): string {
  return segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${quote(s)}]`)).join('');
}

/** The ARM type of a Terraform variable type. */
function parameterType(tfType: string | undefined, sensitive: boolean, defaultValue: unknown): string {
  const t = (tfType ?? '').replace(/\s+/g, '');
  let type = 'string';
  if (t === 'number') {
    type = 'int';
  } else if (t === 'bool') {
    type = 'bool';
  } else if (/^(list|set|tuple)/.test(t)) {
    type = 'array';
  } else if (/^(map|object)/.test(t)) {
    type = 'object';
  } else if (t === '' || t === 'any') {
    type = typeof defaultValue === 'number' ? 'int' : typeof defaultValue === 'boolean' ? 'bool'
      : Array.isArray(defaultValue) ? 'array' : defaultValue !== null && typeof defaultValue === 'object' ? 'object' : 'string';
  }
  if (sensitive) {
    return type === 'object' || type === 'array' ? 'secureObject' : 'securestring';
  }
  return type;
}

const TOP_LEVEL_TYPES = new Set([
  `${EVENTGRID}/partnerRegistrations`, `${EVENTGRID}/partnerNamespaces`, `${EVENTGRID}/partnerConfigurations`,
]);

function setAt(obj: { [key: string]: any }, path: string[], value: unknown): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    o[k] = o[k] !== null && typeof o[k] === 'object' ? { ...o[k] } : {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
}

/** Renders the ARM template of one stack. */
class TemplateRenderer {
  private readonly stackPath: string;
  private readonly elements: Map<string, AddressedElement>;
  private readonly providerSubscription?: string;
  private readonly entries: Entry[] = [];
  private readonly byConstruct = new Map<IConstruct, Entry>();
  private readonly byElement = new Map<TerraformElement, Entry>();
  private readonly parameters = new Map<string, ParameterDefinition>();
  private readonly parameterByKey = new Map<string, string>();
  /** Parameter names in use, lowercased (ARM compares them case-insensitively), the deployment's own included. */
  private readonly parameterNames = new Set<string>([DEPLOYMENT_RESOURCE_GROUP.toLowerCase(), DEPLOYMENT_SUBSCRIPTION.toLowerCase()]);
  /** The next numeric suffix to try per base name: keeps naming linear when thousands of names share a base. */
  private readonly nextSuffix = new Map<string, number>();
  private readonly top: Group = { key: '', nested: false, name: '', entries: [] };
  private readonly groups: Group[] = [];

  constructor(private readonly stack: TerraformStack) {
    this.stackPath = stack.node.path;
    this.elements = elementsByAddress(stack);
    this.providerSubscription = azurermSubscriptionOf(stack);
  }

  public render(): { [key: string]: unknown } | undefined {
    this.collect();
    for (const e of this.entries) {
      this.place(e);
    }
    this.assignGroups();
    const notDeployed = this.notDeployed();
    if (this.entries.length === 0 && notDeployed.length === 0) {
      return undefined;
    }
    const bodies = new Map<Entry, { [key: string]: unknown }>();
    for (const e of this.entries) {
      bodies.set(e, this.resourceBody(e));
    }
    const outputs = this.outputs();
    const resources = this.assemble(bodies);

    const template: { [key: string]: unknown } = {
      $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
      contentVersion: '1.0.0.0',
      metadata: this.metadata(notDeployed),
      parameters: Object.fromEntries(this.parameters),
      resources,
      outputs,
    };
    const warnings = this.limitWarnings(template);
    if (warnings.length > 0) {
      (template.metadata as { [key: string]: unknown }).warnings = warnings;
    }
    return template;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Collecting the resources

  private collect(): void {
    for (const node of this.stack.node.findAll()) {
      const desc = armResourceOf(node);
      if (!desc) {
        continue;
      }
      const child = node.node.defaultChild;
      const element = isTerraformElement(child) ? child : undefined;
      const tfType = terraformTypeOfElement(element);
      const azapi = tfType === 'azapi_resource';
      const block = element ? resolvedBlockOf(element) : {};
      let apiVersion = desc.apiVersion;
      let rawName: unknown = desc.name;
      let rawLocation: unknown = desc.location ?? DEFAULT_LOCATION[desc.type];
      let rawTags: unknown = desc.tags;
      let rawProperties: { [key: string]: any };
      const secretPaths = new Set<string>();
      if (azapi) {
        // The azapi body is what Terraform sends: the description's properties, with escape-hatch overrides.
        const [type, version] = String(block.type ?? '').split('@');
        if (type === desc.type && version) {
          apiVersion = version;
        }
        rawName = block.name ?? desc.name;
        const merged = block.sensitive_body === undefined ? block.body ?? {} : mergePatch(block.body ?? {}, block.sensitive_body);
        rawProperties = orderLike(merged.properties ?? {}, resolveForStack(node, desc.properties));
        if (block.sensitive_body?.properties) {
          secretLeaves(block.sensitive_body.properties, [], secretPaths);
        }
      } else {
        const resolved = resolveForStack(node, { name: desc.name, location: rawLocation, tags: desc.tags, properties: desc.properties });
        const arm: { [key: string]: any } = { ...resolved };
        const fields = tfType ? AZURERM_MAPPINGS[tfType] : undefined;
        if (fields && element) {
          for (const key of Object.keys(rawOverridesOf(element))) {
            const field = fields[key];
            if (field && block[key] !== undefined) {
              setAt(arm, [...field.member], field.toArm(block[key]));
            }
          }
        }
        rawName = arm.name;
        rawLocation = arm.location;
        rawTags = arm.tags;
        rawProperties = arm.properties ?? {};
      }
      rawProperties = { ...rawProperties };
      for (const key of READ_ONLY[desc.type] ?? []) {
        delete rawProperties[key];
      }
      const entry: Entry = {
        index: this.entries.length,
        construct: node,
        path: node.node.path,
        desc,
        element,
        azapi,
        apiVersion,
        rawName,
        rawLocation,
        rawTags,
        rawProperties,
        secretPaths,
        rawDependsOn: Array.isArray(block.depends_on) ? block.depends_on.filter((d: unknown): d is string => typeof d === 'string') : [],
        deps: new Set(),
      };
      this.entries.push(entry);
      this.byConstruct.set(node, entry);
      if (element) {
        this.byElement.set(element, entry);
      }
    }
  }

  /** Name, names and scope of an entry (its parent's first). */
  private place(e: Entry): void {
    if (e.scope) {
      return;
    }
    const outer: Site = { entry: e, group: this.top, path: ['name'] };
    const leaf = this.translateString(String(e.rawName), outer);
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
    const inTemplate = this.byConstruct.get(parent);
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
      const deps = this.dependenciesOf(resolveForStack(parent, p.partnerTopicId));
      return {
        scope: {
          subscriptionId: this.subscriptionValue(String(resolveForStack(parent, p.partnerTopicSubscriptionId))),
          resourceGroup: this.scopeValue(String(resolveForStack(parent, p.partnerTopicResourceGroupName)), 'resourceGroup'),
        },
        names: [this.scopeValue(String(resolveForStack(parent, p.partnerTopicName)), 'partnerTopicName')],
        deps,
      };
    }
    const parentDesc = armResourceOf(parent);
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
    const idPiece = this.translateString(id, { entry: e, group: this.top, path: ['parentId'] });
    if (isLiteral(idPiece)) {
      throw armError(e.path, `the parent id ${id} of ${e.desc.type} ${String(e.rawName)} is not an ARM resource id`);
    }
    const segment = (i: number) => expr(`split(${idPiece.expr}, '/')[${i}]`);
    return { scope: { subscriptionId: segment(2), resourceGroup: segment(4) }, names: [expr(`last(split(${idPiece.expr}, '/'))`)], deps: [] };
  }

  /** A scope value (resource group, parent name): a literal or a parameter, never a resource of this template. */
  private scopeValue(value: string, what: string): Piece {
    return this.translateString(value, { group: this.top, path: [what] });
  }

  /** A subscription id: undefined when it is the deployment's (the stack's azurerm provider's). */
  private subscriptionValue(value: string): Piece | undefined {
    const piece = this.scopeValue(value, 'subscriptionId');
    if (isLiteral(piece) && this.providerSubscription !== undefined && piece.literal.toLowerCase() === this.providerSubscription.toLowerCase()) {
      return undefined;
    }
    return piece;
  }

  /** The template entries a resolved value refers to, through values this template does not deploy. */
  private dependenciesOf(value: unknown): Entry[] {
    const out: Entry[] = [];
    const visit = (v: unknown, depth: number): void => {
      if (depth > 8) {
        return;
      }
      if (typeof v === 'string') {
        for (const part of splitTerraform(v)) {
          if (!('terraform' in part)) {
            continue;
          }
          for (const address of candidateAddresses(part.terraform)) {
            const found = this.elements.get(address);
            if (!found) {
              continue;
            }
            const entry = this.byElement.get(found.element);
            if (entry) {
              out.push(entry);
            } else if (found.terraformType === 'azapi_update_resource') {
              visit(resolvedBlockOf(found.element).resource_id, depth + 1);
            }
          }
        }
      } else if (Array.isArray(v)) {
        v.forEach((x) => visit(x, depth));
      } else if (v !== null && typeof v === 'object') {
        Object.values(v).forEach((x) => visit(x, depth));
      }
    };
    visit(value, 0);
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Groups: the template's own resource group and nested deployments

  private scopeKey(scope: Scope): string {
    const sub = scope.subscriptionId ? toTemplateString(scope.subscriptionId).toLowerCase() : '';
    const rg = isLiteral(scope.resourceGroup) ? scope.resourceGroup.literal.toLowerCase() : toTemplateString(scope.resourceGroup);
    return `${sub}|${rg}`;
  }

  private assignGroups(): void {
    const primary = this.entries.find((e) => e.scope!.subscriptionId === undefined && isLiteral(e.scope!.resourceGroup));
    const topKey = primary ? this.scopeKey(primary.scope!) : undefined;
    this.top.scope = primary?.scope;
    const byKey = new Map<string, Group>();
    const usedNames = new Set<string>();
    for (const e of this.entries) {
      const key = this.scopeKey(e.scope!);
      if (key === topKey) {
        e.group = this.top;
        this.top.entries.push(e);
        continue;
      }
      let group = byKey.get(key);
      if (!group) {
        group = { key, nested: true, scope: e.scope, name: this.deploymentName(e.scope!, usedNames), entries: [] };
        byKey.set(key, group);
        this.groups.push(group);
      }
      e.group = group;
      group.entries.push(e);
    }
  }

  private deploymentName(scope: Scope, used: Set<string>): string {
    const rg = isLiteral(scope.resourceGroup) ? scope.resourceGroup.literal : 'group';
    const sub = scope.subscriptionId && isLiteral(scope.subscriptionId) ? `-${scope.subscriptionId.literal.slice(0, 8)}` : '';
    const base = `partner-events-${rg}${sub}`.replace(/[^-\w.()]/g, '-').slice(0, 60);
    return uniqueName(base, used, this.nextSuffix, (b, i) => `${b}-${i}`);
  }

  /** `resourceId(...)` of an entry, as an expression valid in the template of `site`. */
  private resourceIdIn(target: Entry, siteGroup: Group): string {
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

  // -------------------------------------------------------------------------------------------------------------
  // Translating values

  private param(key: string, baseName: string, definition: ParameterDefinition): string {
    const known = this.parameterByKey.get(key);
    if (known !== undefined) {
      return known;
    }
    const name = uniqueName(baseName, this.parameterNames, this.nextSuffix, (b, i) => `${b}${i}`);
    this.parameters.set(name, definition);
    this.parameterByKey.set(key, name);
    return name;
  }

  private secure(name: string): void {
    const def = this.parameters.get(name);
    if (def && !def.type.startsWith('secure')) {
      def.type = def.type === 'object' || def.type === 'array' ? 'secureObject' : 'securestring';
      delete def.defaultValue;
    }
  }

  private where(site: Site): string {
    return site.entry?.path ?? this.stackPath;
  }

  private leafText(e: Entry | undefined): string {
    if (!e) {
      return '';
    }
    return typeof e.rawName === 'string' && !e.rawName.includes('${') ? e.rawName : e.construct.node.id;
  }

  private translateValue(value: unknown, site: Site): unknown {
    if (site.entry && site.path[0] === 'properties' && site.entry.secretPaths.has(site.path.slice(1).join('/'))) {
      return toTemplateString(this.secret(value, site));
    }
    if (typeof value === 'string') {
      return toTemplateString(this.translateString(value, site));
    }
    if (Array.isArray(value)) {
      return value.map((v, i) => this.translateValue(v, { ...site, path: [...site.path, String(i)] }));
    }
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: unknown } = {};
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('${')) {
          throw armError(this.where(site), `the key ${k} at ${site.path.join('.')} is a Terraform expression; an ARM template needs literal keys`);
        }
        if (v !== undefined) {
          out[k] = this.translateValue(v, { ...site, path: [...site.path, k] });
        }
      }
      return out;
    }
    return value;
  }

  /** A secret of a resource (from azapi's `sensitive_body`): a `securestring` parameter, never a literal. */
  private secret(value: unknown, site: Site): Piece {
    if (typeof value === 'string' && value.includes('${')) {
      const piece = this.translateString(value, site);
      const m = !isLiteral(piece) ? /^parameters\('([^']+)'\)$/.exec(piece.expr) : null;
      if (m) {
        this.secure(m[1]);
      }
      return piece;
    }
    const e = site.entry!;
    const path = site.path.slice(1);
    const mapping = path.indexOf('deliveryAttributeMappings');
    const words = mapping >= 0
      ? [String(getAt(e.rawProperties, [...path.slice(0, mapping + 2), 'name']) ?? path[mapping + 1]), 'value']
      : [path[path.length - 1]];
    const name = this.param(`secret:${e.path}:${path.join('/')}`, camelName(this.leafText(e), ...words), {
      type: typeof value === 'object' && value !== null ? 'secureObject' : 'securestring',
      metadata: { description: `Secret ${path.join('.')} of ${e.desc.type} ${this.leafText(e)} (construct ${e.path}); Terraform sends it through azapi's write-only sensitive_body.` },
    });
    return expr(`parameters('${name}')`);
  }

  private translateString(value: string, site: Site): Piece {
    return concat(splitTerraform(value).map((part) => ('terraform' in part ? this.terraformPiece(part.terraform, site) : literal(part.text))));
  }

  private terraformPiece(terraform: string, site: Site): Piece {
    const ref = parseReference(terraform);
    if (ref) {
      return this.referencePiece(ref, terraform, site);
    }
    const timeadd = parseTimeadd(terraform);
    if (timeadd) {
      const piece = this.timeaddPiece(timeadd.base, timeadd.offset, site);
      if (piece) {
        return piece;
      }
    }
    return this.otherPiece(terraform, site);
  }

  private addDependency(site: Site, target: Entry): void {
    if (site.entry && site.entry !== target && !site.dry) {
      site.entry.deps.add(target);
    }
  }

  private referencePiece(ref: TerraformReference, terraform: string, site: Site): Piece {
    const found = this.elements.get(ref.address);
    if (!found) {
      return this.foreignParameter(terraform, site);
    }
    if (found.kind === 'var') {
      if (site.dry) {
        return literal(`<${terraform}>`);
      }
      const v = found.variable!;
      const plainDefault = v.default !== undefined && !JSON.stringify(v.default).includes('${') && !v.sensitive;
      const base = ref.address.slice(4);
      const name = this.param(`var:${base}`, /^[A-Za-z][A-Za-z0-9_]*$/.test(base) ? base : camelName(base), {
        type: parameterType(v.type, v.sensitive, v.default),
        ...(plainDefault ? { defaultValue: v.default } : {}),
        metadata: { description: v.description ?? `Terraform variable ${base}.` },
      });
      return expr(`parameters('${name}')${accessPath(ref.attribute)}`);
    }
    const entry = this.byElement.get(found.element);
    if (entry) {
      return this.attributePiece(entry, ref.attribute, terraform, site);
    }
    const block = (): any => resolvedBlockOf(found.element);
    const attr = ref.attribute.join('.');
    switch (found.kind === 'data' ? `data.${found.terraformType}` : found.terraformType) {
      case 'time_static':
        if (attr === 'rfc3339') {
          return this.timeParameter(found.element, 0, site);
        }
        break;
      case 'azapi_update_resource':
        if (attr === 'resource_id') {
          return this.translateString(String(block().resource_id), site);
        }
        break;
      case 'data.azurerm_eventgrid_partner_registration':
        if (attr === 'partner_registration_id') {
          const b = block();
          return this.lookupParameter(terraform, site, camelName(String(b.name), 'partnerRegistrationImmutableId'),
            `The immutable id of partner registration ${b.name} (Terraform looks it up with data.azurerm_eventgrid_partner_registration). `
            + `Look it up with: az rest --method get --url "${ARM_ENDPOINT}/subscriptions/<subscription>/resourceGroups/${b.resource_group_name}/providers/${EVENTGRID}/partnerRegistrations/${b.name}?api-version=2025-02-15" --query properties.partnerRegistrationImmutableId --output tsv`);
        }
        break;
      case 'data.azapi_resource': {
        const b = block();
        const [type, version] = String(b.type ?? '').split('@');
        if (type === `${EVENTGRID}/verifiedPartners` && ref.attribute[0] === 'output' && ref.attribute[1] === 'properties' && ref.attribute.length === 3) {
          const partner = String(b.resource_id).split('/').pop()!;
          const property = ref.attribute[2];
          return this.lookupParameter(terraform, site, camelName(partner, property),
            `The ${property} of verified partner ${partner} (Terraform looks it up with data.azapi_resource). `
            + `Look it up with: az rest --method get --url "${ARM_ENDPOINT}${b.resource_id}?api-version=${version}" --query properties.${property} --output tsv`);
        }
        break;
      }
      default:
        break;
    }
    return this.foreignParameter(terraform, site, found);
  }

  /** An attribute of a resource this template deploys. */
  private attributePiece(target: Entry, attribute: string[], terraform: string, site: Site): Piece {
    this.addDependency(site, target);
    const [first, ...rest] = attribute;
    if (site.dry && first === 'id' && rest.length === 0) {
      const literalId = this.literalIdOf(target);
      if (literalId === undefined) {
        throw new DryValue();
      }
      return literal(literalId);
    }
    const id = (): string => {
      if (site.dry || !target.group) {
        if (site.dry) {
          throw new DryValue();
        }
        throw armError(this.where(site), `\${${terraform}}: the resource group, subscription or name of a resource cannot refer to ${target.path}, which this template deploys — give a plain value`);
      }
      return this.resourceIdIn(target, site.group);
    };
    if (first === 'id' && rest.length === 0) {
      return expr(id());
    }
    if (first === 'name' && rest.length === 0) {
      return target.leafName ?? this.translateString(String(target.rawName), site);
    }
    if (first === 'location' && rest.length === 0 && typeof target.rawLocation === 'string') {
      return this.translateString(target.rawLocation, site);
    }
    if (first === 'resource_group_name' && rest.length === 0 && target.scope) {
      return target.scope.resourceGroup;
    }
    if (target.azapi && first === 'body') {
      const value = getAt({ properties: target.rawProperties }, rest);
      if (typeof value === 'string') {
        return this.translateString(value, { ...site });
      }
      if (typeof value === 'number' || typeof value === 'boolean') {
        return literal(String(value));
      }
    }
    if (target.azapi && first === 'output' && rest.length > 0) {
      return rest[0] === 'properties'
        ? expr(`reference(${id()}, ${quote(target.apiVersion)})${accessPath(rest.slice(1))}`)
        : expr(`reference(${id()}, ${quote(target.apiVersion)}, 'Full')${accessPath(rest)}`);
    }
    const readable: { [key: string]: string } = { partner_registration_id: 'partnerRegistrationImmutableId', endpoint: 'endpoint' };
    if (!target.azapi && rest.length === 0 && readable[first] !== undefined) {
      return expr(`reference(${id()}, ${quote(target.apiVersion)})${accessPath([readable[first]])}`);
    }
    if (site.dry) {
      return literal(`<${terraform}>`);
    }
    throw armError(this.where(site), `\${${terraform}} refers to ${attribute.join('.')} of ${target.path}, which has no ARM equivalent this template can compute — use the construct's own attributes (id, name, or the resource's properties)`);
  }

  /** The ARM id of an entry as plain text (for commands), when its scope and names are plain. */
  private literalIdOf(e: Entry): string | undefined {
    const scope = e.scope;
    const names = e.names;
    if (!scope || !names || !isLiteral(scope.resourceGroup) || names.some((n) => !isLiteral(n))
      || (scope.subscriptionId !== undefined && !isLiteral(scope.subscriptionId))) {
      return undefined;
    }
    const sub = scope.subscriptionId && isLiteral(scope.subscriptionId) ? scope.subscriptionId.literal : this.providerSubscription ?? '<subscription>';
    const [namespace, ...types] = e.desc.type.split('/');
    const path = types.map((t, i) => `${t}/${(names[i] as { literal: string }).literal}`).join('/');
    return `/subscriptions/${sub}/resourceGroups/${scope.resourceGroup.literal}/providers/${namespace}/${path}`;
  }

  /** `timeadd(time_static.x.rfc3339, "<offset>")`: a parameter whose default is that long after the deployment. */
  private timeaddPiece(base: TerraformReference, offset: string, site: Site): Piece | undefined {
    const found = this.elements.get(base.address);
    const seconds = offsetSeconds(offset);
    if (!found || found.terraformType !== 'time_static' || base.attribute.join('.') !== 'rfc3339' || seconds === undefined) {
      return undefined;
    }
    return this.timeParameter(found.element, seconds, site);
  }

  private timeParameter(timeStatic: TerraformElement, seconds: number, site: Site): Piece {
    if (site.dry) {
      return literal(`<time ${isoDuration(seconds)} after deployment>`);
    }
    const owner = timeStatic.node.scope;
    const ownerType = owner ? armResourceOf(owner)?.type : undefined;
    const purpose = ownerType === `${EVENTGRID}/partnerConfigurations` ? 'authorizationExpiry'
      : ownerType === `${EVENTGRID}/partnerNamespaces/channels` || ownerType === `${EVENTGRID}/partnerNamespaces/eventChannels` ? 'channelExpiry'
        : 'time';
    const words = seconds === 0 ? 'Now' : `After${durationWords(seconds)}`;
    const what = purpose === 'authorizationExpiry' ? 'When the partner authorizations expire'
      : purpose === 'channelExpiry' ? 'When the channels whose partner topic is not activated expire' : 'A point in time';
    const name = this.param(`time:${purpose}:${seconds}`, `${purpose}${words}`, {
      type: 'string',
      defaultValue: seconds === 0 ? "[utcNow('u')]" : `[dateTimeAdd(utcNow('u'), '${isoDuration(seconds)}', 'yyyy-MM-ddTHH:mm:ssZ')]`,
      metadata: {
        description: `${what} (ISO 8601 UTC). Default: ${seconds === 0 ? 'the time of the deployment' : `${durationWords(seconds).replace(/(\d+)/, '$1 ').toLowerCase()} after the deployment`}`
          + ' (Terraform: timeadd of a time_static, fixed when the resource is created). Give a timestamp to pin it; a redeployment with the default moves it.',
      },
    });
    return expr(`parameters('${name}')`);
  }

  private lookupParameter(terraform: string, site: Site, baseName: string, description: string): Piece {
    if (site.dry) {
      return literal(`<${terraform}>`);
    }
    const name = this.param(`tf:${terraform}`, baseName, { type: 'string', metadata: { description } });
    return expr(`parameters('${name}')`);
  }

  /** A value of an element that is not a library construct (a foreign resource, a data source, a local). */
  private foreignParameter(terraform: string, site: Site, found?: AddressedElement): Piece {
    if (site.dry) {
      return literal(`<${terraform}>`);
    }
    const ref = parseReference(terraform);
    const attribute = ref?.attribute ?? [];
    const base = found ? camelName(found.element.node.id, attribute[attribute.length - 1] ?? '') : camelName(terraform);
    const sensitive = attribute.some((a) => /sensitive|secret|key|password/i.test(a));
    const name = this.param(`tf:${terraform}`, base, {
      type: sensitive ? 'securestring' : 'string',
      metadata: { description: `The value of Terraform's \${${terraform}}${found ? ` (${found.element.node.path})` : ''}, which this template does not compute.` },
    });
    return expr(`parameters('${name}')`);
  }

  /** Any other Terraform expression: a parameter, unless it computes with a resource this template deploys. */
  private otherPiece(terraform: string, site: Site): Piece {
    if (site.dry) {
      return literal(`<\${${terraform}}>`);
    }
    for (const address of candidateAddresses(terraform)) {
      const found = this.elements.get(address);
      const target = found ? this.byElement.get(found.element) : undefined;
      if (target) {
        throw armError(this.where(site), `${site.path.join('.')} is the Terraform expression \${${terraform}}, which computes with ${target.path}, a resource of this template: an ARM template cannot express it — give a plain value, or an attribute of the construct as it is`);
      }
    }
    const last = site.path.filter((p) => !/^\d+$/.test(p)).pop() ?? 'value';
    const name = this.param(`tf:${terraform}`, camelName(this.leafText(site.entry) || this.stack.node.id, last), {
      type: 'string',
      metadata: { description: `${site.path.join('.')} of ${site.entry?.path ?? this.stackPath}: Terraform computes it with \${${terraform}}, which this template does not.` },
    });
    return expr(`parameters('${name}')`);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Resources, nested deployments, outputs, metadata

  private resourceBody(e: Entry): { [key: string]: unknown } {
    const site = (path: string[]): Site => ({ entry: e, group: e.group!, path });
    const names = e.names!;
    const name = toTemplateString(names.length === 1 ? names[0] : concat(names.flatMap((n, i) => (i === 0 ? [n] : [literal('/'), n]))));
    const out: { [key: string]: unknown } = { type: e.desc.type, apiVersion: e.apiVersion, name };
    if (e.rawLocation !== undefined) {
      out.location = this.translateValue(e.rawLocation, site(['location']));
    }
    if (e.rawTags !== undefined) {
      out.tags = this.translateValue(e.rawTags, site(['tags']));
    }
    out.properties = this.translateValue(e.rawProperties, site(['properties']));
    for (const dep of e.rawDependsOn) {
      const found = this.elements.get(dep);
      const target = found ? this.byElement.get(found.element) : undefined;
      if (target && target !== e) {
        e.deps.add(target);
      }
    }
    out.comments = `${CONSTRUCT_COMMENT_PREFIX}${e.path}`;
    return out;
  }

  private deploymentId(group: Group): string {
    return `resourceId('${DEPLOYMENTS_TYPE}', ${quote(group.name)})`;
  }

  /** The template's resources: its own group's, then one nested deployment per other group; with dependsOn. */
  private assemble(bodies: Map<Entry, { [key: string]: unknown }>): unknown[] {
    const groupDeps = new Map<Group, Set<Entry | Group>>();
    const withDeps = (e: Entry): { [key: string]: unknown } => {
      const own: string[] = [];
      const body = bodies.get(e)!;
      for (const dep of [...e.deps].sort((a, b) => a.index - b.index)) {
        if (dep.group === e.group) {
          own.push(`[${this.resourceIdIn(dep, e.group!)}]`);
        } else if (e.group!.nested) {
          const set = groupDeps.get(e.group!) ?? new Set();
          set.add(dep.group!.nested ? dep.group! : dep);
          groupDeps.set(e.group!, set);
        } else {
          own.push(`[${this.deploymentId(dep.group!)}]`);
        }
      }
      const { comments, properties, ...head } = body;
      return { ...head, ...(own.length > 0 ? { dependsOn: [...new Set(own)] } : {}), properties, comments };
    };
    const resources: unknown[] = this.top.entries.map(withDeps);
    const nestedBodies = new Map<Group, unknown[]>();
    for (const g of this.groups) {
      nestedBodies.set(g, g.entries.map(withDeps));
    }
    this.checkCycles(groupDeps);
    for (const g of this.groups) {
      const inner = nestedBodies.get(g)!;
      const used = new Set<string>();
      const text = JSON.stringify(inner);
      for (const m of text.matchAll(/parameters\('([^']+)'\)/g)) {
        if (this.parameters.has(m[1]) || m[1] === DEPLOYMENT_RESOURCE_GROUP || m[1] === DEPLOYMENT_SUBSCRIPTION) {
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
          const def = this.parameters.get(name)!;
          innerParameters[name] = { type: def.type };
          values[name] = { value: `[parameters(${quote(name)})]` };
        }
      }
      const deps = [...(groupDeps.get(g) ?? [])].map((d) => ('entries' in d ? `[${this.deploymentId(d)}]` : `[${this.resourceIdIn(d, this.top)}]`));
      const scope = g.scope!;
      resources.push({
        type: DEPLOYMENTS_TYPE,
        apiVersion: DEPLOYMENTS_API_VERSION,
        name: g.name,
        ...(scope.subscriptionId ? { subscriptionId: toTemplateString(scope.subscriptionId) } : {}),
        resourceGroup: toTemplateString(scope.resourceGroup),
        ...(deps.length > 0 ? { dependsOn: [...new Set(deps)].sort() } : {}),
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
      });
    }
    return resources;
  }

  /** Refuses dependencies that go round between the template and its nested deployments. */
  private checkCycles(groupDeps: Map<Group, Set<Entry | Group>>): void {
    const edges = new Map<Entry | Group, Array<Entry | Group>>();
    const node = (e: Entry): Entry | Group => (e.group!.nested ? e.group! : e);
    for (const e of this.top.entries) {
      edges.set(e, [...e.deps].map(node));
    }
    for (const [g, deps] of groupDeps) {
      edges.set(g, [...deps]);
    }
    const state = new Map<Entry | Group, number>();
    const label = (n: Entry | Group): string => ('entries' in n ? `the nested deployment ${n.name} (${n.entries.map((e) => e.path).join(', ')})` : n.path);
    const visit = (n: Entry | Group, trail: Array<Entry | Group>): void => {
      if (state.get(n) === 2) {
        return;
      }
      if (state.get(n) === 1) {
        const cycle = [...trail.slice(trail.indexOf(n)), n].map(label).join(' -> ');
        throw armError(this.stackPath, `the resources depend on each other in a circle across resource groups: ${cycle} — move them into one resource group, or split the stack`);
      }
      state.set(n, 1);
      for (const next of edges.get(n) ?? []) {
        visit(next, [...trail, n]);
      }
      state.set(n, 2);
    };
    for (const n of edges.keys()) {
      visit(n, []);
    }
  }

  private outputs(): { [key: string]: unknown } {
    const out: { [key: string]: unknown } = {};
    for (const e of this.entries) {
      if (e.desc.type !== `${EVENTGRID}/partnerNamespaces`) {
        continue;
      }
      let name = camelName(this.leafText(e), 'endpoint');
      for (let i = 2; out[name] !== undefined; i++) {
        name = `${camelName(this.leafText(e), 'endpoint')}${i}`;
      }
      out[name] = {
        type: 'string',
        value: `[reference(${this.resourceIdIn(e, this.top)}, ${quote(e.apiVersion)}).endpoint]`,
        metadata: { description: `The publishing endpoint of partner namespace ${this.leafText(e)} (construct ${e.path}). Its access keys are not outputs: read them with listKeys.` },
      };
    }
    return out;
  }

  /** A resolved value as command text: literal where known, `<…>` where not. */
  private commandText(value: unknown, scope: IConstruct): string {
    const resolved = resolveForStack(scope, value);
    if (typeof resolved !== 'string') {
      return String(resolved);
    }
    const dry: Site = { group: this.top, path: ['command'], dry: true };
    return splitTerraform(resolved).map((part) => {
      if (!('terraform' in part)) {
        return part.text;
      }
      const ref = parseReference(part.terraform);
      const found = ref ? this.elements.get(ref.address) : undefined;
      if (ref && found?.terraformType === 'azapi_update_resource' && ref.attribute.join('.') === 'output.identity.principalId') {
        const b = resolvedBlockOf(found.element);
        const [, version] = String(b.type).split('@');
        return `$(az rest --method get --url "${ARM_ENDPOINT}${this.commandText(b.resource_id, found.element)}?api-version=${version}" --query identity.principalId --output tsv)`;
      }
      try {
        const piece = this.terraformPiece(part.terraform, dry);
        return isLiteral(piece) ? piece.literal : `<${toTemplateString(piece)}>`;
      } catch (e) {
        if (e instanceof DryValue) {
          return `<\${${part.terraform}}>`;
        }
        throw e;
      }
    }).join('');
  }

  private notDeployed(): NotDeployed[] {
    const out: NotDeployed[] = [];
    for (const node of this.stack.node.findAll()) {
      if (!isTerraformElement(node)) {
        continue;
      }
      const tfType = terraformTypeOfElement(node);
      if (tfType !== 'azapi_resource_action' && tfType !== 'azapi_update_resource' && tfType !== 'azurerm_role_assignment') {
        continue;
      }
      const owner = node.node.scope;
      if (!owner || !this.isLibraryConstruct(owner)) {
        continue;
      }
      const block = resolvedBlockOf(node);
      const [type, version] = String(block.type ?? '').split('@');
      if (tfType === 'azapi_resource_action' && type === `${EVENTGRID}/partnerTopics` && block.action === 'activate') {
        const id = this.commandText(block.resource_id, node);
        out.push({
          constructPath: owner.node.path,
          action: 'activate',
          resourceId: id,
          when: 'after the partner\'s channel has created the partner topic (an ARM deployment cannot call POST actions other than list*)',
          command: `az rest --method post --url "${ARM_ENDPOINT}${id}/activate?api-version=${version}"`,
        });
      } else if (tfType === 'azapi_update_resource' && type === `${EVENTGRID}/partnerTopics` && block.body?.identity) {
        const id = this.commandText(block.resource_id, node);
        out.push({
          constructPath: owner.node.path,
          action: 'assignIdentity',
          resourceId: id,
          when: 'before this template is deployed when an event subscription delivers or dead-letters with the topic\'s identity (the partner topic is created by the partner\'s channel, so this template cannot declare it)',
          command: `az rest --method patch --url "${ARM_ENDPOINT}${id}?api-version=${version}" --body '${JSON.stringify({ identity: block.body.identity })}'`,
        });
      } else if (tfType === 'azurerm_role_assignment') {
        const scopeText = this.commandText(block.scope, node);
        const principal = this.commandText(block.principal_id, node);
        const role = String(block.role_definition_name ?? block.role_definition_id);
        const onTemplateResource = this.dependenciesOf(block.scope).length > 0;
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
    for (const e of this.entries) {
      if (e.desc.type !== `${EVENTGRID}/partnerNamespaces`) {
        continue;
      }
      const id = this.literalIdOf(e) ?? `<the id of ${e.path}>`;
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

  private isLibraryConstruct(c: IConstruct): boolean {
    for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
      if (armResourceOf(s) || (s as any).partnerTopicName !== undefined) {
        return true;
      }
    }
    return false;
  }

  /** ARM's template limits (800 resources, 256 parameters, 64 outputs, 4 MB): stated, not enforced, so Terraform synth goes on. */
  private limitWarnings(template: { [key: string]: unknown }): string[] {
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
    if (this.parameters.size > MAX_TEMPLATE_PARAMETERS) {
      warnings.push(`the template has ${this.parameters.size} parameters; ARM allows at most ${MAX_TEMPLATE_PARAMETERS}`);
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

  private metadata(notDeployed: NotDeployed[]): { [key: string]: unknown } {
    const rg = this.top.scope && isLiteral(this.top.scope.resourceGroup) ? this.top.scope.resourceGroup.literal : undefined;
    const required = [...this.parameters].filter(([, d]) => d.defaultValue === undefined).map(([n]) => n);
    const command = [
      'az deployment group create',
      ...(this.providerSubscription ? [`--subscription ${this.providerSubscription}`] : []),
      `--resource-group ${rg ?? '<resource group>'}`,
      `--template-file ${ARM_TEMPLATE_FILE}`,
      ...(required.length > 0 ? [`--parameters ${required.map((n) => `${n}=<value>`).join(' ')}`] : []),
    ].join(' ');
    return {
      generator: { name: 'cdktf-azure-partner-events', stack: this.stackPath },
      deployTo: {
        ...(this.providerSubscription ? { subscriptionId: this.providerSubscription } : {}),
        resourceGroup: rg ?? null,
        command,
      },
      notDeployedByThisTemplate: notDeployed,
    };
  }
}

/** The ARM template of a stack (undefined when the stack has no partner resources). */
export function renderArmTemplate(stack: TerraformStack): { [key: string]: unknown } | undefined {
  return new TemplateRenderer(stack).render();
}

registerStackArtifact({
  fileName: ARM_TEMPLATE_FILE,
  render: (stack) => {
    // A stack over ARM's limit gets no template (EGP029 says so): ARM would refuse it whole.
    if (armResourceCount(stack) > MAX_ARM_TEMPLATE_RESOURCES) {
      return undefined;
    }
    const template = renderArmTemplate(stack);
    return template === undefined ? undefined : `${JSON.stringify(template, null, 2)}\n`;
  },
});

/**
 * `base`, or `base` with the lowest free numeric suffix from 2 (`format(base, i)`), unique in `used` (lowercased;
 * the chosen name is added). `next` remembers per base where to resume, so n names of one base cost O(n).
 */
function uniqueName(base: string, used: Set<string>, next: Map<string, number>, format: (base: string, i: number) => string): string {
  let name = base;
  if (used.has(name.toLowerCase())) {
    const key = base.toLowerCase();
    let i = next.get(key) ?? 2;
    for (name = format(base, i); used.has(name.toLowerCase()); name = format(base, ++i)) {
      // skip names taken by other bases
    }
    next.set(key, i + 1);
  }
  used.add(name.toLowerCase());
  return name;
}
