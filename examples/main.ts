// The root app of cdktf.json: `npx cdktf synth` runs this.
import { App } from 'cdktf';
import { addAllExamples } from './all';

const app = new App();
addAllExamples(app);
app.synth();
