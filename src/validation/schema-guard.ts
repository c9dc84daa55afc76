// EGP002: CloudEvents 1.0 only. Finds schema settings anywhere in a rendered block or an override tree.

const SCHEMA_KEYS = new Set(['inputschema', 'input_schema', 'eventdeliveryschema', 'event_delivery_schema']);
const MAPPING_KEYS = new Set([
  'inputschemamapping', 'input_schema_mapping', 'input_mapping_fields', 'input_mapping_default_values',
]);
export const CLOUD_EVENTS_SCHEMA = 'CloudEventSchemaV1_0';

export interface SchemaViolation {
  /** Dotted path of the setting inside the block, for example `body.properties.eventDeliverySchema`. */
  readonly path: string;
  readonly value: unknown;
}

/**
 * Every place in `tree` that sets an event schema other than CloudEvents 1.0, or an input mapping (which only
 * exists for custom schemas). `isUnresolved` tells values that are tokens, which are skipped, not guessed.
 */
export function findSchemaViolations(tree: unknown, isUnresolved: (v: unknown) => boolean, prefix = ''): SchemaViolation[] {
  const found: SchemaViolation[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') {
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    for (const [key, value] of Object.entries(node as { [k: string]: unknown })) {
      const here = path ? `${path}.${key}` : key;
      const lower = key.toLowerCase();
      if (SCHEMA_KEYS.has(lower)) {
        if (value !== undefined && value !== null && !isUnresolved(value)
          && (typeof value !== 'string' || value.toLowerCase() !== CLOUD_EVENTS_SCHEMA.toLowerCase())) {
          found.push({ path: here, value });
        }
      } else if (MAPPING_KEYS.has(lower)) {
        if (value !== undefined && value !== null) {
          found.push({ path: here, value });
        }
      } else {
        walk(value, here);
      }
    }
  };
  walk(tree, prefix);
  return found;
}
