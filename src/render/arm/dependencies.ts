// Deploy order: which resources of the template depend on which (references, parents, Terraform `depends_on`), as
// `dependsOn` of the resources and of the nested deployments, refusing dependencies that go round between the
// template and its nested deployments (ARM could not order them).
import { armError, Entry, Group, Site, TemplateContext } from './context';
import { candidateAddresses, splitTerraform } from './expressions';
import { uniqueName } from './parameters';
import { deploymentId, resourceIdIn } from './resource-ids';
import { resolvedBlockOf } from '../../internal/cdktf';
import { dependenciesOf as modelDependenciesOf } from '../../model';

/** What a nested deployment waits for: resources of the template, or other nested deployments. */
export type GroupDependencies = Map<Group, Set<Entry | Group>>;

/** Records that the resource of `site` needs `target` first (not for command text, not on itself). */
export function addDependency(site: Site, target: Entry): void {
  if (site.entry && site.entry !== target && !site.dry) {
    site.entry.deps.add(target);
  }
}

/**
 * What the model orders the entry after (typed: the constructs; its description's `dependsOn` and, for a channel,
 * the partner configurations that authorize it), and the `depends_on` of its Terraform block, on resources of this
 * template.
 */
export function addExplicitDependencies(ctx: TemplateContext, e: Entry): void {
  for (const construct of modelDependenciesOf(e.construct)) {
    const target = ctx.byConstruct.get(construct);
    if (target && target !== e) {
      e.deps.add(target);
    }
  }
  for (const dep of e.rawDependsOn) {
    const target = ctx.entryOfAddress(dep);
    if (target && target !== e) {
      e.deps.add(target);
    }
  }
}

/** The template entries a resolved value refers to, through values this template does not deploy. */
export function dependenciesOf(ctx: TemplateContext, value: unknown): Entry[] {
  const out: Entry[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8) {
      return;
    }
    if (typeof v === 'string') {
      for (const part of splitTerraform(v)) {
        if (!('terraform' in part)) {
          continue;
        }
        for (const address of candidateAddresses(part.terraform)) {
          const found = ctx.elements.get(address);
          if (!found) {
            continue;
          }
          const entry = ctx.byElement.get(found.element);
          if (entry) {
            out.push(entry);
          } else if (found.terraformType === 'azapi_update_resource' || found.terraformType === 'azapi_resource_action') {
            // an update or action on another resource (a topic's identity PATCH): what its resource_id refers to
            visit(resolvedBlockOf(found.element).resource_id, depth + 1);
          }
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x) => visit(x, depth));
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach((x) => visit(x, depth));
    }
  };
  visit(value, 0);
  return out;
}

/**
 * The `dependsOn` of an entry within its own template (in the order of the entries). A dependency on a resource
 * of another template is the nested deployment's, recorded in `groupDeps`, when the entry is nested; the
 * deployment of the resource when the entry is in the outer template.
 */
export function dependsOnOf(e: Entry, groupDeps: GroupDependencies): string[] {
  const own: string[] = [];
  for (const dep of [...e.deps].sort((a, b) => a.index - b.index)) {
    if (dep.group === e.group) {
      own.push(`[${resourceIdIn(dep, e.group!)}]`);
    } else if (e.group!.nested) {
      const set = groupDeps.get(e.group!) ?? new Set();
      set.add(dep.group!.nested ? dep.group! : dep);
      groupDeps.set(e.group!, set);
    } else {
      own.push(`[${deploymentId(dep.group!)}]`);
    }
  }
  return [...new Set(own)];
}

/** The `dependsOn` of a nested deployment (sorted). */
export function deploymentDependsOn(ctx: TemplateContext, group: Group, groupDeps: GroupDependencies): string[] {
  const deps = [...(groupDeps.get(group) ?? [])].map((d) => ('entries' in d ? `[${deploymentId(d)}]` : `[${resourceIdIn(d, ctx.top)}]`));
  return [...new Set(deps)].sort();
}

/** Refuses dependencies that go round between the template and its nested deployments. */
export function checkCycles(ctx: TemplateContext, groupDeps: GroupDependencies): void {
  const edges = new Map<Entry | Group, Array<Entry | Group>>();
  const node = (e: Entry): Entry | Group => (e.group!.nested ? e.group! : e);
  for (const e of ctx.top.entries) {
    edges.set(e, [...e.deps].map(node));
  }
  for (const [g, deps] of groupDeps) {
    edges.set(g, [...deps]);
  }
  const state = new Map<Entry | Group, number>();
  const label = (n: Entry | Group): string => ('entries' in n ? `the nested deployment ${n.name} (${n.entries.map((e) => e.path).join(', ')})` : n.path);
  const visit = (n: Entry | Group, trail: Array<Entry | Group>): void => {
    if (state.get(n) === 2) {
      return;
    }
    if (state.get(n) === 1) {
      const cycle = [...trail.slice(trail.indexOf(n)), n].map(label).join(' -> ');
      throw armError(ctx.stackPath, `the resources depend on each other in a circle across resource groups: ${cycle} — move them into one resource group, or split the stack`);
    }
    state.set(n, 1);
    for (const next of edges.get(n) ?? []) {
      visit(next, [...trail, n]);
    }
    state.set(n, 2);
  };
  for (const n of edges.keys()) {
    visit(n, []);
  }
}

/**
 * Splits the nested deployments that dependencies go round through, so that ARM can order them: a nested deployment
 * holds the resources of one scope, and when some of them must come before a resource of another template and
 * others after it (a customer's partner configuration before the channel, the event subscriptions on the channel's
 * topic after it, in one resource group), one deployment cannot be both. The resources of such a scope are split by
 * how many scope changes the longest dependency path below each one crosses: every dependency between deployments
 * then leads to a lower level, and no circle is left. The first part keeps the deployment's name; the others get
 * `-2`, `-3`… Nothing changes when there is no circle.
 */
export function splitCyclicGroups(ctx: TemplateContext): void {
  for (let cycle = groupCycle(ctx); cycle !== undefined; cycle = groupCycle(ctx)) {
    const levels = crossingLevels(ctx);
    let split = false;
    for (const group of cycle) {
      split = splitByLevel(ctx, group, levels) || split;
    }
    if (!split) {
      return; // checkCycles reports it
    }
  }
}

/** The nested deployments on a circle of dependencies between templates, or undefined when there is none. */
function groupCycle(ctx: TemplateContext): Group[] | undefined {
  const node = (e: Entry): Entry | Group => (e.group!.nested ? e.group! : e);
  const edges = new Map<Entry | Group, Set<Entry | Group>>();
  for (const e of ctx.entries) {
    const from = node(e);
    const set = edges.get(from) ?? new Set();
    for (const d of e.deps) {
      if (node(d) !== from) {
        set.add(node(d));
      }
    }
    edges.set(from, set);
  }
  const state = new Map<Entry | Group, number>();
  const visit = (n: Entry | Group, trail: Array<Entry | Group>): Array<Entry | Group> | undefined => {
    if (state.get(n) === 2) {
      return undefined;
    }
    if (state.get(n) === 1) {
      return trail.slice(trail.indexOf(n));
    }
    state.set(n, 1);
    for (const next of edges.get(n) ?? []) {
      const found = visit(next, [...trail, n]);
      if (found) {
        return found;
      }
    }
    state.set(n, 2);
    return undefined;
  };
  for (const n of edges.keys()) {
    const found = visit(n, []);
    if (found) {
      return found.filter((x): x is Group => 'entries' in x);
    }
  }
  return undefined;
}

/** Per entry: the most scope changes on a dependency path below it (a circle among entries counts as none). */
function crossingLevels(ctx: TemplateContext): Map<Entry, number> {
  const levels = new Map<Entry, number>();
  const scopeOf = (e: Entry): string => (e.group!.nested ? e.group!.key : '');
  const level = (e: Entry, visiting: Set<Entry>): number => {
    const known = levels.get(e);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(e)) {
      return 0;
    }
    visiting.add(e);
    let out = 0;
    for (const d of e.deps) {
      out = Math.max(out, level(d, visiting) + (scopeOf(d) === scopeOf(e) ? 0 : 1));
    }
    visiting.delete(e);
    levels.set(e, out);
    return out;
  };
  for (const e of ctx.entries) {
    level(e, new Set());
  }
  return levels;
}

/** Splits one nested deployment by level (false when all its resources are on one level). */
function splitByLevel(ctx: TemplateContext, group: Group, levels: Map<Entry, number>): boolean {
  const distinct = [...new Set(group.entries.map((e) => levels.get(e)!))].sort((a, b) => a - b);
  if (distinct.length < 2) {
    return false;
  }
  const used = new Set(ctx.groups.map((g) => g.name.toLowerCase()));
  const next = new Map<string, number>();
  const entries = [...group.entries];
  const parts: Group[] = distinct.slice(1).map((level) => ({
    key: `${group.key}#${level}`,
    nested: true,
    scope: group.scope,
    name: uniqueName(group.name, used, next, (b, i) => `${b}-${i}`),
    entries: [],
  }));
  group.entries.length = 0;
  for (const e of entries) {
    const index = distinct.indexOf(levels.get(e)!);
    const target = index === 0 ? group : parts[index - 1];
    target.entries.push(e);
    e.group = target;
  }
  ctx.groups.splice(ctx.groups.indexOf(group) + 1, 0, ...parts);
  return true;
}
