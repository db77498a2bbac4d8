// The bottom line: the key bar (from the key table), or the search / filter prompt while typing.
import { Text } from 'ink';
import { sanitizeText } from '../model/sanitize.js';
import { displayWidth, fitWidth } from '../model/text-width.js';
import { KEY_TABLE } from './key-table.js';
import { styled } from './sgr.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const BAR = KEY_TABLE.filter((b) => b.footer)
  .map((b) => b.footer!)
  .sort((a, b) => a.order - b.order);

export function Footer({ width }: { width: number }) {
  const theme = useTheme();
  const mode = useAppStore((s) => s.mode);
  const query = useAppStore((s) => s.view.search.query);
  const filter = useAppStore((s) => s.view.filterText);
  const question = useAppStore((s) => (s.mode === 'confirm' ? (s.signalRequest?.prompt ?? '') : ''));
  if (mode === 'confirm') {
    return (
      <Text wrap="truncate" color={theme.warn} bold inverse={!theme.color}>
        {fitWidth(question, width)}
      </Text>
    );
  }
  if (mode === 'search' || mode === 'filter') {
    const label = mode === 'search' ? 'Search: ' : 'Filter: ';
    const hint = mode === 'search' ? '   Enter keep · Esc cancel · F3 next' : '   Enter keep · Esc clear';
    const value = sanitizeText(mode === 'search' ? query : filter);
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
  // Quit always has a place, however narrow the terminal: the others fit around it.
  const cellsOf = (item: (typeof BAR)[number]): number => item.key.length + Math.max(6, item.word.length) + 1;
  const quit = BAR.find((item) => item.word === 'Quit');
  let used = quit ? cellsOf(quit) : 0;
  const shown = new Set(quit ? [quit] : []);
  for (const item of BAR) {
    if (item === quit) continue;
    if (used + cellsOf(item) > width) break;
    used += cellsOf(item);
    shown.add(item);
  }
  let bar = '';
  for (const item of BAR) {
    if (!shown.has(item)) continue;
    bar +=
      styled(item.key, { color: theme.keyName, bold: true }) +
      styled(item.word.padEnd(Math.max(6, item.word.length)), { backgroundColor: theme.keyLabel, color: theme.headerText, inverse: !theme.color }) +
      ' ';
  }
  return <Text wrap="truncate">{bar}</Text>;
}
