// The events line (the newest event of pooltop's own processes, over the message line) and the
// `E` list of every event of the session, scrollable.
import { Box, Text } from 'ink';
import { fitWidth } from '../model/text-width.js';
import { eventClock, type LabEvent } from '../store/events-slice.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

function eventText(event: LabEvent): string {
  return `${eventClock(event.at)}  ${event.text}`;
}

/** "events: 12:01:03.250  worker 2 (PID 4251) was killed by SIGKILL after 4.1 s   (14, E lists them)". */
function eventLine(events: readonly LabEvent[], width: number): string {
  const last = events.at(-1);
  if (last === undefined) return '';
  const count = `   (${events.length}: E lists them)`;
  return fitWidth(`events: ${fitWidth(eventText(last), Math.max(0, width - 8 - count.length))}${count}`, width);
}

export function EventLine({ width }: { width: number }) {
  const events = useAppStore((s) => s.events);
  const theme = useTheme();
  const warn = events.at(-1)?.level === 'warn';
  return (
    <Text wrap="truncate" color={warn ? theme.worker : undefined} dimColor={!warn}>
      {eventLine(events, width)}
    </Text>
  );
}

/** The list's lines: the dropped count, then every event kept, oldest first. */
function eventsLines(events: readonly LabEvent[], dropped: number): string[] {
  const lines = events.map(eventText);
  if (dropped > 0) lines.unshift(`(${dropped} older events dropped)`);
  return lines.length > 0 ? lines : ['no events yet: start a pool (w) or a program (pooltop run)'];
}

export function EventsPanel({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const events = useAppStore((s) => s.events);
  const dropped = useAppStore((s) => s.eventsDropped);
  const scroll = useAppStore((s) => s.menuIndex);
  const lines = eventsLines(events, dropped);
  const room = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(scroll, lines.length - room));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(
          `Events of pooltop's processes, oldest first (${top + 1}-${Math.min(lines.length, top + room)} of ${lines.length})   ↑ ↓ PgUp PgDn Home End; Esc closes`,
          width,
        )}
      </Text>
      {lines.slice(top, top + room).map((line, i) => (
        <Text key={top + i} wrap="truncate">
          {fitWidth(line, width)}
        </Text>
      ))}
    </Box>
  );
}

export function eventsKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  if (['escape', 'q', 'E', 'C-c'].includes(key.name)) return state.setMode('main');
  const count = eventsLines(state.events, state.eventsDropped).length;
  // Scrolled from where the list shows now (it opens past the end, at the newest).
  const room = Math.max(1, state.view.pageSize);
  const at = Math.min(state.menuIndex, Math.max(0, count - room));
  const step = menuStep(key, at, Math.max(1, count - room + 1), room);
  if (step.kind === 'move') state.setMenuIndex(step.index);
}
