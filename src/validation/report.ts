// The machine-readable validation report: every finding of the app, suppressed ones with their reason, written
// at every synth to `<outdir>/partner-events-validation.json`.
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { findingLine, ValidationFinding } from './rule';
import { appOutdir } from '../internal/cdktf';

export const REPORT_FILE = 'partner-events-validation.json';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report's JSON: deterministic (sorted by path, rule, message). */
export function renderReport(findings: readonly ValidationFinding[]): string {
  const rows = findings
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: f.path,
      message: findingLine(f),
      suppressed: f.suppressedAt !== undefined,
      ...(f.suppressedAt !== undefined ? { suppressedAt: f.suppressedAt, suppressionReason: f.suppressionReason } : {}),
    }))
    .sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.message, b.message));
  const active = rows.filter((r) => !r.suppressed);
  const count = (severity: string) => active.filter((r) => r.severity === severity).length;
  return `${JSON.stringify({
    tool: 'cdktf-azure-partner-events',
    reportVersion: 1,
    summary: { error: count('error'), warning: count('warning'), info: count('info'), suppressed: rows.length - active.length },
    findings: rows,
  }, undefined, 2)}\n`;
}

/** Where the report of the app whose root is `root` is written, or undefined when the root is not a cdktf App. */
export function reportLocation(root: IConstruct): string | undefined {
  const outdir = appOutdir(root);
  return outdir === undefined ? undefined : path.join(outdir, REPORT_FILE);
}

/** Writes the report into the app's output directory (nothing when the root is not a cdktf App). */
export function writeReport(root: IConstruct, findings: readonly ValidationFinding[]): void {
  const outdir = appOutdir(root);
  if (outdir === undefined) {
    return;
  }
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, REPORT_FILE), renderReport(findings));
}
