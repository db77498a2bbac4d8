// pooltop's widths against tmux's own: every hostile string of the corpus, made safe, is drawn
// by tmux at exactly the cells pooltop counts for it, and every line pooltop builds from one — a
// table row, a tree line, the ancestry panel, the signal question — is exactly the screen's
// width in tmux at 80, 120 and 200 columns: never wider (it would wrap or be cut), never narrower.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree } from '../../src/model/build-tree.js';
import { formatRow, layoutColumns } from '../../src/model/format-row.js';
import { sanitizeText } from '../../src/model/sanitize.js';
import { cutToWidth, displayWidth, fitWidth } from '../../src/model/text-width.js';
import { treeText } from '../../src/model/tree-text.js';
import { confirmationPrompt } from '../../src/signals/confirm-policy.js';
import { ancestryLines } from '../../src/ui/ancestry-panel.js';
import { row } from '../model/fixtures.js';
import { WIDTH_CORPUS } from '../model/width-corpus.js';
import { PROBE_LIMIT, tmuxWidths } from './tmux-width.js';

const WIDTHS = [80, 120, 200];

/** The texts whose tmux width differs from `expected`, for the failure message. */
function disagreements(texts: readonly string[], measured: readonly number[], expected: (text: string, i: number) => number): string[] {
  const bad: string[] = [];
  texts.forEach((text, i) => {
    if (measured[i] !== expected(text, i)) bad.push(`tmux ${measured[i]}, pooltop ${expected(text, i)}: ${JSON.stringify(text.slice(0, 80))}`);
  });
  return bad;
}

describe('widths pooltop and tmux agree on', { timeout: 120_000 }, () => {
  it(`every corpus string made safe (${WIDTH_CORPUS.length} strings, ${new Set(WIDTH_CORPUS.map((h) => h.class)).size} classes)`, async () => {
    const safe = WIDTH_CORPUS.map((h) => cutToWidth(sanitizeText(h.text), PROBE_LIMIT));
    const measured = await tmuxWidths(safe);
    assert.deepEqual(disagreements(safe, measured, displayWidth), []);
  });

  it('every table row, tree line, ancestry line and signal question built from them, at 80, 120 and 200 columns', async () => {
    const lines: string[] = [];
    const widths: number[] = [];
    for (const width of WIDTHS) {
      const layout = layoutColumns(width);
      WIDTH_CORPUS.forEach((hostile, i) => {
        const parent = row(100 + i, { command: hostile.text, user: hostile.text.slice(0, 12) || 'x' });
        const child = row(10_000 + i, { ppid: parent.pid, command: `${hostile.text} child` });
        const tree = treeText(buildTree([parent, child], { compare: (a, b) => a.pid - b.pid }), (r) => `${String(r.pid).padStart(7)} `, { width });
        const built = [
          formatRow(parent, layout),
          ...tree.map((line) => fitWidth(line, width)),
          ...ancestryLines([parent, child], child.pid).map((line) => fitWidth(line, width)),
          fitWidth(confirmationPrompt('SIGTERM', [parent]), width),
          fitWidth(confirmationPrompt('SIGKILL', [parent, child, parent, child]), width),
        ];
        for (const line of built) {
          lines.push(line);
          widths.push(width);
        }
      });
    }
    const measured = await tmuxWidths(lines);
    assert.deepEqual(
      disagreements(lines, measured, (_, i) => widths[i]!),
      [],
    );
  });
});
