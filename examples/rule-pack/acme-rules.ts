// An organisation's rule pack, as ACME would ship it in its own construct package: rules with ACME's prefix, the
// same metadata as the library's rules, and a check over the app the library validates.
import {
  ChannelFacts, IRuleCheck, RuleCheckContext, RulePack, RuleSeverity, RuleViolation,
} from '../../src';

/** The CloudEvents source prefix of every ACME publisher (reverse DNS of acme.com). */
export const ACME_SOURCE_PREFIX = 'com.acme.';

/** ACME001: a channel's source starts with ACME's prefix, so that handlers can tell ACME's events by their source. */
class SourcePrefixCheck implements IRuleCheck {
  public check(context: RuleCheckContext): RuleViolation[] {
    return context.channels
      .filter((c: ChannelFacts) => !c.source.startsWith(ACME_SOURCE_PREFIX))
      .map((c: ChannelFacts) => ({
        construct: c.construct,
        message: `${c.kind} source does not start with ${ACME_SOURCE_PREFIX}`,
        value: c.source,
        fix: `give the source as ${ACME_SOURCE_PREFIX}<product>.<customer>, for example ${ACME_SOURCE_PREFIX}tickets.${c.partnerTopicName}`,
      }));
  }
}

/** ACME's rules. Add them to an app with `Validations.of(app).addRulePack(acmeRulePack())`. */
export function acmeRulePack(): RulePack {
  return new RulePack({
    prefix: 'ACME',
    name: 'ACME platform rules',
    rules: [{
      id: 'ACME001',
      severity: RuleSeverity.ERROR,
      title: 'Channel sources start with com.acme.',
      rationale: "ACME's handlers and audit tooling route and attribute partner events by their CloudEvents source; an event from a source outside com.acme. is dropped as foreign by the customers' ACME integrations.",
      fix: `give the source as ${ACME_SOURCE_PREFIX}<product>.<customer>`,
      badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'tickets.fabrikam' });",
      goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'com.acme.tickets.fabrikam' });",
      source: 'https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md#source-1',
      check: new SourcePrefixCheck(),
    }],
  });
}
