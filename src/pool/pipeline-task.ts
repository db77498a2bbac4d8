// The pipeline workload, run in a worker: a producer process writes into a pipe as fast as it can,
// a consumer reads it slowly, so the pipe fills and the writer sleeps in the kernel (state S,
// waiting in pipe_write) for most of its time: the throughput is the consumer's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const SH = ['/bin/sh', '/usr/bin/sh'].find((path) => existsSync(path)) ?? null;

/** What the consumer takes per read and how long it then sleeps: ~4 MB/s at most, far below what a pipe carries. */
const READ_BYTES = 4096;
const NAP_MS = 1;

/**
 * Writes 64 KiB blocks to stdout until the pipe breaks. sh made the pipe, so stdout is blocking:
 * writeSync sleeps in the kernel while the pipe is full (EPIPE ends it once the reader is gone).
 */
const PRODUCER = `process.title = 'pipe-writer';
const block = Buffer.alloc(65536, 120);
const fs = require('node:fs');
try { for (;;) fs.writeSync(1, block); } catch { process.exit(0); }`;

/**
 * Reads READ_BYTES, naps NAP_MS, for argv[1] ms, then says how many bytes it read and exits
 * (the writer then meets a broken pipe). Its stdin is the pipe, blocking for the same reason.
 */
const CONSUMER = `process.title = 'pipe-reader';
const fs = require('node:fs');
const ms = Number(process.argv[1]);
const buffer = Buffer.alloc(${READ_BYTES});
const nap = new Int32Array(new SharedArrayBuffer(4));
const start = performance.now();
let bytes = 0;
while (performance.now() - start < ms) {
  const n = fs.readSync(0, buffer, 0, buffer.length, null);
  if (n === 0) break;
  bytes += n;
  Atomics.wait(nap, 0, 0, ${NAP_MS});
}
fs.writeSync(1, 'bytes ' + bytes + ' ms ' + Math.round(performance.now() - start) + '\\n');`;

export interface PipelineRun {
  /** The shell that runs the two stages: ended by the worker when it must leave. */
  child: ChildProcess;
  /** "pipeline: 3.6 MB/s through the pipe (18 MB in 5000 ms): the reader's pace" */
  done: Promise<string>;
}

/** "pipeline: 3.6 MB/s …": a task's value (the pool panel reads it back: src/ui/pool-panel.tsx). */
function pipelineText(bytes: number, ms: number): string {
  const rate = ms > 0 ? bytes / (ms / 1000) : 0;
  return `pipeline: ${(rate / 1e6).toFixed(2)} MB/s through the pipe (${bytes} bytes in ${ms} ms): the reader's pace`;
}

/**
 * Starts `sh -c 'writer | reader'` (both `node -e`, titled pipe-writer and pipe-reader), the tree
 * worker → sh → writer, reader, for `ms` ms. The reader's exit ends the writer (a broken pipe),
 * so neither outlives the task by more than a moment, even orphaned.
 */
export function runPipelineTask(ms: number): PipelineRun {
  if (SH === null) throw new Error('the pipeline workload needs /bin/sh');
  const child = spawn(SH, ['-c', '"$0" -e "$1" | "$0" -e "$2" "$3"', process.execPath, PRODUCER, CONSUMER, String(ms)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    out = (out + chunk).slice(-200);
  });
  const done = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const match = /bytes (\d+) ms (\d+)/.exec(out);
      if (match) resolve(pipelineText(Number(match[1]), Number(match[2])));
      else reject(new Error(signal !== null ? `the pipeline was killed by ${signal}` : `the pipeline exited with status ${String(code)} and no count`));
    });
  });
  return { child, done };
}
