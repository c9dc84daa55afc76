// A minimal, hand-written binding of the hashicorp/time Terraform provider: `time_static` records the moment
// it was created and keeps it, so an expiry computed from it is stable across plans.
import { TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

export const TIME_PROVIDER_SOURCE = 'hashicorp/time';
export const TIME_VERSION_CONSTRAINT = '~> 0.12';
const TIME_METADATA = { providerName: 'time', providerVersionConstraint: TIME_VERSION_CONSTRAINT };

export class TimeProviderBlock extends TerraformProvider {
  public static isTimeProvider(x: unknown): x is TimeProviderBlock {
    return TerraformProvider.isTerraformProvider(x) && (x as TerraformProvider).terraformResourceType === 'time';
  }

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'time',
      terraformGeneratorMetadata: TIME_METADATA,
      terraformProviderSource: TIME_PROVIDER_SOURCE,
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {};
  }
}

export class TimeStatic extends TerraformResource {
  /** @param triggers values whose change replaces the resource (and so records a new time) */
  constructor(scope: Construct, id: string, private readonly triggers: { [key: string]: string } = {}) {
    super(scope, id, { terraformResourceType: 'time_static', terraformGeneratorMetadata: TIME_METADATA });
  }

  /** The creation time, RFC 3339 (known after apply, then fixed). */
  public get rfc3339(): string {
    return this.getStringAttribute('rfc3339');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return Object.keys(this.triggers).length > 0 ? { triggers: this.triggers } : {};
  }
}
