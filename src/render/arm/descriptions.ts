// The descriptions as the ARM template renderer reads them: the library's property overrides folded in (the
// escape hatches of the rendered Terraform it reads from the resolved blocks itself).
import { IConstruct } from 'constructs';
import { descriptionOf, ResourceModel } from '../../model';

/** An ARM resource as a construct describes it. */
export interface ArmResource {
  readonly type: string;
  readonly apiVersion: string;
  readonly name: string;
  /** The construct of the parent resource, for child resources. */
  readonly parent?: IConstruct;
  readonly location?: string;
  readonly tags?: { [key: string]: string };
  readonly properties: { [key: string]: any };
}

/** The ARM description of a construct, or undefined when it renders none (or refers to an existing resource). */
export function armResourceOf(construct: IConstruct): ArmResource | undefined {
  const d = descriptionOf(construct, { withRenderedOverrides: false });
  if (d === undefined || d.existing === true) {
    return undefined;
  }
  const parent = d.parent;
  const out: { [key: string]: unknown } = { type: d.type, apiVersion: d.apiVersion, name: d.name };
  if (parent !== undefined) {
    out.parent = parent;
  }
  if (d.location !== undefined) {
    out.location = d.location;
  }
  if (d.tags !== undefined) {
    out.tags = d.tags;
  }
  out.properties = d.properties;
  return out as unknown as ArmResource;
}

/** How many constructs of `stack` (not of the stacks nested in it) describe a resource. */
export function armResourceCount(stack: IConstruct): number {
  return ResourceModel.of(stack).countOf(stack);
}
