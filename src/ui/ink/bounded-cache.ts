// A memo with a bound: forgets everything once it holds `limit` entries. Ink 6.8 memoizes text
// measurement and wrapping in maps that never forget, so a screen whose text changes every
// refresh grows by every frame's text for as long as it runs.

export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  /**
   * `longest`: keys longer than this are computed and not kept. A long text is a whole table that
   * changes every refresh; keeping it only costs memory.
   */
  constructor(
    private readonly limit: number,
    private readonly longest = Infinity,
  ) {}

  get(key: string, compute: () => V): V {
    if (key.length > this.longest) return compute();
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
