// Files written beside a stack's cdk.tf.json at synth (the ARM template, the emulator's model…). cdktf calls the
// custom synthesis of every construct of a stack while it synthesizes the stack; the library keeps one hidden
// construct per stack that writes every registered artifact.
import * as fs from 'fs';
import * as path from 'path';
import { App, Manifest, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { clearOutputGatePass, runOutputGates } from './output-gates';

/** The symbol cdktf 0.21 reads custom synthesis from (`cdktf/lib/synthesize/synthesizer`). */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/** Renders one file of a stack; returns undefined to write nothing for that stack. */
export interface StackArtifactRenderer {
  /** The file name, written in the stack's folder (`cdktf.out/stacks/<stack>/`). */
  readonly fileName: string;
  render(stack: TerraformStack): string | undefined;
}

const writers = new WeakMap<TerraformStack, Construct>();

/**
 * Makes sure the stack of `scope` writes `renderers`' files, in that order, when it is synthesized (the first call
 * for a stack decides; the library passes one list, src/render/pipeline.ts).
 */
export function ensureStackArtifacts(scope: IConstruct, renderers: readonly StackArtifactRenderer[]): void {
  const stack = TerraformStack.of(scope);
  if (writers.has(stack)) {
    return;
  }
  const writer = new Construct(stack, 'PartnerEventsArtifacts');
  writers.set(stack, writer);
  shareStackTerraform(stack);
  Object.defineProperty(writer, CUSTOM_SYNTHESIS, {
    enumerable: false,
    value: {
      onSynthesize(session: { outdir: string; manifest: { forStack(s: TerraformStack): { workingDirectory: string } } }) {
        // what must hold whatever the synth options, before any file of the stack is written
        runOutputGates(stack);
        const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        // The stack is rendered once, fresh, when the first artifact asks for it (a rendering left from before,
        // by a validation, may be stale), and cdktf's own cdk.tf.json right after reuses it. Artifacts that do not
        // need it (the emulator's model) are written before it exists, so their garbage and the rendering are
        // not in memory together.
        const entry = terraformMemos.get(stack);
        if (entry) {
          entry.memo = undefined;
          entry.rendering = true;
        }
        try {
          for (const renderer of renderers) {
            const text = renderer.render(stack);
            if (text !== undefined) {
              if (!fs.existsSync(dir)) {
                fs.mkdirSync(dir, { recursive: true });
              }
              fs.writeFileSync(path.join(dir, renderer.fileName), text);
            }
          }
        } catch (e) {
          // no rendering follows: the next one is gated again
          clearOutputGatePass(stack);
          throw e;
        } finally {
          if (entry) {
            entry.rendering = false;
          }
        }
      },
    },
  });
}

interface TerraformMemo {
  readonly compute: () => any;
  /** What runs on the stack's resolved Terraform JSON before anyone reads it (see `afterStackResolution`). */
  readonly finishers: Array<(terraform: any) => void>;
  /** How many renderings of the whole stack are in progress. */
  resolving: number;
  memo?: any;
  /** True while the artifacts of a synth are written: the stack's rendering may then be computed and kept. */
  rendering?: boolean;
}

const terraformMemos = new WeakMap<TerraformStack, TerraformMemo>();

/**
 * Lets the artifacts and cdktf share one rendering of the stack per synth: the artifacts (written first, by custom
 * synthesis) call `stackTerraform`, and cdktf's own `toTerraform()` call right after returns the same object once.
 */
function shareStackTerraform(stack: TerraformStack): TerraformMemo {
  const existing = terraformMemos.get(stack);
  if (existing) {
    return existing;
  }
  const resolve = stack.toTerraform.bind(stack);
  const finishers: Array<(terraform: any) => void> = [];
  const compute = () => {
    entry.resolving++;
    try {
      const terraform = resolve();
      for (const finish of finishers) {
        finish(terraform);
      }
      return terraform;
    } finally {
      entry.resolving--;
    }
  };
  const entry: TerraformMemo = { compute, finishers, resolving: 0 };
  terraformMemos.set(stack, entry);
  stack.toTerraform = () => {
    const memo = entry.memo;
    entry.memo = undefined;
    return memo ?? compute();
  };
  // cdktf's pass that finds cross-stack references renders every element too (its output is not kept)
  const prepare = stack.prepareStack.bind(stack);
  stack.prepareStack = () => {
    entry.resolving++;
    try {
      prepare();
    } finally {
      entry.resolving--;
    }
  };
  return entry;
}

/**
 * Whether the stack is being rendered whole (its Terraform JSON, or cdktf's preparing pass), so that what its
 * finishers put in after resolution will be put in: an element rendered on its own (`element.toTerraform()` in a
 * user's test) is not.
 */
export function isResolvingStack(stack: TerraformStack): boolean {
  return (terraformMemos.get(stack)?.resolving ?? 0) > 0;
}

/**
 * Runs `finish` on the stack's Terraform JSON each time it is rendered, after cdktf has resolved it and before it is
 * written or read (the artifacts, cdktf's own cdk.tf.json, `Testing.synth`): for plain data that needs no
 * resolution, spliced in whole (a fleet's thousands of channel instances), and blocks cdktf has no API for.
 */
export function afterStackResolution(scope: IConstruct, finish: (terraform: any) => void): void {
  shareStackTerraform(TerraformStack.of(scope)).finishers.push(finish);
}

/** The stack's Terraform JSON (tokens resolved) for the synth in progress; read-only. */
export function stackTerraform(stack: TerraformStack): any {
  const entry = terraformMemos.get(stack);
  if (!entry) {
    return stack.toTerraform();
  }
  entry.memo ??= entry.compute();
  return entry.memo;
}

/**
 * Whether the stack's Terraform JSON of the synth in progress is at hand: computed already, or about to be kept for
 * cdktf's own cdk.tf.json (while the artifacts are written), so that reading it costs no extra rendering.
 */
export function hasStackTerraform(stack: TerraformStack): boolean {
  const entry = terraformMemos.get(stack);
  return entry !== undefined && (entry.memo !== undefined || entry.rendering === true);
}

/** The output directory of the app whose root is `root`, or undefined when the root is not a cdktf App. */
export function appOutdir(root: IConstruct): string | undefined {
  return App.isApp(root) ? (root as App).outdir : undefined;
}

/**
 * Writes a file of the whole app (`cdktf.out/<fileName>`, beside manifest.json) when the stack of `scope` is
 * synthesized: give the stack synthesized last among those the file describes. `id` names the hidden construct
 * that writes it (unique in the stack).
 */
export function writeAppArtifactWith(scope: IConstruct, id: string, fileName: string, render: () => string): void {
  const writer = new Construct(TerraformStack.of(scope), id);
  Object.defineProperty(writer, CUSTOM_SYNTHESIS, {
    enumerable: false,
    value: {
      onSynthesize(session: { outdir: string }) {
        fs.mkdirSync(session.outdir, { recursive: true });
        fs.writeFileSync(path.join(session.outdir, fileName), render());
      },
    },
  });
}

/** The folder of a stack in the app's output directory (`stacks/<id>`), as cdktf's manifest names it. */
export function stackFolderOf(stack: IConstruct): string {
  return path.posix.join(Manifest.stacksFolder, TerraformStack.of(stack).node.id);
}
