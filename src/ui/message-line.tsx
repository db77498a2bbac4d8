// The line above the key bar: the latest message (a signal's result, an error), and on the
// right what the view is narrowed or held by (frozen, following, filter, user, kept search).
import { Text } from 'ink';
import { sanitizeText } from '../model/sanitize.js';
import { cutToWidth, displayWidth, fitWidth } from '../model/text-width.js';
import type { AppState } from '../store/app-store.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export function MessageLine({ width }: { width: number }) {
  const theme = useTheme();
  const message = useAppStore((s) => s.message);
  const status = useAppStore(statusText);
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

function statusText(state: Pick<AppState, 'view' | 'frozen' | 'follow' | 'cursor' | 'visible' | 'rows' | 'tags' | 'waitingFor' | 'jobs'>): string {
  const { view, cursor, visible, rows, tags } = state;
  const parts: string[] = [];
  const waiting = state.waitingFor;
  if (waiting !== null) {
    const left = state.jobs.filter((job) => job.end === null && waiting.includes(job.number)).length;
    parts.push(`[waiting for ${left === 1 ? '1 job' : `${left} jobs`}… Esc]`);
  }
  if (tags.size > 0) parts.push(`[${tags.size} tagged]`);
  if (state.frozen) parts.push('[FROZEN]');
  if (state.follow && cursor.pid !== null) parts.push(`[following ${cursor.pid}]`);
  if (view.search.query && !view.search.editing) parts.push(`[search "${sanitizeText(view.search.query)}": n/N]`);
  if (view.filterText) parts.push(`[filter "${sanitizeText(view.filterText)}"]`);
  if (view.user) parts.push(`[user ${sanitizeText(view.user)}]`);
  if (view.pids) parts.push(`[${view.pids.size} PIDs]`);
  if (visible.length !== rows.length) parts.push(`${visible.length}/${rows.length}`);
  return parts.join(' ');
}
