// How long a command takes from spawn to exit, as the median of a few runs.
import { spawnSync } from 'node:child_process';
import { median } from './median.js';

/** Median wall time of `runs` runs of `argv` (no shell), ms; throws if a run fails. */
export function medianWallMs(argv: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return median(times);
}
