import { Construct, IConstruct } from 'constructs';
import { Channel, EventTypeDefinition } from './channel';
import { EXPIRY_PATH } from './channel-common';
import { PartnerCustomer } from './customer-records';
import { FleetStateBackend, FleetStateLocation } from './fleet-state';
import { IPartnerNamespace, PartnerNamespace } from './partner-namespace';
import { PartnerTopicRoutingMode } from '../common/api-version';
import { Duration } from '../common/duration';
import { newAzureStack, stackFolderOf, writeAppArtifactWith } from '../internal/cdktf';
import { EVENTGRID, REPLACED_WHEN_CHANGED } from '../model';
import { ARM_TEMPLATE_CONTEXT_KEY } from '../render/arm/context';
import { KeyedAzapiResources, renderInstancesWith } from '../render/terraform/keyed-resources';
import { normalizeRegion } from '../validation/engine';
import { failHard } from '../validation/errors';
import { addPartnerChecks } from '../validation/override-checks';
import { RULES } from '../validation/registry';
import { RuleSeverity } from '../validation/rule';
import { PartnerEventsValidationError } from '../validation/validation-error';

const CHANNEL_TYPE = `${EVENTGRID}/partnerNamespaces/channels`;

/** A partner namespace that fleet shards put channels in, referred to by id so shards stay independent. */
export interface FleetNamespace {
  /** The ARM id of the namespace (it lives in another stack or app). */
  readonly partnerNamespaceId: string;
  /** Its region; customers whose `region` is this one get their channel here. */
  readonly location: string;
  /**
   * Its routing mode.
   * @default PartnerTopicRoutingMode.CHANNEL_NAME_HEADER
   */
  readonly routingMode?: PartnerTopicRoutingMode;
}

/** How customers are spread over shards. */
export class ShardAssignment {
  /**
   * Assigns each customer a shard of at most `capacity` customers, keeping every customer of `previous` where it
   * was: only new customers are placed (each in the lowest-numbered shard with room, in customer-id order; a new
   * shard when all are full), and removed customers leave a free slot. So adding or removing a customer moves no
   * other customer. Only when `capacity` is lowered below a shard's size are that shard's excess customers (the
   * last in id order) moved, as few as needed.
   * @param customerIds every customer, once each
   * @param capacity the most customers per shard (at least 1)
   * @param previous the assignment of the last synth (customer id to shard index)
   * @returns customer id to shard index
   */
  public static compute(customerIds: string[], capacity: number, previous?: { [customerId: string]: number }): { [customerId: string]: number } {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`ShardAssignment: capacity must be a whole number of at least 1 (got ${capacity}) — give the most channels one stack may hold, such as 500`);
    }
    const current = new Set(customerIds);
    if (current.size !== customerIds.length) {
      const seen = new Set<string>();
      const twice = customerIds.find((id) => (seen.has(id) ? true : (seen.add(id), false)));
      throw new Error(`ShardAssignment: customer id ${JSON.stringify(twice)} appears twice — give each customer one id`);
    }
    const members = new Map<number, string[]>();
    const result: { [customerId: string]: number } = {};
    const pending: string[] = [];
    const placedOrPending = new Set<string>();
    for (const [id, shard] of Object.entries(previous ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!current.has(id)) {
        continue;
      }
      if (!Number.isInteger(shard) || shard < 0) {
        throw new Error(`ShardAssignment: the previous assignment gives customer ${JSON.stringify(id)} shard ${JSON.stringify(shard)} — shard indexes are whole numbers from 0; restore the assignment file`);
      }
      const list = members.get(shard) ?? [];
      placedOrPending.add(id);
      if (list.length < capacity) {
        list.push(id);
        members.set(shard, list);
        result[id] = shard;
      } else {
        pending.push(id);
      }
    }
    for (const id of customerIds) {
      if (!placedOrPending.has(id)) {
        pending.push(id);
      }
    }
    pending.sort();
    let shard = 0;
    for (const id of pending) {
      while ((members.get(shard)?.length ?? 0) >= capacity) {
        shard++;
      }
      const list = members.get(shard) ?? [];
      list.push(id);
      members.set(shard, list);
      result[id] = shard;
    }
    return result;
  }
}

export interface ChannelFleetProps {
  /** The customers, one channel each. */
  readonly customers: PartnerCustomer[];
  /** The most channels one stack holds (K), so that every `terraform plan` stays small. */
  readonly maxChannelsPerStack: number;
  /** The namespaces, one per region the customers are in. */
  readonly namespaces: FleetNamespace[];
  /**
   * The assignment of the last synth (`fleet.assignment`, kept in a committed file), so that no customer moves.
   * @default - none: customers are placed in customer-id order
   */
  readonly previousAssignment?: { [customerId: string]: number };
  /**
   * The event types every channel declares.
   * @default - none
   */
  readonly eventTypes?: EventTypeDefinition[];
  /**
   * How long an unactivated channel lives.
   * @default - Event Grid's default, 7 days
   */
  readonly expiresIfNotActivatedAfter?: Duration;
  /**
   * The subscription the shard stacks' azurerm provider manages.
   * @default - the provider's own default (ARM_SUBSCRIPTION_ID or the Azure CLI)
   */
  readonly subscriptionId?: string;
  /**
   * Where each shard keeps its Terraform state: one state per shard, named after the shard stack
   * (`FleetStateBackend.azurerm({...})`: the blob `<keyPrefix><shard stack name>.tfstate`).
   * @default - no backend: Terraform's local state in each shard's folder
   */
  readonly stateBackend?: FleetStateBackend;
  /**
   * Whether each shard also writes an ARM template (`deploymentTemplate.json`). Shards deploy with Terraform (one
   * state and one pipeline job each), so by default they write none: at 100,000 customers the templates would take
   * longer to render than the Terraform.
   * @default false
   */
  readonly armTemplates?: boolean;
  /**
   * Adds to each shard a `moved` block per channel, from the address the channel had when each channel was its own
   * Terraform block (`azapi_resource.<Namespace0_customer-1_Resource_…>`, library versions before the shared
   * `for_each` block) to its instance of the shard's block (`azapi_resource.<Channels_Resource_…>["customer-1"]`),
   * so that a fleet deployed with such a version plans no change. Keep it until every shard has applied once.
   * @default false
   */
  readonly movedFromChannelBlocks?: boolean;
}

/** One shard in the fleet's matrix file (`cdktf.out/fleet-<id>.json`): one pipeline job each. */
export interface FleetShardEntry {
  /** The shard stack's name (what `cdktf deploy <name>` takes). */
  readonly name: string;
  /** Its folder in the output directory, relative to it (`stacks/<name>`), where `terraform plan` runs. */
  readonly stackFolder: string;
  /** How many customers (channels) it holds. */
  readonly customers: number;
  /**
   * Whether its customers changed since the previous assignment (customers placed in it or taken out of it; every
   * shard when there was no previous assignment). Only the assignment is compared: a change of every channel (new
   * event types, say) changes every shard's Terraform with no shard marked, so a pipeline plans every shard and
   * applies those whose plan has changes.
   */
  readonly changed: boolean;
  /** Customers placed in it since the previous assignment. */
  readonly added: number;
  /** Customers taken out of it since the previous assignment. */
  readonly removed: number;
  /** Where its state is kept (absent without a state backend). */
  readonly state?: FleetStateLocation;
}

/**
 * Spreads one channel per customer over shard stacks of at most `maxChannelsPerStack` channels, by a stable
 * assignment (see `ShardAssignment.compute`), so that plans stay small and shards can be applied in parallel.
 * Shard stacks are named `<id>-shard-000`, `<id>-shard-001`…; a shard that loses all its customers stays (empty)
 * so that deploying it removes their channels. The app-wide rules (one channel per partner topic, unique channel
 * names per region) see every shard.
 */
export class ChannelFleet extends Construct {
  /** Customer id to shard index: keep it (for example in a committed JSON file) and pass it back next time. */
  public readonly assignment: { [customerId: string]: number };
  /** The shard stacks, by index. */
  public readonly shards: IConstruct[] = [];
  /** The channels, in customer order. */
  public readonly channels: Channel[] = [];
  /** The shards as the matrix file lists them, by index. */
  public readonly shardEntries: FleetShardEntry[] = [];

  constructor(scope: Construct, id: string, props: ChannelFleetProps) {
    super(scope, id);
    if (!Number.isInteger(props.maxChannelsPerStack) || props.maxChannelsPerStack < 1) {
      failHard(this, 'EGP037', 'maxChannelsPerStack is not a whole number of at least 1', props.maxChannelsPerStack,
        'give the most channels one stack may hold, such as 500');
    }
    try {
      this.assignment = ShardAssignment.compute(props.customers.map((c) => c.customerId), props.maxChannelsPerStack, props.previousAssignment);
    } catch (e) {
      // the assignment's own message says what and which value; the library's error type carries it typed
      const message = (e as Error).message;
      throw new PartnerEventsValidationError(`[${this.node.path}] EGP037: ${message}`, [{
        ruleId: 'EGP037', severity: RuleSeverity.ERROR, path: this.node.path, value: '', fix: RULES.EGP037.fix, message,
      }]);
    }
    const highest = [...Object.values(this.assignment), ...Object.values(props.previousAssignment ?? {})]
      .reduce((max, shard) => Math.max(max, shard), -1);
    if (props.armTemplates !== true) {
      this.node.setContext(ARM_TEMPLATE_CONTEXT_KEY, false);
    }
    const namespacesByShard: Array<Map<string, IPartnerNamespace>> = [];
    for (let i = 0; i <= highest; i++) {
      const name = `${id}-shard-${String(i).padStart(3, '0')}`;
      const stack = newAzureStack(this, name, { subscriptionId: props.subscriptionId });
      props.stateBackend?.applyTo(stack, name);
      this.shards.push(stack);
      const byRegion = new Map<string, IPartnerNamespace>();
      const imported = props.namespaces.map((ns, n) => PartnerNamespace.fromPartnerNamespaceAttributes(stack, `Namespace${n}`, {
        partnerNamespaceId: ns.partnerNamespaceId,
        location: ns.location,
        routingMode: ns.routingMode ?? PartnerTopicRoutingMode.CHANNEL_NAME_HEADER,
      }));
      imported.forEach((ns, n) => {
        // the shard's channels in each namespace are the instances of one azapi_resource block, keyed by customer id
        const channels = new KeyedAzapiResources(stack, `ChannelsIn${ns.node.id}`, {
          parentId: ns.partnerNamespaceId,
          type: CHANNEL_TYPE,
          apiVersion: ns.apiVersion,
          replacedWhenChanged: REPLACED_WHEN_CHANGED[CHANNEL_TYPE],
          setOnCreateOnly: props.expiresIfNotActivatedAfter !== undefined ? [EXPIRY_PATH] : undefined,
          movedFromOwnBlocks: props.movedFromChannelBlocks,
        });
        addPartnerChecks(channels);
        renderInstancesWith(ns, channels);
        byRegion.set(normalizeRegion(props.namespaces[n].location), ns);
      });
      namespacesByShard.push(byRegion);
    }
    props.customers.forEach((customer, i) => {
      const namespace = namespacesByShard[this.assignment[customer.customerId]].get(normalizeRegion(customer.region));
      if (!namespace) {
        failHard(this, 'EGP037', `customers[${i}] (customerId "${customer.customerId}") is in a region with no fleet namespace`, customer.region,
          `add a namespace in ${customer.region} to namespaces (${props.namespaces.map((n) => n.location).join(', ')}) or move the customer`);
      }
      this.channels.push(namespace.addChannel(customer.customerId, {
        channelName: customer.channelName,
        partnerTopicSubscriptionId: customer.subscriptionId,
        partnerTopicResourceGroupName: customer.resourceGroupName,
        partnerTopicName: customer.partnerTopicName,
        source: customer.source,
        messageForActivation: customer.messageForActivation,
        eventTypes: props.eventTypes,
        expiresIfNotActivatedAfter: props.expiresIfNotActivatedAfter,
      }));
    });
    this.shardEntries.push(...this.matrixEntries(props));
    const last = this.shards[this.shards.length - 1];
    if (last !== undefined) {
      writeAppArtifactWith(last, 'PartnerEventsFleetMatrix', `fleet-${id}.json`, () => this.matrixJson());
    }
  }

  /** Each shard's entry: its size, and what moved in and out of it against the previous assignment. */
  private matrixEntries(props: ChannelFleetProps): FleetShardEntry[] {
    const previous = props.previousAssignment;
    const size = this.shards.map(() => 0);
    const added = this.shards.map(() => 0);
    const removed = this.shards.map(() => 0);
    for (const [customerId, shard] of Object.entries(this.assignment)) {
      size[shard]++;
      if (previous?.[customerId] !== shard) {
        added[shard]++;
      }
    }
    for (const [customerId, shard] of Object.entries(previous ?? {})) {
      if (this.assignment[customerId] !== shard && shard < removed.length) {
        removed[shard]++;
      }
    }
    return this.shards.map((stack, i) => {
      const name = stack.node.id;
      return {
        name,
        stackFolder: stackFolderOf(stack),
        customers: size[i],
        changed: previous === undefined || added[i] + removed[i] > 0,
        added: added[i],
        removed: removed[i],
        state: props.stateBackend?.locationOf(name),
      };
    });
  }

  /**
   * The matrix file the fleet writes at synth as `cdktf.out/fleet-<id>.json`: every shard stack with its folder,
   * customer count, whether it changed since the previous assignment and where its state is, for a CI system to
   * run one job per shard.
   */
  public matrixJson(): string {
    return `${JSON.stringify({ fleet: this.node.id, shards: this.shardEntries }, undefined, 2)}\n`;
  }

  /** The assignment as the JSON to keep for the next synth (sorted, deterministic). */
  public assignmentJson(): string {
    const sorted: { [customerId: string]: number } = {};
    for (const id of Object.keys(this.assignment).sort()) {
      sorted[id] = this.assignment[id];
    }
    return `${JSON.stringify(sorted, undefined, 2)}\n`;
  }
}
