// The shape of one of the library's rules (metadata and, for synth-phase rules, a check over the app-wide
// context), and what several checks share. Not a rule itself: the index lists only the egpNNN-*.ts files.
import { ChannelTarget, groupBy, IdentityEntry, RuleContext, sameResource } from '../context';
import { RuleViolation, ValidationRule } from '../rule';

/** One of the library's rules. */
export interface LibraryRule extends ValidationRule {
  /** The synth-phase check: every violation in the app, in linear time. Constructor-phase rules have none. */
  readonly check?: (context: RuleContext) => RuleViolation[];
}

/** Declares a rule (typed, so that a missing field fails to compile). */
export function defineRule<T extends LibraryRule>(rule: T): T {
  return rule;
}

/** The paths of the other members of a group, for messages (`Channel stack/A, EventChannel stack/B`). */
export function pathsOf(targets: readonly ChannelTarget[], except: ChannelTarget, withKind: boolean): string {
  return targets.filter((o) => o !== except).map((o) => (withKind ? `${o.kind} ${o.construct.node.path}` : o.construct.node.path)).join(', ');
}

/** Every construct registered as unique under `ruleId` whose key another construct shares, named with the others. */
export function duplicateResources(context: RuleContext, ruleId: string): RuleViolation[] {
  const found: RuleViolation[] = [];
  const entries = context.identities.filter((e) => e.ruleId === ruleId);
  for (const group of groupBy<IdentityEntry, string>(entries, (e) => e.key).values()) {
    if (group.length < 2) {
      continue;
    }
    for (const e of group) {
      const others = group.filter((o) => o !== e && !sameResource(o.resource, e.resource)).map((o) => o.construct.node.path);
      if (others.length > 0) {
        found.push({ construct: e.construct, message: `${e.what} is also defined by ${others.join(', ')}`, value: e.value });
      }
    }
  }
  return found;
}
