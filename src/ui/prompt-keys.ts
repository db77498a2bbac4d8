// Typing into the search (`/`, F3) and filter (`\`, F4) prompts.
import type { ActionContext } from './action-context.js';
import type { KeyPress } from './parse-key.js';

/** Longest query kept: a paste of a whole file should not become a query. */
const MAX_QUERY = 256;

function edited(current: string, key: KeyPress): string | null {
  if (key.name === 'backspace') return current.slice(0, -1);
  if (key.name === 'C-u') return '';
  if (key.text) return (current + key.text).slice(0, MAX_QUERY);
  return null;
}

export function searchKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  switch (key.name) {
    case 'enter':
      return state.commitSearch();
    case 'escape':
    case 'C-c':
      return state.cancelSearch();
    case 'f3':
    case 'down':
      return state.searchNext(1);
    case 'S-f3':
    case 'up':
      return state.searchNext(-1);
  }
  const next = edited(state.view.search.query, key);
  if (next !== null) state.typeSearch(next);
}

export function filterKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  switch (key.name) {
    case 'enter':
      return state.commitFilter();
    case 'escape':
    case 'C-c':
      return state.cancelFilter();
    case 'up':
      return state.moveBy(-1);
    case 'down':
      return state.moveBy(1);
  }
  const next = edited(state.view.filterText, key);
  if (next !== null) state.typeFilter(next);
}
