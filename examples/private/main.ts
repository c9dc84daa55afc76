// Run this example on its own: `npx cdktf synth` in this folder (see cdktf.json).
import { App } from 'cdktf';
import { addPrivateExample } from './app';

const app = new App();
addPrivateExample(app);
app.synth();
