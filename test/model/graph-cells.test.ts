import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphCells, shadedGraphCells, sparkline, type GraphStyle } from '../../src/model/graph-cells.js';
import { displayWidth } from '../../src/model/text-width.js';

const text = (rows: ReturnType<typeof graphCells>): string[] => rows.map((r) => r.map((c) => c.char).join(''));
const FULL_BRAILLE = '⣿';

describe('graphCells', () => {
  it('draws nothing for no data, and blanks for NaN', () => {
    assert.deepEqual(graphCells([], 1, 2, 'braille'), [[], []]);
    assert.deepEqual(text(graphCells([NaN, NaN, NaN, NaN], 1, 1, 'braille')), ['  ']);
    assert.deepEqual(text(graphCells([NaN, NaN], 1, 1, 'block')), ['  ']);
  });

  it('fills every dot at 100 %, braille two points a cell', () => {
    assert.deepEqual(text(graphCells([1, 1, 1, 1], 1, 2, 'braille')), [FULL_BRAILLE.repeat(2), FULL_BRAILLE.repeat(2)]);
    assert.deepEqual(text(graphCells([1, 1, 1], 1, 1, 'block')), ['███']);
  });

  it('draws 0 % as empty, and anything above 0 as at least one mark', () => {
    assert.deepEqual(text(graphCells([0, 0], 1, 1, 'braille')), [' ']);
    assert.deepEqual(text(graphCells([0.001, 0], 1, 1, 'braille')), ['⡀']);
    assert.deepEqual(text(graphCells([0.001], 1, 1, 'block')), ['▁']);
  });

  it('shows one spike in its own column, at its height', () => {
    const points = [0, 0, 0, 1, 0, 0];
    assert.deepEqual(text(graphCells(points, 1, 2, 'braille')), [' ⢸ ', ' ⢸ ']);
    assert.deepEqual(text(graphCells([0, 0.5, 0], 1, 2, 'block')), ['   ', ' █ ']);
  });

  it('treats negatives as 0 and cuts totals above 100 % at full', () => {
    assert.deepEqual(text(graphCells([-5, 7, -Infinity, Infinity], 1, 1, 'braille')), ['⢸⢸']);
    assert.deepEqual(text(graphCells([0.8, 0.8], 2, 1, 'block')), ['█']);
  });

  it('colours a cell by the segment at its top: nice, user, system stacked', () => {
    // One point: 25 % nice, 25 % user, 50 % system, 4 rows of blocks (32 levels).
    const rows = graphCells([0.25, 0.25, 0.5], 3, 4, 'block');
    assert.deepEqual(
      rows.map((r) => r[0]!.segment),
      [2, 2, 1, 0],
    );
    assert.equal(graphCells([0, 0, 0], 3, 1, 'block')[0]![0]!.segment, -1);
  });

  it('in braille, the newer point of a cell gives its colour', () => {
    const [row] = graphCells([0.9, 0, 0, 0.9], 2, 1, 'braille');
    assert.equal(row![0]!.segment, 1);
  });

  for (const style of ['braille', 'block'] as GraphStyle[]) {
    it(`${style}: every width from 1 to 300 cells is exactly that wide, one cell a character`, () => {
      const per = style === 'braille' ? 2 : 1;
      for (let width = 1; width <= 300; width++) {
        const points = Array.from({ length: width * per }, (_, i) => (Math.sin(i) + 1) / 2);
        const rows = graphCells(points, 1, 3, style);
        assert.equal(rows.length, 3);
        for (const line of text(rows)) assert.equal(displayWidth(line), width, `${style} width ${width}`);
      }
    });
  }

  it('rises with the value: more dots for more load', () => {
    const dots = (v: number): number => {
      const [row] = graphCells([v, v], 1, 1, 'braille');
      const code = row![0]!.char === ' ' ? 0 : row![0]!.char.codePointAt(0)! - 0x2800;
      return code
        .toString(2)
        .split('')
        .filter((b) => b === '1').length;
    };
    assert.deepEqual([0, 0.25, 0.5, 0.75, 1].map(dots), [0, 2, 4, 6, 8]);
  });
});

describe('sparkline', () => {
  it('draws one block a value, eight levels, blanks for NaN', () => {
    assert.equal(sparkline([0, 0.125, 0.25, 0.5, 0.75, 1, NaN, 2, -1]), ' ▁▂▄▆█ █ ');
  });
});

describe('shadedGraphCells', () => {
  const SHADES = ['█', '▓', '░'];
  const rows = (points: number[], height: number) => text(shadedGraphCells(points, 3, height, SHADES));

  it('is empty without points, blank for NaN, and at least one mark above 0', () => {
    assert.deepEqual(shadedGraphCells([], 3, 2, SHADES), [[], []]);
    assert.deepEqual(rows([NaN, NaN, NaN], 1), [' ']);
    assert.deepEqual(rows([0.001, 0, 0], 2), [' ', '▁']);
  });

  it('draws each whole cell in the shade of the part filling most of it, the top in eighth blocks', () => {
    // used 1/3, shared 1/12, cache 1/3 of three rows: used's row, shared and cache sharing the middle (cache more), cache's top.
    assert.deepEqual(rows([1 / 3, 1 / 12, 1 / 3], 3), ['▂', '░', '█']);
    const cells = shadedGraphCells([1 / 3, 1 / 12, 1 / 3], 3, 3, SHADES);
    assert.deepEqual(
      cells.map((r) => r[0]!.segment),
      [2, 2, 0],
    );
  });

  it('fills at 100 % and cuts above it; negatives count as nothing', () => {
    assert.deepEqual(rows([0.5, 0.5, 0.5], 2), ['▓', '█']);
    assert.deepEqual(rows([2, -1, 0], 2), ['█', '█']);
    assert.deepEqual(rows([-1, -1, -1], 1), [' ']);
  });

  it('shows one spike in its own column', () => {
    const points = [0, 0, 0, 1, 0, 0, 0, 0, 0];
    assert.deepEqual(rows(points, 2), [' █ ', ' █ ']);
  });

  it('is one cell a point at any width from 1 to 300', () => {
    for (const width of [1, 2, 7, 80, 300]) {
      const points = Array.from({ length: width * 3 }, (_, i) => (i % 3 === 0 ? i / 3 / width : 0.01));
      for (const line of rows(points, 3)) assert.equal(displayWidth(line), width, `width ${width}`);
    }
  });
});
