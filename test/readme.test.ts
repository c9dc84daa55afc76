// The README is the door (issue 14, item 10): what the library is, install, a quick start, the two commands, links.
// The reference lives in docs/ pages; these tests keep the links between them true.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The docs pages the README links to. */
const PAGES = [
  'docs/concepts.md', 'docs/validation.md', 'docs/validation-rules.md', 'docs/arm-templates.md', 'docs/scale.md',
  'docs/benchmarks.md', 'docs/emulator.md', 'docs/testing.md', 'docs/limitations.md', 'docs/contributing.md',
  'docs/lifecycle.md', 'docs/fleet.md', 'docs/ARCHITECTURE.md', 'docs/migrating-to-cdktn.md', 'API.md', 'CHANGELOG.md',
];

/** The Markdown files whose relative links are checked. */
/** The links of `file` whose target is not in the tree. */
function brokenLinks(file: string, markdown?: string): string[] {
  return relativeLinks(file, markdown).filter((t) => !fs.existsSync(path.join(ROOT, t)));
}

function markdownFiles(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** Relative link targets of a Markdown file, resolved against the repository root (anchors dropped). */
function relativeLinks(file: string, markdown = fs.readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1].split('#')[0];
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    out.push(path.relative(ROOT, path.resolve(ROOT, path.dirname(file), target)).split(path.sep).join('/'));
  }
  return out;
}

describe('README', () => {
  test('gives the two commands that CI and users run', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm ci && npm test');
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  test('links every reference page', () => {
    for (const page of PAGES) expect(readme).toContain(`](${page})`);
  });

  test('has the door\'s sections, in order, and stays short', () => {
    const headings = readme.split('\n').filter((l) => /^## /.test(l));
    expect(headings).toEqual([
      '## Install', '## Quick start (five minutes)', '## The two commands (from a fresh clone)', '## Local emulator',
      '## Documentation',
    ]);
    expect(readme.split('\n').length).toBeLessThan(250);
  });
});

describe('links between README.md and docs/', () => {
  test.each(markdownFiles())('every relative link of %s names a file of the repository', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  test('the check refuses a link to a missing file and accepts the nearest existing one, outside code fences', () => {
    expect(brokenLinks('docs/x.md', 'See [scale](no-such-page.md#a) and [API](../API.md).')).toEqual(['docs/no-such-page.md']);
    expect(brokenLinks('docs/x.md', 'See [scale](scale.md#a), [site](https://example.com/x.md).')).toEqual([]);
    expect(brokenLinks('README.md', '```ts\nconst a = [1](missing.md);\n```\n')).toEqual([]);
  });
});
