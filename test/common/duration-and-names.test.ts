import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Duration } from '../../src';
import { nameFromPath } from '../../src/common/names';

describe('Duration', () => {
  test('converts between units', () => {
    expect(Duration.days(7).toSeconds()).toBe(604800);
    expect(Duration.hours(36).toDays()).toBe(1.5);
    expect(Duration.minutes(90).toHours()).toBe(1.5);
    expect(Duration.seconds(120).toMinutes()).toBe(2);
  });

  test('renders Terraform timeadd offsets in the largest whole unit', () => {
    expect(Duration.days(7).toTerraformOffset()).toBe('168h');
    expect(Duration.minutes(90).toTerraformOffset()).toBe('90m');
    expect(Duration.seconds(61).toTerraformOffset()).toBe('61s');
  });

  test('prints as given', () => {
    expect(Duration.days(1).toString()).toBe('1 day');
    expect(Duration.minutes(5).toString()).toBe('5 minutes');
  });

  test('refuses negative, infinite and sub-second amounts; accepts zero and fractions that are whole seconds', () => {
    expect(() => Duration.minutes(-1)).toThrow('Duration: -1 minutes is not a non-negative finite number');
    expect(() => Duration.hours(Infinity)).toThrow('Duration: Infinity hours is not a non-negative finite number');
    expect(() => Duration.seconds(1.5)).toThrow('Duration: 1.5 seconds is not a whole number of seconds — use a finer unit, such as Duration.seconds(2)');
    expect(Duration.seconds(0).toSeconds()).toBe(0);
    expect(Duration.minutes(1.5).toSeconds()).toBe(90);
  });
});

describe('nameFromPath', () => {
  test('keeps the readable tail of the path, sanitized, with a hash of the whole path', () => {
    const stack = new TerraformStack(Testing.app(), 'my_stack');
    const c = new Construct(new Construct(stack, 'Namespace West'), 'Customer#1');
    expect(nameFromPath(c)).toMatch(/^my-stack-Namespace-West-Customer-1-[0-9a-f]{8}$/);
  });

  test('honours the maximum length and stays distinct for paths that share a long tail', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const long = 'x'.repeat(80);
    const a = new Construct(new Construct(stack, 'a'), long);
    const b = new Construct(new Construct(stack, 'b'), long);
    expect(nameFromPath(a, 50)).toHaveLength(50);
    expect(nameFromPath(a, 64)).toHaveLength(64);
    expect(nameFromPath(a)).not.toBe(nameFromPath(b));
  });

  test('a path too long for the name keeps its start and its last segment, losing whole middle segments', () => {
    const app = Testing.app();
    const channel = new Construct(new Construct(new TerraformStack(app, 'Contoso-partner'), 'Namespace-westus2'), 'fabrikam');
    // 41 characters of room before the hash: "Contoso-partner-Namespace-westus2-fabrikam" has 42
    expect(nameFromPath(channel)).toMatch(/^Contoso-partner-Namespace-fabrikam-[0-9a-f]{8}$/);
    const short = new Construct(new Construct(new TerraformStack(app, 'contoso'), 'Namespace'), 'fabrikam');
    expect(nameFromPath(short)).toMatch(/^contoso-Namespace-fabrikam-[0-9a-f]{8}$/);
  });
});
