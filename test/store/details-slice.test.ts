import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcessDetails } from '../../src/platform/process-details.js';
import { createAppStore } from '../../src/store/app-store.js';
import { watchDetails, type DetailsReader } from '../../src/store/details-watch.js';
import { detailsLines } from '../../src/ui/details-lines.js';
import { info, sample } from '../model/fixtures.js';

/** Details of `pid` as /proc would give them, with what a test sets. */
function details(pid: number, fields: Partial<ProcessDetails> = {}): ProcessDetails {
  return {
    pid,
    ppid: 1,
    pgrp: pid,
    sid: pid,
    ttyNr: 0,
    tty: null,
    uid: { real: 1000, effective: 1000 },
    gid: { real: 1000, effective: 1000 },
    startTime: 1_000_000 + pid,
    comm: `p${pid}`,
    command: `/usr/bin/p${pid}`,
    exe: null,
    cwd: null,
    state: 'S',
    wchan: null,
    voluntarySwitches: 1,
    involuntarySwitches: 0,
    nice: 0,
    priority: 20,
    policy: 0,
    processor: 0,
    cpuTime: 0,
    cpusAllowed: '0-1',
    cgroup: null,
    oomScore: 0,
    oomScoreAdj: 0,
    signals: { caught: [15], ignored: [2], blocked: [], pending: [] },
    memory: { virt: null, res: null, shr: null, swap: null, pss: null },
    io: { readBytes: 0, writeBytes: 0, rchar: 0, wchar: 0 },
    threads: [{ tid: pid, name: `p${pid}`, state: 'S', cpuTime: 0 }],
    files: [],
    environment: null,
    ...fields,
  };
}

function storeWith(pid: number) {
  const store = createAppStore();
  store.getState().applySample(sample([info(pid)], { monotonic: 0 }), null);
  store.getState().selectPid(pid);
  return store;
}

describe('the details slice and its watcher', () => {
  it('opens on the selected process, reads it at once and again with each sample, with rates between reads', async () => {
    const store = storeWith(42);
    let reads = 0;
    let cpuTime = 0;
    const reader: DetailsReader = {
      read: (pid) => {
        reads++;
        return details(pid, { threads: [{ tid: pid, name: 'p', state: 'R', cpuTime }], io: { readBytes: reads * 1000, writeBytes: 0, rchar: 0, wchar: 0 } });
      },
      ioPriority: async () => 'best-effort 4',
      userName: (uid) => (uid === 1000 ? 'ann' : String(uid)),
    };
    const stop = watchDetails(store, reader);
    store.getState().openDetails();
    assert.equal(store.getState().mode, 'details');
    assert.equal(reads, 1, 'read on open');
    // ionice answers a little later (a spawn the screen does not wait for).
    await new Promise((resolve) => setImmediate(resolve));
    const open = store.getState().details!;
    assert.equal(open.ioPriority, 'best-effort 4');
    assert.deepEqual(open.users, { real: 'ann', effective: 'ann' });
    assert.equal(open.dispositions?.find((d) => d.name === 'SIGTERM')?.disposition, 'caught');
    cpuTime = 0.5;
    // The next read half a second of CPU later: the thread used what the interval allows.
    store.setState({ details: { ...open, readAt: performance.now() - 1000 } });
    store.getState().applySample(sample([info(42)], { monotonic: 1000 }), null);
    assert.equal(reads, 2, 'read with the next sample');
    const next = store.getState().details!;
    assert.ok(Math.abs(next.threadCpu.get(42)! - 50) < 5, `thread CPU% ≈ 50, got ${next.threadCpu.get(42)}`);
    assert.ok(next.ioRate && next.ioRate.read > 900 && next.ioRate.read < 1100, 'about 1000 B/s read');
    stop();
  });

  it('keeps the last values, marked exited, when the process goes or its PID names another', () => {
    const store = storeWith(42);
    let gone = false;
    let other = false;
    const stop = watchDetails(store, {
      read: (pid) => (gone ? null : details(pid, other ? { startTime: 5 } : {})),
      ioPriority: async () => null,
      userName: String,
    });
    store.getState().openDetails();
    gone = true;
    store.getState().applySample(sample([], { monotonic: 1000 }), null);
    assert.equal(store.getState().details?.exited, true);
    assert.equal(store.getState().details?.data?.pid, 42, 'the last read is kept');
    assert.match(detailsLines(store.getState().details!, 80)[0]!.text, /exited/);
    gone = false;
    other = true;
    store.getState().applySample(sample([info(42)], { monotonic: 2000 }), null);
    assert.equal(store.getState().details?.exited, true, 'a reused PID is not the process the view was about');
    stop();
  });

  it('returns to the details view from its signal menu and its affinity menu, scroll kept', () => {
    const store = storeWith(42);
    const stop = watchDetails(store, { read: (pid) => details(pid), ioPriority: async () => null, userName: String });
    store.getState().openDetails();
    store.getState().scrollDetails(7);
    store.getState().openSignal({ targets: [store.getState().details!.target], digits: '', signal: null, prompt: '', origin: 'details' }, 'signal');
    store.getState().setMode('main');
    assert.equal(store.getState().mode, 'details');
    store.getState().openChange({ targets: [store.getState().details!.target], origin: 'details', cpus: [true, true] }, 'affinity');
    store.getState().toggleCpu(1);
    assert.deepEqual(store.getState().changeRequest?.cpus, [true, false]);
    store.getState().closeChange();
    assert.equal(store.getState().mode, 'details');
    assert.equal(store.getState().details?.scroll, 7);
    store.getState().closeDetails();
    assert.equal(store.getState().mode, 'main');
    assert.equal(store.getState().details, null);
    stop();
  });

  it('refuses every change in read-only mode, with a message', () => {
    const store = createAppStore({ readonly: true });
    assert.equal(store.getState().refuseInReadonly('sending signals'), true);
    assert.match(store.getState().message?.text ?? '', /^read-only: sending signals is disabled/);
    assert.equal(createAppStore().getState().refuseInReadonly('x'), false);
  });
});

describe('detailsLines', () => {
  it('shows every section and makes hostile names and environment entries harmless', () => {
    const d = details(7, {
      comm: 'evil\x1b[2J',
      command: 'evil \x1b]0;pwned\x07 --flag',
      environment: ['A=\x1b[31mred'],
      files: [
        { fd: 3, kind: 'pipe', target: 'pipe:[99]', inode: 99, access: 'read' },
        { fd: 4, kind: 'pipe', target: 'pipe:[99]', inode: 99, access: 'write' },
      ],
    });
    const store = storeWith(7);
    const stop = watchDetails(store, { read: () => d, ioPriority: async () => null, userName: String });
    store.getState().openDetails();
    const lines = detailsLines(store.getState().details!, 60);
    const text = lines.map((l) => l.text).join('\n');
    for (const section of ['Identity', 'State and scheduling', 'Signals', 'Memory', 'I/O', 'Threads', 'Open files', 'Environment']) {
      assert.ok(
        lines.some((l) => l.kind === 'heading' && l.text === section),
        section,
      );
    }
    assert.doesNotMatch(text, /\x1b|\x07/, 'no escape reaches the screen');
    assert.match(text, /pipe 99 \(read end; fd 4 is the other end\)/);
    assert.match(text, /SIGTERM: caught — it will run its handler, and may not exit/);
    assert.match(text, /state S — sleeping/);
    stop();
  });
});
