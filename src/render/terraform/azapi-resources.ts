// The Terraform renderer for the resources azurerm does not have: one azapi `azapi_resource` per description,
// its body from the description's properties, the secret members in the write-only `sensitive_body`.
import { IConstruct } from 'constructs';
import { describeResource } from './describe';
import { watchRenderedOverrides } from './overrides';
import { terraformValue } from './references';
import { AzapiResource, ensureAzapiProvider, stackOf, TerraformResource } from '../../internal/cdktf';
import { dependenciesOf, memberAt, ResourceDescription } from '../../model';

/** What the azapi block needs beyond the description. */
export interface AzapiRenderOptions {
  /** The ARM id of the parent (a Terraform reference when the parent is rendered in the same app). */
  readonly parentId: string;
  /** Resources the block waits for beyond those its references imply. */
  readonly dependsOn?: TerraformResource[];
  /** False for API versions azapi's embedded schemas lack. @default true */
  readonly schemaValidationEnabled?: boolean;
  /** ARM ids azapi writes one resource at a time under (`locks`). @default none */
  readonly locks?: string[];
}

/**
 * The Terraform blocks of this stack that the model orders before the construct's resource (`dependenciesOf`: its
 * description's `dependsOn`, the partner configurations that authorize a channel), read at synth.
 */
export function modelDependencies(construct: IConstruct): TerraformResource[] {
  const dependencies = dependenciesOf(construct);
  if (dependencies.length === 0) {
    return []; // most resources of most apps: no walk up to the stack
  }
  const stack = stackOf(construct);
  const out: TerraformResource[] = [];
  for (const dependency of dependencies) {
    const block = dependency.node.defaultChild;
    if (block !== undefined && TerraformResource.isTerraformResource(block) && stackOf(dependency) === stack) {
      out.push(block as TerraformResource);
    }
  }
  return out;
}

/**
 * Records the construct's description in the model and renders it as the construct's `Resource` (its default
 * child), with escape hatches on it folded back into the model.
 */
export function renderAzapiResource(construct: IConstruct, description: () => ResourceDescription, options: AzapiRenderOptions): AzapiResource {
  describeResource(construct, description);
  const d = description();
  // typed references in the properties become the Terraform expressions of what they refer to
  const { plain, secret } = splitSecrets(terraformValue(d.properties), d.secretPaths ?? []);
  ensureAzapiProvider(construct);
  const resource = new AzapiResource(construct, 'Resource', {
    type: `${d.type}@${d.apiVersion}`,
    name: d.name,
    parentId: options.parentId,
    body: { properties: plain },
    sensitiveBody: secret ? { properties: secret } : undefined,
    dependsOn: options.dependsOn && options.dependsOn.length > 0 ? options.dependsOn : undefined,
    lateDependsOn: () => modelDependencies(construct),
    schemaValidationEnabled: options.schemaValidationEnabled,
    locks: options.locks,
    // the members Azure cannot change in place: paths of the description are paths of the body
    replaceTriggersRefs: d.replacedWhenChanged && d.replacedWhenChanged.length > 0 ? d.replacedWhenChanged as string[] : undefined,
    // set on creation only: later plans keep the state's value (azapi 2.x takes ignore_changes on body paths)
    lifecycle: d.setOnCreateOnly && d.setOnCreateOnly.length > 0 ? { ignoreChanges: d.setOnCreateOnly.map((p) => `body.${p}`) } : undefined,
  });
  construct.node.defaultChild = resource;
  watchRenderedOverrides(construct);
  return resource;
}

/** What the plain `body` and the write-only `sensitive_body` carry; a JSON merge patch of the two gives the whole. */
export interface SplitBody {
  readonly plain: { [key: string]: any };
  readonly secret?: { [key: string]: any };
}

/**
 * Splits `properties` at the secret members (dotted paths under `properties`, as descriptions give them, such as
 * `destination.properties.endpointUrl`). Only the objects on the way to a secret are copied: the rest is shared.
 * An object left empty by the split is dropped from the plain side.
 */
export function splitSecrets(properties: { [key: string]: any }, secretPaths: readonly string[]): SplitBody {
  if (secretPaths.length === 0) {
    return { plain: properties };
  }
  const present = secretPaths.map((p) => p.split('.').slice(1)).filter((p) => memberAt(properties, p) !== undefined);
  if (present.length === 0) {
    return { plain: properties };
  }
  const plain = { ...properties };
  const secret: { [key: string]: any } = {};
  for (const path of present) {
    let from: { [key: string]: any } = plain;
    let to = secret;
    const parents: Array<[{ [key: string]: any }, string]> = [];
    for (const key of path.slice(0, -1)) {
      from[key] = { ...from[key] };
      parents.push([from, key]);
      from = from[key];
      to[key] ??= {};
      to = to[key];
    }
    const leaf = path[path.length - 1];
    to[leaf] = from[leaf];
    delete from[leaf];
    for (let i = parents.length - 1; i >= 0 && Object.keys(from).length === 0; i--) {
      const [parent, key] = parents[i];
      delete parent[key];
      from = parent;
    }
  }
  return { plain, secret };
}
