// Checks that must hold before a stack's Terraform JSON exists, whatever the synth options: cdktf skips the
// constructs' validations under `skipValidation` (and `Testing.synth` without validations), but every way to the
// stack's cdk.tf.json renders the stack, and every synth writes the library's artifacts first. A gate runs at both.
import { App, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
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

/** Per app: how many times `app.synth()` has started, and whether one is running. */
const synthRuns = new WeakMap<IConstruct, { count: number; running: boolean }>();

/**
 * Counts the runs of `synth()` of the app of `scope` (once per app; call it while the app is built). Within one run
 * no user code runs between the stacks' renderings (aspects run before the first), so what the gates compute over the
 * whole app holds for every stack of the run.
 */
export function trackAppSynth(scope: IConstruct): void {
  const root = scope.node.root;
  if (!App.isApp(root) || synthRuns.has(root)) {
    return;
  }
  const entry = { count: 0, running: false };
  synthRuns.set(root, entry);
  const app = root as App;
  const synth = app.synth.bind(app);
  app.synth = () => {
    entry.count++;
    entry.running = true;
    try {
      synth();
    } finally {
      entry.running = false;
    }
  };
}

/** The number of the `app.synth()` run in progress for the app of `scope`; undefined outside one (`Testing.synth`). */
export function appSynthRun(scope: IConstruct): number | undefined {
  const entry = synthRuns.get(scope.node.root);
  return entry?.running ? entry.count : undefined;
}
