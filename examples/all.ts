// Every example's stacks in one app: what the README's main command synthesizes.
import { App } from 'cdktf';
import { addCustomerExample } from './customer/app';
import { addPartnerExample } from './partner/app';
import { addPrivateExample } from './private/app';

/** Adds every example to the app. */
export function addAllExamples(app: App): void {
  addPartnerExample(app);
  addCustomerExample(app);
  addPrivateExample(app);
}
