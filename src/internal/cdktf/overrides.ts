// Reading what an escape hatch put on a Terraform element, and visiting every element of a stack once per synth.
import { AnnotationMetadataEntryType, TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { spliceElementBlock } from './literal-splice';

/** True when `x` is a cdktf element (resource, data source, provider, output…). */
export function isTerraformElement(x: unknown): x is TerraformElement {
  return x instanceof TerraformElement;
}

/** The Terraform type of a resource or data source, or undefined for anything else. */
export function terraformTypeOf(x: unknown): string | undefined {
  return TerraformResource.isTerraformResource(x) ? (x as TerraformResource).terraformResourceType : undefined;
}

/** What `addOverride` calls put on an element (an empty object when there are none). */
export function rawOverridesOf(element: TerraformElement): { [key: string]: any } {
  return ((element as unknown as { rawOverrides?: { [key: string]: any } }).rawOverrides) ?? {};
}

/** The element's own block as Terraform will read it, escape-hatch overrides merged in. */
export function renderedBlockOf(element: TerraformElement): { [key: string]: any } {
  const tf = element.toTerraform() as { [kind: string]: { [type: string]: { [id: string]: any } } };
  for (const byType of Object.values(tf)) {
    for (const byId of Object.values(byType ?? {})) {
      const block = byId?.[element.friendlyUniqueId];
      if (block) {
        return spliceElementBlock(element, block);
      }
    }
  }
  return {};
}

/** What runs when a stack's validations run: visitors of every construct, then hooks. */
interface StackHooks {
  readonly visitors: Array<(node: IConstruct) => void>;
  readonly hooks: Array<() => void>;
}

const hooksOfStack = new WeakMap<TerraformStack, StackHooks>();
const passListeners = new WeakMap<IConstruct, { seen: Set<TerraformStack>; listeners: Array<() => void> }>();

/**
 * Calls `listener` when a new synth pass of the app of `scope` starts: the first time any stack's validations run,
 * and again each time a stack's validations run a second time (so a second `Testing.synth` or `app.synth` after
 * changes sees them).
 */
export function onSynthPass(scope: IConstruct, listener: () => void): void {
  const root = scope.node.root;
  let entry = passListeners.get(root);
  if (!entry) {
    entry = { seen: new Set(), listeners: [] };
    passListeners.set(root, entry);
  }
  entry.listeners.push(listener);
}

function stackVisited(stack: TerraformStack): void {
  const entry = passListeners.get(stack.node.root);
  if (!entry) {
    return;
  }
  if (entry.seen.size === 0 || entry.seen.has(stack)) {
    entry.seen.clear();
    entry.listeners.forEach((l) => l());
  }
  entry.seen.add(stack);
}

/**
 * Calls `visitor` for every construct of the stack of `scope` when the stack's validations run (at each synth that
 * validates), before any of them. A visitor is registered once per stack. (Not a cdktf aspect: invoking aspects
 * computes every construct's path, which costs more than the walk itself on large stacks.)
 */
export function onStackVisit(scope: IConstruct, visitor: (node: IConstruct) => void): void {
  const visitors = stackHooks(TerraformStack.of(scope)).visitors;
  if (!visitors.includes(visitor)) {
    visitors.push(visitor);
  }
}

/** Runs the stack's visitors over every construct of the stack of `scope` now (when validations are skipped). */
export function runStackVisitors(scope: IConstruct): void {
  const visitors = hooksOfStack.get(TerraformStack.of(scope))?.visitors ?? [];
  if (visitors.length > 0) {
    for (const node of TerraformStack.of(scope).node.findAll()) {
      visitors.forEach((v) => v(node));
    }
  }
}

/**
 * Calls `hook` when the validations of the stack of `scope` run, after the visitors and before cdktf runs the
 * constructs' validations: the moment to add validations that depend on the whole app. Registered once per stack.
 */
export function beforeStackValidation(scope: IConstruct, hook: () => void): void {
  const hooks = stackHooks(TerraformStack.of(scope)).hooks;
  if (!hooks.includes(hook)) {
    hooks.push(hook);
  }
}

function stackHooks(stack: TerraformStack): StackHooks {
  let entry = hooksOfStack.get(stack);
  if (!entry) {
    entry = { visitors: [], hooks: [] };
    hooksOfStack.set(stack, entry);
    const { visitors, hooks } = entry;
    const validate = stack.runAllValidations.bind(stack);
    stack.runAllValidations = () => {
      stackVisited(stack);
      if (visitors.length > 0) {
        for (const node of stack.node.findAll()) {
          visitors.forEach((v) => v(node));
        }
      }
      hooks.forEach((h) => h());
      validate();
    };
  }
  return entry;
}

/**
 * Adds a cdktf annotation (shown by `cdktf synth`, kept in the manifest) without a stack trace: the findings
 * are made at synth, where a trace points into cdktf itself and would make the manifest differ between runs.
 */
export function annotate(construct: IConstruct, level: 'warning' | 'info', message: string): void {
  construct.node.addMetadata(level === 'warning' ? AnnotationMetadataEntryType.WARN : AnnotationMetadataEntryType.INFO, message, { stackTrace: false });
}
