// Checks and rendering helpers the destinations share (not part of the public API: the barrel does not export
// this file).
import { IConstruct } from 'constructs';
import { BatchingOptions, DestinationBindOptions, MAX_BATCH_SIZE_KB, MAX_EVENTS_PER_BATCH, MIN_BATCH_SIZE_KB, MIN_EVENTS_PER_BATCH } from './common';
import { DeliveryAttributeMapping } from './delivery-attributes';
import { PartnerEventsApiVersion } from '../common/api-version';
import { checkArmIdScope, checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

/** EGP033 on a list of delivery attributes, then the rendered list (undefined when none). */
export function renderDeliveryAttributes(scope: IConstruct, mappings: DeliveryAttributeMapping[] | undefined): any[] | undefined {
  if (mappings === undefined) {
    return undefined;
  }
  if (mappings.length === 0) {
    fail(scope, 'EGP033', 'deliveryAttributes is an empty list', [], 'give at least one delivery attribute, or leave deliveryAttributes unset');
  }
  const seen = new Set<string>();
  return mappings.map((m, i) => {
    m._check(scope, `deliveryAttributes[${i}]`);
    if (known(m.name)) {
      const key = m.name.toLowerCase();
      if (seen.has(key)) {
        fail(scope, 'EGP033', `deliveryAttributes[${i}] sets an attribute that is already set (names are compared case-insensitively, as header names are)`,
          m.name, 'set each delivery attribute once');
      }
      seen.add(key);
    }
    return m._render();
  });
}

/** The secret members of a destination's properties: the delivery attributes when any of them is secret. */
export function secretAttributeNames(mappings: DeliveryAttributeMapping[] | undefined): string[] {
  // A JSON merge patch replaces arrays whole: the list goes to the write-only body as a unit.
  return (mappings ?? []).some((m) => m.isSecret) ? ['deliveryAttributeMappings'] : [];
}

/** EGP032: the ARM id of a resource of the given (possibly nested) type, such as `Microsoft.EventHub/namespaces/eventhubs`. */
export function checkResourceId(scope: IConstruct, field: string, value: string, resourceType: string): void {
  checkRequired(scope, field, value);
  if (!known(value)) {
    return;
  }
  const [provider, ...types] = resourceType.split('/');
  const segments = types.map((t) => `/${t}/[^/]+`).join('');
  const pattern = new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${provider.replace('.', '\\.')}${segments}$`, 'i');
  if (!pattern.test(value)) {
    const example = `/subscriptions/<guid>/resourceGroups/<group>/providers/${provider}${types.map((t) => `/${t}/<name>`).join('')}`;
    fail(scope, 'EGP032', `${field} is not the ARM id of a ${resourceType} resource`, value, `give ${example}`);
    return;
  }
  checkArmIdScope(scope, field, value);
}

/** EGP010: a setting that only API version 2025-02-15 offers. */
export function checkNewerApi(scope: IConstruct, options: DestinationBindOptions, what: string, value: unknown): void {
  if (options.apiVersion !== PartnerEventsApiVersion.V2025_02_15) {
    fail(scope, 'EGP010', `${what} needs API version 2025-02-15, but the subscription is rendered at ${options.apiVersion}`, value);
  }
}

/** EGP015 on the batching settings. */
export function checkBatching(scope: IConstruct, options: BatchingOptions): void {
  const events = options.maxEventsPerBatch;
  if (known(events) && (!Number.isInteger(events) || events < MIN_EVENTS_PER_BATCH || events > MAX_EVENTS_PER_BATCH)) {
    fail(scope, 'EGP015', `maxEventsPerBatch is not a whole number from ${MIN_EVENTS_PER_BATCH} to ${MAX_EVENTS_PER_BATCH}`, events);
  }
  const kb = options.preferredBatchSizeInKilobytes;
  if (known(kb) && (!Number.isInteger(kb) || kb < MIN_BATCH_SIZE_KB || kb > MAX_BATCH_SIZE_KB)) {
    fail(scope, 'EGP015', `preferredBatchSizeInKilobytes is not a whole number from ${MIN_BATCH_SIZE_KB} to ${MAX_BATCH_SIZE_KB}`, kb);
  }
}
