// EGP002: CloudEvents 1.0 only.
import { isTerraformElement, rawOverridesOf, renderedBlockOf } from '../../internal/cdktf';
import { ForeignResource, isUnresolved } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { findSchemaViolations } from '../schema-guard';
import { defineRule } from './define';

const PARTNER_TYPE = /^Microsoft\.EventGrid\/partner(Namespaces|Topics)/i;

function violation(construct: RuleViolation['construct'], where: string, path: string, value: unknown): RuleViolation {
  return { construct, message: `${where} sets ${path} to another schema than CloudEvents 1.0 (partner events are CloudEvents 1.0 only)`, value };
}

/** A hand-written resource is checked when it is a partner namespace or topic, or an event subscription of a partner topic. */
function foreignViolations(r: ForeignResource): RuleViolation[] {
  const block = renderedBlockOf(r.element);
  const related = r.terraformType === 'azurerm_eventgrid_event_subscription'
    ? typeof block.scope === 'string' && /\/partnerTopics\//i.test(block.scope)
    : typeof block.type === 'string' && PARTNER_TYPE.test(block.type);
  if (!related) {
    return [];
  }
  return findSchemaViolations(block, isUnresolved).map((v) => violation(r.element, `${r.terraformType} ${r.element.node.path}`, v.path, v.value));
}

export const EGP002 = defineRule({
  id: 'EGP002',
  severity: RuleSeverity.ERROR,
  title: 'CloudEvents 1.0 only',
  rationale: 'CloudEvents 1.0 is the only schema a partner namespace accepts and the only one this library delivers partner events in. An input schema, input mapping or delivery schema other than CloudEventSchemaV1_0 (set directly or through an escape-hatch override) breaks every publisher and handler downstream.',
  fix: 'remove the override, or set the schema to CloudEventSchemaV1_0',
  suppressible: false,
  phase: 'synth',
  badExample: "const sub = topic.addEventSubscription('ToWebhook', { destination: webhook });\n(sub.node.defaultChild as TerraformResource).addOverride('body.properties.eventDeliverySchema', 'EventGridSchema');",
  goodExample: "topic.addEventSubscription('ToWebhook', { destination: webhook }); // always CloudEventSchemaV1_0",
  source: 'https://learn.microsoft.com/azure/event-grid/partner-events-overview-for-partners',
  // Over the escape-hatch overrides of the library's own Terraform elements (a construct's direct children), and
  // over the partner-related resources users write by hand beside the library's constructs.
  check: (context) => {
    const found: RuleViolation[] = [];
    for (const owner of context.libraryConstructs) {
      for (const child of owner.node.children) {
        if (isTerraformElement(child)) {
          for (const v of findSchemaViolations(rawOverridesOf(child), isUnresolved)) {
            found.push(violation(owner, `an override on ${child.node.path}`, v.path, v.value));
          }
        }
      }
    }
    for (const r of context.foreignResources) {
      found.push(...foreignViolations(r));
    }
    return found;
  },
});
