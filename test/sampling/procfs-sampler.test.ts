import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
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

  it('keeps stat files open within its budget, reads through them, and closes those of exited processes', async () => {
    const sampler = new ProcfsSampler({ fdBudget: 10_000 });
    const child = spawn('sleep', ['31339'], { stdio: 'ignore' });
    children.push(child);
    const first = await sampler.sample();
    assert.equal(sampler.openStatFiles, sampler.cachedIdentities, 'one descriptor per process seen');
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
        .filter((l) => l.target === `/proc/${child.pid}/stat`)
        .map((l) => l.fd);
    const before = fds();
    const othersBefore = before - sampler.openStatFiles;
    const kept = childStatFds();
    assert.equal(kept.length, 1, 'the stat file of the child is open once');
    const kid1 = (await sampler.sample()).processes.find((p) => p.pid === child.pid);
    assert.equal(kid1?.command, 'sleep 31339');
    assert.deepEqual(childStatFds(), kept, 'a refresh reads through the descriptor it kept');
    // Other tests run beside this one and start processes: the sampler may open their stat
    // files, but nothing else.
    assert.equal(fds() - sampler.openStatFiles, othersBefore, 'a refresh opens nothing but new stat files');
    assert.equal(sampler.openStatFiles, sampler.cachedIdentities);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await sampler.sample();
    assert.equal(sampler.isCached(child.pid!), false);
    assert.equal(sampler.openStatFiles, sampler.cachedIdentities);
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

describe('ProcfsSampler against a fake /proc', () => {
  const root = mkdtempSync(join(tmpdir(), 'pooltop-proc-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const stat = (pid: number, ppid: number, comm: string): string =>
    `${pid} (${comm}) S ${ppid} 1 1 0 -1 0 0 0 0 0 100 50 0 0 20 0 1 0 500 1048576 10 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0`;
  /** A process directory of the fake /proc: its stat line, a status with its uid, its command line. */
  const fakeProcess = (pid: number, ppid: number, comm: string, status: string, cmdline: string): void => {
    mkdirSync(join(root, String(pid)));
    writeFileSync(join(root, String(pid), 'stat'), stat(pid, ppid, comm));
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
    assert.equal(init.rss, 10 * 4096);
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

  it('shows kernel threads (no command line, parent 2) by name in brackets', () => {
    fakeProcess(40, 2, 'kworker/0:1', 'Uid:\t0\t0\t0\t0\n', '');
    const sampler = new ProcfsSampler({ root });
    const kthread = sampler.readProcesses().processes.find((p) => p.pid === 40);
    assert.equal(kthread?.command, '[kworker/0:1]');
    assert.equal(kthread?.kernelThread, true);
  });
});
