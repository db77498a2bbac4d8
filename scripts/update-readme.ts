// Rewrites the generated parts of README.md from the code: the key table (from src/ui/key-table.ts)
// and the command-line help (from src/cli/help-text.ts). `npm run readme`; a test checks them.
import { readFileSync, writeFileSync } from 'node:fs';
import { generatedSections, replaceSections } from './readme-sections.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = replaceSections(before, generatedSections());
if (after !== before) {
  writeFileSync(path, after);
  console.log('README.md: generated sections updated');
} else {
  console.log('README.md: generated sections already up to date');
}
