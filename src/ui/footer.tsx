// The bottom line: the key bar (from the key table), or the search / filter / `&` prompt while typing.
import { Text } from 'ink';
import { sanitizeText } from '../model/sanitize.js';
import { displayWidth, fitWidth } from '../model/text-width.js';
import { KEY_TABLE } from './key-table.js';
import { REPLAY_KEY_TABLE } from './replay-keys.js';
import { styled } from './sgr.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const BAR = KEY_TABLE.filter((b) => b.footer)
  .map((b) => ({ ...b.footer!, changes: b.changes !== undefined, keyName: b.keys[0]! }))
  .sort((a, b) => a.order - b.order);

/** In a replay: its own keys in place of those that act on (or read) live processes and the pool. */
const REPLAY_BAR = [...KEY_TABLE.filter((b) => !b.changes && !b.live), ...REPLAY_KEY_TABLE]
  .filter((b) => b.footer)
  .map((b) => ({ ...b.footer!, changes: false, keyName: b.keys[0]! }))
  .sort((a, b) => a.order - b.order);

const cellsOf = (item: (typeof BAR)[number]): number => item.key.length + Math.max(6, item.word.length) + 1;

/** The keys the bar shows at `width` (a replay's own in a replay), in order, with where each starts and the key name a click on it presses. */
export function footerKeys(width: number, replaying = false): { item: (typeof BAR)[number]; x: number; cells: number; key: string }[] {
  const items = replaying ? REPLAY_BAR : BAR;
  // Quit always has a place, however narrow the terminal: the others fit around it.
  const quit = items.find((item) => item.word === 'Quit');
  let used = quit ? cellsOf(quit) : 0;
  const shown = new Set(quit ? [quit] : []);
  for (const item of items) {
    if (item === quit) continue;
    if (used + cellsOf(item) > width) break;
    used += cellsOf(item);
    shown.add(item);
  }
  let x = 0;
  return items
    .filter((item) => shown.has(item))
    .map((item) => {
      const at = { item, x, cells: cellsOf(item), key: item.keyName };
      x += at.cells;
      return at;
    });
}

export function Footer({ width }: { width: number }) {
  const theme = useTheme();
  const mode = useAppStore((s) => s.mode);
  const readonly = useAppStore((s) => s.readonly);
  const query = useAppStore((s) => s.view.search.query);
  const filter = useAppStore((s) => s.view.filterText);
  const question = useAppStore((s) => (s.mode === 'confirm' ? (s.signalRequest?.prompt ?? '') : ''));
  const gotoText = useAppStore((s) => s.gotoText);
  const jobLine = useAppStore((s) => s.jobLine);
  const replaying = useAppStore((s) => s.replay !== null);
  if (mode === 'confirm') {
    return (
      <Text wrap="truncate" color={theme.warn} bold inverse={!theme.color}>
        {fitWidth(question, width)}
      </Text>
    );
  }
  if (mode === 'search' || mode === 'filter' || mode === 'goto' || mode === 'jobline') {
    const label = { search: 'Search: ', filter: 'Filter: ', goto: 'Go to: ', jobline: 'run in the background: ' }[mode];
    const hint = {
      search: '   Enter keep · Esc cancel · F3 next',
      filter: '   Enter keep · Esc clear',
      goto: '   14:05 · 14:05:30 · +1:30 from the start · Enter go · Esc cancel',
      jobline: '   Enter runs it (/bin/sh -c) · Esc cancel',
    }[mode];
    const value = sanitizeText({ search: query, filter, goto: gotoText, jobline: jobLine }[mode]);
    const room = Math.max(0, width - label.length - 1);
    // Show the end of a long query: that is where the typing happens.
    let shown = value;
    while (displayWidth(shown) > room) shown = [...shown].slice(1).join('');
    return (
      <Text wrap="truncate">
        <Text backgroundColor={theme.keyLabel} color={theme.headerText} inverse={!theme.color}>
          {label}
        </Text>
        {shown}
        <Text inverse> </Text>
        <Text dimColor>{hint}</Text>
      </Text>
    );
  }
  let bar = '';
  for (const { item } of footerKeys(width, replaying)) {
    // Read-only mode: the keys that act on processes are shown, dim and without their label colour.
    const disabled = readonly && item.changes;
    bar += disabled
      ? styled(item.key, { dim: true }) + styled(item.word.padEnd(Math.max(6, item.word.length)), { dim: true }) + ' '
      : styled(item.key, { color: theme.keyName, bold: true }) +
        styled(item.word.padEnd(Math.max(6, item.word.length)), { backgroundColor: theme.keyLabel, color: theme.headerText, inverse: !theme.color }) +
        ' ';
  }
  return <Text wrap="truncate">{bar}</Text>;
}
