import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Profiler } from 'react';
import { createAppStore } from '../../src/store/app-store.js';
import { layoutColumns } from '../../src/model/format-row.js';
import { deriveRows } from '../../src/model/process-row.js';
import { cachedRowLine, madeLineCount, ProcessTable, rowLine, titleLine, type RowLook } from '../../src/ui/process-table.js';
import { COLOR_THEME, MONO_THEME } from '../../src/ui/theme.js';
import { info, sample } from '../model/fixtures.js';
import { highlightedPid, plain, renderWithStore } from './render-with-store.js';
import { waitForFrame } from './wait-for-frame.js';

describe('cachedRowLine', () => {
  it('draws a row object again only when how it looks changed', () => {
    const [row] = deriveRows(null, sample([info(7, { command: 'idle' })]));
    const layout = layoutColumns(100);
    const look: RowLook = { selected: false, decoration: undefined, orphan: false, tagged: false, theme: COLOR_THEME };
    const first = cachedRowLine(row!, layout, look);
    assert.equal(first, rowLine(row!, layout, look));
    assert.equal(cachedRowLine(row!, layout, { ...look }), first);
    const variants: RowLook[] = [
      { ...look, selected: true },
      { ...look, tagged: true },
      { ...look, orphan: true },
      { ...look, decoration: { guide: '└─ ', dimmed: false, folded: 0 } },
      { ...look, decoration: { guide: '', dimmed: true, folded: 0 } },
      { ...look, decoration: { guide: '', dimmed: false, folded: 3 } },
      { ...look, theme: MONO_THEME },
    ];
    for (const variant of variants) assert.equal(cachedRowLine(row!, layout, variant), rowLine(row!, layout, variant));
    const narrow = layoutColumns(80);
    assert.equal(cachedRowLine(row!, narrow, look), rowLine(row!, narrow, look));
    assert.equal(cachedRowLine(row!, layout, look), first);
  });

  it('draws the new row of a PID anew, and keeps a bounded number of lines whatever the PIDs', () => {
    const layout = layoutColumns(100);
    const look: RowLook = { selected: false, decoration: undefined, orphan: false, tagged: false, theme: COLOR_THEME };
    const before = sample([info(8, { command: 'busy', cpuTime: 1 })], { monotonic: 0 });
    const after = sample([info(8, { command: 'busy', cpuTime: 2 })], { monotonic: 1000 });
    const [old] = deriveRows(null, before);
    const [busy] = deriveRows(before, after);
    assert.equal(cachedRowLine(old!, layout, look), rowLine(old!, layout, look));
    assert.equal(cachedRowLine(busy!, layout, look), rowLine(busy!, layout, look), 'the same PID, a new row: its own line');
    assert.equal(busy!.cpu, 100);
    assert.notEqual(rowLine(busy!, layout, look), rowLine(old!, layout, look));
    // Churn: every PID a machine ever had, drawn once each.
    const many = deriveRows(null, sample(Array.from({ length: 3000 }, (_, i) => info(1000 + i, { command: `short ${i}` }))));
    for (const row of many) cachedRowLine(row, layout, look);
    assert.ok(madeLineCount() > 0 && madeLineCount() <= 1024, `${madeLineCount()} lines kept`);
    for (const row of many.slice(-5)) assert.equal(cachedRowLine(row, layout, look), rowLine(row, layout, look));
  });
});

describe('ProcessTable', () => {
  it('draws the column titles and one line per visible row, only the visible rows', async () => {
    const store = createAppStore({ sortKey: 'pid' });
    store.getState().setViewport(5);
    store.getState().applySample(sample(Array.from({ length: 50 }, (_, i) => info(100 + i, { command: `job ${i}` }))));
    const { lastFrame, unmount } = renderWithStore(<ProcessTable width={100} height={5} />, store);
    const lines = plain(await waitForFrame(lastFrame, /job 4/)).split('\n');
    // Sorted by PID, ascending: htop's △ in the space after its title.
    assert.match(lines[0] ?? '', /^\s+PID△\s+PPID USER\s+PRI\s+NI\s+VIRT\s+RES\s+SHR S\s+CPU% MEM%\s+TIME\+ CPU Command/);
    assert.equal(lines.length, 6);
    assert.match(lines[1] ?? '', /^\s+100\s+1 ann .* job 0\s*$/);
    assert.match(lines[5] ?? '', /job 4/);
    unmount();
  });

  it("draws the CPU graph column: each process's last refreshes as blocks, filling from the right", async () => {
    const store = createAppStore({ sortKey: 'pid', columns: ['pid', 'cpugraph', 'cpu', 'command'] });
    store.getState().setViewport(5);
    // PID 10 busy a full core from the third refresh on, PID 11 always idle.
    for (let t = 0; t <= 4; t++)
      store.getState().applySample(sample([info(10, { cpuTime: Math.max(0, t - 2) }), info(11, { command: 'idle' })], { monotonic: t * 1000 }));
    const { lastFrame, unmount } = renderWithStore(<ProcessTable width={80} height={5} />, store);
    const lines = plain(await waitForFrame(lastFrame, /idle/)).split('\n');
    assert.match(lines[0] ?? '', /^\s+PID△CPU graph\s+CPU% Command/);
    assert.match(lines[1] ?? '', /^\s+10 {9}██\s+100 /, 'two busy refreshes, at the right');
    assert.match(lines[2] ?? '', /^\s+11 {14}0\.0 idle/, 'an idle process: blank');
    store.getState().applySample(sample([info(10, { cpuTime: 2.5 }), info(11, { command: 'idle' })], { monotonic: 5000 }));
    const next = plain(await waitForFrame(lastFrame, /██▄/, 'the graph moved on')).split('\n');
    assert.match(next[1] ?? '', /^\s+10 {8}██▄\s+50\.0 /);
    unmount();
  });

  it('highlights the selected row and follows its PID when the order changes', async () => {
    const store = createAppStore({ sortKey: 'cpu' });
    store.getState().setViewport(10);
    store.getState().applySample(sample([info(1), info(2), info(3)], { monotonic: 0 }));
    store.getState().moveTo(2);
    const { lastFrame, unmount } = renderWithStore(<ProcessTable width={100} height={10} />, store);
    assert.equal(highlightedPid(await waitForFrame(lastFrame, /PID/)), 3);
    // PID 3 starts using CPU: it moves to the top, and the highlight moves with it.
    store.getState().applySample(sample([info(1), info(2), info(3, { cpuTime: 1 })], { monotonic: 1000 }));
    const moved = await waitForFrame(lastFrame, (frame) => /^\s+3 /.test(plain(frame).split('\n')[1] ?? ''), 'PID 3 on the first row');
    const lines = plain(moved).split('\n');
    assert.match(lines[1] ?? '', /^\s+3 /);
    assert.equal(highlightedPid(moved), 3);
    unmount();
  });

  it('makes hostile command lines harmless', async () => {
    const store = createAppStore();
    store.getState().applySample(sample([info(7, { command: 'x\x1b]0;PWNED\x07\x1b[2J' })]));
    const { lastFrame, unmount } = renderWithStore(<ProcessTable width={100} height={5} />, store);
    const frame = await waitForFrame(lastFrame, /PWNED/);
    assert.ok(!frame.includes('\x1b]'), 'no OSC reaches the terminal');
    assert.ok(!frame.includes('\x1b[2J'), 'no screen clear reaches the terminal');
    assert.match(plain(frame), /x\^\[\]0;PWNED\^G\^\[\[2J/);
    unmount();
  });
});

describe('ProcessTable: threads, new and exited rows, the sideways scroll, the sort mark', () => {
  const layout = layoutColumns(100);
  const look: RowLook = { selected: false, decoration: undefined, orphan: false, tagged: false, theme: COLOR_THEME };
  const [proc, thread] = deriveRows(
    null,
    sample([info(30, { command: 'server --port 80', threads: 2 }), info(31, { threadOf: 30, name: 'worker-a', command: 'server --port 80' })]),
  );

  it("draws a thread's command in htop's thread colour, and its own name when asked", () => {
    assert.doesNotMatch(rowLine(proc!, layout, look), /\x1b\[32mserver/);
    assert.match(rowLine(thread!, layout, look), /\x1b\[32mserver --port 80/);
    assert.match(plain(rowLine(thread!, layout, { ...look, showThreadNames: true })), /\s31 .* worker-a\s*$/);
    assert.match(plain(rowLine(proc!, layout, { ...look, showThreadNames: true })), /server --port 80/);
  });

  it('draws a new row black on green and an exited one black on red; struck through or bold in monochrome', () => {
    assert.match(rowLine(proc!, layout, { ...look, change: 'new' }), /^\x1b\[30;42m/);
    assert.match(rowLine(proc!, layout, { ...look, change: 'gone' }), /^\x1b\[30;41m/);
    assert.match(rowLine(proc!, layout, { ...look, theme: MONO_THEME, change: 'gone' }), /^\x1b\[9m/);
    assert.match(rowLine(proc!, layout, { ...look, theme: MONO_THEME, change: 'new' }), /^\x1b\[1m/);
    assert.equal(plain(rowLine(proc!, layout, { ...look, change: 'new' })), plain(rowLine(proc!, layout, look)), 'the same text');
    assert.match(rowLine(proc!, layout, { ...look, change: 'new', selected: true }), /\x1b\[30;46m/, 'the selection shows over it');
  });

  it('scrolls the command, not the columns before it, and keeps the line its width', () => {
    const line = plain(cachedRowLine(proc!, layout, { ...look, scrollX: 7 }));
    assert.match(line, /^\s+30\s+1 ann .* 0 --port 80\s*$/);
    assert.equal(line.length, 100);
    assert.match(plain(cachedRowLine(proc!, layout, look)), / server --port 80/, 'a scroll of 0 draws anew, not from the cache');
  });

  it("draws the program's base name bold when asked, where it shows after a scroll", () => {
    const [python] = deriveRows(null, sample([info(40, { command: '/usr/bin/python3 -m http.server' })]));
    assert.doesNotMatch(rowLine(python!, layout, look), /\x1b\[1;36mpython3/);
    assert.match(rowLine(python!, layout, { ...look, highlightBaseName: true }), /\/usr\/bin\/\x1b\[1;36mpython3\x1b\[0m -m/);
    assert.match(rowLine(python!, layout, { ...look, highlightBaseName: true, scrollX: 11 }), / 0 \x1b\[1;36mthon3\x1b\[0m -m/);
    assert.match(rowLine(python!, layout, { ...look, theme: MONO_THEME, highlightBaseName: true }), /\/usr\/bin\/\x1b\[1mpython3/);
    assert.equal(plain(rowLine(python!, layout, { ...look, highlightBaseName: true })), plain(rowLine(python!, layout, look)), 'the same text');
  });

  it("marks the sort column's direction with htop's ▽ and △, in colour and in monochrome", async () => {
    for (const theme of [COLOR_THEME, MONO_THEME]) {
      assert.match(plain(titleLine(layout, 'cpu', true, theme, 100)), /CPU%▽MEM%/);
      assert.match(plain(titleLine(layout, 'cpu', false, theme, 100)), /CPU%△MEM%/);
      assert.match(plain(titleLine(layout, 'user', false, theme, 100)), / USER△ /);
      assert.match(plain(titleLine(layout, 'state', true, theme, 100)), / S▽ /);
      assert.equal(plain(titleLine(layout, 'cpu', true, theme, 100)).length, 100);
    }
  });
});

describe('ProcessTable and an unchanged sample', () => {
  it('is not rendered again for a sample in which no process changed, and is for one that changed', async () => {
    const store = createAppStore({ sortKey: 'pid' });
    store.getState().setViewport(5);
    const processes = Array.from({ length: 8 }, (_, i) => info(100 + i, { command: `job ${i}` }));
    store.getState().applySample(sample(processes, { monotonic: 0 }));
    store.getState().applySample(sample(processes, { monotonic: 1000 }));
    let renders = 0;
    const { lastFrame, unmount } = renderWithStore(
      <Profiler id="table" onRender={() => renders++}>
        <ProcessTable width={100} height={5} />
      </Profiler>,
      store,
    );
    try {
      await waitForFrame(lastFrame, (frame) => plain(frame).includes('job 0'));
      const settled = renders;
      for (let t = 2; t <= 4; t++) store.getState().applySample(sample(processes, { monotonic: t * 1000 }));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(renders, settled, 'three unchanged samples: no render');
      const changed = processes.map((p) => (p.pid === 101 ? { ...p, command: 'job renamed' } : p));
      store.getState().applySample(sample(changed, { monotonic: 5000 }));
      await waitForFrame(lastFrame, (frame) => plain(frame).includes('job renamed'));
      assert.ok(renders > settled, 'a changed process renders the table');
    } finally {
      unmount();
    }
  });
});
