// Within a stretch of a synth the app does not change, so each effective description is built once; outside one,
// and after a property override, every read sees the current state.
import { Construct } from 'constructs';
import { descriptionOf, ResourceModel } from '../../src/model';
import { readingFixedApp } from '../../src/model/registry';

function described(): { construct: Construct; builds: () => number; setName: (n: string) => void } {
  const root = new Construct(undefined as any, 'root');
  const construct = new Construct(root, 'Channel');
  let builds = 0;
  let name = 'first';
  ResourceModel.of(construct).describe(construct, root, () => {
    builds++;
    return { construct, type: 'Microsoft.EventGrid/partnerNamespaces/channels', apiVersion: '2025-02-15', name, properties: {} } as any;
  });
  return { construct, builds: () => builds, setName: (n) => { name = n; } };
}

describe('readingFixedApp', () => {
  test('builds each description once within a stretch, and afresh on every read outside one', () => {
    const { construct, builds } = described();
    readingFixedApp(() => {
      descriptionOf(construct);
      descriptionOf(construct);
      readingFixedApp(() => descriptionOf(construct)); // a nested stretch joins the outer one
    });
    expect(builds()).toBe(1);
    descriptionOf(construct);
    descriptionOf(construct);
    expect(builds()).toBe(3);
  });

  test('a later stretch sees what changed between stretches', () => {
    const { construct, setName } = described();
    expect(readingFixedApp(() => descriptionOf(construct)?.name)).toBe('first');
    setName('second');
    expect(readingFixedApp(() => descriptionOf(construct)?.name)).toBe('second');
  });

  test('a property override made within a stretch is seen by the next read of it', () => {
    const { construct } = described();
    readingFixedApp(() => {
      expect(descriptionOf(construct)?.properties).toEqual({});
      ResourceModel.of(construct).addPropertyOverride(construct, 'properties.messageForActivation', 'hello');
      expect(descriptionOf(construct)?.properties).toEqual({ messageForActivation: 'hello' });
    });
  });

  test('the stretch ends when its function throws', () => {
    const { construct, builds } = described();
    expect(() => readingFixedApp(() => {
      descriptionOf(construct);
      throw new Error('synth failed');
    })).toThrow('synth failed');
    descriptionOf(construct);
    expect(builds()).toBe(2);
  });
});
