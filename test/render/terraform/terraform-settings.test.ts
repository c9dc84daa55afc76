// The stack's `terraform.required_version` as the library's resources need it.
import { TerraformStack, Testing } from 'cdktf';
import { requireTerraformVersion, requiredTerraformVersionOf } from '../../../src/internal/cdktf';
import { newStack, synthJson } from '../../support/synth';

describe('required Terraform version', () => {
  test('the highest minimum asked for is written, with its reason; none is written when nothing asks', () => {
    const stack = newStack();
    expect(synthJson(stack).terraform.required_version).toBeUndefined();
    requireTerraformVersion(stack, '1.5', 'plantimestamp()');
    requireTerraformVersion(stack, '1.11', 'sensitive_body');
    requireTerraformVersion(stack, '1.9.2', 'something in between');
    expect(synthJson(stack).terraform.required_version).toBe('>= 1.11');
    expect(requiredTerraformVersionOf(stack)).toEqual({ minimum: '1.11', reason: 'sensitive_body' });
  });

  test('per stack, and the user\'s own override of the setting wins', () => {
    const app = Testing.app();
    const one = newStack(app, 'one');
    const two = newStack(app, 'two');
    requireTerraformVersion(one, '1.11', 'sensitive_body');
    expect(synthJson(two).terraform.required_version).toBeUndefined();
    (one as TerraformStack).addOverride('terraform.required_version', '~> 1.12');
    expect(synthJson(one).terraform.required_version).toBe('~> 1.12');
  });
});
