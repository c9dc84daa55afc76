// EGP002: CloudEvents 1.0 only.
import { isTerraformElement, rawOverridesOf, renderedBlockOf, resolveForDisplay } from '../../internal/cdktf';
import { ForeignResource, isUnresolved, RuleContext } from '../context';
import { RuleSeverity, RuleViolation } from '../rule';
import { findSchemaViolations } from '../schema-guard';
import { defineRule } from './define';

const PARTNER_TYPE = /^Microsoft\.EventGrid\/partner(Namespaces|Topics)/i;

function violation(construct: RuleViolation['construct'], where: string, path: string, value: unknown): RuleViolation {
  return { construct, message: `${where} sets ${path} to another schema than CloudEvents 1.0 (partner events are CloudEvents 1.0 only)`, value };
}

/**
 * Whether a hand-written subscription's scope is a partner topic: an ARM id of one, or an id of a partner topic the
 * library handed out (a Terraform reference, compared as the stack renders both).
 */
function scopeIsPartnerTopic(r: ForeignResource, scope: unknown, topicIds: readonly string[]): boolean {
  if (typeof scope !== 'string') {
    return false;
  }
  const shown = resolveForDisplay(r.element, scope);
  if (typeof shown === 'string' && /\/partnerTopics\//i.test(shown)) {
    return true;
  }
  return topicIds.some((id) => {
    const topic = resolveForDisplay(r.element, id);
    return typeof topic === 'string' && typeof shown === 'string' && shown.includes(topic);
  });
}

/** A hand-written resource is checked when it is a partner namespace or topic, or an event subscription of a partner topic. */
function foreignViolations(r: ForeignResource, context: RuleContext): RuleViolation[] {
  const block = renderedBlockOf(r.element);
  const related = r.terraformType === 'azurerm_eventgrid_event_subscription'
    ? scopeIsPartnerTopic(r, block.scope, context.partnerTopicIds)
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
      found.push(...foreignViolations(r, context));
    }
    return found;
  },
});
