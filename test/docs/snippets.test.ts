// Every TypeScript snippet of README.md and docs/*.md compiles against the library's sources (issue 14, item 6),
// completed with its jsii-rosetta fixture (rosetta/*.ts-fixture; ```ts fixture=NAME, or ```ts nofixture for a
// complete program). The quick start's complete programs also run: they synthesize without a validation error.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { completeWithFixture, documentedFiles, documentedSnippets, NOT_COMPILED_HERE, ROOT, Snippet, tsFences } from './snippets';
import * as lib from '../../src';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  strict: true,
  noImplicitAny: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node', 'jest'],
  typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  // The package as its users import it: the root, and the deep paths under lib/.
  paths: {
    'cdktf-azure-partner-events': [path.join(ROOT, 'src', 'index.ts')],
    'cdktf-azure-partner-events/lib/*': [path.join(ROOT, 'src', '*')],
  },
};

/** The type errors of each snippet, compiled together in one program (file names stand for the snippets). */
function typeErrors(snippets: readonly Snippet[]): Map<string, string[]> {
  const files = new Map(snippets.map((s, i) => [path.join(ROOT, '.snippets', `snippet-${i}.ts`), s]));
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) => {
    const s = files.get(path.resolve(name));
    return s ? ts.createSourceFile(name, s.complete, version) : getSourceFile(name, version, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const errors = new Map<string, string[]>(snippets.map((s) => [s.where, []]));
  for (const [name, s] of files) {
    for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(name))) {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const line = pos ? d.file!.text.split('\n')[pos.line].trim() : '';
      errors.get(s.where)!.push(`${ts.flattenDiagnosticMessageText(d.messageText, '\n')}${line ? ` (at: ${line})` : ''}`);
    }
  }
  return errors;
}

const snippets = documentedSnippets();
let errors: Map<string, string[]>;

beforeAll(() => {
  errors = typeErrors(snippets);
}, 120_000);

describe('snippets of README.md and docs/', () => {
  test('there are snippets in the README and in the docs pages, each under its file and line', () => {
    expect(snippets.filter((s) => s.where.startsWith('README.md:')).length).toBeGreaterThanOrEqual(2);
    expect(snippets.filter((s) => s.where.startsWith('docs/')).length).toBeGreaterThanOrEqual(5);
    expect(documentedFiles()).not.toContain('docs/validation-rules.md'); // see NOT_COMPILED_HERE for why
    expect(Object.keys(NOT_COMPILED_HERE)).toEqual(['docs/validation-rules.md']);
  });

  test.each(snippets.map((s) => [s.where, s] as const))('%s compiles', (_where, s) => {
    expect(errors.get(s.where)).toEqual([]);
  });

  test('a snippet that uses a wrong name, or a wrong argument, is refused', () => {
    const wrong = [
      { where: 'wrong-prop', source: "new PartnerConfiguration(this, 'A', { resourceGroupName: 'rg', authorizedPartner: [] });" },
      { where: 'wrong-args', source: "AdvancedFilter.numberInRange('data.priority', 1, 2);" },
      { where: 'wrong-attr', source: 'const endpoint: string = namespace.endpoint;' },
      { where: 'right', source: "AdvancedFilter.numberInRange('data.priority', [{ lower: 1, upper: 2 }]); const e: string = namespace.partnerNamespaceEndpoint;" },
    ].map((w) => ({ ...w, fixture: 'default', complete: completeWithFixture(w.source, 'default') }));
    const found = typeErrors(wrong);
    expect(found.get('wrong-prop')!.join('\n')).toMatch(/authorizedPartner/);
    expect(found.get('wrong-args')!.join('\n')).toMatch(/Expected 2 arguments, but got 3/);
    expect(found.get('wrong-attr')!.join('\n')).toMatch(/Property 'endpoint' does not exist/);
    expect(found.get('right')).toEqual([]);
  }, 120_000);

  test('every fixture of rosetta/ compiles on its own (an empty snippet)', () => {
    const fixtures = fs.readdirSync(path.join(ROOT, 'rosetta')).filter((f) => f.endsWith('.ts-fixture')).map((f) => f.replace(/\.ts-fixture$/, ''));
    expect(fixtures).toEqual(expect.arrayContaining(['default', 'async']));
    const empty = fixtures.map((f) => ({ where: f, source: '', fixture: f, complete: completeWithFixture('', f) }));
    const found = typeErrors(empty);
    for (const f of fixtures) expect([f, found.get(f)]).toEqual([f, []]);
  }, 120_000);

  test('fences are read with their rosetta parameters; imports are hoisted above the fixture', () => {
    const fences = tsFences('x.md', 'a\n```ts fixture=default\nnew App();\n```\n```sh\nls\n```\n```ts nofixture\nconst a = 1;\n```\n');
    expect(fences.map((f) => [f.line, f.source, [...f.params]])).toEqual([[2, 'new App();', [['fixture', 'default']]], [8, 'const a = 1;', [['nofixture', '']]]]);
    const complete = completeWithFixture("import { Foo } from 'bar';\nnew Foo(this);", 'default');
    expect(complete.startsWith("import { Foo } from 'bar';\n")).toBe(true);
    expect(complete).toMatch(/super\(scope, id\);[\s\S]*\nnew Foo\(this\);\n/);
    expect(() => completeWithFixture('x', 'no-such-fixture')).toThrow(/fixture no-such-fixture not found/);
  });
});

/** Runs a complete snippet (CommonJS after transpiling), with the package mapped to the sources and `globals` in scope. */
function run(source: string, globals: { [name: string]: unknown } = {}): void {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(source, { compilerOptions }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireMapped = (id: string) => (id === 'cdktf-azure-partner-events' ? lib : require(id));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'exports', ...Object.keys(globals), js)(requireMapped, {}, ...Object.values(globals));
}

describe('docs/testing.md', () => {
  const example = snippets.find((s) => s.where.startsWith('docs/testing.md:') && /PartnerEventsFindings/.test(s.source));

  test('its jest example passes: every test of it runs, and a broken expectation would fail it', () => {
    expect(example).toBeDefined();
    const tests: Array<[string, () => void]> = [];
    run(example!.source, { test: (name: string, fn: () => void) => tests.push([name, fn]), expect });
    expect(tests.map(([name]) => name)).toEqual([
      'two channels on one partner topic are refused',
      'a channel per partner topic is accepted; the public endpoint is a known, suppressed decision',
      'a constructor-time error is thrown, with its typed findings',
    ]);
    for (const [, fn] of tests) fn();
    // The same example with the first test's topic changed no longer passes.
    const broken: Array<[string, () => void]> = [];
    run(example!.source.replace("partnerStack('contoso-tickets')", "partnerStack('contoso-other')"), { test: (name: string, fn: () => void) => broken.push([name, fn]), expect });
    expect(() => broken[0][1]()).toThrow(/expected an error of EGP001 at "partner\/Namespace\/\*", found none/);
  });
});

describe('the quick start', () => {
  const programs = snippets.filter((s) => s.where.startsWith('README.md:') && s.fixture === undefined && /new App\(\)/.test(s.source));

  test('has the partner and the customer program', () => {
    expect(programs.map((p) => /class (\w+)/.exec(p.source)![1])).toEqual(['ContosoPartnerStack', 'FabrikamCustomerStack']);
  });

  test.each(programs.map((p) => [p.where, p] as const))('%s synthesizes, with no validation error', (_where, p) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ape-quickstart-'));
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      run(p.source);
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'partner-events-validation.json'), 'utf8'));
      expect(report.summary.error).toBe(0);
      const stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks);
      expect(stacks).toHaveLength(1);
      expect(fs.existsSync(path.join(outdir, 'stacks', stacks[0], 'cdk.tf.json'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
