// `pooltop snapshot --json --columns …` against ps and /proc for processes this test starts: every
// column ps can print (pgid, sid, tty, tpgid, nlwp, min_flt, maj_flt, wchan, lstart, etimes, comm,
// cgroup), and the /proc files of the rest (exe, oom_score, status's switches, statm).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runBin } from './run-bin.js';

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
});

/** A `sleep` of this test's: in its own session (setsid) or in the test's. */
function startSleep(detached: boolean): number {
  const child = spawn('sleep', ['600'], { detached, stdio: 'ignore' });
  children.push(child);
  assert.ok(child.pid !== undefined && child.pid > 1);
  return child.pid;
}

const PS_FIELDS = ['pgid', 'sid', 'tty', 'tpgid', 'nlwp', 'min_flt', 'maj_flt', 'wchan:60', 'etimes', 'comm', 'lstart'] as const;

function ps(pid: number) {
  const out = execFileSync('ps', ['-o', PS_FIELDS.map((f) => `${f}=`).join(','), '-p', String(pid)], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  const cells = out.trim().split(/\s+/);
  const lstart = cells.slice(10).join(' ');
  return {
    pgid: cells[0]!,
    sid: cells[1]!,
    tty: cells[2]!,
    tpgid: cells[3]!,
    nlwp: cells[4]!,
    min_flt: cells[5]!,
    maj_flt: cells[6]!,
    wchan: cells[7]!,
    etimes: cells[8]!,
    comm: cells[9]!,
    lstart,
  };
}

const COLUMNS = 'pgrp,sid,tty,tpgid,nlwp,minflt,majflt,wchan,start,elapsed,comm,cgroup,exe,oom,ctxt,shr,utime,stime,time,ioread,iowrite';

async function snapshot(pids: number[]): Promise<Map<number, Record<string, unknown>>> {
  const result = await runBin(['snapshot', '--json', '--columns', COLUMNS, '-p', pids.join(',')]);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout) as { processes: Record<string, unknown>[] };
  return new Map(doc.processes.map((p) => [p.pid as number, p]));
}

describe('snapshot --columns against ps', { timeout: 60_000 }, () => {
  let own: number;
  let alone: number;
  before(() => {
    own = startSleep(false);
    alone = startSleep(true);
  });

  it('gives each column ps can print the value ps prints', async () => {
    const rows = await snapshot([own, alone]);
    for (const pid of [own, alone]) {
      const row = rows.get(pid);
      assert.ok(row, `PID ${pid} in the snapshot`);
      const p = ps(pid);
      assert.equal(String(row.pgrp), p.pgid, 'PGRP = ps pgid');
      assert.equal(String(row.session), p.sid, 'SID = ps sid');
      assert.equal(row.tty ?? '?', p.tty, 'TTY = ps tty');
      assert.equal(String(row.tpgid ?? -1), p.tpgid, 'TPGID = ps tpgid (null in JSON for none, as ps writes -1)');
      assert.equal(String(row.threads), p.nlwp, 'NLWP = ps nlwp');
      assert.equal(String(row.minorFaults), p.min_flt, 'MINFLT = ps min_flt');
      assert.equal(String(row.majorFaults), p.maj_flt, 'MAJFLT = ps maj_flt');
      assert.equal(row.wchan === '' ? '-' : row.wchan, p.wchan, 'WCHAN = ps wchan');
      assert.ok(Math.abs((row.elapsed as number) - Number(p.etimes)) <= 2, `ELAPSED ${row.elapsed} s ≈ ps etimes ${p.etimes}`);
      assert.ok(Math.abs(Date.parse(row.startTime as string) - Date.parse(p.lstart)) < 1500, `START ${row.startTime} ≈ ps lstart ${p.lstart}`);
      assert.equal(row.name, p.comm, 'COMM = ps comm');
    }
    // The detached one leads a session and a group of its own, without a terminal.
    assert.equal(rows.get(alone)!.pgrp, alone);
    assert.equal(rows.get(alone)!.session, alone);
    assert.equal(rows.get(alone)!.tty, null);
  });

  it('reads the rest from the /proc files they come from', async () => {
    const rows = await snapshot([own]);
    const row = rows.get(own)!;
    assert.equal(row.exe, readlinkSync(`/proc/${own}/exe`));
    assert.equal(row.cgroup, readFileSync(`/proc/${own}/cgroup`, 'utf8').trim().split('\n').join(';'));
    assert.equal(row.oomScore, Number(readFileSync(`/proc/${own}/oom_score`, 'utf8')));
    const status = readFileSync(`/proc/${own}/status`, 'utf8');
    const switches = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    assert.equal(row.contextSwitches, switches('voluntary_ctxt_switches') + switches('nonvoluntary_ctxt_switches'));
    const pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
    assert.equal(row.shared, Number(readFileSync(`/proc/${own}/statm`, 'utf8').split(' ')[2]) * pageSize);
    assert.ok(Math.abs((row.userTime as number) + (row.systemTime as number) - (row.time as number)) < 0.011, 'UTIME+ and STIME+ add up to TIME+');
    // A sleep reads and writes nothing: its rates are 0 B/s, not unknown.
    assert.equal(row.ioReadRate, 0);
    assert.equal(row.ioWriteRate, 0);
  });

  it('draws the same columns as a table, titles first', async () => {
    const result = await runBin(['snapshot', '--columns', 'pid,pgrp,sid,tty,elapsed,comm', '-p', String(alone)]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines.at(-2)!, /^\s+PID\s+PGRP\s+SID TTY\s+ELAPSED COMM$/);
    assert.match(lines.at(-1)!, new RegExp(`^\\s*${alone}\\s+${alone}\\s+${alone} \\?\\s+\\d\\d:\\d\\d sleep\\s*$`));
  });

  it('refuses an unknown column with one line and status 2', async () => {
    const result = await runBin(['snapshot', '--columns', 'pid,bogus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^pooltop snapshot: --columns takes a comma-separated list of columns \(unknown: "bogus"; known: pid, ppid, /);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});
