import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sameProcess, stableProcesses } from './ps-table.js';
import { runBin } from './run-bin.js';

interface Node {
  pid: number;
  ppid: number;
  command: string;
  startTime: string | null;
  children: Node[];
}

const linux = process.platform === 'linux';

/** The PIDs of a process's children, from /proc (the test's own chain only). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('pooltop snapshot --tree', { skip: !linux && 'needs Linux' }, () => {
  // bash → bash → sleep 515151, and a sibling sleep 525252 under the outer bash.
  let outer: ChildProcess;
  const pids: number[] = [];
  before(async () => {
    outer = spawn('bash', ['-c', 'bash -c "sleep 515151; true" & sleep 525252; wait'], { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const kids = childrenOf(outer.pid!);
      const grandkids = kids.flatMap(childrenOf);
      if (kids.length === 2 && grandkids.length === 1) {
        pids.push(outer.pid!, ...kids, ...grandkids);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the process chain did not start');
  });
  after(() => {
    // Innermost first, so no test process is left re-parented to PID 1.
    for (const pid of [...pids].reverse()) {
      try {
        if (pid >= 2) process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });

  it('nests the chain bash → bash → sleep and its sibling, agreeing with ps', async () => {
    const { result: r, stable: ps } = await stableProcesses(() => runBin(['snapshot', '--tree', '--json']));
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { roots: Node[] };
    assert.equal(doc.roots[0]?.pid, 1, 'PID 1 is the first root');

    const byPid = new Map<number, Node>();
    const parentOf = new Map<number, number>();
    const stack = [...doc.roots];
    for (const root of doc.roots) parentOf.set(root.pid, 0);
    while (stack.length > 0) {
      const node = stack.pop()!;
      assert.ok(!byPid.has(node.pid), `PID ${node.pid} appears once`);
      byPid.set(node.pid, node);
      for (const child of node.children) {
        assert.equal(child.ppid, node.pid, `${child.pid} sits under its parent`);
        parentOf.set(child.pid, node.pid);
        stack.push(child);
      }
    }

    const outerNode = byPid.get(outer.pid!);
    assert.ok(outerNode, 'the outer bash is in the tree');
    const commands = outerNode.children.map((c) => c.command).sort();
    assert.deepEqual(commands, ['bash -c sleep 515151; true', 'sleep 525252']);
    const inner = outerNode.children.find((c) => c.command.startsWith('bash'))!;
    assert.deepEqual(
      inner.children.map((c) => c.command),
      ['sleep 515151'],
    );
    assert.equal(parentOf.get(outer.pid!), process.pid, 'the chain hangs under this test process');

    // Every parent/child link in the output agrees with ps for the processes both saw (same PID
    // and start time: a PID reused in between is a different process).
    let compared = 0;
    for (const { pid, ppid, started } of ps) {
      const node = byPid.get(pid);
      if (!node || !sameProcess({ pid, ppid, stat: '', started }, node.startTime)) continue;
      compared++;
      const parent = parentOf.get(pid);
      // A root is either parentless (PPID 0) or its parent was not in the sample.
      if (parent === 0) assert.ok(ppid === 0 || !byPid.has(ppid), `root ${pid}`);
      else assert.equal(parent, ppid, `parent of ${pid}`);
    }
    assert.ok(compared > 10);
  });

  it('prints the tree as text with guides', async () => {
    const r = await runBin(['snapshot', '--tree', '-s', 'pid']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const title = lines.findIndex((l) => /^\s+PID\s+PPID/.test(l));
    assert.match(lines[title + 1] ?? '', /^\s+1\s+0 /);
    const sibling = lines.find((l) => l.endsWith('─ sleep 525252')) ?? '';
    const deepest = lines.find((l) => l.endsWith('─ sleep 515151')) ?? '';
    assert.match(sibling, /[├└]─ sleep 525252$/);
    assert.match(deepest, /[│ ]  [├└]─ sleep 515151$/);
    assert.ok(deepest.indexOf('sleep 515151') > sibling.indexOf('sleep 525252'), 'the grandchild is indented one level more');
  });
});
