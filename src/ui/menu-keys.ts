// Moving in a list menu (sort column, user, later signals and pool): the keys every menu shares.
import type { KeyPress } from './parse-key.js';

export type MenuStep = { kind: 'move'; index: number } | { kind: 'choose'; index: number } | { kind: 'close' } | { kind: 'none' };

export function menuStep(key: KeyPress, index: number, count: number, pageSize = 10): MenuStep {
  const last = Math.max(0, count - 1);
  const to = (i: number): MenuStep => ({ kind: 'move', index: Math.min(last, Math.max(0, i)) });
  switch (key.name) {
    case 'up':
      return to(index - 1);
    case 'down':
      return to(index + 1);
    case 'pageup':
      return to(index - pageSize);
    case 'pagedown':
      return to(index + pageSize);
    case 'home':
      return to(0);
    case 'end':
      return to(last);
    case 'enter':
      return count > 0 ? { kind: 'choose', index } : { kind: 'close' };
    case 'escape':
    case 'q':
    case 'C-c':
      return { kind: 'close' };
    default:
      return { kind: 'none' };
  }
}
