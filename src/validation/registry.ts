// The library's rules by id (from rules/index.ts), the ids that are retired, and the rules that run at synth.
import * as listed from './rules';
import { LibraryRule } from './rules/define';

/** The library's rules, by id. */
export const RULES = listed;

/** The id of one of the library's rules. */
export type RuleId = keyof typeof listed;

/** Ids no longer in use, with what replaced them (an id is never given to another rule). */
export const RETIRED_RULES: { readonly [id: string]: string } = {
  EGP011: 'it stood for many unrelated problems and was split, one rule per kind: required values (EGP030), IPv4 CIDR '
    + 'ranges (EGP031), ARM ids (EGP032), delivery attributes (EGP033), storage names (EGP034), queue message '
    + 'time-to-live (EGP035), partner topic identity (EGP036), fleet options (EGP037), imported attributes (EGP038), '
    + 'included event types (EGP039), subscription expiry (EGP040), authorized partners (EGP041), verified partner '
    + 'names (EGP042) and webhook Entra settings (EGP043)',
};

/** Every library rule, in id order. */
export const RULE_LIST: readonly LibraryRule[] = Object.values(listed as { [id: string]: LibraryRule })
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The rules that run over the whole app at synth, in id order. */
export const SYNTH_RULES: readonly LibraryRule[] = RULE_LIST.filter((r) => r.check !== undefined);

/** The mission rules: errors that no suppression and no synth option lets through (EGP001, EGP002). */
export const MISSION_RULES: readonly LibraryRule[] = SYNTH_RULES.filter((r) => !r.suppressible);

/** The library rule of an id, or undefined. */
export function libraryRule(id: string): LibraryRule | undefined {
  return Object.prototype.hasOwnProperty.call(listed, id) ? (listed as { [id: string]: LibraryRule })[id] : undefined;
}
