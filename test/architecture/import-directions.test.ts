// The import directions of docs/ARCHITECTURE.md are enforced by eslint (import/no-restricted-paths and
// no-restricted-imports, configured in .projenrc.ts): these tests lint in-memory code with the project's own
// configuration and check that an upward import is refused and the nearest allowed one accepted.
//
// The code is linted as if it were an existing file of the layer (its text replaced, nothing written): the
// project's typed lint rules only accept files that the TypeScript project holds.
import * as fs from 'fs';
import * as path from 'path';
import { loadESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');
/** Files with a recorded exception to the directions (.projenrc.ts, DIRECTION_EXCEPTIONS): never used here. */
const EXCEPTIONS = new Set<string>([]);

/** The first TypeScript file (in path order) under a folder of src/, relative to the root. */
function fileIn(dir: string): string {
  const entries = fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !EXCEPTIONS.has(rel)) {
      return rel;
    }
  }
  for (const e of entries.filter((d) => d.isDirectory())) {
    return fileIn(`${dir}/${e.name}`);
  }
  throw new Error(`no TypeScript file under ${dir}`);
}

/** The import specifier of `target` (a path relative to the root, without extension) from `file`. */
function specifier(file: string, target: string): string {
  const rel = path.relative(path.dirname(file), target).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The errors eslint reports for `code` as the text of `file` (relative to the root), as `ruleId: message`. */
async function errorsOf(code: string, file: string): Promise<string[]> {
  // The zones are paths relative to the working directory: eslint runs from the root.
  expect(process.cwd()).toBe(ROOT);
  // The repository's configuration is .eslintrc.json (eslintrc, not flat config): the legacy ESLint class reads it.
  const LegacyESLint = await loadESLint({ useFlatConfig: false });
  const eslint = new LegacyESLint({ cwd: ROOT, useEslintrc: true } as any);
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const ruleIds = (errors: string[]) => errors.map((e) => e.slice(0, e.indexOf(':')));

/** A module that imports `name` from `from` and uses it. */
const importing = (name: string, from: string) => `import { ${name} } from '${from}';\n\nexport const used = ${name};\n`;

describe('import directions', () => {
  const model = fileIn('src/model');

  test('the resource model may not import a construct (an upward import)', async () => {
    const errors = await errorsOf(importing('Channel', specifier(model, 'src/publisher/channel')), model);
    expect(ruleIds(errors)).toEqual(['import/no-restricted-paths']);
    expect(errors[0]).toContain('The resource model (src/model/) imports only src/common/ and src/internal/objects.ts');
  });

  test('the resource model may import a pure helper (the nearest allowed import)', async () => {
    expect(await errorsOf(importing('Duration', specifier(model, 'src/common/duration')), model)).toEqual([]);
  });

  test('the resource model may not import the platform adapter or validation', async () => {
    expect(ruleIds(await errorsOf(importing('Token', specifier(model, 'src/internal/cdktf')), model))).toEqual(['import/no-restricted-paths']);
    expect(ruleIds(await errorsOf(importing('fail', specifier(model, 'src/validation/errors')), model))).toEqual(['import/no-restricted-paths']);
  });

  test('validation may not import a renderer', async () => {
    const validation = fileIn('src/validation');
    expect(ruleIds(await errorsOf(importing('renderArmTemplate', specifier(validation, 'src/render/arm/template')), validation)))
      .toEqual(['import/no-restricted-paths']);
  });

  test('the emulator imports only itself and src/internal/objects.ts', async () => {
    const emulator = fileIn('src/emulator');
    expect(ruleIds(await errorsOf(importing('Duration', specifier(emulator, 'src/common/duration')), emulator))).toEqual(['import/no-restricted-paths']);
    expect(await errorsOf(importing('isPlainObject', specifier(emulator, 'src/internal/objects')), emulator)).toEqual([]);
  });

  test('renderers read the emulator\'s model-file format, not the rest of the emulator', async () => {
    const render = fileIn('src/render');
    expect(await errorsOf(importing('MODEL_FILE_NAME', specifier(render, 'src/emulator/model-file')), render)).toEqual([]);
    expect(ruleIds(await errorsOf(importing('startEmulator', specifier(render, 'src/emulator/server')), render))).toEqual(['import/no-restricted-paths']);
  });

  test('only the platform adapter imports cdktf', async () => {
    const code = importing('Token', 'cdktf');
    expect(ruleIds(await errorsOf(code, fileIn('src/publisher')))).toEqual(['no-restricted-imports']);
    expect(await errorsOf(code, fileIn('src/internal/cdktf'))).toEqual([]);
  });
  test('the testing helpers read validation, not constructs; only src/index.ts imports them', async () => {
    const testing = fileIn('src/testing');
    expect(await errorsOf(importing('ValidationIndex', specifier(testing, 'src/validation/engine')), testing)).toEqual([]);
    const upward = await errorsOf(importing('Channel', specifier(testing, 'src/publisher/channel')), testing);
    expect(ruleIds(upward)).toEqual(['import/no-restricted-paths']);
    expect(upward[0]).toContain('The testing helpers (src/testing/) read findings');
    const validation = fileIn('src/validation');
    const intoTesting = await errorsOf(importing('PartnerEventsFindings', specifier(validation, 'src/testing/findings')), validation);
    expect(ruleIds(intoTesting)).toEqual(['import/no-restricted-paths']);
    expect(intoTesting[0]).toContain('Only src/index.ts imports the testing helpers');
  });
});
