// ARM ids of child resources (a namespace's channels, a partner topic's event subscriptions), parsed for imports.
import { IConstruct } from 'constructs';
import { Fn } from '../internal/cdktf';
import { checkRequired, known } from '../validation/checks';
import { failHard } from '../validation/errors';

/** A child resource's ARM id, parsed: its parent's id and name, and its own name. */
export interface ParsedChildArmId {
  /** The ARM id of the parent (`/subscriptions/…/providers/<parentType>/<parentName>`). */
  readonly parentId: string;
  readonly parentName: string;
  readonly name: string;
}

/**
 * EGP030/EGP032: the ARM id of a child resource (`<parentType>/<parentName>/<childType>/<name>`), parsed: refused
 * when it is not one, naming the field, the value and the id's form. A token is not parsed: its names are read
 * from the id by Terraform (`element(split("/", id), n)`).
 */
export function parseChildArmId(scope: IConstruct, field: string, value: string, parentType: string, childType: string): ParsedChildArmId {
  checkRequired(scope, field, value);
  if (!known(value)) {
    // /subscriptions/<s>/resourceGroups/<g>/providers/<ns>/<parentType>/<parent>/<childType>/<name>
    const segments = Fn.split('/', value);
    return {
      parentId: Fn.join('/', Fn.slice(segments, 0, 9)),
      parentName: Fn.element(segments, 8),
      name: Fn.element(segments, 10),
    };
  }
  const parent = parentType.replace(/\./g, '\\.');
  const pattern = new RegExp(`^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${parent}/([^/]+))/${childType}/([^/]+)$`, 'i');
  const m = pattern.exec(value);
  if (!m) {
    failHard(scope, 'EGP032', `${field} is not the ARM id of a ${parentType}/${childType} resource`, value,
      `give /subscriptions/<guid>/resourceGroups/<group>/providers/${parentType}/<name>/${childType}/<name>`);
  }
  return { parentId: m[1], parentName: m[2], name: m[3] };
}
