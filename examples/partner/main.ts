// Run this example on its own: `npx cdktf synth` in this folder (see cdktf.json).
import { App } from 'cdktf';
import { addPartnerExample } from './app';

const app = new App();
addPartnerExample(app);
app.synth();
