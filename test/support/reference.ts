// Finds Microsoft's official ARM schemas and REST examples (never committed to this repo) and validates
// resources against them with Ajv. Where the files are looked for, and what a run does without them, is in
// reference-location.ts (DESIGN.md, "Testing conventions"): found, the conformance tests run; missing, they fail
// when PARTNER_EVENTS_REQUIRE_REFERENCE=1 (CI) and are skipped otherwise, with one line printed by the run.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { findReferenceDir, missingReferenceMessage, referenceRequired } from './reference-location';

/** The reference folder, or an error that says where it was looked for and how to get it. */
export function referenceDir(): string {
  const dir = findReferenceDir();
  if (!dir) {
    throw new Error(missingReferenceMessage());
  }
  return dir;
}

/** `describe`, failing every test with `missingReferenceMessage()` (a run that requires the missing files). */
const describeFailing = ((name: string, fn: () => void) => describe(name, () => {
  beforeAll(() => {
    throw new Error(missingReferenceMessage());
  });
  fn();
})) as jest.Describe;
Object.assign(describeFailing, { only: describe.only, skip: describe.skip, each: describe.each });

/**
 * `describe` for every test that reads the reference files (`referenceDir`, `officialExample`, `armSchemaErrors`,
 * `armTemplateSchemaErrors`): runs when the files are found; without them, fails (CI's
 * `PARTNER_EVENTS_REQUIRE_REFERENCE=1`) or is skipped (the run's global teardown prints one line saying so).
 */
export const describeConformance: jest.Describe = findReferenceDir() ? describe
  : referenceRequired() ? describeFailing : describe.skip;

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

// ---------------------------------------------------------------------------------------------------------------
// Whole ARM templates (deploymentTemplate.json): conformance of every Event Grid resource, and well-formedness.

/** A resource of a template with where it sits: its construct path (from `comments`) and its resource group. */
export interface TemplateResource {
  readonly resource: any;
  /** The construct path named in the resource's `comments` (`construct <path>`), or its name. */
  readonly where: string;
  /** The resource group of the template level: `<outer>` for the deployment's own, else the nested one's. */
  readonly resourceGroup: string;
  /** The template level (the outer template or a nested deployment's `properties.template`). */
  readonly template: any;
}

/** Every resource of a template, nested deployments' included. */
export function templateResources(template: any, resourceGroup = '<outer>'): TemplateResource[] {
  const out: TemplateResource[] = [];
  for (const r of template?.resources ?? []) {
    const m = /^construct (.+)$/.exec(r?.comments ?? '');
    out.push({ resource: r, where: m ? m[1] : String(r?.name), resourceGroup, template });
    if (r?.type === 'Microsoft.Resources/deployments' && r.properties?.template) {
      out.push(...templateResources(r.properties.template, String(r.resourceGroup)));
    }
  }
  return out;
}

const templateValidators = new Map<string, Ajv>();

/** True for a string that ARM evaluates as an expression (`[…]`, not the `[[` escape). */
function isArmExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']');
}

/**
 * Ajv for resources inside a template: as `armSchemaErrors`'s, except that a string format (`date-time`, `uri`…)
 * accepts an ARM expression, as ARM checks the value the expression evaluates to at deployment. (The schemas
 * offer an expression alternative for every non-string value and every enum, but not for formatted strings.)
 */
function templateAjvFor(apiVersion: string): Ajv {
  let ajv = templateValidators.get(apiVersion);
  if (!ajv) {
    const dir = referenceDir();
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv as any);
    for (const [name, format] of Object.entries<any>((ajv as any).formats)) {
      const check = (s: string): boolean => (format instanceof RegExp ? format.test(s)
        : typeof format === 'function' ? format(s)
          : typeof format?.validate === 'function' ? format.validate(s)
            : format?.validate instanceof RegExp ? format.validate.test(s) : true);
      ajv.addFormat(name, { type: 'string', validate: (s: string) => isArmExpression(s) || check(s) } as any);
    }
    ajv.addSchema(readJson(path.join(dir, 'arm', 'common', 'definitions.json')),
      'https://schema.management.azure.com/schemas/common/definitions.json');
    ajv.addSchema(readJson(path.join(dir, 'arm', apiVersion, 'Microsoft.EventGrid.json')), `eventgrid-${apiVersion}`);
    templateValidators.set(apiVersion, ajv);
  }
  return ajv;
}

/**
 * Validates every Microsoft.EventGrid resource of a template (nested deployments' included) against the official
 * schema entry of its type and API version (`partnerNamespaces/channels` → `partnerNamespaces_channels`). Each error
 * line starts with `[<construct path>] <type>@<apiVersion>`. Formatted strings may be ARM expressions (checked by
 * `armTemplateStructureErrors`); everything else is checked as `armSchemaErrors` checks it.
 */
export function armTemplateSchemaErrors(template: any): string[] {
  const errors: string[] = [];
  for (const { resource, where } of templateResources(template)) {
    const type = String(resource.type);
    if (!type.startsWith('Microsoft.EventGrid/')) {
      continue;
    }
    const entry = type.slice('Microsoft.EventGrid/'.length).replace(/\//g, '_');
    const apiVersion = String(resource.apiVersion);
    let validate;
    try {
      validate = templateAjvFor(apiVersion).getSchema(`eventgrid-${apiVersion}#/resourceDefinitions/${entry}`);
    } catch (e) {
      errors.push(`[${where}] ${type}@${apiVersion}: no official schema for this API version (${(e as Error).message.split('\n')[0]})`);
      continue;
    }
    if (!validate) {
      errors.push(`[${where}] ${type}@${apiVersion}: no resource definition ${entry} in the ${apiVersion} schema`);
      continue;
    }
    if (!validate(resource)) {
      for (const e of validate.errors ?? []) {
        errors.push(`[${where}] ${type}@${apiVersion}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
  }
  return errors;
}

/** A parsed ARM expression: a call (with accessors), a string, a number, or a property access. */
type ArmAst = { kind: 'call'; name: string; args: ArmAst[]; access: Array<string | ArmAst> } | { kind: 'string'; value: string } | { kind: 'number'; value: number };

/** Parses the text of an ARM expression (without the brackets); throws on a malformed one. */
export function parseArmExpression(text: string): ArmAst {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i} in [${text}]`);
  };
  const parse = (): ArmAst => {
    ws();
    if (text[i] === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated string');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      return { kind: 'string', value };
    }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (!id) fail('expected a function call, a string or a number');
    i += id![0].length;
    ws();
    if (text[i] !== '(') fail(`expected ( after ${id![0]}`);
    i++;
    const args: ArmAst[] = [];
    ws();
    if (text[i] === ')') {
      i++;
    } else {
      for (;;) {
        args.push(parse());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ')') {
          i++;
          break;
        }
        fail('expected , or )');
      }
    }
    const access: Array<string | ArmAst> = [];
    for (;;) {
      if (text[i] === '.') {
        const m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
        if (!m) fail('expected a property name after .');
        access.push(m![1]);
        i += m![0].length;
      } else if (text[i] === '[') {
        i++;
        access.push(parse());
        ws();
        if (text[i] !== ']') fail('expected ]');
        i++;
      } else {
        break;
      }
    }
    return { kind: 'call', name: id![0], args, access };
  };
  const ast = parse();
  ws();
  if (i !== text.length) fail('unexpected text');
  return ast;
}

function calls(ast: ArmAst, out: Array<Extract<ArmAst, { kind: 'call' }>> = []): Array<Extract<ArmAst, { kind: 'call' }>> {
  if (ast.kind === 'call') {
    out.push(ast);
    ast.args.forEach((a) => calls(a, out));
    ast.access.forEach((a) => typeof a !== 'string' && calls(a, out));
  }
  return out;
}

/** Every string of a JSON value that is an ARM expression (`[…]`, not `[[…`), with its path. */
function expressionsOf(value: unknown, at: string, out: Array<{ path: string; text: string }> = []): Array<{ path: string; text: string }> {
  if (typeof value === 'string') {
    if (value.startsWith('[') && !value.startsWith('[[')) {
      out.push({ path: at, text: value });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => expressionsOf(v, `${at}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'template' && at.endsWith('.properties')) {
        continue; // a nested deployment's template is checked as a template of its own
      }
      expressionsOf(v, at ? `${at}.${k}` : k, out);
    }
  }
  return out;
}

const DEPLOYMENT_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/**
 * Checks that a template parses as an ARM resource-group deployment template: `$schema`, `contentVersion`, a
 * `resources` array of typed, named, versioned resources with `properties`; every `[…]` expression well formed;
 * every `parameters('x')` declared; `utcNow` only in parameter defaults; no secure parameter with a default; every
 * `resourceId(...)` with literal arguments and every `dependsOn` naming a resource of the template (nested
 * deployments' included) or one listed in `metadata.existingResources` (`{ resourceGroup?, type, name }`).
 * Returns the problems as text lines; empty when the template is well formed.
 */
export function armTemplateStructureErrors(template: any): string[] {
  const errors: string[] = [];
  const all = templateResources(template);
  const external: Array<{ resourceGroup?: string; type: string; name: string }> = template?.metadata?.existingResources ?? [];
  const key = (rg: string, type: string, names: string[]) => `${rg.toLowerCase()}|${type.toLowerCase()}|${names.join('/').toLowerCase()}`;
  const known = new Set<string>();
  for (const { resource, resourceGroup } of all) {
    if (typeof resource?.name === 'string' && !resource.name.startsWith('[')) {
      known.add(key(resourceGroup, String(resource.type), resource.name.split('/')));
    }
  }
  const outerGroup = String(template?.metadata?.deployTo?.resourceGroup ?? '<outer>');
  for (const e of external) {
    known.add(key(e.resourceGroup ?? '<outer>', e.type, e.name.split('/')));
  }

  const checkLevel = (level: any, resourceGroup: string, where: string): void => {
    if (level?.$schema !== DEPLOYMENT_TEMPLATE_SCHEMA) errors.push(`${where}: $schema is ${level?.$schema}`);
    if (typeof level?.contentVersion !== 'string' || !/^\d+(\.\d+){3}$/.test(level.contentVersion)) errors.push(`${where}: contentVersion is ${level?.contentVersion}`);
    if (!Array.isArray(level?.resources)) errors.push(`${where}: resources is not an array`);
    const parameters = level?.parameters ?? {};
    for (const [name, def] of Object.entries<any>(parameters)) {
      if (!['string', 'securestring', 'int', 'bool', 'object', 'secureObject', 'array'].includes(def?.type)) errors.push(`${where}: parameter ${name} has type ${def?.type}`);
      if (String(def?.type).startsWith('secure') && def.defaultValue !== undefined) errors.push(`${where}: secure parameter ${name} has a default value`);
    }
    const resolveRg = (arg: ArmAst | undefined): string | undefined => {
      if (arg === undefined) return resourceGroup;
      if (arg.kind === 'string') return arg.value === outerGroup && resourceGroup === '<outer>' ? '<outer>' : arg.value;
      if (arg.kind === 'call' && arg.name === 'parameters' && arg.args[0]?.kind === 'string' && arg.args[0].value === 'deploymentResourceGroupName') return '<outer>';
      return undefined; // computed: not checked
    };
    const checkExpression = (at: string, text: string, inParameterDefault: boolean): ArmAst | undefined => {
      let ast: ArmAst;
      try {
        ast = parseArmExpression(text.slice(1, -1));
        if (!text.endsWith(']')) throw new Error('no closing ]');
      } catch (e) {
        errors.push(`${where} ${at}: malformed expression ${text}: ${(e as Error).message}`);
        return undefined;
      }
      for (const call of calls(ast)) {
        if (call.name === 'parameters') {
          const name = call.args[0]?.kind === 'string' ? call.args[0].value : undefined;
          if (name === undefined || !(name in parameters)) errors.push(`${where} ${at}: ${text} uses parameter ${name}, which is not declared`);
        }
        if (call.name === 'utcNow' && !inParameterDefault) errors.push(`${where} ${at}: utcNow outside a parameter default`);
        if (call.name.startsWith('list') && at.startsWith('outputs')) errors.push(`${where} ${at}: ${call.name} in an output (deployment history keeps it)`);
        if (call.name === 'resourceId') {
          const typeAt = call.args.findIndex((a) => a.kind === 'string' && /^[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z/]+$/.test(a.value));
          if (typeAt < 0) {
            errors.push(`${where} ${at}: ${text} has no resource type`);
            continue;
          }
          const type = (call.args[typeAt] as { value: string }).value;
          const names = call.args.slice(typeAt + 1);
          if (names.length !== type.split('/').length - 1) errors.push(`${where} ${at}: ${text} gives ${names.length} names for ${type}`);
          const rg = typeAt === 0 ? resourceGroup : resolveRg(call.args[typeAt - 1]);
          if (rg === undefined || names.some((n) => n.kind !== 'string')) continue;
          if (!known.has(key(rg, type, names.map((n) => (n as { value: string }).value)))) {
            errors.push(`${where} ${at}: ${text} names no resource of the template (nor a documented existing one)`);
          }
        }
      }
      return ast;
    };
    for (const [name, def] of Object.entries<any>(parameters)) {
      for (const e of expressionsOf(def?.defaultValue, `parameters.${name}.defaultValue`)) checkExpression(e.path, e.text, true);
    }
    (level?.resources ?? []).forEach((r: any, i: number) => {
      const at = `resources[${i}] (${r?.comments ?? r?.name})`;
      for (const field of ['type', 'apiVersion', 'name']) {
        if (typeof r?.[field] !== 'string') errors.push(`${where} ${at}: no ${field}`);
      }
      if (r?.properties === undefined || typeof r.properties !== 'object') errors.push(`${where} ${at}: no properties object`);
      for (const e of expressionsOf(r, at)) checkExpression(e.path, e.text, false);
      for (const d of r?.dependsOn ?? []) {
        if (typeof d !== 'string' || !/^\[resourceId\(/.test(d)) errors.push(`${where} ${at}: dependsOn ${d} is not a resourceId`);
      }
      if (r?.type === 'Microsoft.Resources/deployments') {
        const inner = r.properties?.template;
        if (r.properties?.expressionEvaluationOptions?.scope !== 'inner') errors.push(`${where} ${at}: nested deployment without inner expression scope`);
        for (const [name, def] of Object.entries<any>(inner?.parameters ?? {})) {
          if (def.defaultValue === undefined && r.properties?.parameters?.[name] === undefined) errors.push(`${where} ${at}: inner parameter ${name} is not passed`);
        }
        checkLevel(inner, String(r.resourceGroup), `${where} > ${r.name}`);
      }
    });
    for (const e of expressionsOf(level?.outputs ?? {}, 'outputs')) checkExpression(e.path, e.text, false);
  };
  checkLevel(template, '<outer>', 'template');
  return errors;
}

/** The ARM templates a synth wrote into `outdir`, by stack name (`stacks/<stack>/deploymentTemplate.json`). */
export function readTemplates(outdir: string): Map<string, { text: string; template: any }> {
  const out = new Map<string, { text: string; template: any }>();
  const stacks = path.join(outdir, 'stacks');
  for (const stack of fs.existsSync(stacks) ? fs.readdirSync(stacks).sort() : []) {
    const file = path.join(stacks, stack, 'deploymentTemplate.json');
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      out.set(stack, { text, template: JSON.parse(text) });
    }
  }
  return out;
}
