import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sleepFor } from '../../src/pool/sleep-task.js';
import { MAX_FAMILY_MS, MAX_PRIME_ARG, runWorkload, taskSpecProblem, WORKLOADS } from '../../src/pool/workloads.js';

describe('workloads', () => {
  it('runs each workload by name', () => {
    assert.equal(runWorkload({ workload: 'primes', arg: 1_000_000 }), 1_000_003);
    assert.equal(runWorkload({ workload: 'primes', arg: 1_000_000, method: 'sqrt' }), 1_000_003);
    // sumsq travels as a decimal string: JSON has no BigInt.
    assert.equal(runWorkload({ workload: 'sumsq', arg: 10 }), '285');
    assert.equal(typeof runWorkload({ workload: 'sleep', arg: 1 }), 'number');
  });

  it('validates untrusted specs with a reason', () => {
    assert.equal(taskSpecProblem({ workload: 'primes', arg: 2 }), null);
    assert.equal(taskSpecProblem({ workload: 'primes', arg: MAX_PRIME_ARG }), null);
    assert.match(taskSpecProblem({ workload: 'primes', arg: 1 }) ?? '', /from 2 to 2147483647/);
    assert.match(taskSpecProblem({ workload: 'primes', arg: 2.5 }) ?? '', /integer/);
    assert.match(taskSpecProblem({ workload: 'primes', arg: '7' }) ?? '', /integer/);
    assert.match(taskSpecProblem({ workload: 'sumsq', arg: 10, method: 'sqrt' }) ?? '', /does not apply/);
    assert.match(taskSpecProblem({ workload: 'primes', arg: 10, method: 'fast' }) ?? '', /does not apply/);
    assert.match(taskSpecProblem({ workload: '__proto__', arg: 10 }) ?? '', /unknown workload/);
    assert.match(taskSpecProblem({ workload: 'toString', arg: 10 }) ?? '', /unknown workload/);
    assert.match(taskSpecProblem(null) ?? '', /object/);
    assert.throws(() => runWorkload({ workload: 'sleep', arg: -5 }), RangeError);
  });

  it('family: a child’s sleep of at most a few seconds, run by the worker, not runWorkload', () => {
    assert.equal(taskSpecProblem({ workload: 'family', arg: 8000 }), null);
    assert.match(taskSpecProblem({ workload: 'family', arg: MAX_FAMILY_MS + 1 }) ?? '', /from 0 to 10000/);
    assert.match(taskSpecProblem({ workload: 'family', arg: 10, method: 'sqrt' }) ?? '', /does not apply/);
    assert.throws(() => runWorkload({ workload: 'family', arg: 10 }), /runFamilyTask/);
  });

  it('every workload states its range', () => {
    for (const info of Object.values(WORKLOADS)) assert.ok(info.minArg <= info.maxArg, info.name);
  });

  it('sleep waits without using the CPU', () => {
    // The main thread's own time on a CPU (schedstat, ns): process.cpuUsage() counts the GC's and
    // libuv's threads too, which a loaded machine keeps busy while this thread sleeps.
    const onCpuMs = (): number => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    const cpu0 = onCpuMs();
    const t0 = performance.now();
    const waited = sleepFor(120);
    const wall = performance.now() - t0;
    const cpu = onCpuMs() - cpu0;
    assert.ok(wall >= 115 && waited >= 115, `wall ${wall} ms`);
    assert.ok(cpu < 20, `the main thread was on a CPU for ${cpu} ms of the 120 ms sleep`);
  });
});

describe('the lab concept workloads', () => {
  it('are validated like the others, once, from the table', () => {
    assert.equal(taskSpecProblem({ workload: 'threads', arg: 0 }), 'threads needs an integer argument from 1 to 50000000 (got 0)');
    assert.equal(taskSpecProblem({ workload: 'threads-atomic', arg: 1000 }), null);
    assert.equal(taskSpecProblem({ workload: 'deadlock', arg: 50 }), 'deadlock needs an integer argument from 100 to 3600000 (got 50)');
    assert.equal(
      taskSpecProblem({ workload: 'zombie', arg: MAX_FAMILY_MS + 1 }),
      `zombie needs an integer argument from 0 to ${MAX_FAMILY_MS} (got ${MAX_FAMILY_MS + 1})`,
    );
    assert.equal(taskSpecProblem({ workload: 'pipeline', arg: 5000, method: 'sqrt' }), 'method "sqrt" does not apply to pipeline');
    assert.throws(() => runWorkload({ workload: 'zombie', arg: 100 }), /run it with runFamilyTask/);
    assert.match(String(runWorkload({ workload: 'semaphore', arg: 10 })), /^semaphore: 6 threads, 2 permits, at most [12] held at once$/);
  });
});
