// The knobs a quick run turns down, read once from the environment.

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(raw)}`);
  return value;
}

export const settings = {
  /** Extra idle processes for the "many processes" runs. */
  idle: Math.round(positiveNumber('POOLTOP_BENCH_IDLE', 2000)),
  /** Measuring window of each monitor run, seconds. */
  seconds: positiveNumber('POOLTOP_BENCH_SECONDS', 30),
  /** Warm-up before the window opens, seconds (start-up is measured separately). */
  warmup: positiveNumber('POOLTOP_BENCH_WARMUP', 3),
  /** Window of the monitor runs with user threads shown (H), seconds; 0 skips them. */
  threadSeconds: positiveNumber('POOLTOP_BENCH_THREAD_SECONDS', 20),
  /** Window of the extra `--source ps-list` monitor run, seconds; 0 skips it. */
  psListSeconds: positiveNumber('POOLTOP_BENCH_PS_LIST_SECONDS', 10),
  /** Multiplies every sample count of the sampler section (0.2 for a quick look). */
  samplesScale: positiveNumber('POOLTOP_BENCH_SAMPLES_SCALE', 1),
  /** Measuring window of the compare section (pooltop, htop, btop and top side by side), seconds. */
  compareSeconds: positiveNumber('POOLTOP_BENCH_COMPARE_SECONDS', 40),
  /** Extra idle processes of the compare section's top row; 0 leaves it out unless `--scale` is given (10,000). */
  compareScale: Math.round(positiveNumber('POOLTOP_BENCH_COMPARE_SCALE', 0)),
  /** Length of the profile section's run, seconds. */
  profileSeconds: positiveNumber('POOLTOP_BENCH_PROFILE_SECONDS', 20),
  /** The profile section's pooltop with the CPU graphs on (`G`, `g`): 1, or 0 for the default screen. */
  profileGraphs: positiveNumber('POOLTOP_BENCH_PROFILE_GRAPHS', 1) > 0,
};

/** A sample count scaled by POOLTOP_BENCH_SAMPLES_SCALE, never below 3 (a median needs a few). */
export function samples(count: number): number {
  return Math.max(3, Math.round(count * settings.samplesScale));
}

export function describeSettings(): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
