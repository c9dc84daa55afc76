// Checks that must hold before a stack's Terraform JSON exists, whatever the synth options: cdktf skips the
// constructs' validations under `skipValidation` (and `Testing.synth` without validations), but every way to the
// stack's cdk.tf.json renders the stack, and every synth writes the library's artifacts first. A gate runs at both.
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

const gatesOfStack = new WeakMap<TerraformStack, Array<() => void>>();
/**
 * Stacks whose gates have run for the rendering about to be made: the artifacts' writer runs them before it writes
 * anything, and the rendering that follows in the same synth (the artifacts' own, or cdktf's cdk.tf.json) takes the
 * pass instead of running them again. Each rendering is gated once; a pass not taken is cleared when the writer
 * fails.
 */
const passed = new WeakSet<TerraformStack>();

/** Runs `gate` (once registered per stack) before the stack of `scope` is rendered or its artifacts are written. */
export function addOutputGate(scope: IConstruct, gate: () => void): void {
  const stack = TerraformStack.of(scope);
  let gates = gatesOfStack.get(stack);
  if (!gates) {
    gates = [];
    gatesOfStack.set(stack, gates);
    const render = stack.toTerraform.bind(stack);
    const list = gates;
    stack.toTerraform = () => {
      if (!passed.delete(stack)) {
        list.forEach((g) => g());
      }
      return render();
    };
  }
  if (!gates.includes(gate)) {
    gates.push(gate);
  }
}

/**
 * Runs the gates of `stack` (the artifacts' writer calls it before writing anything); the stack's next rendering,
 * the one this synth writes, then does not run them again.
 */
export function runOutputGates(stack: TerraformStack): void {
  const gates = gatesOfStack.get(stack);
  if (gates) {
    gates.forEach((g) => g());
    passed.add(stack);
  }
}

/** Drops the pass of `runOutputGates` (the synth did not go on to render the stack): the next rendering is gated. */
export function clearOutputGatePass(stack: TerraformStack): void {
  passed.delete(stack);
}

/**
 * `value` with its tokens resolved as the stack of `scope` renders them (`${azapi_resource.x.id}`), for messages;
 * the value itself when it holds no token or cannot be resolved yet.
 */
export function resolveForDisplay(scope: IConstruct, value: unknown): unknown {
  try {
    return Tokenization.resolve(value, { scope: TerraformStack.of(scope), resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  } catch {
    return value;
  }
}
