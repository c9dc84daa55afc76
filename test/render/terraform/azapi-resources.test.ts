import { splitSecrets } from '../../../src/render/terraform/azapi-resources';
import { mergePatch } from '../../support/merge-patch';

describe('splitSecrets (the azapi body and its write-only sensitive_body)', () => {
  const properties = {
    destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://h.example/?code=s3cret', maxEventsPerBatch: 1 } },
    labels: ['a'],
  };

  test('a secret member moves to the sensitive side at the same path; a merge patch gives the whole back', () => {
    const { plain, secret } = splitSecrets(properties, ['properties.destination.properties.endpointUrl']);
    expect(plain).toEqual({ destination: { endpointType: 'WebHook', properties: { maxEventsPerBatch: 1 } }, labels: ['a'] });
    expect(secret).toEqual({ destination: { properties: { endpointUrl: 'https://h.example/?code=s3cret' } } });
    expect(mergePatch(plain, secret)).toEqual(properties);
    expect(plain.labels).toBe(properties.labels); // what is not on the way to a secret is shared, not copied
    expect(properties.destination.properties.endpointUrl).toBe('https://h.example/?code=s3cret'); // input unchanged
  });

  test('an object the split empties is dropped from the plain side', () => {
    const only = { destination: { endpointType: 'WebHook', properties: { endpointUrl: 'https://h.example/' } } };
    const { plain } = splitSecrets(only, ['properties.destination.properties.endpointUrl']);
    expect(plain).toEqual({ destination: { endpointType: 'WebHook' } });
  });

  test('secret paths that are absent leave the body whole and no sensitive side', () => {
    const { plain, secret } = splitSecrets(properties, ['properties.destination.properties.deliveryAttributeMappings']);
    expect(plain).toBe(properties);
    expect(secret).toBeUndefined();
  });
});
