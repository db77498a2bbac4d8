import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { killTree } from '../../src/signals/kill-tree.js';
import { descendantsOf, listFromProcfs, type ProcessListing } from '../../src/signals/list-descendants.js';
import { readProcessIdentity } from '../../src/platform/process-identity.js';
import { firstLine, OwnChildren, procState, waitUntil } from './own-children.js';

const linux = process.platform === 'linux';
const here = dirname(fileURLToPath(import.meta.url));
const { SIGCONT, SIGKILL, SIGSTOP } = constants.signals;
const hasPython = spawnSync('python3', ['-c', 'import ctypes'], { stdio: 'ignore' }).status === 0;

/** The PIDs under `root`, once the tree has `count` of them. */
async function descendantPids(root: number, count: number): Promise<number[]> {
  let pids: number[] = [];
  await waitUntil(() => {
    const listing = listFromProcfs();
    pids = listing.ok ? descendantsOf(root, listing.nodes).map((n) => n.pid) : [];
    return pids.length >= count && pids.every((pid) => procState(pid)?.state === 'S');
  });
  return pids;
}

describe('killTree', { skip: !linux && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('ends a three-level subtree (bash → bash → sleep): none of the three remains', async () => {
    // "; :" keeps each bash from exec'ing its last command, so the tree really has three levels.
    const tree = ['bash', '-c', 'bash -c "sleep 30; :"; :'];
    let root: number;
    let reaper: ReturnType<OwnChildren['spawn']> | null = null;
    if (hasPython) {
      // PID 1 here never reaps orphans: a subreaper parent reaps the middle bash and the sleep.
      reaper = children.spawn('python3', [join(here, 'fixtures', 'subreaper.py'), ...tree]);
      root = Number(await firstLine(reaper));
      children.adopt(root);
    } else {
      root = children.spawn(tree[0] as string, tree.slice(1)).pid;
    }
    const below = await descendantPids(root, 2);
    for (const pid of below) children.adopt(pid);
    assert.equal(below.length, 2);
    const row = new ProcfsSampler().readProcesses().processes.find((p) => p.pid === root);
    assert.ok(row);

    const outcome = await killTree({ ...row, exactStartTime: true }, 'SIGKILL');
    assert.equal(outcome.status, 'sent');
    assert.equal(outcome.text, `sent SIGKILL (${SIGKILL}) to ${root} bash -c bash -c "sleep 30; :"; : and its 2 descendants`);
    assert.deepEqual(
      outcome.members.map((m) => [m.pid, m.status, m.identityCheck]),
      [
        [below[0], 'sent', 'exact'],
        [below[1], 'sent', 'exact'],
      ],
    );
    const all = [root, ...below];
    // Without a subreaper the orphans stay zombies of PID 1: dead, but still listed in /proc.
    const ended = (pid: number): boolean => (hasPython ? procState(pid) === null : (procState(pid)?.state ?? 'Z') === 'Z');
    assert.ok(await waitUntil(() => all.every(ended), 2000), `still there: ${all.filter((pid) => !ended(pid)).join(' ')}`);
    if (reaper) assert.deepEqual(await children.exited(reaper), { code: 0, signal: null });
  });

  it('pauses and resumes a subtree', async () => {
    const root = children.spawn('bash', ['-c', 'sleep 30; :']);
    const [sleeper] = await descendantPids(root.pid, 1);
    assert.ok(sleeper);
    children.adopt(sleeper);
    const target = { pid: root.pid, startTime: 0, command: 'bash' };
    assert.equal((await killTree(target, 'SIGSTOP')).text, `sent SIGSTOP (${SIGSTOP}) to ${root.pid} bash and its descendant`);
    assert.ok(await waitUntil(() => procState(root.pid)?.state === 'T' && procState(sleeper)?.state === 'T'));
    assert.equal((await killTree(target, SIGCONT)).status, 'sent');
    assert.ok(await waitUntil(() => procState(root.pid)?.state === 'S' && procState(sleeper)?.state === 'S'));
  });

  it('refuses the whole tree when pooltop is inside it, sending nothing', async () => {
    const root = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => procState(root.pid)?.state === 'S'));
    const start = readProcessIdentity(root.pid);
    assert.ok(typeof start === 'object');
    // A made-up table in which pooltop (and its parent) descend from our child.
    const listing: ProcessListing = {
      ok: true,
      exact: true,
      nodes: [
        { pid: process.ppid, ppid: root.pid, startTime: 0, comm: 'sh' },
        { pid: process.pid, ppid: process.ppid, startTime: 0, comm: 'node' },
      ],
    };
    // SIGSTOP would show: the child would be in state T if anything had been sent.
    const outcome = await killTree({ pid: root.pid, startTime: start.startTime, command: 'sleep 30', exactStartTime: true }, 'SIGSTOP', {
      listProcesses: async () => listing,
    });
    assert.equal(outcome.status, 'protected');
    assert.equal(outcome.text, `refused: pooltop runs inside the subtree of ${root.pid} sleep 30`);
    assert.deepEqual(outcome.members, []);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(procState(root.pid)?.state, 'S');
  });

  it('refuses a descendant whose PID was reused after the listing', async () => {
    const root = children.spawn('bash', ['-c', 'sleep 30; :']);
    const [sleeper] = await descendantPids(root.pid, 1);
    assert.ok(sleeper);
    children.adopt(sleeper);
    const listing = listFromProcfs();
    assert.ok(listing.ok);
    // The listing says the sleep started a second earlier than it did: a different process.
    const stale = listing.nodes.map((n) => (n.pid === sleeper ? { ...n, startTime: n.startTime - 1000 } : n));
    const outcome = await killTree({ pid: root.pid, startTime: 0, command: 'bash' }, 'SIGSTOP', {
      listProcesses: async () => ({ ok: true, exact: true, nodes: stale }),
    });
    assert.equal(outcome.status, 'sent');
    assert.deepEqual(
      outcome.members.map((m) => m.status),
      ['reused'],
    );
    assert.equal(outcome.text, `sent SIGSTOP (${SIGSTOP}) to ${root.pid} bash; descendants: 1 refused, PID now names another process (${sleeper})`);
    assert.ok(await waitUntil(() => procState(root.pid)?.state === 'T'));
    assert.equal(procState(sleeper)?.state, 'S');
  });

  it('refuses invalid roots before listing anything', async () => {
    const never = async (): Promise<ProcessListing> => assert.fail('must not list');
    for (const pid of [0, -1, 1, process.pid, process.ppid, Number.NaN]) {
      const outcome = await killTree({ pid, startTime: 0, command: 'x' }, 'SIGKILL', { listProcesses: never });
      assert.notEqual(outcome.status, 'sent', String(pid));
      assert.deepEqual(outcome.members, []);
    }
  });

  it('sends nothing when the processes cannot be listed', async () => {
    const root = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => procState(root.pid)?.state === 'S'));
    const outcome = await killTree({ pid: root.pid, startTime: 0, command: 'sleep 30' }, 'SIGKILL', {
      listProcesses: async () => ({ ok: false, error: 'cannot list processes with ps: ENOENT' }),
    });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.text, `failed: nothing sent to ${root.pid} sleep 30: cannot list processes with ps: ENOENT`);
    assert.equal(procState(root.pid)?.state, 'S');
  });
});
