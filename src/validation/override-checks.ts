// What EGP002 (CloudEvents 1.0 only) checks at synth: the library's own constructs (the escape-hatch overrides on
// their Terraform elements), and the partner-related resources users write by hand beside them.
import { IConstruct } from 'constructs';
import { ValidationIndex } from './engine';
import { isTerraformElement, onStackVisit, stackOf, terraformTypeOf } from '../internal/cdktf';
import { Slot } from '../internal/objects';

/** Marks the library's own constructs (the parents of the Terraform elements EGP002 checks as escape hatches). */
const owned = new Slot<true>('cdktf-azure-partner-events:owned');

const watchedStacks = new WeakSet<IConstruct>();

/** Marks a construct as the library's, and watches its stack (once) for hand-written partner resources. */
export function watchStack(owner: IConstruct): void {
  owned.set(owner, true);
  const stack = stackOf(owner);
  if (watchedStacks.has(stack)) {
    return;
  }
  watchedStacks.add(stack);
  // the findings of the app's constructs (the stack's own included: EGP029) fail synth through cdktf validations
  ValidationIndex.of(stack).validateWithStack(stack);
  onStackVisit(stack, visitForeignResource);
}

const checked = new WeakSet<IConstruct>();

function visitForeignResource(node: IConstruct): void {
  if (checked.has(node) || !isTerraformElement(node)) {
    return;
  }
  const tfType = terraformTypeOf(node);
  if (tfType === undefined || (node.node.scope && owned.has(node.node.scope))) {
    return;
  }
  if (!tfType.startsWith('azapi_') && tfType !== 'azurerm_eventgrid_event_subscription') {
    return;
  }
  checked.add(node);
  ValidationIndex.of(node).registerForeignResource({ element: node, terraformType: tfType });
}

/** Registers a library construct for the synth-time rules: EGP002 on its escape hatches, and its stack watched. */
export function addPartnerChecks(construct: IConstruct): void {
  watchStack(construct);
  ValidationIndex.of(construct).registerLibraryConstruct(construct);
}
