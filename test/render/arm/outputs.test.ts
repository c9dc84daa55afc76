// Outputs: the publishing endpoint of every namespace the template deploys, named after it (unique), read with
// reference() in the namespace's own group; never its keys.
import { PartnerNamespace } from '../../../src';
import { renderArmTemplate } from '../../../src/render/arm/template';
import { newPartnerNamespace } from '../../support/fixtures';

test('one endpoint output per namespace, named after it and made unique', () => {
  const { stack, registration } = newPartnerNamespace();
  new PartnerNamespace(stack, 'Again', { resourceGroupName: 'other-rg', location: 'westus2', partnerRegistration: registration, namespaceName: 'contoso-westus2' });
  const outputs = renderArmTemplate(stack)!.outputs as any;
  expect(Object.keys(outputs)).toEqual(['contosoWestus2Endpoint', 'contosoWestus2Endpoint2']);
  expect(outputs.contosoWestus2Endpoint).toMatchObject({
    type: 'string',
    value: "[reference(resourceId('Microsoft.EventGrid/partnerNamespaces', 'contoso-westus2'), '2025-02-15').endpoint]",
  });
  expect(outputs.contosoWestus2Endpoint2.value)
    .toBe("[reference(resourceId('other-rg', 'Microsoft.EventGrid/partnerNamespaces', 'contoso-westus2'), '2025-02-15').endpoint]");
  expect(Object.values<any>(outputs).map((o) => o.value).join(' ')).not.toMatch(/listKeys|key1/);
});
