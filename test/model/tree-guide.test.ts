import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree } from '../../src/model/build-tree.js';
import { ELISION, fitGuide, GUIDE } from '../../src/model/tree-guide.js';
import { displayWidth } from '../../src/model/text-width.js';

/** The guide of a line `depth` deep whose ancestors alternate between having later siblings and not. */
function guideAt(depth: number, last = false): string {
  let guide = '';
  for (let level = 1; level < depth; level++) guide += level % 2 === 0 ? GUIDE.pass : GUIDE.blank;
  return guide + (last ? GUIDE.lastBranch : GUIDE.branch);
}

/** The number in the marker and the levels drawn after it. */
function parse(fitted: string): { hidden: number; rest: string } {
  const match = /^⋯(\d+) (.*)$/su.exec(fitted);
  assert.ok(match, `no marker in ${JSON.stringify(fitted)}`);
  return { hidden: Number(match[1]), rest: match[2] ?? '' };
}

describe('fitGuide', () => {
  it('returns a guide that fits unchanged', () => {
    assert.equal(fitGuide('│  ├─ ', 6), '│  ├─ ');
    assert.equal(fitGuide('', 10), '');
    assert.equal(fitGuide(GUIDE.foldedRoot, 40), '+ ');
  });

  it('fits a guide 200 deep into 40 cells, keeping the innermost levels', () => {
    const guide = guideAt(200);
    assert.equal(displayWidth(guide), 600);
    const fitted = fitGuide(guide, 40);
    assert.ok(displayWidth(fitted) <= 40, fitted);
    assert.ok(fitted.startsWith(ELISION));
    assert.ok(fitted.endsWith(GUIDE.branch), 'innermost branch kept');
    const { hidden, rest } = parse(fitted);
    // The levels drawn are exactly the innermost ones of the original, and none is lost.
    assert.equal(rest, guide.slice(hidden * 3));
    assert.equal(hidden + rest.length / 3, 200);
    assert.ok(rest.length / 3 >= 6, 'uses the room it has');
  });

  it('never exceeds the budget and keeps the innermost branch whenever 3 cells are there', () => {
    for (const depth of [1, 2, 5, 13, 99, 100, 101, 200, 1000, 12_345]) {
      const guide = guideAt(depth, depth % 2 === 0);
      const innermost = guide.slice(-3);
      for (let budget = 0; budget <= 90; budget++) {
        const fitted = fitGuide(guide, budget);
        assert.ok(displayWidth(fitted) <= budget, `depth ${depth} budget ${budget}: ${fitted}`);
        if (budget >= 3) assert.ok(fitted.endsWith(innermost), `depth ${depth} budget ${budget}`);
        if (budget >= 3 * depth) assert.equal(fitted, guide);
      }
    }
  });

  it('keeps neighbouring depths aligned as a staircase within a step', () => {
    const lines = buildTree(
      Array.from({ length: 300 }, (_, k) => ({ pid: k + 1, ppid: k })),
      { compare: (a, b) => a.pid - b.pid },
    );
    const fitted = lines.map((l) => fitGuide(l.guide, 40));
    let staircase = 0;
    const hidden = (s: string): number => (s.startsWith(ELISION) ? parse(s).hidden : 0);
    for (const [d, line] of fitted.entries()) {
      const above = fitted[d - 1];
      if (above === undefined) continue;
      if (hidden(line) === hidden(above)) {
        // Same levels hidden: the child is drawn one level right of its parent.
        assert.equal(displayWidth(line), displayWidth(above) + 3, `depth ${d}`);
        staircase++;
      } else {
        assert.ok(hidden(line) > hidden(above), 'hides more as it goes deeper');
      }
    }
    assert.ok(staircase > fitted.length / 2, 'mostly aligned');
  });

  it('keeps the innermost level alone, or cut, when the marker leaves no room', () => {
    const guide = guideAt(200, true);
    assert.equal(fitGuide(guide, 6), '└─ ');
    assert.equal(fitGuide(guide, 2), '└─');
    assert.equal(fitGuide(guide, 0), '');
    assert.equal(fitGuide(guide, -5), '');
  });

  it("shows a folded line's mark when elided", () => {
    const guide = GUIDE.pass.repeat(50) + GUIDE.lastFoldedBranch;
    assert.ok(fitGuide(guide, 20).endsWith('└+ '));
    assert.equal(fitGuide(GUIDE.foldedRoot, 1), '+');
  });

  it('cuts a guide not drawn with its glyphs by display width', () => {
    assert.equal(fitGuide('>>漢字', 4), '>>漢');
    assert.equal(fitGuide('>>漢字', 5), '>>漢 ');
    assert.equal(fitGuide('>>漢字', 6), '>>漢字');
  });
});
