import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseProcStat } from '../../src/platform/parse-proc.js';
import { readPidTable } from '../../src/platform/pid-table.js';
import { checkGroup, groupMembersText, sendToGroup, type GroupMember } from '../../src/signals/process-group.js';
import { lookupSignal } from '../../src/signals/signal-table.js';
import { OwnChildren, procState, waitUntil } from './own-children.js';

const linux = process.platform === 'linux';
const SIGINT = lookupSignal('SIGINT')!;

function statOf(pid: number) {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** The members of `pgid` as a confirmation would list them. */
function membersOf(pgid: number): GroupMember[] {
  const table = readPidTable();
  assert.ok(Array.isArray(table));
  return table.filter((n) => n.pgrp === pgid).map(({ pid, startTime, comm }) => ({ pid, startTime, comm }));
}

describe('sendToGroup', { skip: !linux && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  /**
   * A job of our own in a group of its own (detached: setsid), as a shell makes one for a
   * pipeline: the shell leads it and each stage is a member. Resolves once all four are there.
   */
  async function job() {
    const sh = children.spawn('sh', ['-c', 'sleep 30 | sleep 31 | sleep 32'], { detached: true, stdio: 'ignore' });
    // Each stage counted once it sleeps: under load one may still be a forked shell about to exec.
    const settled = (): boolean => {
      const members = membersOf(sh.pid);
      return members.length === 4 && members.every((m) => procState(m.pid)?.state === 'S');
    };
    assert.ok(await waitUntil(settled, 10_000), 'the shell and its three stages are in its group, asleep');
    const members = membersOf(sh.pid);
    for (const m of members) children.adopt(m.pid);
    return { sh, leader: sh.pid, members };
  }

  it('reaches every member of the group, and nothing outside it', async () => {
    const outsider = children.spawn('sleep', ['30'], { stdio: 'ignore' });
    const { sh, leader, members } = await job();
    assert.equal(statOf(leader)?.pgrp, leader);
    const outcome = sendToGroup(leader, 'SIGINT', members);
    assert.equal(outcome.status, 'sent', outcome.text);
    assert.equal(outcome.text, `sent SIGINT (2) to process group ${leader} (4 processes), as Ctrl-C would`);
    assert.deepEqual(await children.exited(sh), { code: null, signal: 'SIGINT' });
    // The stages were re-parented when the shell died, and reaped: none is left.
    assert.ok(await waitUntil(() => members.every((m) => procState(m.pid) === null || procState(m.pid)?.state === 'Z'), 5000), 'every member ended');
    assert.equal(procState(outsider.pid)?.state, 'S', 'the process outside the group still sleeps');
  });

  it('refuses a group that changed since it was listed, and sends nothing', async () => {
    const { leader, members } = await job();
    const outcome = sendToGroup(leader, 'SIGINT', members.slice(0, 2));
    assert.equal(outcome.status, 'reused');
    assert.match(outcome.text, /^refused: group \d+ changed since it was listed \(\d+ joined it\): ask again$/);
    for (const m of members) assert.equal(procState(m.pid)?.state, 'S', `${m.pid} still sleeps`);
    // A member whose PID names another process (another start time) is refused too.
    const moved = members.map((m, i) => (i === 1 ? { ...m, startTime: m.startTime - 1000 } : m));
    assert.match(sendToGroup(leader, 'SIGINT', moved).text, /now names another process/);
  });

  it("never signals group 0, 1, a negative one, pooltop's own or its parent's", () => {
    const own = statOf(process.pid)!.pgrp;
    const parent = statOf(process.ppid)!.pgrp;
    const cases: [unknown, string][] = [
      [0, 'invalid'],
      [1, 'invalid'],
      [-1, 'invalid'],
      [-own, 'invalid'],
      [1.5, 'invalid'],
      ['12', 'invalid'],
      [own, 'protected'],
      [parent, 'protected'],
      [2 ** 40, 'invalid'],
    ];
    for (const [pgid, status] of cases) {
      const outcome = sendToGroup(pgid as number, 'SIGCONT', membersOf(typeof pgid === 'number' && pgid > 1 && pgid < 2 ** 31 ? pgid : 2));
      assert.equal(outcome.status, status, `${String(pgid)}: ${outcome.text}`);
      assert.match(outcome.text, /^refused: /);
    }
    assert.equal(sendToGroup(own, 'SIGCONT', []).text, `refused: group ${own} is pooltop's own`);
  });

  it('says a group with no members is gone, and an unknown signal is refused', () => {
    const check = checkGroup(30_000, SIGINT, undefined, { listProcesses: () => [] });
    assert.deepEqual(check, { ok: false, status: 'gone', reason: 'group 30000 has no members left' });
    assert.equal(sendToGroup(30_000, 'SIGNOPE' as 'SIGINT', []).status, 'invalid');
  });

  it('refuses a group that holds pooltop itself even under another group ID (a lister that lies)', () => {
    const check = checkGroup(30_000, SIGINT, undefined, { listProcesses: () => [{ pid: process.pid, ppid: 1, startTime: 1, comm: 'x', pgrp: 30_000 }] });
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /is pooltop itself/);
  });

  it('lists members for the confirmation, names made safe', () => {
    const members = [1, 2, 3, 4, 5, 6].map((pid) => ({ pid: pid + 100, startTime: 1, comm: pid === 2 ? 'a\u001b[2Jb' : 'sleep' }));
    assert.equal(groupMembersText(members), '101 sleep, 102 a^[[2Jb, 103 sleep, 104 sleep and 2 more');
  });
});
