// Each jsii language's package shows its own code (issue 14, item 8): jsii-rosetta translates the TypeScript
// snippets of README.md and of the doc comments (completed with rosetta/*.ts-fixture) into a tablet, and jsii-pacmak
// generates the package from it, failing on a snippet the tablet lacks — as `npx projen package:python` does
// (.projenrc.ts, "Examples in every jsii language"). Checked here for Python, with code only (no Python toolchain),
// on a fresh jsii build of the working tree in a temporary copy (built-package.ts).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtPackage, ROOT } from './built-package';

let work: string;
let readme: string;
let moduleSource: string;

/** The bodies of the fences of `lang` in a Markdown text. */
function fences(markdown: string, lang: RegExp): string[] {
  return [...markdown.matchAll(/^```(\S*)[^\n]*\n([\s\S]*?)^```$/gm)].filter((m) => lang.test(m[1])).map((m) => m[2]);
}

/** Lines of code that only TypeScript (or JavaScript) has. */
function typescriptLines(code: string): string[] {
  return code.split('\n').filter((l) => /\b(const|let) \w+|\bnew [A-Z]\w*\(|^\s*import \{|=>|;\s*$|\bthis\./.test(l));
}

beforeAll(() => {
  const built = builtPackage();
  // A copy of the build (the tablet is written beside the assembly: the shared build stays as the other tests read it).
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ape-rosetta-'));
  for (const entry of ['.jsii', 'package.json', 'README.md', 'LICENSE', 'lib', 'rosetta']) {
    fs.cpSync(path.join(built, entry), path.join(work, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const bin = (name: string) => path.join(ROOT, 'node_modules', name, 'bin', name);
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  run([bin('jsii-rosetta'), 'extract', '.jsii']);
  run([bin('jsii-pacmak'), '--target', 'python', '--code-only', '--rosetta-tablet', '.jsii.tabl.json',
    '--rosetta-unknown-snippets', 'fail', '-o', 'dist']);
  readme = fs.readFileSync(path.join(work, 'dist', 'python', 'README.md'), 'utf8');
  moduleSource = fs.readFileSync(path.join(work, 'dist', 'python', 'src', 'cdktf_azure_partner_events', '__init__.py'), 'utf8');
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the Python package (jsii-pacmak --code-only, with the rosetta tablet)', () => {
  test('its README has a Python example for each TypeScript example of README.md, and no TypeScript', () => {
    const source = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const python = fences(readme, /^python$/);
    expect(python).toHaveLength(fences(source, /^(ts|typescript)$/).length);
    expect(fences(readme, /^(ts|typescript|js|javascript)$/)).toEqual([]);
    expect(python.flatMap(typescriptLines)).toEqual([]);
  });

  test('the quick start reads as Python, with the names Python users write', () => {
    expect(readme).toContain('from cdktf_azure_partner_events import');
    expect(readme).toContain('class FabrikamCustomerStack(TerraformStack):');
    expect(readme).toMatch(/PartnerConfiguration\(self, "Authorization",[\s\S]*authorized_partners=\[PartnerAuthorization\(/);
    expect(readme).toContain('AdvancedFilter.number_in_range("data.priority", [urgent])');
    expect(readme).toContain('value=namespace.partner_namespace_endpoint');
  });

  test('the API docs carry Python examples too', () => {
    expect(moduleSource).toContain('findings = PartnerEventsFindings.from_stack(stack)');
    const examples = [...moduleSource.matchAll(/::\n\n((?: {3,}.*\n|\n)+)/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.flatMap(typescriptLines)).toEqual([]);
  });

  test('the TypeScript check sees TypeScript', () => {
    expect(typescriptLines("const app = new App();\nimport { X } from 'y';\napp = App()")).toEqual(['const app = new App();', "import { X } from 'y';"]);
  });
});
