// What the template leaves to commands (metadata.notDeployedByThisTemplate): a partner topic's identity and
// activation (named by the topic's coordinates in the model), role assignments, key rotation.
import { TerraformResource } from 'cdktf';
import { PartnerTopicIdentityType } from '../../../src';
import { renderArmTemplate } from '../../../src/render/arm/template';
import { CUSTOMER_TARGET, newPartnerNamespace } from '../../support/fixtures';
import { SUBSCRIPTION } from '../../support/synth';

const PRINCIPAL = '2f1e5b8c-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

function notDeployed(stack: any): any[] {
  return (renderArmTemplate(stack)!.metadata as any).notDeployedByThisTemplate;
}

test('the topic of a same-app channel: its activation, then its identity (however the app declared them), on the topic the channel creates (escape hatches included)', () => {
  const { stack, namespace } = newPartnerNamespace();
  const channel = namespace.addChannel('Customer', { ...CUSTOMER_TARGET, channelName: 'customer' });
  (channel.node.defaultChild as TerraformResource).addOverride('body.properties.partnerTopicInfo.name', 'renamed');
  channel.partnerTopic.assignIdentity({ type: PartnerTopicIdentityType.SYSTEM_ASSIGNED });
  channel.partnerTopic.activate();
  const topicId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.EventGrid/partnerTopics/renamed`;
  const [activation, identity, rotation] = notDeployed(stack);
  expect(identity).toMatchObject({
    constructPath: 'stack/Namespace/Customer/PartnerTopic',
    action: 'assignIdentity',
    resourceId: topicId,
    command: `az rest --method patch --url "https://management.azure.com${topicId}?api-version=2025-02-15" --body '{"identity":{"type":"SystemAssigned"}}'`,
    when: expect.stringMatching(/^after the activation/),
  });
  expect(activation).toMatchObject({
    constructPath: 'stack/Namespace/Customer/PartnerTopic',
    action: 'activate',
    resourceId: topicId,
    command: `az rest --method post --url "https://management.azure.com${topicId}/activate?api-version=2025-02-15"`,
  });
  expect(rotation).toMatchObject({ constructPath: 'stack/Namespace', action: 'regenerateKey' });
});

test('a role assignment on a resource of the template is made after the deployment, on its literal id', () => {
  const { stack, namespace } = newPartnerNamespace();
  namespace.grantPublish('Publisher', PRINCIPAL);
  const [assignment] = notDeployed(stack);
  const id = '/subscriptions/<subscription>/resourceGroups/partner-rg/providers/Microsoft.EventGrid/partnerNamespaces/contoso-westus2';
  expect(assignment).toMatchObject({
    constructPath: 'stack/Namespace/Publisher/Resource',
    action: 'roleAssignment',
    resourceId: id,
    when: expect.stringMatching(/^after this template is deployed/),
    command: `az role assignment create --assignee-object-id ${PRINCIPAL} --assignee-principal-type ServicePrincipal --role "EventGrid Data Sender" --scope "${id}"`,
  });
});
