import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generatedSections, readSection } from '../../scripts/readme-sections.js';
import { helpLines } from '../../src/ui/help-screen.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the key table in the docs', () => {
  it('the README has every key of the key table with its action', () => {
    for (const binding of KEY_TABLE) {
      for (const label of binding.label.split(' ')) {
        const code = label === '\\' ? '`\\`' : `\`${label}\``;
        assert.ok(README.includes(code), `README shows ${code}`);
      }
      assert.ok(README.includes(binding.help.replace(/\|/g, '\\|')), `README explains: ${binding.help}`);
    }
  });

  it('the help screen has every key of the key table', () => {
    const help = helpLines();
    for (const binding of KEY_TABLE) {
      assert.ok(
        help.some((line) => line.key.trim() === binding.label && line.text === binding.help),
        `help lists ${binding.label}`,
      );
    }
  });

  it("the README's generated sections match the code (run `npm run readme` after changing keys or options)", () => {
    for (const [name, content] of Object.entries(generatedSections())) {
      assert.equal(readSection(README, name), content, `section ${name}`);
    }
  });
});
