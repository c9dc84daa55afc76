// A partner with 10,000 customers: one channel each, spread over shard stacks of at most 500 channels by a
// stable assignment, so every `terraform plan` stays small and shards apply in parallel. The namespaces live in
// the partner example's stack (examples/partner) and are referred to by id.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { ChannelFleet, FleetStateBackend, PartnerCustomer } from '../../src';
import { CONTOSO_EVENT_TYPES, CONTOSO_SUBSCRIPTION } from '../partner/app';

/** The subscription of the partner example's namespaces (and of the shards' azurerm providers). */
export const PARTNER_SUBSCRIPTION = CONTOSO_SUBSCRIPTION;
const namespaceId = (name: string) => `/subscriptions/${PARTNER_SUBSCRIPTION}/resourceGroups/contoso-partner/providers/Microsoft.EventGrid/partnerNamespaces/${name}`;

/**
 * Where the fleet's shards (and, with `FLEET_STATE.applyTo(stack, name)`, the namespaces' stack) keep their state:
 * one blob each in Contoso's state container, reached with the pipeline's Entra ID identity.
 */
export const FLEET_STATE = FleetStateBackend.azurerm({
  resourceGroupName: 'contoso-terraform-state',
  storageAccountName: 'contosotfstate',
  containerName: 'partner-events',
  keyPrefix: 'fleet/',
  subscriptionId: PARTNER_SUBSCRIPTION,
});

/** Contoso's customers, made up deterministically (a real partner reads its own records with PartnerCustomers.parse). */
export function fleetCustomers(count: number): PartnerCustomer[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(5, '0');
    return {
      customerId: `customer-${n}`,
      subscriptionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceGroupName: `customer-${n}-events`,
      partnerTopicName: 'contoso-tickets',
      source: `com.contoso.customer${n}`,
      region: i % 3 === 0 ? 'westeurope' : 'westus2',
    };
  });
}

export interface FleetExampleOptions {
  readonly customers?: number;
  readonly maxChannelsPerStack?: number;
  /** The kept assignment of the last synth (see README: commit it in a real project). */
  readonly assignmentFile?: string;
}

/** Adds the fleet to an app; returns it (its `assignmentJson()` is the file to keep). */
export function addFleetExample(app: App, options: FleetExampleOptions = {}): ChannelFleet {
  const file = options.assignmentFile ?? path.join(__dirname, 'assignment.json');
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
  return new ChannelFleet(app, 'contoso-fleet', {
    customers: fleetCustomers(options.customers ?? 10_000),
    maxChannelsPerStack: options.maxChannelsPerStack ?? 500,
    namespaces: [
      { partnerNamespaceId: namespaceId('contoso-tickets-westus2'), location: 'westus2' },
      { partnerNamespaceId: namespaceId('contoso-tickets-westeurope'), location: 'westeurope' },
    ],
    previousAssignment: previous,
    eventTypes: CONTOSO_EVENT_TYPES,
    subscriptionId: PARTNER_SUBSCRIPTION,
    // each shard's state is its own blob, `fleet/<shard stack>.tfstate`, so shards plan and apply in parallel
    stateBackend: FLEET_STATE,
  });
}
