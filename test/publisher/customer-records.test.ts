import { PartnerCustomers } from '../../src';

const good = {
  customerId: 'fabrikam',
  subscriptionId: '1f3c6a52-8d7e-4b0a-9c1d-2e3f4a5b6c7d',
  resourceGroupName: 'fabrikam-events',
  partnerTopicName: 'contoso-tickets',
  source: 'com.contoso.fabrikam',
  region: 'westus2',
};

function parse(entries: unknown): () => unknown {
  return () => PartnerCustomers.parse(JSON.stringify(entries), 'customers.json');
}

describe('PartnerCustomers.parse', () => {
  test('accepts well-formed records and keeps optional fields', () => {
    const list = PartnerCustomers.parse(JSON.stringify([good, { ...good, customerId: 'northwind', partnerTopicName: 'other', channelName: 'northwind-1', messageForActivation: 'hi' }]), 'customers.json');
    expect(list).toHaveLength(2);
    expect(list[1].channelName).toBe('northwind-1');
  });

  test('refuses a malformed entry with its position and field, never skipping it', () => {
    expect(parse([good, { ...good, customerId: 'b', subscriptionId: 'not-a-guid' }]))
      .toThrow(/customers\.json: 1 malformed customer record field\(s\) — fix each entry named below:\n  - entry 2 \(customerId "b"\): field subscriptionId must match pattern .* \(got "not-a-guid"\)/);
    expect(parse([good, { ...good, customerId: 'c', source: undefined }]))
      .toThrow('entry 2 (customerId "c"): field source is missing');
    expect(parse([{ ...good, colour: 'blue' }]))
      .toThrow('entry 1 (customerId "fabrikam"): field colour is not a customer field');
    expect(parse([{ ...good, partnerTopicName: 'x' }]))
      .toThrow('entry 1 (customerId "fabrikam"): field partnerTopicName must match pattern');
    expect(parse([{ ...good, messageForActivation: 'm'.repeat(257) }]))
      .toThrow('entry 1 (customerId "fabrikam"): field messageForActivation must NOT have more than 256 characters');
  });

  test('lists every malformed field at once', () => {
    expect(parse([{ ...good, region: 'West US' }, { ...good, customerId: 'x', subscriptionId: 5 }]))
      .toThrow(/2 malformed customer record field\(s\)[^]*entry 1 \(customerId "fabrikam"\): field region[^]*entry 2 \(customerId "x"\): field subscriptionId must be string/);
  });

  test('refuses a repeated customer id and a repeated partner topic', () => {
    expect(parse([good, { ...good, partnerTopicName: 'other' }]))
      .toThrow('customers.json: entry 2: field customerId repeats entry 1 ("fabrikam") — give each customer its own id');
    expect(parse([good, { ...good, customerId: 'other', partnerTopicName: 'CONTOSO-TICKETS' }]))
      .toThrow('customers.json: entry 2 (customerId "other"): field partnerTopicName names the same partner topic as entry 1 ("CONTOSO-TICKETS") — one channel per partner topic');
  });

  test('refuses text that is not JSON, or not a list', () => {
    expect(() => PartnerCustomers.parse('[{', 'customers.json')).toThrow(/^customers\.json: not valid JSON/);
    expect(parse({ customers: [] })).toThrow('the list: field (entry) must be array');
  });
});
