// The renderers that write files beside each stack's cdk.tf.json, in the order they run: one list, in one place
// (the Terraform renderer, src/render/terraform/, renders as constructs describe, so that escape hatches exist
// before synth). Each reads only the resource model.
import { IConstruct } from 'constructs';
import { ARM_TEMPLATE_RENDERER } from './arm/template';
import { MODEL_FILE_RENDERER } from './model-file/writer';
import { ensureStackArtifacts, StackArtifactRenderer } from '../internal/cdktf';

/** The emulator's model file first (it needs no rendering of the stack), then the ARM template. */
export const STACK_RENDERERS: readonly StackArtifactRenderer[] = [MODEL_FILE_RENDERER, ARM_TEMPLATE_RENDERER];

/** Makes the stack of `scope` write the renderers' files at synth (once per stack). */
export function attachStackRenderers(scope: IConstruct): void {
  ensureStackArtifacts(scope, STACK_RENDERERS);
}
