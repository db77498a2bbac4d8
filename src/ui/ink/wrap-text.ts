// Ink's wrap-text.js, with a bounded cache (see measure-text.ts) and a key that cannot collide:
// wrapping or cutting a text to a width, as <Text wrap="..."> asks.
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { BoundedCache } from './bounded-cache.js';

type WrapType = 'wrap' | 'truncate' | 'truncate-end' | 'truncate-middle' | 'truncate-start' | 'end' | 'middle';

const cache = new BoundedCache<string>(500, 2000);

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType): string {
  // The text last, after two fields neither of which holds a space: Ink's key, text + width +
  // type, gave 'ab' at width 12 and 'ab1' at width 2 the same entry.
  return cache.get(`${maxWidth} ${wrapType} ${text}`, () => {
    if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, { trim: false, hard: true });
    if (wrapType.startsWith('truncate')) {
      const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
      return cliTruncate(text, maxWidth, { position });
    }
    return text;
  });
}

export function forgetWrappedTexts(): void {
  cache.clear();
}
