// CloudEvents 1.0 validation of published events, with the CloudEvents SDK (`cloudevents`): the emulator's checks
// for what the SDK defaults or does not check (a missing specversion, id or source; data and data_base64 together),
// then the SDK's own validation (its JSON schema: formats of time, dataschema and source; attribute names; types).
import { CloudEvent, ValidationError } from 'cloudevents';
import { capText, excerpt } from './text';

/** Why an event is refused: the field and a message that names the event by its position. */
export interface EventProblem {
  readonly field: string;
  readonly message: string;
}

/** The outcome of validating one event. */
export interface EventCheck {
  /** Set when the event is refused. */
  readonly problem?: EventProblem;
  /** Accepted, but worth telling the publisher (for example a source that is not a URI-reference). */
  readonly warnings?: string[];
}

export interface CloudEventValidationOptions {
  /**
   * Whether a `source` that is not a URI-reference (CloudEvents 1.0: "a non-empty URI-reference") is refused.
   * Event Grid documents only that `source` is required; the emulator accepts such a source with a warning unless
   * this is set.
   * @default false
   */
  readonly strictSource?: boolean;
}

const ATTRIBUTE_NAME = /^[a-z0-9]+$/;
const REQUIRED = ['id', 'source', 'type'] as const;

/** A problem with an event; the field name comes from the client, so it is cut short too. */
function problem(index: number, field: string, text: string): EventCheck {
  const name = capText(field);
  return { problem: { field: name, message: `event ${index}: ${name} ${capText(text, 300)}` } };
}

/** The first SDK validation error as a field and text. */
function sdkProblem(index: number, error: unknown): EventCheck {
  if (error instanceof ValidationError) {
    const first = (error.errors ?? [])[0] as { instancePath?: string; message?: string } | string | undefined;
    if (first && typeof first === 'object' && first.instancePath) {
      const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return problem(index, field, `is not valid CloudEvents 1.0: ${first.message ?? 'invalid'}`);
    }
    const text = String(error.message).split('\n')[0];
    const named = /invalid (?:extension|attribute) (?:name|value): "?([^"\s]*)"?/.exec(text);
    return problem(index, named?.[1] || '(event)', `is not valid CloudEvents 1.0: ${text}`);
  }
  return problem(index, '(event)', `is not valid CloudEvents 1.0: ${(error as Error)?.message ?? String(error)}`);
}

function sdkCheck(event: { [key: string]: unknown }): unknown {
  try {
    // The SDK validates on construction (strict mode).
    new CloudEvent(event, true);
    return undefined;
  } catch (e) {
    return e;
  }
}

function isSourceFormatError(error: unknown): boolean {
  if (!(error instanceof ValidationError)) {
    return false;
  }
  const first = (error.errors ?? [])[0] as { instancePath?: string; keyword?: string } | undefined;
  return typeof first === 'object' && first?.instancePath === '/source' && first.keyword === 'format';
}

/** Validates one published event (its position `index` goes into messages). */
export function validateCloudEvent(event: unknown, index: number, options: CloudEventValidationOptions = {}): EventCheck {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return problem(index, '(event)', `is not a JSON object (${excerpt(event)})`);
  }
  const e = event as { [key: string]: unknown };
  if (!('specversion' in e)) {
    return problem(index, 'specversion', 'is missing: a partner namespace accepts CloudEvents 1.0 only ("specversion": "1.0")');
  }
  if (e.specversion !== '1.0') {
    return problem(index, 'specversion', `is ${excerpt(e.specversion)}: a partner namespace accepts CloudEvents 1.0 only ("specversion": "1.0")`);
  }
  for (const field of REQUIRED) {
    const value = e[field];
    if (value === undefined || value === null) {
      return problem(index, field, 'is missing: CloudEvents 1.0 requires id, source, specversion and type');
    }
    if (typeof value !== 'string' || value === '') {
      return problem(index, field, `must be a non-empty string (got ${excerpt(value)})`);
    }
  }
  for (const key of Object.keys(e)) {
    if (key !== 'data_base64' && !ATTRIBUTE_NAME.test(key)) {
      return problem(index, key, 'is not a valid attribute name: CloudEvents attribute names are lower-case letters and digits');
    }
  }
  if (e.data !== undefined && e.data_base64 !== undefined) {
    return problem(index, 'data_base64', 'is set together with data: give one of them');
  }
  const error = sdkCheck(e);
  if (error === undefined) {
    return {};
  }
  if (!options.strictSource && isSourceFormatError(error)) {
    // Check the rest of the event with a well-formed source, then accept with a warning.
    const rest = sdkCheck({ ...e, source: 'urn:partner-events:emulator' });
    if (rest !== undefined) {
      return sdkProblem(index, rest);
    }
    return { warnings: [`event ${index}: source ${excerpt(e.source)} is not a URI-reference (CloudEvents 1.0); accepted`] };
  }
  return sdkProblem(index, error);
}
