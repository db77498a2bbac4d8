// The "Sort by" panel (F6): every column with what it means; Enter sorts by it.
import { COLUMNS } from '../model/columns.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export function SortMenu({ height }: { height: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const current = useAppStore((s) => s.view.sort.key);
  const items = COLUMNS.map((c) => ({ label: c.header, marked: c.id === current }));
  return <SidePanel title="Sort by" items={items} index={index} height={height} width={SORT_MENU_WIDTH} />;
}

export const SORT_MENU_WIDTH = 12;

export function sortMenuKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  const step = menuStep(key, state.menuIndex, COLUMNS.length, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') state.setMode('main');
  else if (step.kind === 'choose') {
    const column = COLUMNS[step.index];
    state.setMode('main');
    if (column) state.setSort(column.id, false);
  }
}
