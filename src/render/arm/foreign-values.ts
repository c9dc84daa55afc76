// Values the template does not compute, as parameters: Terraform variables, attributes of foreign resources and
// data lookups (with the command that looks them up), `timeadd` expiries (defaulting to that long after the
// deployment), secrets, and any other Terraform expression. In command text (a dry site) they are `<…>` placeholders.
import { ARM_ENDPOINT, armError, Entry, getAt, leafText, Site, siteOwner, TemplateContext } from './context';
import { describedArmResource } from './descriptions';
import {
  accessPath, camelName, candidateAddresses, durationWords, expr, isoDuration, literal, offsetSeconds, parseReference,
  Piece, TerraformReference,
} from './expressions';
import { parameterType } from './parameters';
import { AddressedElement, resolvedBlockOf } from '../../internal/cdktf';
import { EVENTGRID } from '../../model';

/** A Terraform variable: a parameter of the same name, with its type, default and description. */
export function variablePiece(ctx: TemplateContext, found: AddressedElement, ref: TerraformReference, terraform: string, site: Site): Piece {
  if (site.dry) {
    return literal(`<${terraform}>`);
  }
  const v = found.variable!;
  const plainDefault = v.default !== undefined && !JSON.stringify(v.default).includes('${') && !v.sensitive;
  const base = ref.address.slice(4);
  const name = ctx.parameters.nameFor(`var:${base}`, /^[A-Za-z][A-Za-z0-9_]*$/.test(base) ? base : camelName(base), {
    type: parameterType(v.type, v.sensitive, v.default),
    ...(plainDefault ? { defaultValue: v.default } : {}),
    metadata: { description: v.description ?? `Terraform variable ${base}.` },
  });
  return expr(`parameters('${name}')${accessPath(ref.attribute)}`);
}

/**
 * An attribute of an element the template knows how to stand in for (a `time_static`'s time, a partner
 * registration's immutable id or a verified partner's property looked up by a data source), or undefined.
 */
export function lookupPiece(
  ctx: TemplateContext, found: AddressedElement, ref: TerraformReference, terraform: string, site: Site,
): Piece | undefined {
  const block = (): any => resolvedBlockOf(found.element);
  const attr = ref.attribute.join('.');
  switch (found.kind === 'data' ? `data.${found.terraformType}` : found.terraformType) {
    case 'time_static':
      return attr === 'rfc3339' ? timeParameter(ctx, found, 0, site) : undefined;
    case 'data.azurerm_eventgrid_partner_registration':
      if (attr === 'partner_registration_id') {
        const b = block();
        return lookupParameter(ctx, terraform, site, camelName(String(b.name), 'partnerRegistrationImmutableId'),
          `The immutable id of partner registration ${b.name} (Terraform looks it up with data.azurerm_eventgrid_partner_registration). `
          + `Look it up with: az rest --method get --url "${ARM_ENDPOINT}/subscriptions/<subscription>/resourceGroups/${b.resource_group_name}/providers/${EVENTGRID}/partnerRegistrations/${b.name}?api-version=2025-02-15" --query properties.partnerRegistrationImmutableId --output tsv`);
      }
      return undefined;
    case 'data.azapi_resource': {
      const b = block();
      const [type, version] = String(b.type ?? '').split('@');
      if (type === `${EVENTGRID}/verifiedPartners` && ref.attribute[0] === 'output' && ref.attribute[1] === 'properties' && ref.attribute.length === 3) {
        const partner = String(b.resource_id).split('/').pop()!;
        const property = ref.attribute[2];
        return lookupParameter(ctx, terraform, site, camelName(partner, property),
          `The ${property} of verified partner ${partner} (Terraform looks it up with data.azapi_resource). `
          + `Look it up with: az rest --method get --url "${ARM_ENDPOINT}${b.resource_id}?api-version=${version}" --query properties.${property} --output tsv`);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `timeadd(time_static.x.rfc3339, "<offset>")`: a parameter whose default is that long after the deployment. */
export function timeaddPiece(ctx: TemplateContext, base: TerraformReference, offset: string, site: Site): Piece | undefined {
  const found = ctx.elements.get(base.address);
  const seconds = offsetSeconds(offset);
  if (!found || found.terraformType !== 'time_static' || base.attribute.join('.') !== 'rfc3339' || seconds === undefined) {
    return undefined;
  }
  return timeParameter(ctx, found, seconds, site);
}

/**
 * `timeadd(plantimestamp(), "<offset>")`: a time Terraform computes when it creates the resource and never updates
 * after (a channel's expiry). A template cannot tell a first deployment from a redeployment, so the time is a
 * parameter that is sent only when given (`null()` leaves the property out: Resource Manager treats a null property as
 * absent, learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#null-values), empty by
 * default: a redeployment never sends a new expiry to a channel whose topic the customer has activated.
 */
export function planTimeaddPiece(ctx: TemplateContext, offset: string, site: Site): Piece | undefined {
  const seconds = offsetSeconds(offset);
  if (seconds === undefined) {
    return undefined;
  }
  if (site.dry) {
    return literal(`<time ${isoDuration(seconds)} after creation>`);
  }
  const type = site.entry?.desc.type;
  const channel = type === `${EVENTGRID}/partnerNamespaces/channels` || type === `${EVENTGRID}/partnerNamespaces/eventChannels`;
  const purpose = channel ? 'channelExpiry' : 'creationTime';
  const what = channel ? 'When the channels whose partner topic is not activated expire' : 'A point in time set when the resource is created';
  const after = durationWords(seconds).replace(/(\d+)/, '$1 ').toLowerCase();
  const name = ctx.parameters.nameFor(`plantime:${purpose}:${seconds}`, `${purpose}After${durationWords(seconds)}`, {
    type: 'string',
    defaultValue: '',
    metadata: {
      description: `${what} (ISO 8601 UTC), ${after} after they are created: give it when the template creates them `
        + `(for example the output of: date -u -d '+${seconds} seconds' +%Y-%m-%dT%H:%M:%SZ). Sent only when given: leave it empty `
        + 'when redeploying, so that a channel whose topic is activated is not updated for it (empty: Event Grid\'s default, 7 days after creation). '
        + 'Terraform sets it when it creates a channel and never updates it.',
    },
  });
  return expr(`if(empty(parameters('${name}')), null(), parameters('${name}'))`);
}

function timeParameter(ctx: TemplateContext, timeStatic: AddressedElement, seconds: number, site: Site): Piece {
  if (site.dry) {
    return literal(`<time ${isoDuration(seconds)} after deployment>`);
  }
  const owner = timeStatic.element.node.scope;
  const ownerType = owner ? describedArmResource(owner)?.type : undefined;
  const purpose = ownerType === `${EVENTGRID}/partnerConfigurations` ? 'authorizationExpiry'
    : ownerType === `${EVENTGRID}/partnerNamespaces/channels` || ownerType === `${EVENTGRID}/partnerNamespaces/eventChannels` ? 'channelExpiry'
      : 'time';
  const words = seconds === 0 ? 'Now' : `After${durationWords(seconds)}`;
  const what = purpose === 'authorizationExpiry' ? 'When the partner authorizations expire'
    : purpose === 'channelExpiry' ? 'When the channels whose partner topic is not activated expire' : 'A point in time';
  const name = ctx.parameters.nameFor(`time:${purpose}:${seconds}`, `${purpose}${words}`, {
    type: 'string',
    defaultValue: seconds === 0 ? "[utcNow('u')]" : `[dateTimeAdd(utcNow('u'), '${isoDuration(seconds)}', 'yyyy-MM-ddTHH:mm:ssZ')]`,
    metadata: {
      description: `${what} (ISO 8601 UTC). Default: ${seconds === 0 ? 'the time of the deployment' : `${durationWords(seconds).replace(/(\d+)/, '$1 ').toLowerCase()} after the deployment`}`
        + ' (Terraform: timeadd of a time_static, fixed when the resource is created). Give a timestamp to pin it; a redeployment with the default moves it.',
    },
  });
  return expr(`parameters('${name}')`);
}

function lookupParameter(ctx: TemplateContext, terraform: string, site: Site, baseName: string, description: string): Piece {
  if (site.dry) {
    return literal(`<${terraform}>`);
  }
  const name = ctx.parameters.nameFor(`tf:${terraform}`, baseName, { type: 'string', metadata: { description } });
  return expr(`parameters('${name}')`);
}

/** A value of an element that is not a library construct (a foreign resource, a data source, a local). */
export function foreignParameter(ctx: TemplateContext, terraform: string, site: Site, found?: AddressedElement): Piece {
  if (site.dry) {
    return literal(`<${terraform}>`);
  }
  const ref = parseReference(terraform);
  const attribute = ref?.attribute ?? [];
  const base = found ? camelName(found.element.node.id, attribute[attribute.length - 1] ?? '') : camelName(terraform);
  const sensitive = attribute.some((a) => /sensitive|secret|key|password/i.test(a));
  const name = ctx.parameters.nameFor(`tf:${terraform}`, base, {
    type: sensitive ? 'securestring' : 'string',
    metadata: { description: `The value of Terraform's \${${terraform}}${found ? ` (${found.element.node.path})` : ''}, which this template does not compute.` },
  });
  return expr(`parameters('${name}')`);
}

/** Any other Terraform expression: a parameter, unless it computes with a resource this template deploys. */
export function otherPiece(ctx: TemplateContext, terraform: string, site: Site): Piece {
  if (site.dry) {
    return literal(`<\${${terraform}}>`);
  }
  for (const address of candidateAddresses(terraform)) {
    const target = ctx.entryOfAddress(address);
    if (target) {
      throw armError(siteOwner(ctx, site), `${site.path.join('.')} is the Terraform expression \${${terraform}}, which computes with ${target.path}, a resource of this template: an ARM template cannot express it — give a plain value, or an attribute of the construct as it is`);
    }
  }
  const last = site.path.filter((p) => !/^\d+$/.test(p)).pop() ?? 'value';
  const name = ctx.parameters.nameFor(`tf:${terraform}`, camelName(leafText(site.entry) || ctx.stack.node.id, last), {
    type: 'string',
    metadata: { description: `${site.path.join('.')} of ${site.entry?.path ?? ctx.stackPath}: Terraform computes it with \${${terraform}}, which this template does not.` },
  });
  return expr(`parameters('${name}')`);
}

/** A secret of a resource (from azapi's `sensitive_body`) given as a literal: a `securestring` parameter. */
export function secretParameter(ctx: TemplateContext, e: Entry, path: string[], value: unknown): Piece {
  const mapping = path.indexOf('deliveryAttributeMappings');
  const words = mapping >= 0
    ? [String(getAt(e.rawProperties, [...path.slice(0, mapping + 2), 'name']) ?? path[mapping + 1]), 'value']
    : [path[path.length - 1]];
  const name = ctx.parameters.nameFor(`secret:${e.path}:${path.join('/')}`, camelName(leafText(e), ...words), {
    type: typeof value === 'object' && value !== null ? 'secureObject' : 'securestring',
    metadata: { description: `Secret ${path.join('.')} of ${e.desc.type} ${leafText(e)} (construct ${e.path}); Terraform sends it through azapi's write-only sensitive_body.` },
  });
  return expr(`parameters('${name}')`);
}
