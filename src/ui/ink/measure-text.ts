// Ink's measure-text.js, with a bounded cache (the bundle puts it in place of Ink's own, whose
// cache kept every text ever measured and grew with every refresh: docs/performance.md).
import fastStringWidth from './fast-string-width.js';
import { BoundedCache } from './bounded-cache.js';

const cache = new BoundedCache<{ width: number; height: number }>(500, 2000);

export default function measureText(text: string): { width: number; height: number } {
  if (text.length === 0) return { width: 0, height: 0 };
  return cache.get(text, () => {
    const lines = text.split('\n');
    let width = 0;
    for (const line of lines) width = Math.max(width, fastStringWidth(line));
    return { width, height: lines.length };
  });
}

export function measureCacheSize(): number {
  return cache.size;
}

export function forgetMeasuredTexts(): void {
  cache.clear();
}
