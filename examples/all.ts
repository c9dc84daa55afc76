// Every example's stacks in one app: what the README's main command synthesizes.
import { App } from 'cdktf';
import { addPartnerExample } from './partner/app';

/** Adds every example to the app. */
export function addAllExamples(app: App): void {
  addPartnerExample(app);
}
