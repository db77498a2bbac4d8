import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import {
  SIGNAL_MENU,
  SUBTREE,
  answerConfirmation,
  openSignalMenu,
  pauseOrResume,
  requestSignal,
  signalTargets,
  toggleGroupSend,
  type ProcessServices,
} from '../../src/store/signal-actions.js';
import { lookupSignal } from '../../src/signals/signal-table.js';
import { jumpDigits } from '../../src/ui/signal-menu.js';
import { info, sample } from '../model/fixtures.js';
import { OwnChildren, procState, sleepMs, waitUntil } from '../signals/own-children.js';

/**
 * One sample from a sampler closed right after: a procfs sampler keeps descriptors open (up to a
 * quarter of the limit), and samplers left open ran the test process out of them (EMFILE) on a
 * machine with a few thousand processes.
 */
async function sampleOnce() {
  const sampler = new ProcfsSampler();
  try {
    return await sampler.sample();
  } finally {
    sampler.close();
  }
}
import { listFromProcfs } from '../../src/signals/list-descendants.js';

/** The PIDs whose parent is `pid`, from /proc now. */
function childrenOf(pid: number): number[] {
  const listing = listFromProcfs();
  return listing.ok ? listing.nodes.filter((n) => n.ppid === pid).map((n) => n.pid) : [];
}

const linux = process.platform === 'linux';

function services(own: (pid: number) => boolean = () => false) {
  const sent: [number, string][] = [];
  let refreshes = 0;
  const s: ProcessServices = {
    startedByPooltop: own,
    signalSent: (pid, signal) => sent.push([pid, signal]),
    refreshSoon: () => refreshes++,
  };
  return { s, sent, refreshes: () => refreshes };
}

describe('tags', () => {
  function store() {
    const st = createAppStore({ sortKey: 'pid' });
    st.getState().applySample(sample([info(1, { ppid: 0 }), info(10, { ppid: 1 }), info(11, { ppid: 10 }), info(12, { ppid: 11 }), info(20, { ppid: 1 })]));
    return st;
  }

  it('Space tags the selected process and moves down; Space again untags', () => {
    const st = store();
    st.getState().selectPid(10);
    st.getState().toggleTag();
    assert.deepEqual([...st.getState().tags.keys()], [10]);
    assert.equal(st.getState().cursor.pid, 11);
    st.getState().selectPid(10);
    st.getState().toggleTag();
    assert.equal(st.getState().tags.size, 0);
  });

  it('c tags a process with all its descendants, U untags all', () => {
    const st = store();
    st.getState().selectPid(10);
    st.getState().tagWithDescendants();
    assert.deepEqual(
      [...st.getState().tags.keys()].sort((a, b) => a - b),
      [10, 11, 12],
    );
    assert.deepEqual(
      signalTargets(st.getState()).map((t) => t.pid),
      [10, 11, 12],
    );
    st.getState().untagAll();
    assert.equal(st.getState().tags.size, 0);
    assert.deepEqual(
      signalTargets(st.getState()).map((t) => t.pid),
      [10],
    );
  });

  it('drops the tag of a process that exits, or whose PID now names another process', () => {
    const st = store();
    st.getState().selectPid(10);
    st.getState().tagWithDescendants();
    st.getState().applySample(sample([info(1, { ppid: 0 }), info(10, { ppid: 1 }), info(11, { ppid: 10, startTime: 42 })]));
    assert.deepEqual([...st.getState().tags.keys()], [10]);
  });
});

describe('signal menu', () => {
  it('opens with SIGTERM highlighted, lists every signal and the subtree kill', () => {
    const st = createAppStore();
    st.getState().applySample(sample([info(5)]));
    openSignalMenu(st);
    assert.equal(st.getState().mode, 'signal');
    const entry = SIGNAL_MENU[st.getState().menuIndex];
    assert.equal(entry !== SUBTREE && entry?.name, 'SIGTERM');
    for (const name of ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGCONT', 'SIGSTOP', 'SIGTSTP']) {
      assert.ok(
        SIGNAL_MENU.some((e) => e !== SUBTREE && e.name === name),
        name,
      );
    }
    assert.equal(SIGNAL_MENU.at(-1), SUBTREE);
  });

  it('jumps by typed number', () => {
    assert.equal(jumpDigits('', '9'), '9');
    assert.equal(jumpDigits('1', '5'), '15');
    assert.equal(jumpDigits('15', '9'), '9');
    assert.equal(jumpDigits('1', '9'), '19');
    assert.equal(jumpDigits('1', '3'), '13', 'a number not in the list stays as typed');
    assert.equal(jumpDigits('', '7'), '7');
    assert.equal(jumpDigits('7', '1'), '1', 'no number begins with 7: 1 starts a new one');
    assert.equal(jumpDigits('9', '1'), '1');
  });
});

describe('sending from the monitor', { skip: !linux && 'needs Linux /proc' }, () => {
  const own = new OwnChildren();
  after(() => own.cleanup());

  async function storeWithChild() {
    const child = own.spawn('sleep', ['300']);
    // Asleep in `sleep` itself: just spawned, it can still be R (before or in its exec), and the
    // tests below take S afterwards as "no signal reached it".
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'S', 5000), 'sleep 300 is asleep');
    const st = createAppStore({ pids: [child.pid] });
    const sampler = new ProcfsSampler();
    st.getState().applySample(await sampler.sample());
    assert.equal(st.getState().cursor.pid, child.pid);
    return { st, child, sampler };
  }

  it('z pauses and r resumes without asking, and the store sees T after the next sample', async () => {
    const { st, child, sampler } = await storeWithChild();
    const svc = services();
    pauseOrResume(st, svc.s, 'SIGSTOP');
    await waitUntil(() => procState(child.pid)?.state === 'T');
    assert.equal(procState(child.pid)?.state, 'T');
    assert.match(st.getState().message?.text ?? '', /sent SIGSTOP \(19\) to \d+ sleep 300/);
    assert.deepEqual(svc.sent, [[child.pid, 'SIGSTOP']]);
    assert.equal(svc.refreshes(), 1);
    st.getState().applySample(await sampler.sample());
    assert.equal(st.getState().visible[0]?.state, 'T');
    assert.ok((st.getState().sample?.tasks.stopped ?? 0) >= 1);
    pauseOrResume(st, svc.s, 'SIGCONT');
    await waitUntil(() => procState(child.pid)?.state === 'S');
    assert.equal(procState(child.pid)?.state, 'S');
  });

  it('asks before SIGKILL to a process pooltop did not start; n cancels and y sends', async () => {
    const { st, child } = await storeWithChild();
    const svc = services();
    openSignalMenu(st);
    requestSignal(st, svc.s, lookupSignal('SIGKILL')!);
    assert.equal(st.getState().mode, 'confirm');
    assert.match(st.getState().signalRequest?.prompt ?? '', /^Send SIGKILL \(9\) to \d+ sleep 300\? — y to send/);
    answerConfirmation(st, svc.s, false);
    assert.equal(st.getState().mode, 'main');
    assert.match(st.getState().message?.text ?? '', /cancelled/);
    assert.equal(procState(child.pid)?.state, 'S');

    openSignalMenu(st);
    requestSignal(st, svc.s, lookupSignal('SIGKILL')!);
    answerConfirmation(st, svc.s, true);
    const exit = await own.exited(child);
    assert.equal(exit.signal, 'SIGKILL');
    assert.match(st.getState().message?.text ?? '', /sent SIGKILL/);
  });

  it('does not ask for processes pooltop started (pool workers)', async () => {
    const { st, child } = await storeWithChild();
    const svc = services((pid) => pid === child.pid);
    openSignalMenu(st);
    requestSignal(st, svc.s, lookupSignal('SIGTERM')!);
    assert.equal(st.getState().mode, 'main');
    assert.equal((await own.exited(child)).signal, 'SIGTERM');
  });

  it('refuses when the PID now names another process', async () => {
    const { st, child } = await storeWithChild();
    const svc = services(() => true);
    requestSignal(st, svc.s, lookupSignal('SIGTERM')!, [{ pid: child.pid, startTime: 12345, command: 'sleep 300' }]);
    await waitUntil(() => /refused/.test(st.getState().message?.text ?? ''));
    assert.match(st.getState().message?.text ?? '', /refused: PID \d+ now names a different process/);
    assert.equal(st.getState().message?.level, 'error');
    assert.equal(procState(child.pid)?.state, 'S');
  });

  it("compares start times as precisely as the sample's source declares: to the tick, or within seconds", async () => {
    const { st, child, sampler } = await storeWithChild();
    const row = st.getState().rows.find((r) => r.pid === child.pid)!;
    // A whole second 1 to 2 s before the real start: what a source of whole seconds may show.
    const coarse = Math.floor(row.startTime / 1000) * 1000 - 1000;
    const svc = services();
    st.getState().applySample(sample([{ ...row, startTime: coarse }]));
    pauseOrResume(st, svc.s, 'SIGSTOP');
    assert.match(st.getState().message?.text ?? '', /refused: PID \d+ now names a different process/, 'procfs: to the tick');
    const seconds = { startTimePrecisionMs: 1000, cpuTime: false };
    st.getState().applySample(sample([{ ...row, startTime: coarse }], { source: 'ps-list', capabilities: seconds }));
    pauseOrResume(st, svc.s, 'SIGSTOP');
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'T'), 'whole seconds: the same process');
    assert.deepEqual(svc.sent, [[child.pid, 'SIGSTOP']]);
    st.getState().applySample(await sampler.sample());
    pauseOrResume(st, svc.s, 'SIGCONT');
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'S'));
  });

  it('kills a subtree after confirmation', async () => {
    const parent = own.spawn('bash', ['-c', 'sleep 301 & sleep 302 & wait']);
    await waitUntil(() => procState(parent.pid) !== null, 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const st = createAppStore();
    st.getState().applySample(await sampleOnce());
    assert.ok(st.getState().selectPid(parent.pid));
    const kids = st
      .getState()
      .rows.filter((r) => r.ppid === parent.pid)
      .map((r) => r.pid);
    assert.equal(kids.length, 2);
    for (const kid of kids) own.adopt(kid);
    const svc = services();
    openSignalMenu(st);
    requestSignal(st, svc.s, SUBTREE);
    assert.match(st.getState().signalRequest?.prompt ?? '', /^Send SIGKILL \(9\) to \d+ bash .* and all its descendants \(3 processes now\)\? — y to send/);
    answerConfirmation(st, svc.s, true);
    await own.exited(parent);
    assert.ok(await waitUntil(() => kids.every((k) => procState(k) === null || procState(k)?.state === 'Z'), 3000));
    // The root counts: three processes were sent SIGKILL, and the message says so.
    assert.ok(await waitUntil(() => /SIGKILL/.test(st.getState().message?.text ?? '')));
    assert.match(st.getState().message?.text ?? '', new RegExp(`^sent SIGKILL \\(9\\) to ${parent.pid} bash .* and its 2 descendants$`));
    assert.deepEqual(svc.sent.map(([pid]) => pid).sort(), [parent.pid, ...kids].sort());
  });

  it('acts on nothing, and says so, once every tagged process has exited (never on the selected row)', async () => {
    const kept = own.spawn('sleep', ['303']);
    const tagged = own.spawn('sleep', ['304']);
    assert.ok(await waitUntil(() => [kept, tagged].every((c) => procState(c.pid)?.state === 'S'), 5000));
    const st = createAppStore({ pids: [kept.pid, tagged.pid], sortKey: 'pid' });
    const sampler = new ProcfsSampler();
    st.getState().applySample(await sampler.sample());
    assert.ok(st.getState().selectPid(tagged.pid));
    st.getState().toggleTag();
    assert.ok(st.getState().selectPid(kept.pid));
    tagged.kill('SIGKILL');
    await own.exited(tagged);
    st.getState().applySample(await sampler.sample());
    assert.equal(st.getState().tags.size, 0);
    assert.equal(st.getState().cursor.pid, kept.pid, 'the selection is on the untagged sleep');
    const svc = services();
    const gone = /^the tagged processes have all exited: nothing sent \(U untags; then keys act on the selected row\)$/;
    for (const name of ['SIGSTOP', 'SIGCONT'] as const) {
      pauseOrResume(st, svc.s, name);
      assert.match(st.getState().message?.text ?? '', gone, name);
    }
    openSignalMenu(st);
    assert.equal(st.getState().mode, 'main', 'k opens no menu');
    assert.match(st.getState().message?.text ?? '', gone);
    await sleepMs(200);
    assert.equal(procState(kept.pid)?.state, 'S', 'nothing reached the selected sleep');
    assert.deepEqual(svc.sent, []);
    // U forgets the tags: keys act on the selection again.
    st.getState().untagAll();
    pauseOrResume(st, svc.s, 'SIGSTOP');
    assert.ok(await waitUntil(() => procState(kept.pid)?.state === 'T'));
    pauseOrResume(st, svc.s, 'SIGCONT');
    assert.ok(await waitUntil(() => procState(kept.pid)?.state === 'S'));
  });

  it('c on a shell then z asks with the count before pausing the three; r asks again', async () => {
    const shell = own.spawn('sh', ['-c', 'sleep 305 & sleep 306 & wait']);
    let kids: number[] = [];
    assert.ok(
      await waitUntil(() => {
        kids = childrenOf(shell.pid);
        return kids.length === 2 && [shell.pid, ...kids].every((pid) => procState(pid)?.state === 'S');
      }, 5000),
    );
    for (const kid of kids) own.adopt(kid);
    const st = createAppStore({ pids: [shell.pid, ...kids], sortKey: 'pid' });
    st.getState().applySample(await sampleOnce());
    assert.ok(st.getState().selectPid(shell.pid));
    st.getState().tagWithDescendants();
    assert.deepEqual([...st.getState().tags.keys()].sort(), [shell.pid, ...kids].sort());
    const svc = services();
    pauseOrResume(st, svc.s, 'SIGSTOP');
    assert.equal(st.getState().mode, 'confirm');
    assert.match(st.getState().signalRequest?.prompt ?? '', new RegExp(`^Send SIGSTOP \\(19\\) to 3 processes: ${shell.pid} sh -c .* — y to send`));
    await sleepMs(100);
    assert.ok(
      [shell.pid, ...kids].every((pid) => procState(pid)?.state === 'S'),
      'nothing is paused before y',
    );
    answerConfirmation(st, svc.s, true);
    assert.ok(await waitUntil(() => [shell.pid, ...kids].every((pid) => procState(pid)?.state === 'T')));
    assert.match(st.getState().message?.text ?? '', /^SIGSTOP: sent to 3$/);
    pauseOrResume(st, svc.s, 'SIGCONT');
    assert.match(st.getState().signalRequest?.prompt ?? '', /^Send SIGCONT \(18\) to 3 processes:/);
    answerConfirmation(st, svc.s, true);
    assert.ok(await waitUntil(() => [shell.pid, ...kids].every((pid) => procState(pid)?.state === 'S')));
  });
});

describe('signal menu: to the process group (g)', { skip: !linux && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('lists the group in the question, and y sends SIGINT to every member, as Ctrl-C would', async () => {
    // A job of our own in a group of its own (setsid), as a shell makes one for a pipeline.
    const sh = children.spawn('sh', ['-c', 'sleep 30 | sleep 31'], { detached: true, stdio: 'ignore' });
    const outsider = children.spawn('sleep', ['30'], { stdio: 'ignore' });
    const sampler = new ProcfsSampler();
    // One sampler for every poll (see sampleOnce).
    const members = () => sampler.readProcesses().processes.filter((p) => p.pgrp === sh.pid);
    // Both stages forked and each exec'd sleep (a stage is an sh for a moment after its fork).
    const ready = () => {
      const now = members();
      return now.length === 3 && now.filter((p) => p.name === 'sleep').length === 2;
    };
    assert.ok(await waitUntil(ready, 5000), 'the shell and both stages, each sleeping, are in its group');
    for (const m of members()) children.adopt(m.pid);
    const st = createAppStore({ pids: [sh.pid, outsider.pid], sortKey: 'pid' });
    st.getState().applySample(await sampler.sample());
    st.getState().selectPid(sh.pid);
    openSignalMenu(st);
    toggleGroupSend(st);
    assert.deepEqual(
      st
        .getState()
        .signalRequest?.group?.members.map((m) => m.pid)
        .sort(),
      members()
        .map((m) => m.pid)
        .sort(),
    );
    const svc = services();
    requestSignal(st, svc.s, lookupSignal('SIGINT')!);
    assert.equal(st.getState().mode, 'confirm');
    assert.match(
      st.getState().signalRequest?.prompt ?? '',
      new RegExp(`^Send SIGINT \\(2\\) to process group ${sh.pid} \\(3 processes: ${sh.pid} sh, \\d+ sleep, \\d+ sleep\\), as Ctrl-C would\\? — y to send`),
    );
    answerConfirmation(st, svc.s, true);
    assert.match(st.getState().message?.text ?? '', new RegExp(`^sent SIGINT \\(2\\) to process group ${sh.pid} \\(3 processes\\)`));
    assert.deepEqual(await children.exited(sh), { code: null, signal: 'SIGINT' });
    assert.ok(await waitUntil(() => members().length === 0, 5000), 'no member is left');
    assert.equal(procState(outsider.pid)?.state, 'S');
  });

  it("refuses at g when the group is pooltop's own, and g again goes back to the process", async () => {
    const own = children.spawn('sleep', ['30'], { stdio: 'ignore' });
    const st = createAppStore({ pids: [own.pid] });
    st.getState().applySample(await sampleOnce());
    openSignalMenu(st);
    toggleGroupSend(st);
    assert.equal(st.getState().signalRequest?.group ?? null, null);
    assert.match(st.getState().message?.text ?? '', /^process group \d+: group \d+ is pooltop's own$/);
  });
});
