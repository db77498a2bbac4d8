// The setup screen (F2, `S`), in the table's place as htop's: the sections on the left, the
// highlighted section's entries on the right, a line of its keys below. Changes apply at once and
// are saved on exit.
import { Box, Text } from 'ink';
import { fitWidth } from '../model/text-width.js';
import type { ActionContext } from './action-context.js';
import type { KeyPress } from './parse-key.js';
import { meterKeys } from './setup-meters.js';
import { renameKeys, screenKeys } from './setup-screens.js';
import {
  activateEntry,
  COLUMNS_SECTION,
  METERS_SECTION,
  SCREENS_SECTION,
  moveColumn,
  removeColumn,
  SETUP_SECTIONS,
  setupEntries,
  stepDelay,
} from './setup-entries.js';
import { SidePanel } from './side-panel.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export const SETUP_SECTIONS_WIDTH = 18;
/** Cells of an entry's label before its hint. */
const LABEL_CELLS = 16;

/** The first entry drawn when `index` is highlighted in a list of `rows` lines. */
export function listTop(index: number, rows: number): number {
  return Math.max(0, index - rows + 1);
}

function setupHint(section: number): string {
  const common = '↑ ↓ move · ← → Tab switch list · Esc F10 done';
  if (section === COLUMNS_SECTION) return `Enter/Space add or remove · F7 [ left · F8 ] right · F9 Del remove · ${common}`;
  if (section === 0) return `Enter/Space toggle · + - interval · ${common}`;
  if (section === SCREENS_SECTION) return `Enter/Space show (the Columns page edits it) · r rename · F9 Del remove · Tab on the main screen cycles · ${common}`;
  if (section === METERS_SECTION) return `Enter/Space add, mode · 1-4 to column · F7 [ up · F8 ] down · F9 Del remove · + - columns · ${common}`;
  return `Enter/Space choose · ${common}`;
}

export function SetupScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const setup = useAppStore((s) => s.setup);
  const view = useAppStore((s) => s.view);
  const colorScheme = useAppStore((s) => s.colorScheme);
  const delayTenths = useAppStore((s) => s.delayTenths);
  const graphs = useAppStore((s) => s.graphs);
  const headerLayout = useAppStore((s) => s.headerLayout);
  // What the Meters page says is not available here: what the machine and the source have.
  const sample = useAppStore((s) => s.sample);
  const pool = useAppStore((s) => s.pool);
  const history = useAppStore((s) => s.history);
  const meters = useAppStore((s) => s.meters);
  const screens = useAppStore((s) => s.screens);
  const screen = useAppStore((s) => s.screen);
  const entries = setupEntries(setup.section, { view, colorScheme, delayTenths, graphs, headerLayout, sample, pool, history, meters, screens, screen, setup });
  const listHeight = Math.max(2, height - 1);
  const rows = listHeight - 1;
  const top = listTop(setup.item, rows);
  const right = Math.max(0, width - SETUP_SECTIONS_WIDTH - 1);
  const sections = SETUP_SECTIONS.map((label) => ({ label }));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={listHeight}>
        <SidePanel title="Setup" items={sections} index={setup.section} height={listHeight} width={SETUP_SECTIONS_WIDTH} />
        <Box width={1} />
        <Box flexDirection="column" width={right}>
          <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
            {fitWidth(SETUP_SECTIONS[setup.section] ?? '', right)}
          </Text>
          {entries.slice(top, top + rows).map((entry, i) => {
            const selected = setup.focus === 'items' && top + i === setup.item;
            const box = entry.on === undefined ? '   ' : entry.radio ? (entry.on ? '(•)' : '( )') : entry.on ? '[x]' : '[ ]';
            const text = fitWidth(`${box} ${fitWidth(entry.label, LABEL_CELLS)} ${entry.hint}`, right);
            return (
              <Text
                key={top + i}
                wrap="truncate"
                backgroundColor={selected ? theme.selected : undefined}
                color={selected ? theme.selectedText : undefined}
                inverse={selected && !theme.color}
              >
                {text}
              </Text>
            );
          })}
        </Box>
      </Box>
      <Text wrap="truncate" dimColor>
        {fitWidth(setupHint(setup.section), width)}
      </Text>
    </Box>
  );
}

export function setupKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  const { section, item, focus } = state.setup;
  const count = setupEntries(section, state).length;
  const page = Math.max(1, state.view.pageSize - 2);
  const toItem = (i: number): void => state.moveSetup({ item: Math.max(0, Math.min(count - 1, i)), focus: 'items' });
  if (state.setup.rename !== undefined) {
    renameKeys(store, key);
    return;
  }
  switch (key.name) {
    case 'escape':
    case 'q':
    case 'f10':
    case 'f2':
    case 'S':
    case 'C-c':
      state.setMode('main');
      return;
    case 'tab':
    case 'S-tab':
      state.moveSetup({ focus: focus === 'sections' ? 'items' : 'sections' });
      return;
    case 'left':
      state.moveSetup({ focus: 'sections' });
      return;
    case 'right':
      state.moveSetup({ focus: 'items' });
      return;
  }
  if (focus === 'sections') {
    if (key.name === 'up' || key.name === 'down') {
      const next = Math.max(0, Math.min(SETUP_SECTIONS.length - 1, section + (key.name === 'up' ? -1 : 1)));
      if (next !== section) state.moveSetup({ section: next, item: 0 });
    } else if (key.name === 'enter' || key.name === ' ') state.moveSetup({ focus: 'items' });
    return;
  }
  switch (key.name) {
    case 'up':
      return toItem(item - 1);
    case 'down':
      return toItem(item + 1);
    case 'pageup':
      return toItem(item - page);
    case 'pagedown':
      return toItem(item + page);
    case 'home':
      return toItem(0);
    case 'end':
      return toItem(count - 1);
  }
  if (section === SCREENS_SECTION) {
    screenKeys(store, item, key);
    const now = setupEntries(section, store.getState()).length;
    if (store.getState().setup.item >= now) state.moveSetup({ item: now - 1 });
    return;
  }
  if (section === METERS_SECTION) {
    const next = meterKeys(store, item, key);
    // The list grew or shrank with the change: clamp to its length now.
    const now = setupEntries(section, store.getState()).length;
    if (next !== null) state.moveSetup({ item: Math.max(0, Math.min(now - 1, next)), focus: 'items' });
    return;
  }
  switch (key.name) {
    case 'enter':
    case ' ':
      return activateEntry(store, section, item);
  }
  if (section === COLUMNS_SECTION) {
    if (key.name === 'f7' || key.name === '[') toItem(moveColumn(store, item, -1));
    else if (key.name === 'f8' || key.name === ']') toItem(moveColumn(store, item, 1));
    else if (key.name === 'f9' || key.name === 'delete') removeColumn(store, item);
  } else if (section === 0 && (key.name === '+' || key.name === '=' || key.name === '-')) {
    stepDelay(store, key.name === '-' ? -1 : 1);
  }
}
