// Where each stack of a fleet keeps its Terraform state: one blob, workspace or object per stack, named after the
// stack, so that shards plan and apply in parallel without sharing a lock. Plain props (no cdktf classes in the
// public API); the backends themselves are declared by src/internal/cdktf/backends.ts.
import { IConstruct } from 'constructs';
import { declareStateBackend, StateBackendSpec } from '../internal/cdktf';
import { failHard } from '../validation/errors';

/** A state backend in Azure Storage: one blob per stack in one container. */
export interface AzurermStateBackendProps {
  /** The resource group of the storage account. */
  readonly resourceGroupName: string;
  /** The storage account (3–24 lowercase letters and digits). */
  readonly storageAccountName: string;
  /** The blob container (3–63 lowercase letters, digits and single hyphens). */
  readonly containerName: string;
  /**
   * Put before each stack's key: a stack's state is the blob `<keyPrefix><stack name>.tfstate`.
   * @default - none
   */
  readonly keyPrefix?: string;
  /**
   * The subscription of the storage account.
   * @default - the subscription the Azure credentials select
   */
  readonly subscriptionId?: string;
  /**
   * Reach the blobs with Microsoft Entra ID (the pipeline's identity needs Storage Blob Data Contributor) instead
   * of the account's keys.
   * @default true
   */
  readonly useAzureadAuth?: boolean;
}

/** A state backend in HCP Terraform or Terraform Enterprise: one workspace per stack. */
export interface HcpTerraformStateBackendProps {
  /** The organization. */
  readonly organization: string;
  /**
   * The host: `app.terraform.io` for HCP Terraform, your own for Terraform Enterprise.
   * @default 'app.terraform.io'
   */
  readonly hostname?: string;
  /**
   * The project the workspaces belong to.
   * @default - the organization's default project
   */
  readonly project?: string;
  /**
   * Put before each stack's name to name its workspace: `<workspacePrefix><stack name>`.
   * @default - none
   */
  readonly workspacePrefix?: string;
  /**
   * Select workspaces by tags instead of by name: each stack declares these tags, and the pipeline chooses the
   * stack's workspace (its name as above) with `TF_WORKSPACE`; the fleet's matrix file gives it per shard.
   * @default - each stack names its own workspace
   */
  readonly tags?: string[];
}

/** A state backend in Amazon S3: one object per stack. */
export interface S3StateBackendProps {
  /** The bucket. */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /**
   * Put before each stack's key: a stack's state is the object `<keyPrefix><stack name>.tfstate`.
   * @default - none
   */
  readonly keyPrefix?: string;
  /**
   * A DynamoDB table for state locking.
   * @default - no lock table
   */
  readonly dynamodbTable?: string;
}

/** Where one stack's state is: what a pipeline needs to find it. */
export interface FleetStateLocation {
  /** `azurerm`, `cloud` (HCP Terraform / Terraform Enterprise) or `s3`. */
  readonly backend: string;
  /** The blob or object key (azurerm, s3). */
  readonly key?: string;
  /** The workspace (cloud): with tags, the value for `TF_WORKSPACE`. */
  readonly workspace?: string;
}

type Builder = (stateName: string) => StateBackendSpec;

// Azure Storage naming: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage
// and https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
const RESOURCE_GROUP = /^[-\w.()\p{L}\p{N}]{0,89}[-\w()\p{L}\p{N}]$/u;
// HCP Terraform workspace names: letters, digits, dashes and underscores, at most 90 characters
// (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create#workspace-naming).
const WORKSPACE = /^[A-Za-z0-9_-]{1,90}$/;
// S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
const BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Blob names are at most 1,024 characters; object keys 1,024 bytes (ASCII here). */
const MAX_KEY = 1024;

/**
 * The Terraform state backend of every stack of a fleet (and of any other stack you give it): one state per
 * stack, named after the stack, so that stacks plan and apply in parallel, each holding its own lock.
 */
export class FleetStateBackend {
  /** State in Azure Storage: the blob `<keyPrefix><stack name>.tfstate` per stack. */
  public static azurerm(props: AzurermStateBackendProps): FleetStateBackend {
    const keyPrefix = props.keyPrefix ?? '';
    return new FleetStateBackend('azurerm', (stateName) => ({
      kind: 'azurerm',
      resourceGroupName: props.resourceGroupName,
      storageAccountName: props.storageAccountName,
      containerName: props.containerName,
      key: `${keyPrefix}${stateName}.tfstate`,
      subscriptionId: props.subscriptionId,
      useAzureadAuth: props.useAzureadAuth ?? true,
    }), (scope) => {
      check(scope, 'resourceGroupName', props.resourceGroupName, RESOURCE_GROUP, '1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period');
      check(scope, 'storageAccountName', props.storageAccountName, STORAGE_ACCOUNT, '3 to 24 lowercase letters and digits');
      check(scope, 'containerName', props.containerName, CONTAINER, '3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row');
    });
  }

  /** State in HCP Terraform or Terraform Enterprise: the workspace `<workspacePrefix><stack name>` per stack. */
  public static hcpTerraform(props: HcpTerraformStateBackendProps): FleetStateBackend {
    const prefix = props.workspacePrefix ?? '';
    return new FleetStateBackend('cloud', (stateName) => ({
      kind: 'cloud',
      organization: props.organization,
      hostname: props.hostname,
      project: props.project,
      workspace: `${prefix}${stateName}`,
      tags: props.tags,
    }), (scope, stateName) => {
      check(scope, 'organization', props.organization, WORKSPACE, 'letters, digits, dashes and underscores');
      check(scope, 'workspace name (workspacePrefix and the stack name)', `${prefix}${stateName}`, WORKSPACE, 'at most 90 letters, digits, dashes and underscores: shorten workspacePrefix');
      if (props.tags !== undefined && props.tags.length === 0) {
        failHard(scope, 'EGP037', 'the state backend\'s tags are empty', props.tags, 'give at least one tag, or leave tags out to name each workspace');
      }
    });
  }

  /** State in Amazon S3: the object `<keyPrefix><stack name>.tfstate` per stack. */
  public static s3(props: S3StateBackendProps): FleetStateBackend {
    const keyPrefix = props.keyPrefix ?? '';
    return new FleetStateBackend('s3', (stateName) => ({
      kind: 's3',
      bucket: props.bucket,
      region: props.region,
      key: `${keyPrefix}${stateName}.tfstate`,
      dynamodbTable: props.dynamodbTable,
    }), (scope) => {
      check(scope, 'bucket', props.bucket, BUCKET, '3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit');
      check(scope, 'region', props.region, /^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region code such as eu-west-1');
    });
  }

  /** `azurerm`, `cloud` (HCP Terraform / Terraform Enterprise) or `s3`. */
  public readonly backend: string;
  private readonly build: Builder;
  private readonly checkProps: (scope: IConstruct, stateName: string) => void;

  private constructor(backend: string, build: Builder, checkProps: (scope: IConstruct, stateName: string) => void) {
    this.backend = backend;
    this.build = build;
    this.checkProps = checkProps;
  }

  /** Where the state of the stack named `stateName` is kept. */
  public locationOf(stateName: string): FleetStateLocation {
    const spec = this.build(stateName);
    return spec.kind === 'cloud' ? { backend: spec.kind, workspace: spec.workspace } : { backend: spec.kind, key: spec.key };
  }

  /**
   * Checks the backend's settings for a state named `stateName`, refusing bad ones with `scope`'s path: what
   * Azure, HCP Terraform or S3 would refuse at `terraform init`.
   */
  public validate(scope: IConstruct, stateName: string): void {
    this.checkProps(scope, stateName);
    const location = this.locationOf(stateName);
    if (location.key !== undefined && (location.key.length > MAX_KEY || location.key.startsWith('/'))) {
      failHard(scope, 'EGP037', 'the state key is longer than 1,024 characters or starts with a slash', location.key, 'shorten keyPrefix and do not start it with a slash');
    }
  }

  /**
   * Declares this backend on `stack` (a TerraformStack) for its state named `stateName`, such as the stack's name
   * (a fleet passes each shard's). A stack has one backend.
   */
  public applyTo(stack: IConstruct, stateName: string): void {
    this.validate(stack, stateName);
    declareStateBackend(stack, this.build(stateName));
  }
}

function check(scope: IConstruct, field: string, value: string, pattern: RegExp, rule: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    failHard(scope, 'EGP037', `the state backend's ${field} is not ${rule}`, value, `give ${field} as ${rule}`);
  }
}
