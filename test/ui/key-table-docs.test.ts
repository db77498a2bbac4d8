// The key table's texts where people read them: the README's key list and the help screen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generatedSections, readSection } from '../../scripts/readme-sections.js';
import { createElement } from 'react';
import { HelpScreen } from '../../src/ui/help-screen.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';
import { plain, renderWithStore } from './render-with-store.js';
import { waitForFrame } from './wait-for-frame.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  it('the help screen draws every key of the key table beside its action', async () => {
    // What the screen draws, not helpLines() (built from the same table, so it could not miss).
    const { lastFrame, unmount } = renderWithStore(createElement(HelpScreen, { width: 220, height: KEY_TABLE.length + 10 }));
    const lines = plain(await waitForFrame(lastFrame, /Press any key to return/, 'the help screen')).split('\n');
    unmount();
    for (const binding of KEY_TABLE) {
      const line = lines.find((l) => l.trimStart().startsWith(`${binding.label} `) && l.includes(binding.help));
      assert.ok(line !== undefined, `help draws ${binding.label} and "${binding.help}" on one line`);
      assert.match(line, new RegExp(`^ ${escapeRegExp(binding.label)} +${escapeRegExp(binding.help)}`), `the key, then its action: ${line}`);
    }
  });

  it("the README's generated sections match the code (run `npm run readme` after changing keys or options)", () => {
    for (const [name, content] of Object.entries(generatedSections())) {
      assert.equal(readSection(README, name), content, `section ${name}`);
    }
  });
});
