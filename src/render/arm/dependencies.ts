// Deploy order: which resources of the template depend on which (references, parents, Terraform `depends_on`), as
// `dependsOn` of the resources and of the nested deployments, refusing dependencies that go round between the
// template and its nested deployments (ARM could not order them).
import { armError, Entry, Group, Site, TemplateContext } from './context';
import { candidateAddresses, splitTerraform } from './expressions';
import { deploymentId, resourceIdIn } from './resource-ids';
import { resolvedBlockOf } from '../../internal/cdktf';

/** What a nested deployment waits for: resources of the template, or other nested deployments. */
export type GroupDependencies = Map<Group, Set<Entry | Group>>;

/** Records that the resource of `site` needs `target` first (not for command text, not on itself). */
export function addDependency(site: Site, target: Entry): void {
  if (site.entry && site.entry !== target && !site.dry) {
    site.entry.deps.add(target);
  }
}

/**
 * What the entry's description says it waits for (typed: the constructs), and the `depends_on` of its Terraform
 * block, on resources of this template.
 */
export function addExplicitDependencies(ctx: TemplateContext, e: Entry): void {
  for (const construct of e.desc.dependsOn ?? []) {
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
          } else if (found.terraformType === 'azapi_update_resource') {
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
