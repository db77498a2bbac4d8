// The rows on screen after the rows or the view changed, with the selection kept on its process,
// and news on the message line when that process exited.
import type { ProcessRow } from '../model/process-row.js';
import type { AppState } from './app-store.js';
import { computeVisible } from './compute-visible.js';
import { mergeNews } from './message-policy.js';
import { placeCursor, sameCursorOr } from './place-cursor.js';
import { sameDecorationsOr, sameItemsOr } from './same-items.js';
import type { ViewState } from './view-state.js';

type TableLayout = Pick<AppState, 'rows' | 'visible' | 'decorations' | 'view' | 'cursor' | 'follow' | 'message'>;

/**
 * The store's update for `rows` shown with `view`, at time `now` (how fresh the message on screen
 * is). What did not change keeps its object (the rows on screen, their decorations, the cursor),
 * so the table does not re-render; the same rows in the same view are not filtered or sorted again.
 */
export function layoutTable(
  state: Pick<AppState, 'rows' | 'visible' | 'decorations' | 'view' | 'cursor' | 'follow' | 'message'>,
  rows: ProcessRow[],
  view: ViewState,
  now: number,
): TableLayout {
  const table =
    rows === state.rows && view === state.view
      ? { rows: state.visible, pids: state.visible.map((r) => r.pid), decorations: state.decorations }
      : computeVisible(rows, view);
  const visible = sameItemsOr(state.visible, table.rows);
  const decorations = sameDecorationsOr(state.decorations, table.decorations);
  const before = state.cursor;
  const placed = placeCursor(table.pids, before, view.pageSize, state.follow);
  let { follow, message } = state;
  if (placed.moved && before.pid !== null && !rows.some((r) => r.pid === before.pid)) {
    const target = placed.cursor.pid;
    message = mergeNews(
      message,
      `PID ${before.pid} exited; ${follow ? 'following stopped; ' : ''}${target !== null ? `selection moved to PID ${target}` : 'no process left to select'}`,
      now,
    );
    follow = false;
  }
  return { rows, visible, decorations, view, cursor: sameCursorOr(before, placed.cursor), follow, message };
}
