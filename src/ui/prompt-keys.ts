// Typing into the search (`/`, F3), filter (`\`, F4) and background-job (`&`) prompts.
import { MAX_JOB_LINE } from '../store/jobs-slice.js';
import type { ActionContext } from './action-context.js';
import type { KeyPress } from './parse-key.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Longest query kept: a paste of a whole file should not become a query. */
const MAX_QUERY = 256;

function edited(current: string, key: KeyPress, max = MAX_QUERY): string | null {
  if (key.name === 'backspace') return current.slice(0, -1);
  if (key.name === 'C-u') return '';
  if (key.text) return (current + key.text).slice(0, max);
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

/**
 * `&`: the command line to run in the background. A paste that held control characters (a
 * newline would end the line and start another command; escapes) or was cut for length is
 * refused whole: the line is run by a shell, so what runs must be what the user sees.
 */
export function jobLineKeys(key: KeyPress, { store, jobs }: ActionContext): void {
  const state = store.getState();
  switch (key.name) {
    case 'enter': {
      const line = state.jobLine.trim();
      state.setMode('main');
      if (line !== '') jobs.start(line);
      return;
    }
    case 'escape':
    case 'C-c':
      return state.setMode('main');
  }
  if (key.name === 'paste' && key.paste !== undefined && [...key.text].length !== key.paste.length) {
    return state.notify(`paste refused: it holds control characters (a newline, an escape) or is longer than ${MAX_JOB_LINE} characters`, 'warn');
  }
  // A C1 control typed on its own comes as text (only C0 ones are named keys): refused too.
  if (CONTROL.test(key.text)) return state.notify('control characters are refused in a command line', 'warn');
  const next = edited(state.jobLine, key, MAX_JOB_LINE);
  if (next !== null) state.typeJobLine(next);
}
