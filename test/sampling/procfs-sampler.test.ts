import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';

const linux = process.platform === 'linux';

describe('ProcfsSampler on this machine', { skip: !linux && 'needs Linux /proc' }, () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.pid && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  it('lists this process and a child with the right parent, user, state and command line', async () => {
    const child = spawn('sleep', ['31337'], { stdio: 'ignore' });
    children.push(child);
    const sampler = new ProcfsSampler();
    const sample = await sampler.sample();
    const self = sample.processes.find((p) => p.pid === process.pid);
    const kid = sample.processes.find((p) => p.pid === child.pid);
    assert.ok(self && kid, `this process (${Boolean(self)}) and its child (${Boolean(kid)}) in the sample`);
    assert.equal(kid.ppid, process.pid);
    assert.equal(kid.command, 'sleep 31337');
    assert.equal(kid.name, 'sleep');
    assert.match(kid.state, /^[RS]$/);
    assert.equal(self.ppid, process.ppid);
    assert.equal(self.uid, process.getuid?.());
    assert.ok(self.rss > 0 && self.vsz > self.rss, `RSS ${self.rss}, VSZ ${self.vsz}`);
    assert.ok(self.cpuTime > 0);
    assert.ok(Math.abs(kid.startTime - Date.now()) < 60_000, 'start time is a date near now');
    assert.ok(sample.cpus.length >= 1);
    assert.ok(sample.memory.total > 0);
    assert.equal(sample.tasks.total, sample.processes.length);
    sampler.close();
  });

  it('reads a start time that does not change between samples (the PID-reuse check relies on it)', async () => {
    const sampler = new ProcfsSampler();
    const a = (await sampler.sample()).processes.find((p) => p.pid === process.pid);
    const b = (await sampler.sample()).processes.find((p) => p.pid === process.pid);
    assert.equal(a?.startTime, b?.startTime);
    sampler.close();
  });

  it('forgets cached command lines of processes that are gone', async () => {
    const sampler = new ProcfsSampler();
    const child = spawn('sleep', ['31338'], { stdio: 'ignore' });
    children.push(child);
    await sampler.sample();
    assert.equal(sampler.isCached(child.pid!), true);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await sampler.sample();
    assert.equal(sampler.isCached(child.pid!), false);
    sampler.close();
  });

  // A budget that holds two descriptors for each of the machine's processes and those that start
  // meanwhile (a bench beside the tests may have started 10,000 idle ones), within what this
  // process may open: beyond that the test cannot hold.
  const processCount = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
  const fdBudget = Math.max(10_000, 2 * processCount + 2000);
  const openFilesLimit = Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? Number.POSITIVE_INFINITY);
  const fitsNoBudget = fdBudget + 1000 > openFilesLimit && `${processCount} processes need ${fdBudget} descriptors; this process may open ${openFilesLimit}`;

  it('keeps stat and statm files open within its budget, reads through them, and closes those of exited processes', { skip: fitsNoBudget }, async () => {
    const sampler = new ProcfsSampler({ fdBudget });
    const child = spawn('sleep', ['31339'], { stdio: 'ignore' });
    children.push(child);
    const first = await sampler.sample();
    assert.equal(sampler.openStatFiles, 2 * sampler.cachedIdentities, 'two descriptors per process seen');
    // This process's descriptors and the files they name. The sampler opens only /proc files;
    // the runtime's own descriptors (pipes, sockets, eventfds) come and go by themselves, once
    // two fewer at the end of a run on Node 24, so only those on /proc are counted.
    const links = () =>
      readdirSync('/proc/self/fd').map((fd) => {
        try {
          return { fd, target: readlinkSync(`/proc/self/fd/${fd}`) };
        } catch {
          return { fd, target: '' };
        }
      });
    const fds = () => links().filter((l) => l.target.startsWith('/proc/')).length;
    const childStatFds = () =>
      links()
        .filter((l) => l.target === `/proc/${child.pid}/stat` || l.target === `/proc/${child.pid}/statm`)
        .map((l) => l.fd);
    const before = fds();
    const othersBefore = before - sampler.openStatFiles;
    const kept = childStatFds();
    assert.equal(kept.length, 2, 'the stat and statm files of the child are open once each');
    const kid1 = (await sampler.sample()).processes.find((p) => p.pid === child.pid);
    assert.equal(kid1?.command, 'sleep 31339');
    assert.deepEqual(childStatFds(), kept, 'a refresh reads through the descriptor it kept');
    // Other tests run beside this one and start processes: the sampler may open their stat
    // files, but nothing else.
    assert.equal(fds() - sampler.openStatFiles, othersBefore, 'a refresh opens nothing but new stat and statm files');
    assert.equal(sampler.openStatFiles, 2 * sampler.cachedIdentities);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await sampler.sample();
    assert.equal(sampler.isCached(child.pid!), false);
    assert.equal(sampler.openStatFiles, 2 * sampler.cachedIdentities);
    assert.ok(first.processes.length > 0);
    sampler.close();
    assert.equal(sampler.openStatFiles, 0);
    assert.equal(fds(), othersBefore, 'close() releases every descriptor');
  });

  it('keeps no more stat files open than its budget', async () => {
    const sampler = new ProcfsSampler({ fdBudget: 3 });
    const sample = await sampler.sample();
    assert.ok(sample.processes.length > 3);
    assert.equal(sampler.openStatFiles, 3);
    await sampler.sample();
    assert.ok(sampler.openStatFiles <= 3);
    sampler.close();
    const none = new ProcfsSampler({ fdBudget: 0 });
    await none.sample();
    assert.equal(none.openStatFiles, 0);
    none.close();
  });

  it('notices an exec: same PID, new command line', async () => {
    const sampler = new ProcfsSampler();
    // sh replaces itself with sleep when told to (a line on its stdin): same PID, same start
    // time. Each sample is taken once /proc shows the command it must see, so a slow sample on a
    // loaded machine cannot land on the other side of the exec.
    const child = spawn('sh', ['-c', 'read go; exec sleep 31339'], { stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(child);
    await untilCommandLine(child.pid!, 'sh\0-c\0');
    const first = (await sampler.sample()).processes.find((p) => p.pid === child.pid);
    assert.match(first?.command ?? '', /^sh -c/);
    child.stdin.write('go\n');
    await untilCommandLine(child.pid!, 'sleep\x0031339\0');
    const second = (await sampler.sample()).processes.find((p) => p.pid === child.pid);
    assert.equal(second?.command, 'sleep 31339');
    assert.equal(second?.startTime, first?.startTime, 'the same start time: an exec, not a new process');
    sampler.close();
  });
});

/** Waits until /proc/PID/cmdline starts with `prefix` (10 s at most). */
async function untilCommandLine(pid: number, prefix: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    try {
      seen = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      seen = '(gone)';
    }
    if (seen.startsWith(prefix)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`PID ${pid}'s command line is still ${JSON.stringify(seen)}, not ${JSON.stringify(prefix)}…`);
}

describe('ProcfsSampler threads on this machine', { skip: !linux && 'needs Linux /proc' }, () => {
  it('lists a row per thread of this process but its main one, as ps -L does, each under its process', async () => {
    const sampler = new ProcfsSampler();
    const without = await sampler.sample();
    assert.ok(
      without.processes.every((p) => p.threadOf === undefined),
      'no thread rows unless asked',
    );
    // Node's V8 and libuv threads, as ps lists them before and after the sample: those in both were there throughout.
    const psTids = (): number[] =>
      execFileSync('ps', ['-L', '-o', 'tid=', '-p', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((tid) => tid > 0 && tid !== process.pid);
    const before = psTids();
    const sample = await sampler.sample({ threads: true });
    const steady = psTids().filter((tid) => before.includes(tid));
    const rows = sample.processes.filter((p) => p.threadOf === process.pid);
    assert.ok(steady.length >= 2, `${steady.length} threads besides the main one`);
    for (const tid of steady)
      assert.ok(
        rows.some((r) => r.pid === tid),
        `thread ${tid} has a row`,
      );
    assert.ok(!rows.some((r) => r.pid === process.pid), 'the main thread is the process row');
    const self = sample.processes.find((p) => p.pid === process.pid)!;
    for (const row of rows) {
      assert.equal(row.command, self.command);
      assert.equal(row.user, self.user);
      assert.equal(row.ppid, self.ppid);
      assert.equal(row.kernelThread, false);
      assert.equal(row.name, readFileSync(`/proc/${process.pid}/task/${row.pid}/comm`, 'utf8').trim());
      assert.ok(row.startTime >= self.startTime);
    }
    assert.equal(sample.tasks.total, sample.processes.filter((p) => p.threadOf === undefined).length, 'threads are not counted as tasks');
    sampler.close();
  });
});

describe('ProcfsSampler against a fake /proc', () => {
  const root = mkdtempSync(join(tmpdir(), 'pooltop-proc-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const stat = (pid: number, ppid: number, comm: string): string =>
    `${pid} (${comm}) S ${ppid} 1 1 0 -1 0 0 0 0 0 100 50 0 0 20 0 1 0 500 1048576 10 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0`;
  /** A process directory of the fake /proc: its stat line, a status with its uid, its command line. */
  const fakeProcess = (pid: number, ppid: number, comm: string, status: string, cmdline: string): void => {
    mkdirSync(join(root, String(pid)));
    writeFileSync(join(root, String(pid), 'stat'), stat(pid, ppid, comm));
    writeFileSync(join(root, String(pid), 'statm'), '256 10 5 1 0 20 0\n');
    writeFileSync(join(root, String(pid), 'status'), status);
    writeFileSync(join(root, String(pid), 'cmdline'), cmdline);
  };

  it('skips a process that vanished between listing and reading, and counts unreadable ones', () => {
    writeFileSync(join(root, 'stat'), 'cpu 1 2 3\nbtime 1700000000\n');
    fakeProcess(1, 0, 'init', 'Name:\tinit\nUid:\t0\t0\t0\t0\n', '/sbin/init\0');
    // PID 7 "exited": its directory is listed but its files are gone.
    mkdirSync(join(root, '7'));
    // PID 8 cannot be read (hidepid or permissions are simulated by garbage).
    mkdirSync(join(root, '8'));
    writeFileSync(join(root, '8', 'stat'), 'not a stat line');
    mkdirSync(join(root, 'self'));
    const sampler = new ProcfsSampler({ root, passwdPath: join(root, 'passwd') });
    const { processes, unreadable } = sampler.readProcesses();
    assert.deepEqual(
      processes.map((p) => p.pid),
      [1],
    );
    assert.equal(unreadable, 1);
    const init = processes[0]!;
    assert.equal(init.command, '/sbin/init');
    assert.equal(init.user, '0');
    assert.equal(init.cpuTime, 1.5);
    assert.equal(init.startTime, 1700000000 * 1000 + 5000);
    assert.equal(init.rss, 10 * 4096, 'resident pages of statm');
    assert.equal(init.shared, 5 * 4096, 'shared pages of statm');
  });

  it('gives the same object again for an unchanged stat line, and a new one when it changes', () => {
    fakeProcess(50, 1, 'idle', 'Uid:\t0\t0\t0\t0\n', 'idle\0--wait\0');
    const sampler = new ProcfsSampler({ root });
    const find = () => sampler.readProcesses().processes.find((p) => p.pid === 50);
    const first = find();
    assert.equal(find(), first, 'unchanged: the very same object, not a copy');
    writeFileSync(join(root, '50', 'stat'), stat(50, 1, 'idle').replace(' 100 50 ', ' 150 50 '));
    const changed = find();
    assert.notEqual(changed, first);
    assert.equal(changed?.cpuTime, 2);
    assert.equal(changed?.command, 'idle --wait');
    // A new process under the same PID (another start time) is read whole again.
    writeFileSync(join(root, '50', 'stat'), stat(50, 1, 'idle').replace(' 500 ', ' 900 '));
    writeFileSync(join(root, '50', 'cmdline'), 'other\0');
    assert.equal(find()?.command, 'other');
  });

  it("reads an idle process's statm again within 8 refreshes, and a changed process's at once", () => {
    fakeProcess(55, 1, 'sleeper', 'Uid:\t0\t0\t0\t0\n', 'sleeper\0');
    const sampler = new ProcfsSampler({ root });
    const find = () => sampler.readProcesses().processes.find((p) => p.pid === 55)!;
    assert.equal(find().rss, 10 * 4096);
    // Memory taken from it without it running (reclaim): its stat line is as it was.
    writeFileSync(join(root, '55', 'statm'), '256 7 4 1 0 20 0\n');
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) seen.push(find().rss / 4096);
    assert.equal(seen.at(-1), 7, `statm read again within 8 refreshes: ${seen.join(' ')}`);
    assert.ok(seen.indexOf(7) >= 0 && seen.slice(seen.indexOf(7)).every((pages) => pages === 7));
    // It runs and faults pages in: its stat line changes, and statm is read on that refresh.
    writeFileSync(join(root, '55', 'stat'), stat(55, 1, 'sleeper').replace(' 100 50 ', ' 101 50 '));
    writeFileSync(join(root, '55', 'statm'), '256 30 4 1 0 20 0\n');
    assert.equal(find().rss, 30 * 4096);
    sampler.close();
  });

  it("reads threads from /proc/PID/task/TID/stat, with their own name, state and CPU time and their process's command", () => {
    fakeProcess(60, 1, 'server', 'Uid:\t0\t0\t0\t0\n', 'server --port 80\0');
    writeFileSync(join(root, '60', 'stat'), stat(60, 1, 'server').replace(' 20 0 1 0 500 ', ' 20 0 3 0 500 '));
    for (const [tid, comm, state] of [
      [60, 'server', 'S'],
      [61, 'worker-a', 'R'],
      [62, 'worker-b', 'D'],
    ] as const) {
      mkdirSync(join(root, '60', 'task', String(tid)), { recursive: true });
      writeFileSync(join(root, '60', 'task', String(tid), 'stat'), stat(tid, 1, comm).replace(' S 1 ', ` ${state} 1 `).replace(' 100 50 ', ` ${tid} 1 `));
    }
    // A thread listed that ended before its read is skipped.
    mkdirSync(join(root, '60', 'task', '63'));
    const sampler = new ProcfsSampler({ root });
    const rows = sampler.readProcesses({ threads: true }).processes.filter((p) => p.pid === 60 || p.threadOf === 60);
    assert.deepEqual(
      rows.map((r) => [r.pid, r.threadOf, r.name, r.state, r.command]),
      [
        [60, undefined, 'server', 'S', 'server --port 80'],
        [61, 60, 'worker-a', 'R', 'server --port 80'],
        [62, 60, 'worker-b', 'D', 'server --port 80'],
      ],
    );
    assert.ok(rows[1]!.cpuTime > 0 && rows[1]!.cpuTime !== rows[2]!.cpuTime, 'each thread its own CPU time');
    assert.deepEqual(
      sampler.readProcesses().processes.filter((p) => p.threadOf !== undefined),
      [],
      'none unless asked',
    );
    assert.equal(sampler.isCached(61), false, 'threads not read are forgotten');
  });

  it('shows kernel threads (no command line, parent 2) by name in brackets', () => {
    fakeProcess(40, 2, 'kworker/0:1', 'Uid:\t0\t0\t0\t0\n', '');
    const sampler = new ProcfsSampler({ root });
    const kthread = sampler.readProcesses().processes.find((p) => p.pid === 40);
    assert.equal(kthread?.command, '[kworker/0:1]');
    assert.equal(kthread?.kernelThread, true);
  });

  it('reads the files of the columns shown, and only those, keeping one object while none changes', () => {
    fakeProcess(70, 1, 'io', 'Uid:\t0\t0\t0\t0\nvoluntary_ctxt_switches:\t4\nnonvoluntary_ctxt_switches:\t1\n', 'io\0');
    writeFileSync(join(root, '70', 'io'), 'rchar: 1\nwchar: 2\nread_bytes: 4096\nwrite_bytes: 0\n');
    writeFileSync(join(root, '70', 'oom_score'), '7\n');
    writeFileSync(join(root, '70', 'cgroup'), '0::/user.slice\n');
    writeFileSync(join(root, '70', 'wchan'), 'do_nanosleep');
    writeFileSync(join(root, '70', 'statm'), '100 20 5 1 0 10 0\n');
    const sampler = new ProcfsSampler({ root });
    const find = () => sampler.readProcesses().processes.find((p) => p.pid === 70)!;
    const plain = find();
    assert.equal(plain.ioReadBytes, undefined, 'nothing beyond stat until a column needs it');
    assert.equal(plain.pgrp, 1);
    sampler.wantDetails(new Set(['io', 'oom', 'ctxt', 'cgroup', 'wchan', 'exe']));
    const rich = find();
    assert.deepEqual(
      [rich.ioReadBytes, rich.ioWriteBytes, rich.oomScore, rich.contextSwitches, rich.cgroup, rich.wchan, rich.shared, rich.exe],
      [4096, 0, 7, 5, '0::/user.slice', 'do_nanosleep', 5 * 4096, ''],
    );
    assert.equal(find(), rich, 'nothing changed: the same object');
    writeFileSync(join(root, '70', 'io'), 'read_bytes: 8192\nwrite_bytes: 0\n');
    const later = find();
    assert.notEqual(later, rich);
    assert.equal(later.ioReadBytes, 8192);
    rmSync(join(root, '70', 'io'));
    assert.equal(find().ioReadBytes, -1, 'a file that cannot be read: -1, shown as -');
    sampler.wantDetails(new Set());
  });
});
