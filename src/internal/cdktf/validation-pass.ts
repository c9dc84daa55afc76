// A validation pass outside synth, for the testing helpers (src/testing/): the stacks of an app, and running one
// stack's validations as `cdktf synth` runs them.
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** The stacks of the tree under `scope` (the scope itself when it is a stack), in tree order. */
export function stacksUnder(scope: IConstruct): IConstruct[] {
  return scope.node.findAll().filter((c) => TerraformStack.isStack(c));
}

/** Whether `scope` is a stack. */
export function isStack(scope: IConstruct): boolean {
  return TerraformStack.isStack(scope);
}

/**
 * Runs the validations of `stack` as synth does (the library's app-wide rules included). Returns the error they
 * throw, if any, instead of throwing it.
 */
export function runStackValidations(stack: IConstruct): unknown {
  try {
    (stack as TerraformStack).runAllValidations();
    return undefined;
  } catch (e) {
    return e;
  }
}
