import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

const converted = new WeakSet<TerraformStack>();

/**
 * Lets `convert` replace the error that the validations of the stack of `scope` throw (installed once per stack),
 * so that the library can throw its own error type with the same message.
 */
export function onStackValidationFailure(scope: IConstruct, convert: (error: unknown) => unknown): void {
  const stack = TerraformStack.of(scope);
  if (converted.has(stack)) {
    return;
  }
  converted.add(stack);
  const run = stack.runAllValidations.bind(stack);
  stack.runAllValidations = () => {
    try {
      run();
    } catch (e) {
      throw convert(e);
    }
  };
}
