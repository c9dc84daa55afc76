// The ARM deployment template of a stack (`deploymentTemplate.json`, written beside its cdk.tf.json at every
// synth): every partner resource the stack's constructs describe (src/model/), from the same descriptions and the
// same rendered Terraform blocks (escape-hatch overrides included) as the Terraform output.
//
// The renderer is split by concern:
// - collect.ts: the resources, from the descriptions and their rendered blocks (context.ts keeps the state);
// - placement.ts, resource-ids.ts: scopes over resource groups and subscriptions, nested deployments, ids;
// - values.ts, expressions.ts: typed references of the model, and Terraform values, into ARM expressions
//   (`resourceId(...)`, `reference(...)`): references between library resources are typed, not parsed;
// - foreign-values.ts, parameters.ts: what the template does not compute, as parameters (secrets secure);
// - dependencies.ts: dependsOn and the refusal of dependency cycles across resource groups;
// - outputs.ts, not-deployed.ts (`metadata.notDeployedByThisTemplate`), metadata.ts (limits), assemble.ts.
import { renderArmTemplate } from './assemble';
import { ARM_TEMPLATE_CONTEXT_KEY, ARM_TEMPLATE_FILE } from './context';
import { armResourceCount } from './descriptions';
import { StackArtifactRenderer } from '../../internal/cdktf';
import { MAX_ARM_TEMPLATE_RESOURCES } from '../../model';

export { renderArmTemplate } from './assemble';
export {
  ARM_TEMPLATE_CONTEXT_KEY, ARM_TEMPLATE_FILE, CONSTRUCT_COMMENT_PREFIX, DEPLOYMENT_TEMPLATE_SCHEMA, DEPLOYMENTS_API_VERSION,
} from './context';

/** Writes `deploymentTemplate.json` for a stack (none over ARM's resource limit). */
export const ARM_TEMPLATE_RENDERER: StackArtifactRenderer = {
  fileName: ARM_TEMPLATE_FILE,
  render: (stack) => {
    const wanted: unknown = stack.node.tryGetContext(ARM_TEMPLATE_CONTEXT_KEY);
    if (wanted === false || wanted === 'false') {
      return undefined;
    }
    // A stack over ARM's limit gets no template (EGP029 says so): ARM would refuse it whole.
    if (armResourceCount(stack) > MAX_ARM_TEMPLATE_RESOURCES) {
      return undefined;
    }
    const template = renderArmTemplate(stack);
    return template === undefined ? undefined : `${JSON.stringify(template, null, 2)}\n`;
  },
};
