// Every source's `snapshot --json` against ps, field by field, on processes started with known
// values: a nice of 7, an effective user other than the real one, a known resident size and
// threads, a command line longer than 32 KiB. ps reads them just before and just after the
// snapshot; a field is compared where those two agree. A field the source declares it cannot
// give must be null (unknown), never a made-up 0.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runBin } from './run-bin.js';

interface PsView {
  user: string;
  state: string;
  priority: number;
  nice: number;
  threads: number;
  vsz: number;
  rss: number;
  shared: number;
  time: number;
  processor: number;
  start: number;
  command: string;
  mem: number;
}

/** ps's view of some PIDs (and /proc/[pid]/statm's shared pages, which ps does not show). */
function psView(pids: readonly number[]): Map<number, PsView> {
  const ps = (format: string) =>
    execFileSync('ps', ['-ww', '-p', pids.join(','), '-o', format], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } })
      .split('\n')
      .filter((line) => line.trim() !== '');
  const view = new Map<number, PsView>();
  for (const line of ps('pid=,euser:64=,stat=,priority=,ni=,nlwp=,vsz=,rss=,cputimes=,psr=,pmem=')) {
    const [pid, user, stat, priority, nice, threads, vsz, rss, time, processor, mem] = line.trim().split(/\s+/);
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    view.set(Number(pid), {
      user: user!,
      state: stat![0]!,
      priority: Number(priority),
      nice: Number(nice),
      threads: Number(threads),
      vsz: Number(vsz) * 1024,
      rss: Number(rss) * 1024,
      shared: Number(statm[2]) * 4096,
      time: Number(time),
      processor: Number(processor),
      start: 0,
      command: '',
      mem: Number(mem),
    });
  }
  for (const line of ps('pid=,lstart=')) {
    const [, pid, date] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
    view.get(Number(pid))!.start = Date.parse(date!);
  }
  for (const line of ps('pid=,args=')) {
    const [, pid, args] = /^\s*(\d+) (.*)$/s.exec(line)!;
    view.get(Number(pid))!.command = args!;
  }
  return view;
}

/** The JSON member of each field a source declares (sourceFields). */
const MEMBER: Record<string, keyof PsView | 'startTime'> = {
  user: 'user',
  state: 'state',
  priority: 'priority',
  nice: 'nice',
  threads: 'threads',
  virt: 'vsz',
  res: 'rss',
  shr: 'shared',
  mem: 'mem',
  time: 'time',
  core: 'processor',
  start: 'startTime',
  command: 'command',
};

/** Whether pooltop's value agrees with ps's, allowing for ps's units (whole seconds, a decimal of %). */
function agrees(source: string, field: string, ours: unknown, theirs: PsView, spawnedAt: number, precisionMs: number): boolean {
  switch (field) {
    case 'command':
      // systeminformation runs ps without -ww, which cuts a command line at 4 KiB (its README says so).
      if (source === 'systeminformation' && theirs.command.length > 4096)
        return typeof ours === 'string' && ours.length >= 4000 && theirs.command.startsWith(ours);
      return ours === theirs.command;
    case 'time':
      return (ours as number) >= theirs.time && (ours as number) < theirs.time + 1;
    case 'mem':
      return Math.abs((ours as number) - theirs.mem) <= 0.1;
    case 'start': {
      // Against the moment the test spawned it. ps's lstart is the boot time in whole seconds
      // (btime, up to a second early) plus the start, cut to whole seconds again: up to two
      // seconds early for a source of whole seconds (seen: 1.19 s), never late.
      const start = Date.parse(ours as string);
      return start >= spawnedAt - 50 - 2 * precisionMs && start <= spawnedAt + 50 + precisionMs;
    }
    default:
      return ours === theirs[MEMBER[field] as keyof PsView];
  }
}

describe('snapshot --json against ps, field by field, for each source', { skip: process.platform !== 'linux' && 'compares with Linux ps' }, () => {
  const children: { child: ChildProcess; spawnedAt: number; ready: Promise<void> }[] = [];
  const start = (command: string, args: string[]) => {
    const spawnedAt = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    // Started when it says so (node children print a line once set up); others are ready at once.
    const ready = command === process.execPath ? new Promise<void>((resolve) => child.stdout!.once('data', () => resolve())) : Promise.resolve();
    children.push({ child, spawnedAt, ready });
  };
  const root = process.getuid?.() === 0;
  before(async () => {
    start('nice', ['-n', '7', 'sleep', '4242']);
    if (root) start('setpriv', ['--euid', '65534', 'sleep', '4243']);
    // 64 MiB touched (resident), a worker thread, and a 100 KiB command line (ps shows up to 128 KiB).
    start(process.execPath, [
      '-e',
      // One line: ps shows a newline in a command line as '?'.
      `const b = Buffer.alloc(64 << 20, 1); const { Worker } = require('node:worker_threads'); new Worker('setInterval(() => {}, 1000)', { eval: true }).once('online', () => { process.stdout.write('ready\\n'); setInterval(() => b[0]++, 1000); });`,
      '--',
      'x'.repeat(100 * 1024),
    ]);
    await Promise.all(children.map((c) => c.ready));
    // Exec'd into sleep (nice and setpriv exec their command), asleep.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...psView(children.map((c) => c.child.pid!)).values()].some((p) => p.state !== 'S')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  after(() => {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  for (const source of ['procfs', 'systeminformation', 'ps-list']) {
    it(`${source}: agrees with ps on every field it gives, and gives null for the others`, { timeout: 120_000 }, async () => {
      const pids = children.map((c) => c.child.pid!);
      const disagreements: string[] = [];
      let compared = 0;
      for (let attempt = 0; attempt < 3 && (compared === 0 || disagreements.length > 0); attempt++) {
        disagreements.length = 0;
        compared = 0;
        const before = psView(pids);
        const r = await runBin(['snapshot', '--json', '--source', source, '-p', pids.join(',')], { timeoutMs: 90_000 });
        const after = psView(pids);
        assert.equal(r.code, 0, r.stderr);
        const doc = JSON.parse(r.stdout) as { sourceFields: string[]; processes: Record<string, unknown>[] };
        const precisionMs = source === 'procfs' ? 0 : 1000;
        for (const { child, spawnedAt } of children) {
          const ours = doc.processes.find((p) => p.pid === child.pid);
          assert.ok(ours, `${source} lists ${child.pid}`);
          const [a, b] = [before.get(child.pid!)!, after.get(child.pid!)!];
          for (const [field, member] of Object.entries(MEMBER)) {
            const value = ours[member];
            if (!doc.sourceFields.includes(field)) {
              if (value !== null) disagreements.push(`${child.pid} ${field}: ${JSON.stringify(value)}, but the source says it cannot give it`);
              continue;
            }
            const key = (field === 'start' ? 'start' : member) as keyof PsView;
            if (a[key] !== b[key]) continue; // changed while the snapshot was taken
            compared++;
            if (!agrees(source, field, value, a, spawnedAt, precisionMs)) {
              disagreements.push(
                `${child.pid} ${field}: ${JSON.stringify(value)?.slice(0, 60)} against ps ${JSON.stringify(field === 'start' ? spawnedAt : a[key]).slice(0, 60)}`,
              );
            }
          }
        }
      }
      assert.deepEqual(disagreements, []);
      assert.ok(compared >= children.length * 4, `compared ${compared} fields`);
    });
  }

  it('reads a command line longer than 32 KiB whole', async () => {
    const node = children.find((c) => c.child.spawnargs[0] === process.execPath)!;
    const r = await runBin(['snapshot', '--json', '-p', String(node.child.pid)]);
    const doc = JSON.parse(r.stdout) as { processes: { command: string }[] };
    assert.equal(doc.processes[0]?.command.length, psView([node.child.pid!]).get(node.child.pid!)!.command.length);
    assert.ok(doc.processes[0]!.command.endsWith('x'.repeat(1000)));
  });

  it('finds the process of a thread ID given to -p', async () => {
    const node = children.find((c) => c.child.spawnargs[0] === process.execPath)!;
    const pid = node.child.pid!;
    const tid = execFileSync('ls', [`/proc/${pid}/task`], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .find((t) => t > 0 && t !== pid)!;
    const r = await runBin(['snapshot', '--json', '-p', String(tid)]);
    const doc = JSON.parse(r.stdout) as { processes: { pid: number }[] };
    assert.deepEqual(
      doc.processes.map((p) => p.pid),
      [pid],
    );
  });
});
