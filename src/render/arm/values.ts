// Values of the template: the resolved (Terraform-form) values of the resources, translated into ARM. Literal text
// stays literal; an attribute of a resource this template deploys becomes `resourceId(...)` / `reference(...)`
// (and a dependency); what the template does not compute becomes a parameter (foreign-values.ts).
import { renderedValueAt } from './collect';
import { armError, DryValue, Entry, getAt, Site, siteOwner, TemplateContext } from './context';
import { addDependency } from './dependencies';
import {
  accessPath, concat, expr, isLiteral, literal, parsePlanTimeadd, parseReference, parseTimeadd, Piece, quote, splitTerraform,
  TerraformReference, toTemplateString,
} from './expressions';
import {
  foreignParameter, lookupPiece, otherPiece, planTimeaddPiece, secretParameter, timeaddPiece, variablePiece,
} from './foreign-values';
import { literalIdOf, resourceIdIn } from './resource-ids';
import { resolvedBlockOf, resolveForStack } from '../../internal/cdktf';
import { isReference, ResourceReference } from '../../model';
import { terraformReference } from '../terraform/references';

/** Attributes of azurerm resources the template reads with `reference()`, by their name in the response. */
const READABLE_AZURERM_ATTRIBUTES: { [attribute: string]: string } = { partner_registration_id: 'partnerRegistrationImmutableId', endpoint: 'endpoint' };

/** Translates resolved values into the template's values, at a site. */
export class ValueTranslator {
  constructor(private readonly ctx: TemplateContext) {}

  /** A value (object, array, string, …) as a JSON value of the template. */
  public translateValue(value: unknown, site: Site): unknown {
    if (site.entry && site.path[0] === 'properties' && site.entry.secretPaths.has(site.path.slice(1).join('/'))) {
      return toTemplateString(this.secret(value, site));
    }
    if (isReference(value)) {
      return toTemplateString(this.typedReferencePiece(value, site));
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
          throw armError(siteOwner(this.ctx, site), `the key ${k} at ${site.path.join('.')} is a Terraform expression; an ARM template needs literal keys`);
        }
        if (v !== undefined) {
          out[k] = this.translateValue(v, { ...site, path: [...site.path, k] });
        }
      }
      return out;
    }
    return value;
  }

  /** A resolved string: its literal text and the ARM pieces of its Terraform expressions, concatenated. */
  public translateString(value: string, site: Site): Piece {
    return concat(splitTerraform(value).map((part) => ('terraform' in part ? this.terraformPiece(part.terraform, site) : literal(part.text))));
  }

  /** One Terraform expression (the text inside `${…}`). */
  public terraformPiece(terraform: string, site: Site): Piece {
    const ref = parseReference(terraform);
    if (ref) {
      return this.referencePiece(ref, terraform, site);
    }
    const planOffset = parsePlanTimeadd(terraform);
    if (planOffset !== undefined) {
      const piece = planTimeaddPiece(this.ctx, planOffset, site);
      if (piece) {
        return piece;
      }
    }
    const timeadd = parseTimeadd(terraform);
    if (timeadd) {
      const piece = timeaddPiece(this.ctx, timeadd.base, timeadd.offset, site);
      if (piece) {
        return piece;
      }
    }
    return otherPiece(this.ctx, terraform, site);
  }

  /**
   * A typed reference of the model to an attribute of another described resource: `resourceId(...)` for its id,
   * its name, a property it is given (translated where it is), or `reference(...)` for a property Azure computes;
   * the site's resource then depends on it. A resource this template does not deploy (one of another stack) is
   * known to this stack only through the Terraform expression of the reference, translated as any other.
   */
  public typedReferencePiece(reference: ResourceReference, site: Site): Piece {
    const target = this.ctx.byConstruct.get(reference.referenceTo);
    const label = `the reference to ${reference.attribute} of ${reference.referenceTo.node.path}`;
    if (target === undefined) {
      // Another stack's resource: Terraform's expression for it (a cross-stack reference), as its block shows it.
      const rendered = site.entry ? renderedValueAt(site.entry, site.path) : undefined;
      const scope = site.entry?.construct ?? this.ctx.stack;
      const value = typeof rendered === 'string' ? rendered : String(resolveForStack(scope, terraformReference(reference)));
      return this.translateString(value, site);
    }
    const [first, ...rest] = reference.attribute.split('.');
    if ((first === 'id' || first === 'name') && rest.length === 0) {
      return this.attributePiece(target, [first], label, site, label);
    }
    if (first !== 'properties' || rest.length === 0) {
      throw armError(siteOwner(this.ctx, site), `a reference to ${reference.attribute} of ${target.path}: the template refers to a resource's id, name or properties`);
    }
    addDependency(site, target);
    const value = getAt(target.rawProperties, rest);
    if (isReference(value)) {
      return this.typedReferencePiece(value, site);
    }
    if (typeof value === 'string') {
      return this.translateString(value, site);
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return literal(String(value));
    }
    if (site.dry) {
      throw new DryValue();
    }
    if (!target.group) {
      throw armError(siteOwner(this.ctx, site), `${label}: the resource group, subscription or name of a resource cannot refer to ${target.path}, which this template deploys — give a plain value`);
    }
    return expr(`reference(${resourceIdIn(target, site.group)}, ${quote(target.apiVersion)})${accessPath(rest)}`);
  }

  /** A secret of a resource (from azapi's `sensitive_body`): a `securestring` parameter, never a literal. */
  private secret(value: unknown, site: Site): Piece {
    if (typeof value === 'string' && value.includes('${')) {
      const piece = this.translateString(value, site);
      const m = !isLiteral(piece) ? /^parameters\('([^']+)'\)$/.exec(piece.expr) : null;
      if (m) {
        this.ctx.parameters.secure(m[1]);
      }
      return piece;
    }
    return secretParameter(this.ctx, site.entry!, site.path.slice(1), value);
  }

  private referencePiece(ref: TerraformReference, terraform: string, site: Site): Piece {
    const found = this.ctx.elements.get(ref.address);
    if (!found) {
      return foreignParameter(this.ctx, terraform, site);
    }
    if (found.kind === 'var') {
      return variablePiece(this.ctx, found, ref, terraform, site);
    }
    const entry = this.ctx.byElement.get(found.element);
    if (entry) {
      return this.attributePiece(entry, ref.attribute, terraform, site);
    }
    if (found.kind === 'resource' && (found.terraformType === 'azapi_update_resource' || found.terraformType === 'azapi_resource_action')
      && ref.attribute.join('.') === 'resource_id') {
      // An update of (or action on) another resource: the id of the resource it acts on.
      return this.translateString(String(resolvedBlockOf(found.element).resource_id), site);
    }
    return lookupPiece(this.ctx, found, ref, terraform, site) ?? foreignParameter(this.ctx, terraform, site, found);
  }

  /** An attribute of a resource this template deploys, named by its Terraform attribute path. */
  private attributePiece(target: Entry, attribute: string[], terraform: string, site: Site, shown = `\${${terraform}}`): Piece {
    addDependency(site, target);
    const [first, ...rest] = attribute;
    if (site.dry && first === 'id' && rest.length === 0) {
      const literalId = literalIdOf(target, this.ctx.providerSubscription);
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
        throw armError(siteOwner(this.ctx, site), `${shown}: the resource group, subscription or name of a resource cannot refer to ${target.path}, which this template deploys — give a plain value`);
      }
      return resourceIdIn(target, site.group);
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
    if (!target.azapi && rest.length === 0 && READABLE_AZURERM_ATTRIBUTES[first] !== undefined) {
      return expr(`reference(${id()}, ${quote(target.apiVersion)})${accessPath([READABLE_AZURERM_ATTRIBUTES[first]])}`);
    }
    if (site.dry) {
      return literal(`<${terraform}>`);
    }
    throw armError(siteOwner(this.ctx, site), `${shown} refers to ${attribute.join('.')} of ${target.path}, which has no ARM equivalent this template can compute — use the construct's own attributes (id, name, or the resource's properties)`);
  }
}
