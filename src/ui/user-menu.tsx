// The user panel (`u`): all users, or one user's processes only.
import { sanitizeText } from '../model/sanitize.js';
import type { ActionContext } from './action-context.js';
import { userChoices } from './key-table.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export const USER_MENU_WIDTH = 20;

export function UserMenu({ height }: { height: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const rows = useAppStore((s) => s.rows);
  const current = useAppStore((s) => s.view.user);
  const items = [{ label: 'All users', marked: current === null }, ...userChoices(rows).map((u) => ({ label: sanitizeText(u), marked: u === current }))];
  return <SidePanel title="Show processes of" items={items} index={index} height={height} width={USER_MENU_WIDTH} />;
}

export function userMenuKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  const users = userChoices(state.rows);
  const step = menuStep(key, state.menuIndex, users.length + 1, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') state.setMode('main');
  else if (step.kind === 'choose') state.setUserFilter(step.index === 0 ? null : (users[step.index - 1] ?? null));
}
