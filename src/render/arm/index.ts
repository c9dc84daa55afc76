// The ARM template renderer: what the rest of the library and the tests use of it (render/pipeline.ts runs
// ARM_TEMPLATE_RENDERER, which writes `deploymentTemplate.json` beside each stack's cdk.tf.json).
export {
  ARM_TEMPLATE_FILE, ARM_TEMPLATE_RENDERER, CONSTRUCT_COMMENT_PREFIX, DEPLOYMENT_TEMPLATE_SCHEMA, DEPLOYMENTS_API_VERSION,
  renderArmTemplate,
} from './template';
export type { ArmResource } from './descriptions';
export { armResourceCount, armResourceOf } from './descriptions';
