// How a construct contributes its description to the resource model (src/model), in its stack.
import { IConstruct } from 'constructs';
import { stackOf } from '../../internal/cdktf';
import { ResourceDescription, ResourceModel } from '../../model';
import { attachStackRenderers } from '../pipeline';

/** Records the construct's description (built when read; of the ARM type `type` when given) in its app's model, counted in its stack. */
export function describeResource(construct: IConstruct, describe: () => ResourceDescription, type?: string): void {
  ResourceModel.of(construct).describe(construct, stackOf(construct), describe, type);
  attachStackRenderers(construct);
}

/** Records the description of a resource the construct refers to but does not create (`existing: true`). */
export function describeExistingResource(construct: IConstruct, describe: () => ResourceDescription): void {
  ResourceModel.of(construct).describeExisting(construct, stackOf(construct), () => ({ ...describe(), existing: true }));
  attachStackRenderers(construct);
}
