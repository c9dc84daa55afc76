// Shared fixtures: the partner side most tests start from (a registration and a namespace in one stack) and the
// customer's partner topic a channel targets.
import { TerraformStack } from 'cdktf';
import { newStack, SUBSCRIPTION } from './synth';
import { PartnerNamespace, PartnerNamespaceProps, PartnerRegistration } from '../../src';

/** The registration `Registration` (registration name `contoso`) in `resourceGroupName`. */
export function newRegistration(stack: TerraformStack = newStack(), resourceGroupName = 'partner-rg'): PartnerRegistration {
  return new PartnerRegistration(stack, 'Registration', { resourceGroupName, registrationName: 'contoso' });
}

/** The partner side of a stack. */
export interface PartnerFixture {
  readonly stack: TerraformStack;
  readonly registration: PartnerRegistration;
  readonly namespace: PartnerNamespace;
}

/**
 * A registration (`newRegistration`) and the namespace `Namespace` (`contoso-westus2` in westus2) in the same resource
 * group (`partner-rg` unless `props` gives another); `props` overrides or adds namespace props.
 */
export function newPartnerNamespace(stack: TerraformStack = newStack(), props: Partial<PartnerNamespaceProps> = {}): PartnerFixture {
  const resourceGroupName = props.resourceGroupName ?? 'partner-rg';
  const registration = newRegistration(stack, resourceGroupName);
  const namespace = new PartnerNamespace(stack, 'Namespace', {
    resourceGroupName, location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2', ...props,
  });
  return { stack, registration, namespace };
}

/** The customer's partner topic (`contoso-tickets` in `customer-rg`) and the source of its events. */
export const CUSTOMER_TARGET = {
  partnerTopicSubscriptionId: SUBSCRIPTION,
  partnerTopicResourceGroupName: 'customer-rg',
  partnerTopicName: 'contoso-tickets',
  source: 'com.contoso.account1',
};
