// Run this example on its own: `npx cdktf synth` in this folder (see cdktf.json).
import { App } from 'cdktf';
import { addCustomerExample } from './app';

const app = new App();
addCustomerExample(app);
app.synth();
