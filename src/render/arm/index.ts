// The ARM template renderer: what the rest of the library and the tests use of it. Importing it registers the
// stack artifact (template.ts) that writes `deploymentTemplate.json` beside each stack's cdk.tf.json.
export {
  ARM_TEMPLATE_FILE, CONSTRUCT_COMMENT_PREFIX, DEPLOYMENT_TEMPLATE_SCHEMA, DEPLOYMENTS_API_VERSION, renderArmTemplate,
} from './template';
export type { ArmResource } from './descriptions';
export { armResourceCount, armResourceOf } from './descriptions';
