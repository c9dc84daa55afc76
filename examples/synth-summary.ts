// What `npm run synth` prints: the files it wrote, each with what it holds, then the findings of the synth and where
// the report is. Every line fits the terminal (or 100 columns when there is none): details wrap, indented.
import * as fs from 'fs';
import * as path from 'path';

/** The width lines are kept to: the terminal's, at least 60 columns; 100 when output is not a terminal. */
export function terminalWidth(stream: { columns?: number } = process.stdout): number {
  return Math.max(60, stream.columns ?? 100);
}

/**
 * `text` as lines of at most `width` columns: the first starts with `lead`, the others with `indent`; words are kept
 * whole where they fit, and a word wider than a line (a long path) is cut.
 */
export function wrap(text: string, width: number, lead: string, indent: string): string[] {
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (let word of text.split(' ').filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    while (line.length + (empty ? 0 : 1) + word.length > width) {
      const room = width - line.length - (empty ? 0 : 1);
      lines.push(`${line}${empty ? '' : ' '}${word.slice(0, room)}`);
      word = word.slice(room);
      line = indent;
      empty = true;
    }
    line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** What a file holds, in a few words (Terraform: resources by type; ARM: resources, parameters, how to deploy). */
function detailOf(file: string): string {
  if (file.endsWith('cdk.tf.json')) {
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    const counts: string[] = [];
    for (const [kind, byType] of [['resource', tf.resource], ['data', tf.data]] as const) {
      for (const [type, byId] of Object.entries(byType ?? {})) {
        counts.push(`${Object.keys(byId as object).length} ${kind === 'data' ? 'data.' : ''}${type}`);
      }
    }
    return `${counts.join(', ')}; ${Object.keys(tf.output ?? {}).length} outputs`;
  }
  if (file.endsWith('deploymentTemplate.json')) {
    // its resources by type (nested deployments' included), parameters, outputs, and what it leaves to commands
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const byType = new Map<string, number>();
    const count = (resources: any[]): void => {
      for (const r of resources) {
        byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
        count(r.properties?.template?.resources ?? []);
      }
    };
    count(template.resources ?? []);
    const counts = [...byType].map(([type, n]) => `${n} ${type.replace(/^Microsoft\.EventGrid\//, '')}`);
    const left = (template.metadata?.notDeployedByThisTemplate ?? []).map((n: any) => n.action);
    return `ARM: ${counts.join(', ')}; ${Object.keys(template.parameters ?? {}).length} parameters, `
      + `${Object.keys(template.outputs ?? {}).length} outputs; deploy with az deployment group create`
      + ` -g ${template.metadata?.deployTo?.resourceGroup ?? '<resource group>'}`
      + (left.length > 0 ? `; left to commands: ${[...new Set(left)].join(', ')}` : '');
  }
  return '';
}

/** The report's counts, as `npm run synth` ends with them. */
export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
}

/** The last line: the synth's findings by severity and the report's path (or that there is none). */
export function findingsLine(reportPath: string | undefined, counts: FindingCounts | undefined): string {
  if (reportPath === undefined || counts === undefined) {
    return 'Findings: no validation report was written';
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Findings: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} advice`
    + `${counts.suppressed > 0 ? ` (${counts.suppressed} suppressed)` : ''} — report: ${reportPath}`;
}

/** The lines `npm run synth` prints for the app synthesized into `outdir`. */
export function synthSummary(outdir: string, elapsedMs: number, width: number, cwd = process.cwd()): string[] {
  const lines: string[] = [];
  const manifest = path.join(outdir, 'manifest.json');
  const where = path.relative(cwd, outdir) || '.';
  if (fs.existsSync(manifest)) {
    const stacks = Object.keys(JSON.parse(fs.readFileSync(manifest, 'utf8')).stacks).length;
    lines.push(...wrap(`Synthesized ${stacks} stacks into ${where} in ${elapsedMs} ms:`, width, '', '  '));
  }
  if (fs.existsSync(outdir)) {
    for (const file of filesUnder(outdir).sort()) {
      const detail = detailOf(file);
      const head = `${path.relative(cwd, file)} (${fs.statSync(file).size} bytes)`;
      lines.push(...wrap(detail === '' ? head : `${head} — ${detail}`, width, '  ', '      '));
    }
  }
  const report = path.join(outdir, 'partner-events-validation.json');
  const counts = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')).summary as FindingCounts : undefined;
  lines.push(...wrap(findingsLine(counts ? path.relative(cwd, report) : undefined, counts), width, '', '  '));
  return lines;
}
