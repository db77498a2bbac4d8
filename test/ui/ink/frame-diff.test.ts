import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameDiff } from '../../../src/ui/ink/frame-diff.js';
import { styledCells } from '../../../src/ui/ink/styled-cells.js';
import { freshScreen, ScreenModel } from './screen-model.js';

const COLUMNS = 40;
const ROWS = 8;

/** The model after `frames` are drawn one after the other by their diffs, from an unknown screen. */
function drawn(frames: string[][], columns = COLUMNS, rows = ROWS): ScreenModel {
  const screen = new ScreenModel(columns, rows);
  screen.write('garbage on the screen before');
  let previous: string[] | null = null;
  for (const frame of frames) {
    screen.write(frameDiff(previous, frame, columns));
    previous = frame;
  }
  return screen;
}

describe('frameDiff: the bytes from one frame to the next', () => {
  it('clears an unknown screen and draws every line at its row', () => {
    assert.equal(frameDiff(null, ['ab', '', '\x1b[31mc\x1b[39m'], COLUMNS), '\x1b[m\x1b[H\x1b[2Jab\x1b[3H\x1b[31mc\x1b[m');
  });

  it('writes nothing for a frame equal to the one on screen', () => {
    assert.equal(frameDiff(['same', 'lines'], ['same', 'lines'], COLUMNS), '');
  });

  it('writes one changed cell after a move to it', () => {
    assert.equal(frameDiff(['  CPU 12.5', 'x'], ['  CPU 12.7', 'x'], COLUMNS), '\x1b[1;10H7');
  });

  it('rewrites short unchanged stretches between changes rather than moving, and moves past long ones the shortest way', () => {
    assert.equal(frameDiff(['a2345b'], ['A2345B'], COLUMNS), '\x1b[1HA2345B');
    assert.equal(frameDiff(['a23456b'], ['A23456B'], COLUMNS), '\x1b[1HA\x1b[5CB');
    // Down a row and back a column; back to the line's start; absolute where that is shorter.
    assert.equal(frameDiff(['x1', 'x1'], ['x2', 'x2'], COLUMNS), '\x1b[1;2H2\x1b[B\x1b[D2');
    assert.equal(frameDiff(['xxxxxx1', '2'], ['xxxxxx3', '4'], COLUMNS), '\x1b[1;7H3\x1b[B\r4');
    assert.equal(frameDiff(['1', '', '', '', '', '', 'x2'], ['3', '', '', '', '', '', 'x4'], COLUMNS), '\x1b[1H3\x1b[6B4');
    assert.equal(frameDiff(['xxxxxxxx1', '', '', '', '', '', 'x2'], ['xxxxxxxx3', '', '', '', '', '', 'x4'], COLUMNS), '\x1b[1;9H3\x1b[7;2H4');
    // Nothing relative from the last column, where terminals leave the cursor differently.
    assert.equal(frameDiff(['ab', 'cd'], ['aB', 'cD'], 2), '\x1b[1;2HB\x1b[2;2HD');
  });

  it('sets only the style that changes, and resets when one is turned off', () => {
    assert.equal(frameDiff(['\x1b[32mok\x1b[39m'], ['\x1b[31mok\x1b[39m'], COLUMNS), '\x1b[1H\x1b[31mok\x1b[m');
    assert.equal(frameDiff(['xy'], ['\x1b[1;31ma\x1b[22mb'], COLUMNS), '\x1b[1H\x1b[1;31ma\x1b[0;31mb\x1b[m');
    assert.equal(frameDiff(['\x1b[38;5;208mx'], ['\x1b[38;2;1;2;3mx'], COLUMNS), '\x1b[1H\x1b[38;2;1;2;3mx\x1b[m');
  });

  it('erases what a shorter line leaves, in the plain style', () => {
    assert.equal(frameDiff(['abcdef'], ['abc'], COLUMNS), '\x1b[1;4H\x1b[K');
    assert.equal(frameDiff(['\x1b[44mabcdef'], ['\x1b[44mabX'], COLUMNS), '\x1b[1;3H\x1b[44mX\x1b[m\x1b[K');
    assert.equal(frameDiff(['one', 'two'], ['one'], COLUMNS), '\x1b[2H\x1b[K');
  });

  it('erases and rewrites whole a line it is not sure of: wide, combining or emoji characters, other escapes, too wide', () => {
    assert.equal(frameDiff(['名前 a'], ['名前 b'], COLUMNS), '\x1b[1H\x1b[2K名前 b');
    assert.equal(frameDiff(['e\u0301 1'], ['e\u0301 2'], COLUMNS), '\x1b[1H\x1b[2Ke\u0301 2');
    assert.equal(frameDiff(['a'], ['a\x1b]8;;x\x07b'], COLUMNS), '\x1b[1H\x1b[2Ka\x1b]8;;x\x07b\x1b[m');
    assert.equal(frameDiff(['x'.repeat(5)], ['y'.repeat(6)], 5), `\x1b[1H\x1b[2K${'y'.repeat(6)}`);
    for (const unsure of ['☺', '⏎', '\u{1F600}', '\uE0B0', 'a\u0007', '\x1b[4:3mx', '\x1b[38;5mx', '\x1b[53mx']) {
      assert.equal(styledCells(unsure), null, JSON.stringify(unsure));
    }
    for (const sure of ['├─ │└', '▁▂█', '·…→↑×÷½°', '\x1b[1;2;3;4;5;7;8;9;22;23;24;25;27;28;29m']) assert.notEqual(styledCells(sure), null, sure);
  });

  it('scrolls rows that moved together inside a region, then draws what differs', () => {
    const before = ['head', 'p1', 'p2', 'p3', 'p4', 'p5', 'keys'];
    // p2 is gone: p3…p5 move up a row, a new p6 comes in under them.
    assert.equal(frameDiff(before, ['head', 'p1', 'p3', 'p4', 'p5', 'p6', 'keys'], COLUMNS), '\x1b[3;6r\x1b[1S\x1b[r\x1b[6Hp6');
    // A new p0 above: p1…p5 move down a row, over the last one.
    assert.equal(frameDiff(before, ['head', 'p0', 'p1', 'p2', 'p3', 'p4', 'keys'], COLUMNS), '\x1b[2;6r\x1b[1T\x1b[r\x1b[2Hp0');
    // Not when it would move as many rows out of place as it brings in.
    assert.doesNotMatch(frameDiff(['a', 'b', 'c', 'k1', 'k2', 'k3', 'd', 'e'], ['b', 'c', '?', 'k1', 'k2', 'k3', 'e', '?'], COLUMNS), /\d+;\d+r/);
    // Two rows moved are not worth a scroll.
    assert.equal(frameDiff(['a', 'b', 'c'], ['b', 'c', ''], COLUMNS), '\x1b[1Hb\x1b[B\rc\x1b[B\r\x1b[K');
    for (const frames of [
      [before, ['head', 'p1', 'p3', 'p4', 'p5', 'p6', 'keys']],
      [before, ['head', 'p0', 'p1', 'p2', 'p3', 'p4', 'keys']],
      [before, ['p3', 'p4', 'p5', 'keys']],
    ]) {
      assert.equal(drawn(frames).cells(), freshScreen(frames.at(-1)!, COLUMNS, ROWS).cells(), JSON.stringify(frames.at(-1)));
    }
  });

  it('leaves the screen as a fresh draw of the last frame after many random frames', () => {
    // A seeded generator: the same frames every run.
    let seed = 20_261_201;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['a', 'b', ' ', '1', '2', '│', '├─', '名', 'e\u0301', '☺', '·'];
    const styles = ['', '\x1b[31m', '\x1b[1m', '\x1b[44m', '\x1b[38;5;208m', '\x1b[0m', '\x1b[22m', '\x1b[39;49m', '\x1b[7m'];
    const line = (): string => {
      let text = '';
      const length = random(14);
      for (let k = 0; k < length; k++) text += (random(3) === 0 ? styles[random(styles.length)]! : '') + pieces[random(pieces.length)]!;
      return `${text}\x1b[0m`;
    };
    const frames: string[][] = [];
    let frame = Array.from({ length: ROWS }, line);
    let scrolls = 0;
    for (let n = 0; n < 400; n++) {
      frame = frame.map((text) => (random(3) === 0 ? line() : text));
      // Rows gone or new in the middle, the rest moving up or down together.
      const at = random(ROWS);
      const change = random(8);
      if (change === 0) frame = [...frame.slice(0, at), ...frame.slice(at + 1 + random(2)), line(), line()].slice(0, ROWS);
      else if (change === 1) frame = [...frame.slice(0, at), line(), ...frame.slice(at)].slice(0, ROWS);
      // Sometimes fewer lines, as when the frame shrinks.
      frames.push(random(10) === 0 ? frame.slice(0, random(ROWS)) : frame);
    }
    frames.forEach((next, i) => {
      if (i > 0 && /\x1b\[\d+;\d+r/.test(frameDiff(frames[i - 1]!, next, 20))) scrolls++;
    });
    assert.ok(scrolls > 20, `${scrolls} frames scrolled rows`);
    const screen = drawn(frames, 20);
    assert.deepEqual(screen.text(), freshScreen(frames.at(-1)!, 20, ROWS).text());
    assert.equal(screen.cells(), freshScreen(frames.at(-1)!, 20, ROWS).cells());
  });
});
