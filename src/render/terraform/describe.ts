// How a construct contributes its description to the resource model (src/model), in its stack.
import { IConstruct } from 'constructs';
import { stackOf } from '../../internal/cdktf';
import { ResourceDescription, ResourceModel } from '../../model';

/** Records the construct's description (built when read) in its app's model, counted in its stack. */
export function describeResource(construct: IConstruct, describe: () => ResourceDescription): void {
  ResourceModel.of(construct).describe(construct, stackOf(construct), describe);
}
