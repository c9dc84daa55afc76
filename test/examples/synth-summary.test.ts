// What `npm run synth` prints (examples/synth-summary.ts): lines within the terminal's width, ending with the
// findings and the report's path.
import * as fs from 'fs';
import * as path from 'path';
import { addAllExamples } from '../../examples/all';
import { findingsLine, synthSummary, terminalWidth, wrap } from '../../examples/synth-summary';
import { removeTemp, synthApp } from '../support/emulator';

describe('wrap', () => {
  test('no line is wider than the width, and the words come back in order', () => {
    const text = 'a fairly long sentence with /a/very/long/path/that/does/not/fit/in/one/line/at/all/anywhere and more words';
    for (const width of [20, 33, 60]) {
      const lines = wrap(text, width, '  ', '      ');
      expect(lines.every((l) => [...l].length <= width)).toBe(true);
      expect(lines[0].startsWith('  ')).toBe(true);
      expect(lines.slice(1).every((l) => l.startsWith('      '))).toBe(true);
      // nothing lost or reordered (a cut word continues on the next line)
      expect(lines.map((l) => l.trim()).join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
    expect(wrap('short line', 80, '', '  ')).toEqual(['short line']);
    expect(wrap('abcdefghij', 6, '', '  ')).toEqual(['abcdef', '  ghij']);
  });

  test('the width is the terminal\'s, at least 60, or 100 without a terminal', () => {
    expect(terminalWidth({ columns: 132 })).toBe(132);
    expect(terminalWidth({ columns: 40 })).toBe(60);
    expect(terminalWidth({})).toBe(100);
  });
});

describe('the summary of a synth', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synthApp(addAllExamples);
  });
  afterAll(() => removeTemp(outdir));

  test('every line fits 60 columns, each file is listed, and the last line gives the findings and the report', () => {
    const lines = synthSummary(outdir, 123, 60, outdir);
    expect(lines.every((l) => [...l].length <= 60)).toBe(true);
    expect(lines[0]).toBe('Synthesized 3 stacks into . in 123 ms:');
    expect(lines.some((l) => l.startsWith('  stacks/contoso-partner/cdk.tf.json ('))).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'partner-events-validation.json'), 'utf8'));
    const last = lines.slice(lines.findIndex((l) => l.startsWith('Findings:'))).join(' ').replace(/\s+/g, ' ');
    expect(last).toBe(`Findings: ${report.summary.error} errors, ${report.summary.warning} warnings, ${report.summary.info} advice — report: partner-events-validation.json`);
  });
});

test('findingsLine: counts with their words, suppressed only when some are, and no report', () => {
  expect(findingsLine('r.json', { error: 1, warning: 2, info: 0, suppressed: 0 })).toBe('Findings: 1 error, 2 warnings, 0 advice — report: r.json');
  expect(findingsLine('r.json', { error: 0, warning: 1, info: 3, suppressed: 2 })).toBe('Findings: 0 errors, 1 warning, 3 advice (2 suppressed) — report: r.json');
  expect(findingsLine(undefined, undefined)).toBe('Findings: no validation report was written');
});
