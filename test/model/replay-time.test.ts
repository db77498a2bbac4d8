// Times of a replay in words, and the `g` prompt's input read as a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatClock, formatSpan, formatSpeed, parseGotoTime } from '../../src/model/replay-time.js';

const START = new Date(2026, 11, 1, 23, 30, 15).getTime();
const END = START + 2 * 3_600_000;

describe('replay times', () => {
  it('are written as a clock, a span and a speed', () => {
    assert.equal(formatClock(START), '23:30:15');
    assert.equal(formatSpan(65_900), '1:05');
    assert.equal(formatSpan(3_723_000), '1:02:03');
    assert.equal(formatSpeed(0.5), '½×');
    assert.equal(formatSpeed(16), '16×');
  });

  it('are read from a clock time, past midnight too, or a span from the start', () => {
    assert.equal(parseGotoTime('23:45', START, END), START + 14 * 60_000 + 45_000);
    assert.equal(parseGotoTime('23:30:15', START, END), START);
    assert.equal(parseGotoTime('0:30', START, END), START + 60 * 60_000 - 15_000 + 0, 'the next day');
    assert.equal(parseGotoTime('+90', START, END), START + 90_000);
    assert.equal(parseGotoTime('+1:30', START, END), START + 90_000);
    assert.equal(parseGotoTime('+1:02:03', START, END), START + 3_723_000);
  });

  it('say why not otherwise', () => {
    assert.match(String(parseGotoTime('25:00', START, END)), /no such time of day/);
    assert.match(String(parseGotoTime('3:00', START, END)), /the recording ends at 01:30:15; 3:00 is not in it/);
    assert.match(String(parseGotoTime('soon', START, END)), /type a time of day/);
    assert.match(String(parseGotoTime('+1:2:3:4', START, END)), /type a time of day/);
  });
});
