// Run this example on its own: `npx cdktf synth` in this folder (see cdktf.json). ACME's rule pack checks every
// channel's source; `npx ts-node --transpile-only reference.ts` prints the pack's rule reference.
import { App } from 'cdktf';
import { addRulePackExample } from './app';

const app = new App();
addRulePackExample(app);
app.synth();
