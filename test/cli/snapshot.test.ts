import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { readBatteries } from '../../src/sampling/battery-files.js';
import { readCpuFrequencies } from '../../src/sampling/cpu-frequency-files.js';
import { readTemperatures } from '../../src/sampling/temperature-files.js';
import { readProc } from '../e2e/proc-table.js';
import { sameProcess, stableProcesses } from './ps-table.js';
import { runBin } from './run-bin.js';

interface JsonProcess {
  pid: number;
  ppid: number;
  user: string;
  state: string;
  command: string;
  cpu: number;
  startTime: string | null;
  [key: string]: unknown;
}

const linux = process.platform === 'linux';

describe('pooltop snapshot', { skip: !linux && 'compares with Linux ps' }, () => {
  let child: ChildProcess;
  before(async () => {
    child = spawn('sleep', ['424242'], { stdio: 'ignore' });
    // Asleep in `sleep` itself (just spawned, it can still be R, with node's command line).
    const deadline = Date.now() + 5000;
    while (readProc(child.pid!)?.state !== 'S' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  after(() => {
    if (child.pid && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints JSON with every documented field', async () => {
    const r = await runBin(['snapshot', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { processes: JsonProcess[]; cpus: unknown[] };
    for (const key of ['time', 'cpus', 'memory', 'swap', 'load', 'uptime', 'tasks', 'processes']) assert.ok(key in doc, key);
    assert.deepEqual(Object.keys(doc.cpus[0] as object), ['user', 'system', 'nice', 'idle']);
    const p = doc.processes.find((x) => x.pid === child.pid);
    assert.ok(p, 'the test child is listed');
    assert.deepEqual(Object.keys(p), [
      'pid',
      'ppid',
      'user',
      'state',
      'priority',
      'nice',
      'threads',
      'vsz',
      'rss',
      'shared',
      'cpu',
      'mem',
      'time',
      'processor',
      'startTime',
      'name',
      'command',
    ]);
    assert.equal(p.ppid, process.pid);
    assert.equal(p.command, 'sleep 424242');
    assert.equal(p.state, 'S');
  });

  it('prints the system meters this machine has, and why not the others', async () => {
    const r = await runBin(['snapshot', '--json']);
    assert.equal(r.code, 0, r.stderr);
    // biome-ignore lint/suspicious/noExplicitAny: the document as parsed, its shape being what is checked
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    assert.ok(doc.disks.devices.length >= 1, 'a whole disk');
    assert.deepEqual(Object.keys(doc.disks.total), ['readBytesPerSecond', 'writeBytesPerSecond']);
    assert.ok(doc.network.interfaces.some((n: { device: string }) => n.device === 'lo'));
    const here = {
      cpuFrequency: 'value' in readCpuFrequencies(),
      temperatures: 'value' in readTemperatures(),
      battery: 'value' in readBatteries(),
    };
    for (const [key, has] of Object.entries(here)) {
      assert.equal(key in doc, has, `${key}: in the JSON as the machine has it`);
      assert.equal(key in (doc.unavailable ?? {}), !has, `${key}: a reason when missing`);
    }
    if (doc.cpuFrequency) assert.equal(doc.cpuFrequency.mhz.length, doc.cpus.length);
  });

  it('agrees with ps on PIDs and PPIDs for the processes both saw', async () => {
    // ps before and after the snapshot; processes that changed in between are not compared.
    const { result: r, stable: theirs } = await stableProcesses(() => runBin(['snapshot', '--json']));
    const ours = new Map((JSON.parse(r.stdout) as { processes: JsonProcess[] }).processes.map((p) => [p.pid, p]));
    let compared = 0;
    for (const p of theirs) {
      const mine = ours.get(p.pid);
      if (!mine || !sameProcess(p, mine.startTime)) continue;
      compared++;
      assert.equal(mine.ppid, p.ppid, `PPID of ${p.pid}`);
    }
    assert.ok(compared >= theirs.length * 0.8 && compared > 10, `compared ${compared} of ${theirs.length}`);
    assert.ok(ours.has(1) && ours.has(child.pid!), `PID 1 and the child ${child.pid} among ${ours.size} PIDs`);
  });

  it('prints a table like top -b, with -p and -s', async () => {
    const r = await runBin(['snapshot', '-p', `1,${child.pid}`, '-s', 'pid']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^pooltop - \d\d:\d\d:\d\d up .*load average/);
    assert.match(r.stdout, /^Tasks: \d+ total/m);
    assert.match(r.stdout, /^%Cpu0:/m);
    const header = lines.findIndex((l) => /^\s+PID\s+PPID USER/.test(l));
    assert.ok(header > 0);
    const rows = lines.slice(header + 1);
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? '', /^\s+1\s+0 /);
    assert.match(rows[1] ?? '', new RegExp(`^\\s+${child.pid}\\s+${process.pid} .*sleep 424242$`));
  });

  it('filters by user in JSON', async () => {
    const r = await runBin(['snapshot', '--json', '-u', 'root']);
    const doc = JSON.parse(r.stdout) as { processes: JsonProcess[] };
    assert.ok(doc.processes.length > 0);
    assert.ok(doc.processes.every((p) => p.user === 'root'));
  });

  it('works with every source', async () => {
    for (const source of ['systeminformation', 'ps-list']) {
      const r = await runBin(['snapshot', '--json', '--source', source, '-p', String(child.pid)], { timeoutMs: 60_000 });
      assert.equal(r.code, 0, `${source}: ${r.stderr}`);
      const doc = JSON.parse(r.stdout) as { processes: JsonProcess[] };
      assert.equal(doc.processes[0]?.pid, child.pid, source);
      assert.equal(doc.processes[0]?.ppid, process.pid, source);
    }
  });
});
