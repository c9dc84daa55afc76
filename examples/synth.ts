// `npm run synth`: synthesizes every example into cdktf.out/ and prints what it wrote and what the validation found
// (examples/synth-summary.ts), in lines that fit the terminal. A synth that fails still prints the findings.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { addAllExamples } from './all';
import { synthSummary, terminalWidth } from './synth-summary';

const outdir = path.resolve(process.argv[2] ?? 'cdktf.out');
fs.rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
const app = new App({ outdir });
addAllExamples(app);
let failure: unknown;
try {
  app.synth();
} catch (e) {
  failure = e;
}
const lines = synthSummary(outdir, Date.now() - started, terminalWidth());
if (failure !== undefined) {
  console.error((failure as Error).message);
  console.error(lines[lines.length - 1]);
  process.exitCode = 1;
} else {
  console.log(lines.join('\n'));
}
