// EGP006: Channel expiry within 1 minute and 7 days.
import { RuleSeverity, RuleViolation } from '../rule';
import { propertyOf, timestampViolation } from '../timestamps';
import { defineRule } from './define';

const DAY_MILLIS = 24 * 60 * 60 * 1000;

export const EGP006 = defineRule({
  id: 'EGP006',
  severity: RuleSeverity.ERROR,
  title: 'Channel expiry within 1 minute and 7 days',
  rationale: 'A channel whose partner topic is not activated before its expiry is deleted with the topic. Event Grid and the azurerm provider accept an expiry in the future and at most 7 days ahead (the default). An explicit timestamp (given, or set by an override) must be a real UTC date in that window when synth runs; durations are turned into timestamps when the channel is created, so only the check reads the clock and the synthesized output does not depend on it.',
  fix: 'give expiresIfNotActivatedAfter between Duration.minutes(1) and Duration.days(7), or an ISO 8601 UTC timestamp in expirationTimeIfNotActivatedUtc',
  suppressible: true,
  // the duration in the constructor; explicit timestamps at synth, where the clock is read (and overrides are seen)
  phase: 'constructor+synth',
  badExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', expiresIfNotActivatedAfter: Duration.days(14) });",
  goodExample: "namespace.addChannel('Fabrikam', { ...target, source: 'contoso.fabrikam', expiresIfNotActivatedAfter: Duration.days(7) });",
  source: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/eventgrid/validate/expiration_time.go',
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const c of context.channels) {
      const { value, own } = propertyOf(c.construct, (p) => p.expirationTimeIfNotActivatedUtc);
      const v = timestampViolation(c.construct, 'expirationTimeIfNotActivatedUtc', value,
        { minMillis: 0, maxMillis: 7 * DAY_MILLIS, describe: 'in the future and within 7 days from now' }, '2026-12-01T00:00:00Z', own);
      if (v) {
        found.push(v);
      }
    }
    return found;
  },
});
