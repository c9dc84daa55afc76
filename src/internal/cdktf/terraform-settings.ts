// Settings of a stack's `terraform` block that the library's resources need: the lowest Terraform version they run
// on. One hidden element per stack writes `terraform.required_version`; a stack override of it (the user's own
// `stack.addOverride('terraform.required_version', …)`) still wins, as overrides are merged last.
import { TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** The construct id of the element that writes the stack's required Terraform version. */
export const TERRAFORM_SETTINGS_ID = 'PartnerEventsTerraformSettings';

class RequiredTerraformVersion extends TerraformElement {
  /** The highest minimum asked for, with the reasons given for it. */
  public minimum = '0.0.0';
  public readonly reasons = new Map<string, string>();

  public toTerraform(): any {
    return { terraform: { required_version: `>= ${this.minimum}` } };
  }
}

const byStack = new WeakMap<TerraformStack, RequiredTerraformVersion>();

/**
 * Makes the stack of `scope` require Terraform `minimum` or later (`major.minor[.patch]`), for `reason` (the feature
 * that needs it). The stack requires the highest minimum any of its resources asked for.
 */
export function requireTerraformVersion(scope: IConstruct, minimum: string, reason: string): void {
  const stack = TerraformStack.of(scope);
  let element = byStack.get(stack);
  if (!element) {
    element = new RequiredTerraformVersion(stack, TERRAFORM_SETTINGS_ID);
    byStack.set(stack, element);
  }
  element.reasons.set(minimum, reason);
  if (compareVersions(minimum, element.minimum) > 0) {
    element.minimum = minimum;
  }
}

/** The Terraform version the stack of `scope` requires through the library, and why (undefined when none). */
export function requiredTerraformVersionOf(scope: IConstruct): { readonly minimum: string; readonly reason: string } | undefined {
  const element = byStack.get(TerraformStack.of(scope));
  return element ? { minimum: element.minimum, reason: element.reasons.get(element.minimum)! } : undefined;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}
