// The ancestor chain against /proc as read here and against a chain of real processes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { readAncestorChain } from '../../src/platform/ancestor-chain.js';
import { OwnChildren, parentOf, procState, waitUntil } from '../signals/own-children.js';

describe('readAncestorChain', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('is the chain of parents up to PID 1, as /proc has it, and the session from /proc/self/stat', () => {
    const expected: number[] = [];
    for (let pid = process.ppid; pid > 1 && expected.length < 100; pid = parentOf(pid)) expected.push(pid);
    const lifeline = readAncestorChain();
    assert.deepEqual(lifeline.ancestors, expected);
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const session = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
    assert.equal(lifeline.sessionLeader, session > 1 ? session : null);
  });

  it('follows a chain of real processes: sleep → bash → bash → this test', async () => {
    const outer = children.spawn('bash', ['-c', 'bash -c "sleep 30; :"; :']);
    let inner = 0;
    let sleeper = 0;
    assert.ok(
      await waitUntil(() => {
        inner =
          readdirSync('/proc')
            .map(Number)
            .find((pid) => pid > 1 && parentOf(pid) === outer.pid) ?? 0;
        sleeper = inner
          ? (readdirSync('/proc')
              .map(Number)
              .find((pid) => pid > 1 && parentOf(pid) === inner) ?? 0)
          : 0;
        return sleeper > 0 && procState(sleeper)?.state === 'S';
      }, 5000),
    );
    children.adopt(inner);
    children.adopt(sleeper);
    assert.deepEqual(readAncestorChain(sleeper).ancestors, [inner, outer.pid, process.pid, ...readAncestorChain().ancestors]);
  });
});
