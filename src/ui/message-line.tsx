// The line above the key bar: the latest message (a signal's result, an error), and on the
// right what the view is narrowed or held by (frozen, following, filter, user, kept search).
import { Text } from 'ink';
import { sanitizeText } from '../model/sanitize.js';
import { cutToWidth, displayWidth, fitWidth } from '../model/text-width.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export function MessageLine({ width }: { width: number }) {
  const theme = useTheme();
  const message = useAppStore((s) => s.message);
  const status = useAppStore((s) => statusText(s.view, s.cursor.pid, s.visible.length, s.rows.length, s.tags.size));
  // The message comes first: the status on the right gets at most a third of the line.
  const right = cutToWidth(status, Math.floor(width / 3));
  const leftWidth = Math.max(0, width - displayWidth(right) - (right ? 1 : 0));
  const text = message ? fitWidth(sanitizeText(message.text), leftWidth) : ' '.repeat(leftWidth);
  const color = message ? theme[message.level] : undefined;
  return (
    <Text wrap="truncate">
      <Text color={color} bold={message?.level === 'error'}>
        {text}
      </Text>
      {right ? ' ' : ''}
      <Text color={theme.warn}>{right}</Text>
    </Text>
  );
}

function statusText(
  view: {
    frozen: boolean;
    follow: boolean;
    filterText: string;
    user: string | null;
    pids: ReadonlySet<number> | null;
    search: { query: string; editing: boolean };
  },
  selected: number | null,
  shown: number,
  total: number,
  tagged: number,
): string {
  const parts: string[] = [];
  if (tagged > 0) parts.push(`[${tagged} tagged]`);
  if (view.frozen) parts.push('[FROZEN]');
  if (view.follow && selected !== null) parts.push(`[following ${selected}]`);
  if (view.search.query && !view.search.editing) parts.push(`[search "${sanitizeText(view.search.query)}": n/N]`);
  if (view.filterText) parts.push(`[filter "${sanitizeText(view.filterText)}"]`);
  if (view.user) parts.push(`[user ${sanitizeText(view.user)}]`);
  if (view.pids) parts.push(`[${view.pids.size} PIDs]`);
  if (shown !== total) parts.push(`${shown}/${total}`);
  return parts.join(' ');
}
