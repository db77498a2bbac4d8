// The units /proc counts in: clock ticks for times, pages for memory.

/**
 * sysconf(_SC_CLK_TCK): 100 on every Linux architecture Node runs on (Node cannot call sysconf).
 * Every time in /proc/[pid]/stat is in these ticks.
 */
export const CLK_TCK = 100;

/** The page size of x86-64 and most arm64 kernels; /proc/[pid]/stat's rss and statm count in pages. */
export const PAGE_SIZE = 4096;

export function ticksToMs(ticks: number): number {
  return (ticks * 1000) / CLK_TCK;
}
