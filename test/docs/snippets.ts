// The TypeScript snippets of README.md and docs/*.md, completed with their jsii-rosetta fixture as rosetta completes
// them (rosetta/<name>.ts-fixture, the snippet's statements in place of `/// here`, its imports hoisted above), so
// that what the docs show is type-checked against the library's sources and what rosetta translates is the same code.
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** One ```ts fence of a Markdown file. */
export interface Snippet {
  /** `README.md:42`: the file and the line of the opening fence. */
  readonly where: string;
  /** The snippet as shown. */
  readonly source: string;
  /** The fixture rosetta uses: `fixture=NAME`, none for `nofixture`, else `default`. */
  readonly fixture?: string;
  /** The snippet in its fixture: what is compiled. */
  readonly complete: string;
}

/**
 * Markdown files whose snippets are not compiled here, and why. Everything else in README.md and docs/ is.
 */
export const NOT_COMPILED_HERE: { [file: string]: string } = {
  'docs/validation-rules.md': 'generated from the rule registry; test/validation/rule-docs.test.ts runs every refused and accepted example of it against its own fixture (RULE_EXAMPLE_FIXTURE)',
};

/** README.md and every docs/*.md whose snippets are compiled. */
export function documentedFiles(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...docs].filter((f) => NOT_COMPILED_HERE[f] === undefined);
}

/** The ```ts / ```typescript fences of a Markdown text, with their info string's parameters. */
export function tsFences(file: string, markdown: string): Array<{ line: number; source: string; params: Map<string, string> }> {
  const out: Array<{ line: number; source: string; params: Map<string, string> }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)(\s.*)?$/.exec(lines[i]);
    if (!open) continue;
    const params = new Map<string, string>();
    for (const p of (open[2] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const eq = p.indexOf('=');
      params.set(eq < 0 ? p : p.slice(0, eq), eq < 0 ? '' : p.slice(eq + 1));
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: a code fence is not closed`);
    out.push({ line: start + 1, source: body.join('\n'), params });
  }
  return out;
}

/** The fixture's text with the snippet in place of `/// here`, its imports hoisted above (as rosetta does). */
export function completeWithFixture(source: string, fixture: string | undefined): string {
  if (fixture === undefined) return source;
  const file = path.join(ROOT, 'rosetta', `${fixture}.ts-fixture`);
  if (!fs.existsSync(file)) throw new Error(`fixture ${fixture} not found: rosetta/${fixture}.ts-fixture`);
  const text = fs.readFileSync(file, 'utf8');
  const here = /[/]{3}[ \t]*here[ \t]*$/im;
  if (!here.test(text)) throw new Error(`rosetta/${fixture}.ts-fixture has no '/// here' line`);
  // An import is a statement of its own that starts a line (possibly over several lines, up to its `from '...';`).
  const imports: string[] = [];
  const rest = source.replace(/^import\s[\s\S]*?from\s+'[^']+';?[ \t]*$/gm, (m) => {
    imports.push(m);
    return '';
  });
  return `${imports.join('\n')}\n${text.replace(here, () => rest)}`;
}

/** Every snippet of the compiled files. */
export function documentedSnippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of documentedFiles()) {
    for (const f of tsFences(file, fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
      const fixture = f.params.has('nofixture') ? undefined : f.params.get('fixture') ?? 'default';
      out.push({ where: `${file}:${f.line}`, source: f.source, fixture, complete: completeWithFixture(f.source, fixture) });
    }
  }
  return out;
}
