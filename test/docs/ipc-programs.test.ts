// The lab's producer and consumer run as real processes: the producer, faster than its consumer,
// blocks — through a pipe in the kernel's pipe write, through a bounded queue on the queue's
// semaphore while its feeder thread waits in the pipe — and goes at the consumer's pace.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { killAll, LabRun, NO_PYTHON } from './lab-run.js';

afterEach(async () => {
  assert.deepEqual(
    (await killAll()).map((p) => p.pid),
    [],
    'every program ended by itself',
  );
});

/** State and wait channel of each thread of `pid`, e.g. ["S anon_pipe_write"]; [] once it is gone. */
function waits(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return `${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]} ${readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8')}`;
    });
  } catch {
    return [];
  }
}

/** Looks at the producer until `wanted` holds for its threads' waits; returns what was seen last. */
async function watchProducer(pid: number, wanted: (w: string[]) => boolean): Promise<string[]> {
  let seen: string[] = [];
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(20)) {
    seen = waits(pid);
    if (wanted(seen)) break;
  }
  return seen;
}

describe('the lab programs: pipes and queues', { skip: NO_PYTHON }, () => {
  it('producer_consumer.py --via pipe: the producer sleeps in the pipe write while the slow consumer reads', async () => {
    const run = await LabRun.start('producer_consumer.py', ['--items', '24', '--consumer-delay', '0.1']);
    const [, producer] = await run.line(/producer (\d+) → pipe → consumer \d+/);
    // pipe_write until Linux 6.x, anon_pipe_write since.
    const seen = await watchProducer(Number(producer), (w) => w.length === 1 && /^S \w*pipe_write$/.test(w[0]!));
    assert.match(seen[0] ?? '', /^S \w*pipe_write$/, 'blocked in the pipe, asleep');
    assert.match((await run.line(/the producer, halfway: .*/))[0], /state S in \w*pipe_write/, 'the program saw it too');
    assert.equal(await run.finished(), 0);
    const [, atOnce, pace] = /producer \d+: (\d+) items went at once \(within 50 ms\); the rest one every ([\d.]+) s/.exec(run.output()) ?? [];
    // 64 KiB of pipe hold 3 items of 16 KiB (and the consumer takes one at once): then the consumer's pace.
    assert.ok(Number(atOnce) >= 3 && Number(atOnce) <= 6, `${atOnce} items at once`);
    assert.ok(Number(pace) >= 0.09, `one every ${pace} s: no faster than the consumer`);
    assert.match(run.output(), /consumer \d+: read 393216 bytes/);
  });

  it('producer_consumer.py --via queue: put() waits on the full queue (a futex), its feeder thread in the pipe write', async () => {
    const run = await LabRun.start('producer_consumer.py', ['--via', 'queue', '--items', '24', '--queue-size', '4']);
    const [, producer] = await run.line(/producer (\d+) → queue → consumer \d+/);
    const blocked = (w: string[]) => w.some((t) => /^S futex/.test(t)) && w.some((t) => /^S \w*pipe_write$/.test(t));
    const seen = await watchProducer(Number(producer), blocked);
    assert.ok(blocked(seen), `the producer's threads: ${seen.join('; ')}`);
    assert.equal(await run.finished(), 0);
    assert.match(run.output(), /consumer \d+: read 393216 bytes/);
  });
});
