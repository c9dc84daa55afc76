// docs/lifecycle.md: its TypeScript examples compile against the library's public API (the package's entry point,
// src/index.ts, under the package's name).
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'lifecycle.md');

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([^]*?)```/g)].map((m) => m[1]);
}

/**
 * The compiler's errors for each source (by file name), with `cdktf-azure-partner-events` resolved to src/index.ts;
 * one program for all of them (the library is checked once).
 */
function compileErrors(sources: { [name: string]: string }): { [name: string]: string[] } {
  const files = new Map(Object.entries(sources).map(([name, text]) => [path.join(ROOT, 'test', 'docs', name), text]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    skipLibCheck: true,
    paths: { 'cdktf-azure-partner-events': [path.join(ROOT, 'src', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => files.get(path.resolve(f)) ?? readFile(f);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists(f);
  const program = ts.createProgram([...files.keys()], options, host);
  const out: { [name: string]: string[] } = {};
  for (const [file] of files) {
    out[path.basename(file)] = ts.getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

describe('docs/lifecycle.md', () => {
  test('has TypeScript examples, each compiles against the public API, and the check can fail', () => {
    const blocks = tsBlocks(fs.readFileSync(DOC, 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    const sources: { [name: string]: string } = {};
    blocks.forEach((block, i) => { sources[`lifecycle-example-${i}.ts`] = block; });
    // the nearest bad example: a prop the API does not have
    const broken = blocks[0].replace('expiresIfNotActivatedAfter:', 'expiresAfterActivation:');
    expect(broken).not.toBe(blocks[0]);
    sources['lifecycle-broken.ts'] = broken;
    const errors = compileErrors(sources);
    blocks.forEach((_, i) => expect(errors[`lifecycle-example-${i}.ts`]).toEqual([]));
    expect(errors['lifecycle-broken.ts'].join('\n')).toMatch(/expiresAfterActivation/);
  });
});
