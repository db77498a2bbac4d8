// Keeps counters the kernel may step back from going backwards: a core's iowait can read lower
// than a moment before (Documentation/filesystems/proc.rst: "The value of iowait field in
// /proc/stat will decrease in certain conditions"), and Prometheus reads any decrease as a
// counter reset, a jump of the whole count in rate().

export class CounterFloor {
  private readonly highest = new Map<string, number>();

  /** `value`, or the highest value this series had if that is more. */
  value(series: string, value: number): number {
    const before = this.highest.get(series);
    if (before !== undefined && before >= value) return before;
    this.highest.set(series, value);
    return value;
  }
}
