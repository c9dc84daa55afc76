// docs/validation-rules.md, generated from the rule files (`npx projen docs:rules`); a test fails when the file is
// stale. The fixture below is also what the tests run every example against. A rule pack's reference is rendered
// the same way (renderRules).
import { RETIRED_RULES, RULE_LIST } from './registry';
import { ValidationRule } from './rule';

/** The fixtures every rule example runs against, inside a TerraformStack `stack` with the azurerm provider. */
export const RULE_EXAMPLE_FIXTURE = `const SUB = '5b4b650e-28b9-4790-b3ab-ddbd88d727c4';
const HUB = \`/subscriptions/\${SUB}/resourceGroups/fabrikam/providers/Microsoft.EventHub/namespaces/fabrikam/eventhubs/tickets\`;
const PUBLISHER_PRINCIPAL = '7d3f0a52-1b8e-4c6e-9a6f-0c2d1e5b9a41';
const registration = new PartnerRegistration(stack, 'Registration', { resourceGroupName: 'contoso' });
const namespace = new PartnerNamespace(stack, 'Namespace', { resourceGroupName: 'contoso', location: 'westus2', partnerRegistration: registration });
const legacyNamespace = new PartnerNamespace(stack, 'LegacyNamespace', { resourceGroupName: 'contoso', location: 'westus2',
  partnerRegistration: registration, routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE });
const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', { partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'fabrikam',
  partnerTopicName: 'contoso-tickets', location: 'westus2' });
topic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
const target = { partnerTopicSubscriptionId: SUB, partnerTopicResourceGroupName: 'fabrikam', partnerTopicName: 'tickets' };
const webhook = new destinations.WebHook({ endpointUrl: 'https://fabrikam.example/events' });`;

const SEVERITY_NOTE: { [severity: string]: string } = {
  error: 'error: synth fails',
  warning: 'warning: shown at synth; fails synth in strict mode',
  info: 'advice: shown at synth',
};

/** The summary table and one section per rule (rationale, fix, source, refused and accepted examples), as Markdown lines. */
/** How each phase reads in the reference. */
const PHASE_NOTE: { [phase: string]: string } = {
  'synth': 'at synth, over the whole app',
  'constructor': 'in the constructor',
  'constructor+synth': 'in the constructor, and at synth over what overrides set',
};

export function renderRules(rules: readonly ValidationRule[]): string[] {
  const lines: string[] = [
    '| Rule | Severity | Checked | Suppressible | Title |',
    '|---|---|---|---|---|',
  ];
  for (const r of rules) {
    lines.push(`| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${r.phase} | ${r.suppressible ? 'yes' : 'no'} | ${r.title} |`);
  }
  for (const r of rules) {
    lines.push(
      '',
      `## ${r.id}`,
      '',
      `**${r.title}** — ${SEVERITY_NOTE[r.severity]}; checked ${PHASE_NOTE[r.phase] ?? r.phase}; ${r.suppressible ? 'can be suppressed with a reason' : 'cannot be suppressed'}.`,
      '',
      r.rationale,
      '',
      `**Fix:** ${r.fix}.`,
      '',
      `**Source:** <${r.source}>`,
      '',
      'Refused:',
      '',
      '```ts',
      r.badExample,
      '```',
      '',
      'Accepted:',
      '',
      '```ts',
      r.goodExample,
      '```',
    );
  }
  return lines;
}

/** The whole rule reference of the library, as Markdown. */
export function renderRuleReference(): string {
  const lines: string[] = [
    '# Validation rules',
    '',
    '<!-- Generated from src/validation/rules/ by `npx projen docs:rules`. Do not edit by hand: a test fails when this file is stale. -->',
    '',
    'Every finding has the form `[construct/path] EGP0NN: what is wrong (the value) — how to fix`. Constructor rules',
    'throw when the construct is created; synth rules run over the whole app (every stack) when it is synthesized.',
    'Every synth writes `partner-events-validation.json` into the output directory with every finding, suppressed',
    'ones included with their reason. Suppress a rule on a construct and its children with',
    '`Validations.of(scope).suppress(\'EGP0NN\', \'reason\')` (before the construct is created, for constructor rules);',
    'EGP001 and EGP002 cannot be suppressed, and hold whatever the synth options: they run again when a stack is rendered,',
    'so `skipValidation: true` (which cdktf\'s own error suggests) and `Testing.synth` without validations still refuse them.',
    'A failed synth lists every error of the app once, with values as the Terraform expressions they become, and names',
    'the report file. The rules that hold an explicit timestamp to a window (EGP006, EGP017, EGP040) read the clock when',
    'synth runs; nothing synthesized depends on it. `Validations.of(app).enableStrictMode()` (or the context key',
    '`cdktf-azure-partner-events:strict`) makes warnings fail synth. Organisations add rules of their own with',
    '`RulePack` and `Validations.of(app).addRulePack(pack)`; `pack.renderReference()` writes their reference like this one.',
    '',
    'Each rule below has a configuration it refuses, the nearest one it accepts, and the source where Azure\'s',
    'behaviour is written down (a Microsoft document, the REST specification or the ARM schema, or the azurerm',
    'provider\'s own validation, which refuses the value at plan). The tests run every example against these fixtures,',
    'in a `TerraformStack` named `stack`; the catalogue in `test/catalogue/` adds a refused and an accepted',
    'configuration per group of Azure\'s rules, each with its source:',
    '',
    '```ts',
    RULE_EXAMPLE_FIXTURE,
    '```',
    '',
    ...renderRules(RULE_LIST),
  ];
  const retired = Object.entries(RETIRED_RULES);
  if (retired.length > 0) {
    lines.push('', '## Retired ids', '', 'These ids are no longer used, and never given to another rule:', '');
    for (const [id, why] of retired) {
      lines.push(`- **${id}**: ${why}.`);
    }
  }
  return `${lines.join('\n')}\n`;
}
