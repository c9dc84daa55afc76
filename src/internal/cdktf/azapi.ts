// A minimal, hand-written binding of the Azure/azapi Terraform provider (2.x): the provider block,
// `azapi_resource`, `azapi_update_resource`, `azapi_resource_action` (resource and data source) and the
// `azapi_resource` data source. Only the arguments this library renders are modelled.
import {
  IResolvable,
  TerraformDataSource,
  TerraformMetaArguments,
  TerraformProvider,
  TerraformResource,
  Token,
} from 'cdktf';
import { Construct } from 'constructs';
import { literalAttribute, newLiteralMarker, splicesLiterals } from './literal-splice';
import { rawOverridesOf } from './overrides';
import { requireTerraformVersion } from './terraform-settings';
import { withoutUndefined } from '../objects';

/** The provider source and the version range this library renders and is tested against. */
export const AZAPI_PROVIDER_SOURCE = 'Azure/azapi';
export const AZAPI_VERSION_CONSTRAINT = '~> 2.5';

/**
 * Write-only arguments such as azapi's `sensitive_body` need Terraform 1.11 or later
 * (developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments).
 */
export const SENSITIVE_BODY_TERRAFORM_VERSION = '1.11';

export const AZAPI_METADATA = { providerName: 'azapi', providerVersionConstraint: AZAPI_VERSION_CONSTRAINT };

export interface AzapiProviderArgs {
  readonly alias?: string;
  readonly subscriptionId?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly environment?: string;
  readonly useCli?: boolean;
  readonly useMsi?: boolean;
  readonly useOidc?: boolean;
  readonly skipProviderRegistration?: boolean;
  readonly enablePreflight?: boolean;
  readonly defaultTags?: { [key: string]: string };
}

export class AzapiProviderBlock extends TerraformProvider {
  public static isAzapiProvider(x: unknown): x is AzapiProviderBlock {
    return TerraformProvider.isTerraformProvider(x) && (x as TerraformProvider).terraformResourceType === 'azapi';
  }

  private readonly args: AzapiProviderArgs;
  private providerAlias?: string;

  constructor(scope: Construct, id: string, args: AzapiProviderArgs = {}) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: AZAPI_METADATA,
      terraformProviderSource: AZAPI_PROVIDER_SOURCE,
    });
    this.args = args;
    if (args.alias !== undefined) {
      this.alias = args.alias;
    }
  }

  public get alias(): string | undefined {
    return this.providerAlias;
  }

  public set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return withoutUndefined({
      alias: this.alias,
      subscription_id: this.args.subscriptionId,
      tenant_id: this.args.tenantId,
      client_id: this.args.clientId,
      environment: this.args.environment,
      use_cli: this.args.useCli,
      use_msi: this.args.useMsi,
      use_oidc: this.args.useOidc,
      skip_provider_registration: this.args.skipProviderRegistration,
      enable_preflight: this.args.enablePreflight,
      default_tags: this.args.defaultTags,
    });
  }
}

/**
 * Resources a block waits for that are only known at synth (read from the resource model then), beside the
 * `dependsOn` it was made with; the ones already listed are not repeated.
 */
export type LateDependencies = () => readonly TerraformResource[];

/** The meta-arguments of `resource` with its late dependencies appended to `depends_on`. */
export function withLateDependencies(resource: TerraformResource, meta: { [name: string]: any }, late: LateDependencies | undefined,
  early: readonly unknown[] | undefined): { [name: string]: any } {
  const more = (late?.() ?? []).filter((r) => r !== resource && !(early ?? []).includes(r));
  if (more.length === 0) {
    return meta;
  }
  // (the address, as cdktf's own dependsOn resolves to within a stack; late dependencies are of the same stack)
  const addresses = [...new Set(more)].map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
  return { ...meta, dependsOn: [...(meta.dependsOn ?? []), ...addresses] };
}

export interface AzapiIdentityArgs {
  readonly type: string;
  readonly identityIds?: string[];
}

export interface AzapiResourceArgs extends TerraformMetaArguments {
  /** `<resource type>@<api version>` */
  readonly type: string;
  readonly name: string;
  readonly parentId: string;
  readonly location?: string;
  readonly body: { [key: string]: any };
  /**
   * Write-only secrets of the request body (`sensitive_body`, azapi 2.x, Terraform 1.11 or later): merged into
   * `body` (JSON merge patch) when the request is sent, never stored in state nor shown in plans.
   */
  readonly sensitiveBody?: { [key: string]: any };
  readonly tags?: { [key: string]: string };
  readonly identity?: AzapiIdentityArgs;
  readonly responseExportValues?: string[];
  /** azapi validates bodies against its embedded schemas; preview API versions may be missing from them. */
  readonly schemaValidationEnabled?: boolean;
  /**
   * ARM ids azapi locks while it creates, updates or deletes the resource (`locks`): azapi resources that lock the
   * same id are written one at a time.
   */
  readonly locks?: string[];
  /**
   * Paths in `body` (`properties.x.y`) whose change replaces the resource instead of updating it in place
   * (`replace_triggers_refs`: azapi compares them between the state's body and the plan's).
   */
  readonly replaceTriggersRefs?: string[];
  /** Dependencies known at synth (see `LateDependencies`). */
  readonly lateDependsOn?: LateDependencies;
}

export class AzapiResource extends TerraformResource {
  public readonly args: AzapiResourceArgs;
  /** The markers of the attributes put in place after resolution when they are plain data (see literal-splice.ts). */
  private readonly markers = new Map<string, string>();

  constructor(scope: Construct, id: string, args: AzapiResourceArgs) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource',
      terraformGeneratorMetadata: AZAPI_METADATA,
      provider: args.provider,
      dependsOn: args.dependsOn,
      lifecycle: args.lifecycle,
    });
    this.args = args;
    splicesLiterals(this);
    if (args.sensitiveBody !== undefined) {
      requireTerraformVersion(this, SENSITIVE_BODY_TERRAFORM_VERSION, 'azapi sensitive_body is a write-only argument');
    }
  }

  public get terraformMetaArguments(): { [name: string]: any } {
    return withLateDependencies(this, super.terraformMetaArguments, this.args.lateDependsOn, this.args.dependsOn);
  }

  /** The ARM id of the resource (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** A value exported through `response_export_values`, by its path in the response body. */
  public outputString(path: string): string {
    return Token.asString(this.interpolationForAttribute(`output.${path}`));
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    const a = this.args;
    return withoutUndefined({
      type: a.type,
      name: a.name,
      parent_id: a.parentId,
      location: a.location,
      body: this.literal('body', a.body),
      sensitive_body: this.literal('sensitive_body', a.sensitiveBody),
      tags: a.tags,
      identity: a.identity ? [withoutUndefined({ type: a.identity.type, identity_ids: a.identity.identityIds })] : undefined,
      response_export_values: a.responseExportValues,
      schema_validation_enabled: a.schemaValidationEnabled,
      locks: a.locks,
      replace_triggers_refs: this.literal('replace_triggers_refs', a.replaceTriggersRefs),
    });
  }

  /**
   * An attribute of plain data as a marker, put in place after cdktf has resolved the stack (most of a channel's
   * block), unless an escape hatch merges into it.
   */
  private literal(attribute: string, value: unknown): unknown {
    if (attribute in rawOverridesOf(this)) {
      return value;
    }
    let marker = this.markers.get(attribute);
    if (marker === undefined) {
      marker = newLiteralMarker();
      this.markers.set(attribute, marker);
    }
    return literalAttribute(this, marker, value);
  }
}

export interface AzapiUpdateResourceArgs extends TerraformMetaArguments {
  readonly type: string;
  readonly resourceId: string;
  readonly body: { [key: string]: any };
  readonly responseExportValues?: string[];
  /** ARM ids azapi locks while it writes (`locks`). */
  readonly locks?: string[];
}

export class AzapiUpdateResource extends TerraformResource {
  public readonly args: AzapiUpdateResourceArgs;

  constructor(scope: Construct, id: string, args: AzapiUpdateResourceArgs) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: AZAPI_METADATA,
      provider: args.provider,
      dependsOn: args.dependsOn,
    });
    this.args = args;
  }

  /** A value exported through `response_export_values`, by its path in the response body. */
  public outputString(path: string): string {
    return Token.asString(this.interpolationForAttribute(`output.${path}`));
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return withoutUndefined({
      type: this.args.type,
      resource_id: this.args.resourceId,
      body: this.args.body,
      response_export_values: this.args.responseExportValues,
      locks: this.args.locks,
    });
  }
}

export interface AzapiResourceActionArgs extends TerraformMetaArguments {
  readonly type: string;
  readonly resourceId: string;
  readonly action?: string;
  readonly method?: string;
  readonly body?: { [key: string]: any };
  readonly responseExportValues?: string[];
  readonly sensitiveResponseExportValues?: string[];
  /** `apply` (default) or `destroy`: when a resource action runs. Resource only. */
  readonly when?: string;
  /** ARM ids azapi locks while it runs the action (`locks`). Resource only. */
  readonly locks?: string[];
  /** Dependencies known at synth (see `LateDependencies`). Resource only. */
  readonly lateDependsOn?: LateDependencies;
}

function actionAttributes(a: AzapiResourceActionArgs): { [name: string]: any } {
  return withoutUndefined({
    type: a.type,
    resource_id: a.resourceId,
    action: a.action,
    method: a.method,
    body: a.body,
    response_export_values: a.responseExportValues,
    sensitive_response_export_values: a.sensitiveResponseExportValues,
    when: a.when,
    locks: a.locks,
  });
}

/** `azapi_resource_action`: a POST (or other) action performed on apply, such as `activate`. */
export class AzapiResourceAction extends TerraformResource {
  public readonly args: AzapiResourceActionArgs;

  constructor(scope: Construct, id: string, args: AzapiResourceActionArgs) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource_action',
      terraformGeneratorMetadata: AZAPI_METADATA,
      provider: args.provider,
      dependsOn: args.dependsOn,
    });
    this.args = args;
  }

  public get terraformMetaArguments(): { [name: string]: any } {
    return withLateDependencies(this, super.terraformMetaArguments, this.args.lateDependsOn, this.args.dependsOn);
  }

  /** A value exported through `response_export_values`, by its path in the response body. */
  public outputString(path: string): string {
    return Token.asString(this.interpolationForAttribute(`output.${path}`));
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return actionAttributes(this.args);
  }
}

/** `data "azapi_resource_action"`: an action read on every plan, such as `listKeys`. */
export class AzapiResourceActionData extends TerraformDataSource {
  public readonly args: AzapiResourceActionArgs;

  constructor(scope: Construct, id: string, args: AzapiResourceActionArgs) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource_action',
      terraformGeneratorMetadata: AZAPI_METADATA,
      provider: args.provider,
      dependsOn: args.dependsOn,
    });
    this.args = args;
  }

  /** A value exported through `sensitive_response_export_values`. */
  public sensitiveOutputString(path: string): string {
    return Token.asString(this.interpolationForAttribute(`sensitive_output.${path}`));
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return actionAttributes(this.args);
  }
}

export interface AzapiResourceDataArgs extends TerraformMetaArguments {
  readonly type: string;
  readonly resourceId: string;
  readonly responseExportValues: string[];
}

/** `data "azapi_resource"`: reads one resource by id (used for tenant-scoped lookups). */
export class AzapiResourceData extends TerraformDataSource {
  public readonly args: AzapiResourceDataArgs;

  constructor(scope: Construct, id: string, args: AzapiResourceDataArgs) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource',
      terraformGeneratorMetadata: AZAPI_METADATA,
      provider: args.provider,
      dependsOn: args.dependsOn,
    });
    this.args = args;
  }

  public outputString(path: string): string {
    return Token.asString(this.interpolationForAttribute(`output.${path}`));
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      type: this.args.type,
      resource_id: this.args.resourceId,
      response_export_values: this.args.responseExportValues,
    };
  }
}

export type { IResolvable };
