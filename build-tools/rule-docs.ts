// Writes docs/validation-rules.md from the rule registry.
import * as fs from 'fs';
import * as path from 'path';
import { renderRuleReference } from '../src/validation/rule-docs';

const file = path.join(__dirname, '..', 'docs', 'validation-rules.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderRuleReference());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
