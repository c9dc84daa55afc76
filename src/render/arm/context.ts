// What the ARM template renderer keeps while it renders one stack: the partner resources (entries) with their raw
// values, where each is placed (scope, template or nested deployment), and the template's parameters.
import { IConstruct } from 'constructs';
import { ArmResource } from './descriptions';
import { Piece } from './expressions';
import { Parameters } from './parameters';
import {
  AddressedElement, azurermSubscriptionOf, elementsByAddress, TerraformElement, TerraformStack,
} from '../../internal/cdktf';

/** The file written beside each stack's `cdk.tf.json`. */
export const ARM_TEMPLATE_FILE = 'deploymentTemplate.json';
/**
 * The context key that turns the template off for the stacks below the construct that sets it (`false`, or the
 * CLI's string `'false'`): a fleet's shards, which deploy with Terraform, write none unless asked.
 */
export const ARM_TEMPLATE_CONTEXT_KEY = 'cdktf-azure-partner-events:armTemplate';
/** The schema of a resource-group deployment template. */
export const DEPLOYMENT_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
/** The API version of the nested deployments (`Microsoft.Resources/deployments`). */
export const DEPLOYMENTS_API_VERSION = '2022-09-01';
/** The `comments` of every resource of the template name the construct it comes from, after this prefix. */
export const CONSTRUCT_COMMENT_PREFIX = 'construct ';
export const ARM_ENDPOINT = 'https://management.azure.com';
export const DEPLOYMENTS_TYPE = 'Microsoft.Resources/deployments';

/** Where a resource lives. `subscriptionId` is undefined for the deployment's own subscription. */
export interface Scope {
  readonly subscriptionId?: Piece;
  readonly resourceGroup: Piece;
}

/** One partner resource of the template. */
export interface Entry {
  readonly index: number;
  readonly construct: IConstruct;
  readonly path: string;
  readonly desc: ArmResource;
  readonly element?: TerraformElement;
  readonly azapi: boolean;
  readonly apiVersion: string;
  /** Resolved (Terraform-form) values, before translation. */
  readonly rawName: unknown;
  readonly rawLocation?: unknown;
  readonly rawTags?: unknown;
  readonly rawProperties: { [key: string]: any };
  /** Paths (joined by `/`) of secret leaves in the properties. */
  readonly secretPaths: Set<string>;
  readonly rawDependsOn: string[];
  leafName?: Piece;
  names?: Piece[];
  scope?: Scope;
  group?: Group;
  readonly deps: Set<Entry>;
}

/** The template itself (`nested: false`) or a nested deployment into another resource group. */
export interface Group {
  readonly key: string;
  readonly nested: boolean;
  scope?: Scope;
  name: string;
  readonly entries: Entry[];
}

/** Where a value is translated: for whose resource, into which template (outer or nested), at what path. */
export interface Site {
  readonly entry?: Entry;
  readonly group: Group;
  readonly path: string[];
  /** Command text for metadata: no parameters are made, unknown values become `<…>` placeholders. */
  readonly dry?: boolean;
}

/** Thrown while rendering command text when a value is only known at deployment. */
export class DryValue extends Error {}

/** An error of the ARM rendering, naming the construct path. */
export function armError(path: string, message: string): Error {
  return new Error(`[${path}] ARM template: ${message}`);
}

/** The state of the rendering of one stack's template. */
export class TemplateContext {
  public readonly stackPath: string;
  /** Every addressable Terraform element of the stack, by address (`azapi_resource.x`, `var.y`). */
  public readonly elements: Map<string, AddressedElement>;
  /** The subscription of the stack's azurerm provider: the deployment's own. */
  public readonly providerSubscription?: string;
  public readonly entries: Entry[] = [];
  public readonly byConstruct = new Map<IConstruct, Entry>();
  public readonly byElement = new Map<TerraformElement, Entry>();
  public readonly parameters = new Parameters();
  /** The template itself. */
  public readonly top: Group = { key: '', nested: false, name: '', entries: [] };
  /** The nested deployments, in the order of their first resource. */
  public readonly groups: Group[] = [];

  constructor(public readonly stack: TerraformStack) {
    this.stackPath = stack.node.path;
    this.elements = elementsByAddress(stack);
    this.providerSubscription = azurermSubscriptionOf(stack);
  }

  /** Adds a collected entry (in the order of the construct tree). */
  public add(entry: Entry): void {
    this.entries.push(entry);
    this.byConstruct.set(entry.construct, entry);
    if (entry.element) {
      this.byElement.set(entry.element, entry);
    }
  }

  /** The template entry of a Terraform element, when it renders a library resource of this template. */
  public entryOfAddress(address: string): Entry | undefined {
    const found = this.elements.get(address);
    return found ? this.byElement.get(found.element) : undefined;
  }
}

/** The construct path a finding about the site names. */
export function siteOwner(ctx: TemplateContext, site: Site): string {
  return site.entry?.path ?? ctx.stackPath;
}

/** An entry's leaf name as plain text for parameter names and descriptions (its construct id when unresolved). */
export function leafText(e: Entry | undefined): string {
  if (!e) {
    return '';
  }
  return typeof e.rawName === 'string' && !e.rawName.includes('${') ? e.rawName : e.construct.node.id;
}

/** The member at a path of segments (undefined when absent). */
export function getAt(obj: any, path: string[]): any {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}
