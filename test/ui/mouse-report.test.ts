import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClickCounter, DOUBLE_CLICK_MS, scanMouse, type MouseReport } from '../../src/ui/mouse-report.js';

describe('scanMouse', () => {
  it('reads presses, releases and the wheel, at 0-based cells', () => {
    assert.deepEqual(scanMouse('\x1b[<0;10;5M'), { kind: 'report', report: { kind: 'press', button: 0, x: 9, y: 4, modified: false }, length: 10 });
    assert.deepEqual(scanMouse('\x1b[<2;1;1m'), { kind: 'report', report: { kind: 'release', button: 2, x: 0, y: 0, modified: false }, length: 9 });
    assert.equal((scanMouse('\x1b[<64;3;3M') as { report: MouseReport }).report.kind, 'wheel-up');
    assert.equal((scanMouse('\x1b[<65;3;3M') as { report: MouseReport }).report.kind, 'wheel-down');
    assert.equal((scanMouse('\x1b[<16;3;3M') as { report: MouseReport }).report.modified, true, 'Ctrl held');
  });

  it('reads a report at the start of more input, and says how long it is', () => {
    const scan = scanMouse('\x1b[<0;10;5Mq');
    assert.equal(scan.kind === 'report' && scan.length, 10);
  });

  it('acts on nothing for motion, side wheels, extra buttons and cell 0', () => {
    for (const text of ['\x1b[<32;1;1M', '\x1b[<35;1;1M', '\x1b[<66;1;1M', '\x1b[<128;1;1M', '\x1b[<0;0;1M', '\x1b[<64;1;1m']) {
      const scan = scanMouse(text);
      assert.equal(scan.kind === 'report' && scan.report, null, JSON.stringify(text));
    }
  });

  it('waits for the rest of a report cut short', () => {
    for (const text of ['\x1b[<', '\x1b[<0', '\x1b[<0;12', '\x1b[<0;12;']) assert.deepEqual(scanMouse(text), { kind: 'partial' });
  });

  it('drops a broken report through its first wrong byte, and nothing after it', () => {
    assert.deepEqual(scanMouse('\x1b[<0;10;5Xq'), { kind: 'broken', length: 10 });
    assert.deepEqual(scanMouse('\x1b[<0;99999;5Mq'), { kind: 'broken', length: 13 }, 'a column no terminal has: the whole report');
    assert.deepEqual(scanMouse('\x1b[<1234;1;1M'), { kind: 'broken', length: 12 }, 'a button code too long');
    assert.equal(scanMouse(`\x1b[<${'1;'.repeat(20)}`).kind, 'broken', 'no end in sight');
  });
});

describe('ClickCounter', () => {
  const at = (x: number, y: number): MouseReport => ({ kind: 'press', button: 0, x, y, modified: false });

  it('counts two presses on one cell within the time as a double-click, a third as a new click', () => {
    const clicks = new ClickCounter();
    assert.equal(clicks.press(at(3, 4), 1000), false);
    assert.equal(clicks.press(at(3, 4), 1000 + DOUBLE_CLICK_MS), true);
    assert.equal(clicks.press(at(3, 4), 1000 + DOUBLE_CLICK_MS + 10), false);
  });

  it('does not when the second press is elsewhere or late', () => {
    const clicks = new ClickCounter();
    clicks.press(at(3, 4), 0);
    assert.equal(clicks.press(at(4, 4), 10), false);
    assert.equal(clicks.press(at(4, 4), 10 + DOUBLE_CLICK_MS + 1), false);
  });
});
