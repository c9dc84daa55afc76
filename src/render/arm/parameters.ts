// The template's parameters: one per value the template does not compute (a Terraform variable, a foreign
// resource's attribute, a data lookup, a `timeadd` expiry, a secret), named after what it holds, unique as ARM
// compares names (case-insensitively), and made once per value however often the value occurs.

/** Inner parameters of nested deployments: the outer deployment's resource group and subscription. */
export const DEPLOYMENT_RESOURCE_GROUP = 'deploymentResourceGroupName';
export const DEPLOYMENT_SUBSCRIPTION = 'deploymentSubscriptionId';

/** A template parameter. */
export interface ParameterDefinition {
  type: string;
  defaultValue?: unknown;
  metadata?: { description: string };
}

/** The parameters of one template, in the order they were made. */
export class Parameters {
  private readonly definitions = new Map<string, ParameterDefinition>();
  private readonly byKey = new Map<string, string>();
  /** Parameter names in use, lowercased (ARM compares them case-insensitively), the deployment's own included. */
  private readonly names = new Set<string>([DEPLOYMENT_RESOURCE_GROUP.toLowerCase(), DEPLOYMENT_SUBSCRIPTION.toLowerCase()]);
  /** The next numeric suffix to try per base name: keeps naming linear when thousands of names share a base. */
  private readonly nextSuffix = new Map<string, number>();

  /**
   * The name of the parameter for `key` (what value it stands for): made on first use, named `baseName` or
   * `baseName2`, `baseName3`… when taken.
   */
  public nameFor(key: string, baseName: string, definition: ParameterDefinition): string {
    const known = this.byKey.get(key);
    if (known !== undefined) {
      return known;
    }
    const name = uniqueName(baseName, this.names, this.nextSuffix, (b, i) => `${b}${i}`);
    this.definitions.set(name, definition);
    this.byKey.set(key, name);
    return name;
  }

  /** Makes a parameter secure (a `securestring` or `secureObject` without default): it holds a secret. */
  public secure(name: string): void {
    const def = this.definitions.get(name);
    if (def && !def.type.startsWith('secure')) {
      def.type = def.type === 'object' || def.type === 'array' ? 'secureObject' : 'securestring';
      delete def.defaultValue;
    }
  }

  public has(name: string): boolean {
    return this.definitions.has(name);
  }

  public get(name: string): ParameterDefinition | undefined {
    return this.definitions.get(name);
  }

  public get size(): number {
    return this.definitions.size;
  }

  /** The names a deployment must be given values for (no default). */
  public required(): string[] {
    return [...this.definitions].filter(([, d]) => d.defaultValue === undefined).map(([n]) => n);
  }

  /** The template's `parameters` member. */
  public toTemplate(): { [name: string]: ParameterDefinition } {
    return Object.fromEntries(this.definitions);
  }
}

/** The ARM type of a Terraform variable type. */
export function parameterType(tfType: string | undefined, sensitive: boolean, defaultValue: unknown): string {
  const t = (tfType ?? '').replace(/\s+/g, '');
  let type = 'string';
  if (t === 'number') {
    type = 'int';
  } else if (t === 'bool') {
    type = 'bool';
  } else if (/^(list|set|tuple)/.test(t)) {
    type = 'array';
  } else if (/^(map|object)/.test(t)) {
    type = 'object';
  } else if (t === '' || t === 'any') {
    type = typeof defaultValue === 'number' ? 'int' : typeof defaultValue === 'boolean' ? 'bool'
      : Array.isArray(defaultValue) ? 'array' : defaultValue !== null && typeof defaultValue === 'object' ? 'object' : 'string';
  }
  if (sensitive) {
    return type === 'object' || type === 'array' ? 'secureObject' : 'securestring';
  }
  return type;
}

/**
 * `base`, or `base` with the lowest free numeric suffix from 2 (`format(base, i)`), unique in `used` (lowercased;
 * the chosen name is added). `next` remembers per base where to resume, so n names of one base cost O(n).
 */
export function uniqueName(base: string, used: Set<string>, next: Map<string, number>, format: (base: string, i: number) => string): string {
  let name = base;
  if (used.has(name.toLowerCase())) {
    const key = base.toLowerCase();
    let i = next.get(key) ?? 2;
    for (name = format(base, i); used.has(name.toLowerCase()); name = format(base, ++i)) {
      // skip names taken by other bases
    }
    next.set(key, i + 1);
  }
  used.add(name.toLowerCase());
  return name;
}
