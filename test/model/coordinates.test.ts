import { Token } from 'cdktf';
import { azureKey, isUnresolved, PartnerTopicCoordinates } from '../../src/model';
import { SUBSCRIPTION } from '../support/synth';

describe('PartnerTopicCoordinates', () => {
  const tickets = new PartnerTopicCoordinates(SUBSCRIPTION, 'fabrikam-events', 'tickets');

  test('the ARM id of the topic in the customer subscription', () => {
    expect(tickets.id).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/fabrikam-events/providers/Microsoft.EventGrid/partnerTopics/tickets`);
  });

  test('from the public props field names, and back', () => {
    const fields = { partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'fabrikam-events', partnerTopicName: 'tickets' };
    const c = PartnerTopicCoordinates.of(fields);
    expect(c.id).toBe(tickets.id);
    expect(c.toFields()).toEqual(fields);
  });

  test('names that differ only in case are the same topic (Azure compares names case-insensitively)', () => {
    const upper = new PartnerTopicCoordinates(SUBSCRIPTION.toUpperCase(), 'FABRIKAM-EVENTS', 'Tickets');
    expect(upper.key).toBe(tickets.key);
    expect(upper.sameAs(tickets)).toBe(true);
    expect(new PartnerTopicCoordinates(SUBSCRIPTION, 'fabrikam-events', 'tickets-2').sameAs(tickets)).toBe(false);
  });

  test('a part known only at apply has no key and is never the same as anything', () => {
    const name = Token.asString({ Ref: 'x' });
    const unresolved = tickets.withName(name);
    expect(unresolved.key).toBeUndefined();
    expect(unresolved.sameAs(tickets)).toBe(false);
    expect(tickets.sameAs(unresolved)).toBe(false);
  });
});

describe('isUnresolved (the model recognises tokens without importing the platform)', () => {
  test('string, list and number tokens, in nested values', () => {
    expect(isUnresolved(Token.asString({ a: 1 }))).toBe(true);
    expect(isUnresolved(Token.asList({ a: 1 }))).toBe(true);
    expect(isUnresolved(Token.asNumber({ a: 1 }))).toBe(true);
    expect(isUnresolved({ deep: [1, { x: Token.asString({ a: 1 }) }] })).toBe(true);
  });

  test('plain values, including Terraform-looking text and large numbers, are known', () => {
    expect(isUnresolved('${var.not_a_token}')).toBe(false);
    expect(isUnresolved(-1e20)).toBe(false);
    expect(isUnresolved({ deep: [1, { x: 'y' }] })).toBe(false);
    expect(azureKey('A', 'b')).toBe('a\u0000b');
    expect(azureKey('A', undefined)).toBeUndefined();
  });
});
