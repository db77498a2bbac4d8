// The race of counter_race.py with threads that truly run at once: Node worker threads adding 1
// to one counter in a SharedArrayBuffer.
//
// Shows: JavaScript has no global interpreter lock. Each worker thread has its own event loop
// and runs on a core of its own, so "counter[0]++" (read, add, write) from two threads really
// interleaves and loses updates in every run, even the plain increment the course text wrote;
// Atomics.add makes the read-add-write one indivisible step (exact), and --way lock guards it
// with a mutex built from Atomics.compareExchange and Atomics.wait, as Python's Lock is built
// on the kernel's futex (exact, and much slower: every increment takes and gives the lock).
// The threads wait at a barrier and start together.
//
// Watch in pooltop (\ counter_race.mjs Enter): one node row, CPU% near 200 — a process's CPU%
// adds up its threads, and here two of them run at once — both core meters full. Compare
// counter_race.py's threads, which never get past ~100 %.
//
//     node docs/lab/counter_race.mjs [--way plain|atomics|lock] [--threads 2] [--increments 20000000] [--runs 1]
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { parseArgs } from 'node:util';

// Int32 slots of the shared buffer.
const COUNTER = 0;
const GO = 1;
const LOCK = 2;

function bump({ shared, way, increments }) {
  const cells = new Int32Array(shared);
  parentPort.postMessage('ready');
  Atomics.wait(cells, GO, 0);
  if (way === 'plain') {
    for (let i = 0; i < increments; i++) cells[COUNTER]++;
  } else if (way === 'atomics') {
    for (let i = 0; i < increments; i++) Atomics.add(cells, COUNTER, 1);
  } else {
    for (let i = 0; i < increments; i++) {
      // Take the lock: 0 → 1; if another thread has it, sleep until it is given back.
      while (Atomics.compareExchange(cells, LOCK, 0, 1) !== 0) Atomics.wait(cells, LOCK, 1);
      cells[COUNTER]++;
      Atomics.store(cells, LOCK, 0);
      Atomics.notify(cells, LOCK, 1);
    }
  }
}

/** Starts the threads, lets them go together, and returns the count once they have all exited. */
async function race(threads, way, increments) {
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const cells = new Int32Array(shared);
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url), { workerData: { shared, way, increments } }));
  const exited = workers.map((w) => new Promise((resolve, reject) => {
    w.on('error', reject);
    w.on('exit', resolve);
  }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  Atomics.store(cells, GO, 1);
  Atomics.notify(cells, GO);
  await Promise.all(exited);
  return cells[COUNTER];
}

const HELP = `usage: node docs/lab/counter_race.mjs [--way plain|atomics|lock] [--threads N] [--increments N] [--runs N]

Worker threads adding 1 to one shared counter (a SharedArrayBuffer), then the count they reached.

options:
  -h, --help        show this help and exit
  --way WAY         plain: counter[0]++ (read, add, write); atomics: Atomics.add; lock: a mutex
                    around counter[0]++ built on Atomics.wait (default plain)
  --threads N       worker threads, 1 to 64 (default 2)
  --increments N    increments per thread (default 20000000)
  --runs N          runs, 1 to 100 (default 1)`;

function count(text, name, max) {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    console.error(`counter_race.mjs: --${name} takes a whole number from 1 to ${max}, not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        way: { type: 'string', default: 'plain' },
        threads: { type: 'string', default: '2' },
        increments: { type: 'string', default: '20000000' },
        runs: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`counter_race.mjs: ${error.message}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!['plain', 'atomics', 'lock'].includes(values.way)) {
    console.error(`counter_race.mjs: --way takes plain, atomics or lock, not ${JSON.stringify(values.way)}`);
    process.exit(2);
  }
  const threads = count(values.threads, 'threads', 64);
  // The counter is an Int32: keep the expected count below 2^31.
  const increments = count(values.increments, 'increments', Math.floor((2 ** 31 - 1) / threads));
  const runs = count(values.runs, 'runs', 100);
  const expected = threads * increments;
  console.log(`pid ${process.pid}: ${threads} threads, --way ${values.way}; expected count ${expected}`);
  const lost = [];
  for (let run = 1; run <= runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const got = await race(threads, values.way, increments);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const coresBusy = (cpu.user + cpu.system) / 1000 / wallMs;
    lost.push(expected - got);
    console.log(`run ${run}: count ${got}, lost ${expected - got} (${((100 * (expected - got)) / expected).toFixed(1)} %) in ${(wallMs / 1000).toFixed(2)} s, ${coresBusy.toFixed(2)} cores busy`);
  }
  console.log(`lost updates: ${lost.reduce((a, b) => a + b, 0)} in ${runs} runs; fewest ${Math.min(...lost)}, most ${Math.max(...lost)}`);
}

if (isMainThread) await main();
else bump(workerData);
