// Deploy order: dependsOn in the order of the resources, a nested deployment waiting for what its resources need,
// and the refusal of dependency cycles across resource groups.
import { Entry, Group, TemplateContext } from '../../../src/render/arm/context';
import { checkCycles, deploymentDependsOn, dependsOnOf, GroupDependencies } from '../../../src/render/arm/dependencies';
import { literal } from '../../../src/render/arm/expressions';
import { newStack } from '../../support/synth';

function setUp() {
  const ctx = new TemplateContext(newStack());
  const nested: Group = { key: 'b', nested: true, scope: { resourceGroup: literal('group-b') }, name: 'partner-events-group-b', entries: [] };
  ctx.top.scope = { resourceGroup: literal('group-a') };
  ctx.groups.push(nested);
  const entry = (index: number, name: string, group: Group): Entry => {
    const e = {
      index,
      path: `stack/${name}`,
      desc: { type: 'Contoso.Test/widgets' },
      names: [literal(name)],
      scope: group.scope,
      group,
      deps: new Set<Entry>(),
    } as unknown as Entry;
    group.entries.push(e);
    return e;
  };
  return { ctx, nested, entry };
}

test('dependsOn lists the resources of the same template in their order, once; another template\'s by its deployment', () => {
  const { ctx, nested, entry } = setUp();
  const a = entry(0, 'a', ctx.top);
  const b = entry(1, 'b', ctx.top);
  const c = entry(2, 'c', ctx.top);
  const n = entry(3, 'n', nested);
  c.deps.add(b).add(a).add(n);
  const groupDeps: GroupDependencies = new Map();
  expect(dependsOnOf(c, groupDeps)).toEqual([
    "[resourceId('Contoso.Test/widgets', 'a')]",
    "[resourceId('Contoso.Test/widgets', 'b')]",
    "[resourceId('Microsoft.Resources/deployments', 'partner-events-group-b')]",
  ]);
  expect(groupDeps.size).toBe(0);
});

test('a nested resource\'s dependency on the outer template is its deployment\'s, sorted', () => {
  const { ctx, nested, entry } = setUp();
  const a = entry(0, 'a', ctx.top);
  const b = entry(1, 'b', ctx.top);
  const n = entry(2, 'n', nested);
  const m = entry(3, 'm', nested);
  n.deps.add(b).add(m);
  m.deps.add(a);
  const groupDeps: GroupDependencies = new Map();
  expect(dependsOnOf(n, groupDeps)).toEqual(["[resourceId('Contoso.Test/widgets', 'm')]"]);
  expect(dependsOnOf(m, groupDeps)).toEqual([]);
  expect(deploymentDependsOn(ctx, nested, groupDeps)).toEqual([
    "[resourceId('Contoso.Test/widgets', 'a')]",
    "[resourceId('Contoso.Test/widgets', 'b')]",
  ]);
  expect(() => checkCycles(ctx, groupDeps)).not.toThrow();
});

test('a cycle between the template and a nested deployment is refused, naming the resources', () => {
  const { ctx, nested, entry } = setUp();
  const a = entry(0, 'a', ctx.top);
  const n = entry(1, 'n', nested);
  n.deps.add(a);
  a.deps.add(n);
  const groupDeps: GroupDependencies = new Map();
  dependsOnOf(n, groupDeps);
  expect(() => checkCycles(ctx, groupDeps)).toThrow(
    '[stack] ARM template: the resources depend on each other in a circle across resource groups: stack/a -> the nested deployment partner-events-group-b (stack/n) -> stack/a');
});
