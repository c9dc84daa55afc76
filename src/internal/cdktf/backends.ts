// Terraform state backends of stacks the library sets up (the shards of a channel fleet, and any stack a user hands
// to FleetStateBackend.applyTo): the library's plain description of a backend, declared with cdktf's classes.
import { AzurermBackend, CloudBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** One stack's state in an Azure Storage blob container. */
export interface AzurermStateBackendSpec {
  readonly kind: 'azurerm';
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  readonly key: string;
  readonly subscriptionId?: string;
  readonly useAzureadAuth?: boolean;
}

/** One stack's state in an HCP Terraform / Terraform Enterprise workspace: by name, or chosen among tagged ones. */
export interface CloudStateBackendSpec {
  readonly kind: 'cloud';
  readonly organization: string;
  readonly hostname?: string;
  readonly project?: string;
  /** The workspace by name (when `tags` is undefined). */
  readonly workspace: string;
  /** Tags: Terraform picks the workspace (TF_WORKSPACE) among those carrying every tag. */
  readonly tags?: string[];
}

/** One stack's state in an S3 bucket. */
export interface S3StateBackendSpec {
  readonly kind: 's3';
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
  readonly dynamodbTable?: string;
}

export type StateBackendSpec = AzurermStateBackendSpec | CloudStateBackendSpec | S3StateBackendSpec;

/** Declares the stack's backend (a stack has one; cdktf refuses a second). */
export function declareStateBackend(scope: IConstruct, spec: StateBackendSpec): void {
  const stack = TerraformStack.of(scope);
  switch (spec.kind) {
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: spec.resourceGroupName,
        storageAccountName: spec.storageAccountName,
        containerName: spec.containerName,
        key: spec.key,
        subscriptionId: spec.subscriptionId,
        useAzureadAuth: spec.useAzureadAuth,
      });
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: spec.organization,
        hostname: spec.hostname,
        workspaces: spec.tags ? new TaggedCloudWorkspaces(spec.tags, spec.project) : new NamedCloudWorkspace(spec.workspace, spec.project),
      });
      return;
    case 's3':
      new S3Backend(stack, { bucket: spec.bucket, region: spec.region, key: spec.key, dynamodbTable: spec.dynamodbTable, encrypt: true });
      return;
  }
}
