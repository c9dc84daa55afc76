// Finds Microsoft's official ARM schemas and REST examples (never committed to this repo) and validates
// resources against them with Ajv. See DESIGN.md: $PARTNER_EVENTS_REFERENCE_DIR, else ../shared/reference
// beside the checkout; missing files fail the tests unless PARTNER_EVENTS_SKIP_CONFORMANCE=1.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SOURCES_HINT = 'Get them from the public azure-resource-manager-schemas and azure-rest-api-specs repositories (the URLs are listed in shared/reference/SOURCES.md), and point PARTNER_EVENTS_REFERENCE_DIR at the folder that holds arm/<version>/Microsoft.EventGrid.json; or set PARTNER_EVENTS_SKIP_CONFORMANCE=1 to skip the conformance tests on purpose.';

/** True when the user opted out of the conformance tests explicitly. */
export const conformanceSkipped = process.env.PARTNER_EVENTS_SKIP_CONFORMANCE === '1';

/** The reference folder, or an error that says where to get it. */
export function referenceDir(): string {
  const candidates = [
    process.env.PARTNER_EVENTS_REFERENCE_DIR,
    path.resolve(__dirname, '..', '..', '..', 'shared', 'reference'),
  ].filter((c): c is string => !!c);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'arm', 'common', 'definitions.json'))) {
      return dir;
    }
  }
  throw new Error(`The official ARM schemas were not found (looked in ${candidates.join(', ')}). ${SOURCES_HINT}`);
}

/** `describe` for conformance tests: skipped only on the explicit opt-out. */
export const describeConformance: jest.Describe = conformanceSkipped ? describe.skip : describe;

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** An official REST example, for example `('2025-02-15', 'Channels_CreateOrUpdate')`. */
export function officialExample(apiVersion: string, name: string): any {
  return readJson(path.join(referenceDir(), 'arm', apiVersion, 'examples', `${name}.json`));
}

const validators = new Map<string, Ajv>();

function ajvFor(apiVersion: string): Ajv {
  let ajv = validators.get(apiVersion);
  if (!ajv) {
    const dir = referenceDir();
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv as any); // date-time, uri, … are checked, not ignored
    ajv.addSchema(readJson(path.join(dir, 'arm', 'common', 'definitions.json')),
      'https://schema.management.azure.com/schemas/common/definitions.json');
    ajv.addSchema(readJson(path.join(dir, 'arm', apiVersion, 'Microsoft.EventGrid.json')), `eventgrid-${apiVersion}`);
    validators.set(apiVersion, ajv);
  }
  return ajv;
}

/**
 * Validates one ARM resource (`{ type, apiVersion, name, properties, … }`) against the official schema entry
 * (`partnerNamespaces_channels`, `partnerTopics_eventSubscriptions`…) of its API version. Returns the Ajv
 * errors as text lines; empty when the resource conforms.
 */
export function armSchemaErrors(apiVersion: string, entry: string, resource: unknown): string[] {
  const ajv = ajvFor(apiVersion);
  const validate = ajv.getSchema(`eventgrid-${apiVersion}#/resourceDefinitions/${entry}`);
  if (!validate) {
    throw new Error(`no resource definition ${entry} in the ${apiVersion} schema`);
  }
  if (validate(resource)) {
    return [];
  }
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
