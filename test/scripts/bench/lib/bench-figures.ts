// One program's figures as the compare bench's tests make them: a CPU figure, the rest typical.
import type { Figures } from '../../../../scripts/bench/lib/monitor-comparison.js';

export const MIB = 1024 * 1024;

export const figures = (cpuMsPerSecond: number, more: Partial<Figures> = {}): Figures => ({
  cpuMsPerSecond,
  peakRss: 5 * MIB,
  tmuxCpuMs: 20,
  bytesPerRefresh: 800,
  firstFrameMs: 200,
  ...more,
});
