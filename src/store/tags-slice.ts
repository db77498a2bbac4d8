// Tagged processes (Space, `c`, `U`): what k, z and r act on instead of the selection. A tag holds
// the start time the row showed, so a later process that reuses the PID is not tagged.
import { descendants } from '../model/ancestry.js';
import type { ProcessRow } from '../model/process-row.js';
import type { SliceCreator } from './app-store.js';
import { makeMessage } from './messages-slice.js';
import { selectedRow } from './navigation-slice.js';

export interface TagsSlice {
  /** PID → the start time its row showed when tagged. */
  tags: ReadonlyMap<number, number>;
  /**
   * Every tagged process has exited since the tags were set: z, r and k act on nothing (never on
   * the selection, which the user did not pick) until Space, c or U.
   */
  tagsGone: boolean;
  /** Space: tag or untag the selected process. */
  toggleTag(): void;
  /** `c`: tag the selected process and all its descendants. */
  tagWithDescendants(): void;
  /** `U`: untag everything. */
  untagAll(): void;
}

export const createTagsSlice: SliceCreator<TagsSlice> = (set, get) => {
  const setTags = (tags: ReadonlyMap<number, number>): void => {
    set({ tags, tagsGone: false, message: makeMessage(tags.size > 0 ? `${tags.size} tagged: k, z and r act on all of them` : 'no process tagged', 'info') });
  };

  return {
    tags: new Map(),
    tagsGone: false,

    toggleTag() {
      const row = selectedRow(get());
      if (!row) return;
      const tags = new Map(get().tags);
      if (tags.has(row.pid)) tags.delete(row.pid);
      else tags.set(row.pid, row.startTime);
      setTags(tags);
      // Like htop, Space moves on, so a run of rows is tagged by holding it down.
      get().moveBy(1);
    },
    tagWithDescendants() {
      const row = selectedRow(get());
      if (!row) return;
      const { rows } = get();
      const byPid = new Map(rows.map((r) => [r.pid, r]));
      const tags = new Map(get().tags);
      for (const pid of [row.pid, ...descendants(rows, row.pid)]) {
        const r = byPid.get(pid);
        if (r) tags.set(pid, r.startTime);
      }
      setTags(tags);
    },
    untagAll() {
      setTags(new Map());
    },
  };
};

/** The tags once `rows` are shown: those of processes still there with the same start time. */
export function tagsAfter(state: Pick<TagsSlice, 'tags' | 'tagsGone'>, rows: readonly ProcessRow[]): Pick<TagsSlice, 'tags' | 'tagsGone'> {
  const tags = pruneTags(state.tags, rows);
  return { tags, tagsGone: state.tagsGone || (tags.size === 0 && state.tags.size > 0) };
}

/** The same map when nothing went, so nothing re-renders. */
function pruneTags(tags: ReadonlyMap<number, number>, rows: readonly ProcessRow[]): ReadonlyMap<number, number> {
  if (tags.size === 0) return tags;
  const kept = new Map<number, number>();
  for (const row of rows) {
    const startTime = tags.get(row.pid);
    if (startTime !== undefined && startTime === row.startTime) kept.set(row.pid, startTime);
  }
  return kept.size === tags.size ? tags : kept;
}
