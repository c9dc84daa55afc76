// ARM template expressions, and the Terraform expressions (`${…}`) of resolved cdktf values they are made from.

/** A string value of the template: a literal, or an ARM expression (its text, without the brackets). */
export type Piece = { readonly literal: string } | { readonly expr: string };

export function literal(text: string): Piece {
  return { literal: text };
}

export function expr(text: string): Piece {
  return { expr: text };
}

export function isLiteral(p: Piece): p is { readonly literal: string } {
  return (p as { literal?: string }).literal !== undefined;
}

/** An ARM string literal inside an expression: `'it''s'`. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The piece as an operand of an expression. */
export function operand(p: Piece): string {
  return isLiteral(p) ? quote(p.literal) : p.expr;
}

/** The piece as a JSON string of the template: literals that start with `[` are escaped as `[[`. */
export function toTemplateString(p: Piece): string {
  if (isLiteral(p)) {
    return p.literal.startsWith('[') ? `[${p.literal}` : p.literal;
  }
  return `[${p.expr}]`;
}

/** `.a.b['c-d'][0]`: an access path into an object or array expression. */
export function accessPath(segments: string[]): string {
  return segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${quote(s)}]`)).join('');
}

/** Concatenates pieces: one piece when all are literal, else `format('…{0}…', …)`. */
export function concat(pieces: Piece[]): Piece {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (isLiteral(p) && last !== undefined && isLiteral(last)) {
      merged[merged.length - 1] = literal(last.literal + p.literal);
    } else if (!(isLiteral(p) && p.literal === '')) {
      merged.push(p);
    }
  }
  if (merged.length === 0) {
    return literal('');
  }
  if (merged.length === 1) {
    return merged[0];
  }
  const args: string[] = [];
  let pattern = '';
  for (const p of merged) {
    if (isLiteral(p)) {
      pattern += p.literal.replace(/\{/g, '{{').replace(/\}/g, '}}');
    } else {
      pattern += `{${args.length}}`;
      args.push(p.expr);
    }
  }
  return expr(`format(${[quote(pattern), ...args].join(', ')})`);
}

/** A part of a resolved cdktf string: literal text, or the text of one Terraform expression `${…}`. */
export type TerraformPart = { readonly text: string } | { readonly terraform: string };

/**
 * Splits a resolved string into literal text and Terraform expressions (`${…}`, braces and quoted strings inside
 * balanced). `$${` is Terraform's escape for a literal `${`.
 */
export function splitTerraform(value: string): TerraformPart[] {
  const parts: TerraformPart[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!value.startsWith('${', i)) {
      text += value[i];
      i += 1;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    let inString = false;
    while (j < value.length && depth > 0) {
      const c = value[j];
      if (inString) {
        if (c === '\\') {
          j += 1;
        } else if (c === '"') {
          inString = false;
        }
      } else if (c === '"') {
        inString = true;
      } else if (c === '{') {
        depth += 1;
      } else if (c === '}') {
        depth -= 1;
      }
      j += 1;
    }
    if (depth !== 0) {
      // Not an expression after all: keep the text.
      text += value.slice(i);
      break;
    }
    if (text !== '') {
      parts.push({ text });
      text = '';
    }
    parts.push({ terraform: value.slice(i + 2, j - 1).trim() });
    i = j;
  }
  if (text !== '' || parts.length === 0) {
    parts.push({ text });
  }
  return parts;
}

/** True when a resolved value holds a Terraform expression anywhere. */
export function holdsTerraform(value: unknown): boolean {
  if (typeof value === 'string') {
    return splitTerraform(value).some((p) => 'terraform' in p);
  }
  if (Array.isArray(value)) {
    return value.some(holdsTerraform);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(holdsTerraform);
  }
  return false;
}

/** A reference in a Terraform expression: `azapi_resource.x.body.properties.name`, `data.t.x.attr`, `var.x`. */
export interface TerraformReference {
  /** The element's address: `azapi_resource.x`, `data.azapi_resource.x`, `var.x`, `local.x`. */
  readonly address: string;
  /** The attribute path after the address (`['body', 'properties', 'name']`), empty for `var.x`. */
  readonly attribute: string[];
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const ADDRESS = `(?:data\\.${NAME}\\.${NAME}|var\\.${NAME}|local\\.${NAME}|${NAME}\\.${NAME})`;
const ATTRIBUTE = `(?:\\.${NAME}|\\[\\d+\\]|\\["[^"]*"\\])*`;
const REFERENCE = new RegExp(`^(${ADDRESS})(${ATTRIBUTE})$`);
const TIMEADD = new RegExp(`^timeadd\\(\\s*(${ADDRESS}${ATTRIBUTE})\\s*,\\s*"([^"]+)"\\s*\\)$`);
const PLAN_TIMEADD = /^timeadd\(\s*plantimestamp\(\)\s*,\s*"([^"]+)"\s*\)$/;
const CANDIDATE = new RegExp(`(?<![A-Za-z0-9_."-])${ADDRESS}`, 'g');

function parseAttribute(text: string): string[] {
  const out: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["([^"]*)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

/** The Terraform expression as a plain reference, or undefined when it is anything else. */
export function parseReference(terraform: string): TerraformReference | undefined {
  const m = REFERENCE.exec(terraform.trim());
  if (!m) {
    return undefined;
  }
  const address = m[1];
  // `var.x.y` and `local.x.y`: the address is two segments, the rest is an attribute.
  return { address, attribute: parseAttribute(m[2]) };
}

/** `timeadd(<reference>, "<offset>")`, or undefined. */
export function parseTimeadd(terraform: string): { base: TerraformReference; offset: string } | undefined {
  const m = TIMEADD.exec(terraform.trim());
  if (!m) {
    return undefined;
  }
  const base = parseReference(m[1]);
  return base ? { base, offset: m[2] } : undefined;
}

/** `timeadd(plantimestamp(), "<offset>")` (a time computed when the plan is made): the offset, or undefined. */
export function parsePlanTimeadd(terraform: string): string | undefined {
  return PLAN_TIMEADD.exec(terraform.trim())?.[1];
}

/** Every element address that may occur in a Terraform expression (to be checked against the stack's elements). */
export function candidateAddresses(terraform: string): string[] {
  return [...new Set(terraform.match(CANDIDATE) ?? [])];
}

/** A Terraform `timeadd` offset (`168h`, `90m`, `30s`, `1h30m`) in seconds, or undefined. */
export function offsetSeconds(offset: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  const text = offset.trim();
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  while ((m = re.exec(body)) !== null) {
    if (m.index !== consumed) {
      return undefined;
    }
    consumed = m.index + m[0].length;
    const n = Number(m[1]);
    const unit = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }[m[2]]!;
    total += n * unit;
  }
  if (consumed !== body.length || consumed === 0 || !Number.isInteger(total)) {
    return undefined;
  }
  return negative ? -total : total;
}

/** Seconds as an ISO 8601 duration for `dateTimeAdd` (`PT168H`, `PT90M`, `PT30S`). */
export function isoDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s % 3600 === 0) {
    return `${sign}PT${s / 3600}H`;
  }
  if (s % 60 === 0) {
    return `${sign}PT${s / 60}M`;
  }
  return `${sign}PT${s}S`;
}

/** Seconds in words for names: `7Days`, `36Hours`, `90Minutes`, `45Seconds`. */
export function durationWords(seconds: number): string {
  const s = Math.abs(seconds);
  if (s % 86400 === 0) {
    return `${s / 86400}Days`;
  }
  if (s % 3600 === 0) {
    return `${s / 3600}Hours`;
  }
  if (s % 60 === 0) {
    return `${s / 60}Minutes`;
  }
  return `${s}Seconds`;
}

/** `camelCase` of the words of the parts (non-alphanumerics separate words); starts with a letter. */
export function camelName(...parts: string[]): string {
  const words = parts.flatMap((p) => p.split(/[^A-Za-z0-9]+/)).filter((w) => w !== '');
  const joined = words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
  if (joined === '') {
    return 'value';
  }
  return /^[A-Za-z]/.test(joined) ? joined : `p${joined}`;
}
