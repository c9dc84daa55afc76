// EGP037: Channel fleet options a fleet can be built from.
import { RuleSeverity } from '../rule';
import { defineRule } from './define';

export const EGP037 = defineRule({
  id: 'EGP037',
  severity: RuleSeverity.ERROR,
  title: 'Channel fleet options a fleet can be built from',
  rationale: "A ChannelFleet spreads channels over stacks: it needs a whole number of at least 1 channels per stack, a valid previous assignment, and a fleet namespace in each customer's region, because a channel creates its partner topic in the region of its namespace. A state backend's names must be ones its service accepts, or `terraform init` fails for every shard: Azure Storage account and container names (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage, learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata), HCP Terraform workspace names (developer.hashicorp.com/terraform/cloud-docs/workspaces/create#workspace-naming), S3 bucket names (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).",
  fix: 'give maxChannelsPerStack of at least 1 (such as 500), keep the previous assignment file as the fleet wrote it, add a namespace in every region a customer is in, and give the state backend names its service accepts',
  suppressible: true,
  phase: 'constructor',
  badExample: "new ChannelFleet(stack, 'Fleet', { customers: [], namespaces: [], maxChannelsPerStack: 0 });",
  goodExample: "new ChannelFleet(stack, 'Fleet', { customers: [], namespaces: [], maxChannelsPerStack: 500 });",
  source: 'https://learn.microsoft.com/azure/event-grid/partner-events-overview-for-partners#channel',
});
