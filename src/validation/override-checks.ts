// EGP002 over escape hatches: what `addOverride` put on the library's own Terraform elements, and the
// partner-related resources that users write by hand beside the library's constructs.
import { IConstruct } from 'constructs';
import { addSynthChecks, isUnresolved, PartnerEventsModel } from './engine';
import { findingText } from './errors';
import { findSchemaViolations } from './schema-guard';
import {
  ensureStackArtifacts,
  isTerraformElement,
  onStackVisit,
  rawOverridesOf,
  renderedBlockOf,
  stackOf,
  terraformTypeOf,
  TerraformElement,
} from '../internal/cdktf';
import { Slot } from '../internal/objects';

/** Marks the library's own constructs (the parents of the Terraform elements EGP002 checks as escape hatches). */
const owned = new Slot<true>('cdktf-azure-partner-events:owned');

function violationText(where: string, path: string, value: unknown): string {
  return findingText('EGP002',
    `${where} sets ${path} to another schema than CloudEvents 1.0 (partner events are CloudEvents 1.0 only)`, value);
}

/**
 * EGP002 findings on the escape-hatch overrides of a construct's own Terraform elements (its direct children).
 * Also makes sure hand-written partner resources in the same stack are checked.
 */
export function ownOverrideFindings(owner: IConstruct): string[] {
  const texts: string[] = [];
  for (const child of owner.node.children) {
    if (isTerraformElement(child)) {
      for (const v of findSchemaViolations(rawOverridesOf(child), isUnresolved)) {
        texts.push(violationText(`an override on ${child.node.path}`, v.path, v.value));
      }
    }
  }
  return texts;
}

const watchedStacks = new WeakSet<IConstruct>();

/** Marks a construct as the library's, and watches its stack (once) for hand-written partner resources. */
export function watchStack(owner: IConstruct): void {
  owned.set(owner, true);
  const stack = stackOf(owner);
  if (watchedStacks.has(stack)) {
    return;
  }
  watchedStacks.add(stack);
  ensureStackArtifacts(stack);
  // the findings of the app's constructs (the stack's own included: EGP029) fail synth through cdktf validations
  PartnerEventsModel.of(stack).validateWithStack(stack);
  onStackVisit(stack, visitForeignResource);
}

const PARTNER_TYPE = /^Microsoft\.EventGrid\/partner(Namespaces|Topics)/i;
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
  addSynthChecks(node, () => foreignFindings(node, tfType));
}

function foreignFindings(element: TerraformElement, tfType: string): string[] {
  const block = renderedBlockOf(element);
  const related = tfType === 'azurerm_eventgrid_event_subscription'
    ? typeof block.scope === 'string' && /\/partnerTopics\//i.test(block.scope)
    : typeof block.type === 'string' && PARTNER_TYPE.test(block.type);
  if (!related) {
    return [];
  }
  return findSchemaViolations(block, isUnresolved).map((v) => violationText(`${tfType} ${element.node.path}`, v.path, v.value));
}

/**
 * Registers a library construct's synth-time checks: EGP002 on its escape hatches, its own rules (`own`,
 * `EGP00N: …` lines) and the app-wide rules.
 */
export function addPartnerChecks(construct: IConstruct, own: () => string[] = () => []): void {
  watchStack(construct);
  addSynthChecks(construct, () => [...ownOverrideFindings(construct), ...own()]);
}
