import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TOP, ProcessChooser, type ProcessSelection } from '../../src/model/process-selection.js';
import { row } from './fixtures.js';

const all: ProcessSelection = { pids: null, user: null, match: null, top: 3 };

describe('ProcessChooser', () => {
  const rows = [
    row(10, { cpu: 5, command: 'python3 train.py' }),
    row(11, { cpu: 50, user: 'bob', command: 'node server.js' }),
    row(12, { cpu: 0, cpuTime: 900, command: 'postgres: writer' }),
    row(13, { cpu: 20, command: 'pooltop-worker 1' }),
    row(14, { cpu: 20, command: 'pooltop-worker 2' }),
    row(15, { cpu: 0, cpuTime: 3, command: 'sleep 100' }),
  ];

  it('keeps the busiest `top`, by CPU% then CPU time then PID', () => {
    const { chosen, matching } = new ProcessChooser(all).choose(rows);
    assert.deepEqual(
      chosen.map((r) => r.pid),
      [11, 13, 14],
    );
    assert.equal(matching, 6);
    // No CPU% yet (the first sample): the most CPU time first.
    const first = new ProcessChooser({ ...all, top: 2 }).choose(rows.map((r) => ({ ...r, cpu: 0 })));
    assert.deepEqual(
      first.chosen.map((r) => r.pid),
      [12, 15],
    );
  });

  it('narrows by PID, user and command-line regex before the cap', () => {
    assert.deepEqual(
      new ProcessChooser({ ...all, pids: new Set([10, 12, 99]) }).choose(rows).chosen.map((r) => r.pid),
      [10, 12],
    );
    assert.deepEqual(
      new ProcessChooser({ ...all, user: 'bob' }).choose(rows).chosen.map((r) => r.pid),
      [11],
    );
    const workers = new ProcessChooser({ ...all, match: /^pooltop-worker \d+$/u, top: 1 }).choose(rows);
    assert.deepEqual(
      workers.chosen.map((r) => r.pid),
      [13],
    );
    assert.equal(workers.matching, 2, 'two match, one fits under --top 1');
  });

  it('chooses none with top 0, and never more than top however many match', () => {
    assert.deepEqual(new ProcessChooser({ ...all, top: 0 }).choose(rows).chosen, []);
    const many = Array.from({ length: 3000 }, (_, i) => row(i + 2, { cpu: i % 7 }));
    assert.equal(new ProcessChooser({ ...all, top: MAX_TOP }).choose(many).chosen.length, MAX_TOP);
  });

  it('chooses the same few from many as sorting them all would', () => {
    // Ties in CPU% and CPU time, so the PID decides some places.
    const many = Array.from({ length: 500 }, (_, i) => row(1000 - i, { cpu: (i * 37) % 11, cpuTime: (i * 13) % 5 }));
    const sorted = [...many].sort((a, b) => b.cpu - a.cpu || b.cpuTime - a.cpuTime || a.pid - b.pid);
    for (const top of [1, 5, 20]) {
      assert.deepEqual(
        new ProcessChooser({ ...all, top }).choose(many).chosen.map((r) => r.pid),
        sorted.slice(0, top).map((r) => r.pid),
        `top ${top}`,
      );
    }
  });

  it('tests a command line against the regex once, however many samples show it', () => {
    let tests = 0;
    const counting = /node/u;
    const original = counting.test.bind(counting);
    counting.test = (text: string) => {
      tests++;
      return original(text);
    };
    const chooser = new ProcessChooser({ ...all, match: counting });
    for (let i = 0; i < 5; i++) chooser.choose(rows);
    assert.equal(tests, rows.length);
  });
});
