// EGP017: Partner authorization expiry within 1-365 days and the configuration's maximum.
import { descriptionOf, PARTNER_CONFIGURATION_TYPE, ResourceModel } from '../../model';
import { RuleSeverity, RuleViolation } from '../rule';
import { propertyOf, timestampViolation } from '../timestamps';
import { defineRule } from './define';

const DAY_MILLIS = 24 * 60 * 60 * 1000;
/** Event Grid's default maximum authorization expiry, in days. */
const DEFAULT_MAXIMUM_DAYS = 7;

export const EGP017 = defineRule({
  id: 'EGP017',
  severity: RuleSeverity.ERROR,
  title: "Partner authorization expiry within 1-365 days and the configuration's maximum",
  rationale: "A partner configuration authorizes partners for 1 to 365 days (7 by default); an authorization that expires later than the configuration's maximum, or is already expired, is refused. An explicit expiresAt (given, or set by an override) must be a real UTC date, in the future and within the configuration's maximum when synth runs; durations are turned into timestamps when the configuration is created, and only the check reads the clock.",
  fix: 'give an expiry of at least 1 day and no more than defaultMaximumExpiration (itself 1 to 365 days)',
  suppressible: true,
  phase: 'constructor+synth',
  badExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam',\n  authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets', expiresAfter: Duration.days(30) }] });",
  goodExample: "new PartnerConfiguration(stack, 'Authorization', { resourceGroupName: 'fabrikam', defaultMaximumExpiration: Duration.days(30),\n  authorizedPartners: [{ partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso.Tickets', expiresAfter: Duration.days(30) }] });",
  source: 'https://learn.microsoft.com/azure/event-grid/subscribe-to-partner-events#authorize-partner-to-create-a-partner-topic',
  check: (context) => {
    const found: RuleViolation[] = [];
    // the app's partner configurations, from the model's index by type (not a description read per construct)
    const any = context.libraryConstructs[0];
    for (const c of any === undefined ? [] : ResourceModel.of(any).constructsOfType(PARTNER_CONFIGURATION_TYPE)) {
      const d = descriptionOf(c);
      if (d === undefined || d.type !== PARTNER_CONFIGURATION_TYPE || d.existing === true) {
        continue;
      }
      const configured = d.properties.partnerAuthorization?.defaultMaximumExpirationTimeInDays;
      const days = typeof configured === 'number' ? configured : DEFAULT_MAXIMUM_DAYS;
      const list = d.properties.partnerAuthorization?.authorizedPartnersList;
      (Array.isArray(list) ? list : []).forEach((_p: unknown, i: number) => {
        const { value, own } = propertyOf(c, (p) => p.partnerAuthorization?.authorizedPartnersList?.[i]?.authorizationExpirationTimeInUtc);
        const v = timestampViolation(c, `authorizedPartners[${i}] expiry (authorizationExpirationTimeInUtc)`, value,
          { minMillis: 0, maxMillis: days * DAY_MILLIS, describe: `in the future and within the configuration's maximum of ${days} days from now` },
          '2026-12-01T00:00:00Z', own);
        if (v) {
          found.push(v);
        }
      });
    }
    return found;
  },
});
