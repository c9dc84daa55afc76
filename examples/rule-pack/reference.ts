// Prints ACME's rule reference (Markdown, in the form of the library's docs/validation-rules.md).
import { acmeRulePack } from './acme-rules';

process.stdout.write(acmeRulePack().renderReference());
