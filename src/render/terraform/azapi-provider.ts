import { Construct } from 'constructs';
import { declareAzapiProvider } from '../../internal/cdktf';

export interface AzapiProviderProps {
  /**
   * An alias, for a second azapi configuration in the same stack.
   * @default - the default azapi provider of the stack
   */
  readonly alias?: string;
  /**
   * The subscription to manage resources in.
   * @default - from the environment (ARM_SUBSCRIPTION_ID) or the Azure CLI
   */
  readonly subscriptionId?: string;
  /**
   * The Microsoft Entra tenant.
   * @default - from the environment (ARM_TENANT_ID) or the Azure CLI
   */
  readonly tenantId?: string;
  /**
   * The client (application) id to authenticate as.
   * @default - from the environment (ARM_CLIENT_ID)
   */
  readonly clientId?: string;
  /**
   * The cloud: `public`, `usgovernment` or `china`.
   * @default "public"
   */
  readonly environment?: string;
  /**
   * Authenticate with the Azure CLI.
   * @default true (the provider's default)
   */
  readonly useCli?: boolean;
  /**
   * Authenticate with a managed identity.
   * @default false
   */
  readonly useMsi?: boolean;
  /**
   * Authenticate with OpenID Connect (workload identity federation, as in CI pipelines).
   * @default false
   */
  readonly useOidc?: boolean;
  /**
   * Skip registering resource providers in the subscription.
   * @default false
   */
  readonly skipProviderRegistration?: boolean;
}

/**
 * Configures the azapi provider of a stack. The library declares a default azapi provider in every stack that
 * needs one; creating this construct replaces that default with your configuration (one per stack, or more
 * with aliases).
 */
export class AzapiProvider extends Construct {
  constructor(scope: Construct, id: string, props: AzapiProviderProps = {}) {
    super(scope, id);
    declareAzapiProvider(this, 'Provider', props);
  }
}
