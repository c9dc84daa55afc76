// Files written beside a stack's cdk.tf.json at synth (the ARM template, the emulator's model…). cdktf calls the
// custom synthesis of every construct of a stack while it synthesizes the stack; the library keeps one hidden
// construct per stack that writes every registered artifact.
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/** The symbol cdktf 0.21 reads custom synthesis from (`cdktf/lib/synthesize/synthesizer`). */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/** Renders one file of a stack; returns undefined to write nothing for that stack. */
export interface StackArtifactRenderer {
  /** The file name, written in the stack's folder (`cdktf.out/stacks/<stack>/`). */
  readonly fileName: string;
  render(stack: TerraformStack): string | undefined;
}

const renderers: StackArtifactRenderer[] = [];
const writers = new WeakMap<TerraformStack, Construct>();

/** Registers a renderer for every stack that holds library constructs (call once, at module load). */
export function registerStackArtifact(renderer: StackArtifactRenderer): void {
  if (!renderers.some((r) => r.fileName === renderer.fileName)) {
    renderers.push(renderer);
  }
}

/** Makes sure the stack of `scope` writes the registered artifacts when it is synthesized. */
export function ensureStackArtifacts(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (writers.has(stack)) {
    return;
  }
  const writer = new Construct(stack, 'PartnerEventsArtifacts');
  writers.set(stack, writer);
  Object.defineProperty(writer, CUSTOM_SYNTHESIS, {
    enumerable: false,
    value: {
      onSynthesize(session: { outdir: string; manifest: { forStack(s: TerraformStack): { workingDirectory: string } } }) {
        const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        for (const renderer of renderers) {
          const text = renderer.render(stack);
          if (text !== undefined) {
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(path.join(dir, renderer.fileName), text);
          }
        }
      },
    },
  });
}

/** The output directory of the app whose root is `root`, or undefined when the root is not a cdktf App. */
export function appOutdir(root: IConstruct): string | undefined {
  return App.isApp(root) ? (root as App).outdir : undefined;
}
