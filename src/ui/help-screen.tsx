// The help screen: the meters' colours and every key, printed from the key table itself.
import { Box, Text } from 'ink';
import { fitWidth } from '../model/text-width.js';
import type { ActionContext } from './action-context.js';
import { KEY_TABLE } from './key-table.js';
import { REPLAY_KEY_TABLE } from './replay-keys.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

/** The help text as lines: what the header shows, then one line per key binding. */
export function helpLines(readonly = false): { key: string; text: string }[] {
  const width = Math.max(...[...KEY_TABLE, ...REPLAY_KEY_TABLE].map((b) => b.label.length));
  return [
    { key: '', text: 'pooltop — an htop-like process monitor with a process-pool lab' },
    { key: '', text: '' },
    { key: '', text: 'CPU meters: user (green) · system (red) · nice (blue); in monochrome | # *' },
    { key: '', text: 'States: R running · S sleeping · D disk wait · T stopped · Z zombie · I idle' },
    { key: '', text: '' },
    ...(readonly
      ? [
          { key: '', text: 'Read-only mode (--readonly): the keys marked "disabled" change nothing.' },
          { key: '', text: '' },
        ]
      : []),
    ...KEY_TABLE.map((b) => ({ key: b.label.padEnd(width), text: readonly && b.changes ? `(disabled: read-only) ${b.help}` : b.help })),
    { key: '', text: '' },
    { key: '', text: 'In a replay (pooltop replay FILE), where signals, renice, the details and the pool are off:' },
    ...REPLAY_KEY_TABLE.map((b) => ({ key: b.label.padEnd(width), text: b.help })),
  ];
}

/** Always on the help screen's last line, however far it is scrolled. */
const HELP_HINT = 'Press any key to return (↑ ↓ PgUp PgDn scroll).';

export function HelpScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const scroll = useAppStore((s) => s.menuIndex);
  const readonly = useAppStore((s) => s.readonly);
  const lines = helpLines(readonly);
  const room = Math.max(0, height - 1);
  const top = Math.min(scroll, Math.max(0, lines.length - room));
  const below = Math.max(0, lines.length - top - room);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(top, top + room).map((line, i) => (
        <Text key={top + i} wrap="truncate">
          {line.key ? (
            <>
              <Text color={theme.keyLabel} bold>
                {' '}
                {line.key}
              </Text>
              {'  '}
              {fitWidth(line.text, Math.max(0, width - line.key.length - 3))}
            </>
          ) : (
            fitWidth(' ' + line.text, width)
          )}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, room - (lines.length - top)) }, (_, i) => (
        <Text key={`blank${i}`}> </Text>
      ))}
      <Text wrap="truncate" inverse>
        {fitWidth(` ${HELP_HINT}${below > 0 ? `  ↓ ${below} more below` : ''}`, width)}
      </Text>
    </Box>
  );
}

export function helpKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  // The last screenful is as far as it scrolls: no presses lost past the end.
  const max = Math.max(0, helpLines(state.readonly).length - (state.view.screenLines - 1));
  if (key.name === 'down') state.setMenuIndex(Math.min(max, state.menuIndex + 1));
  else if (key.name === 'up') state.setMenuIndex(Math.max(0, state.menuIndex - 1));
  else if (key.name === 'pagedown') state.setMenuIndex(Math.min(max, state.menuIndex + 10));
  else if (key.name === 'pageup') state.setMenuIndex(Math.max(0, state.menuIndex - 10));
  else state.setMode('main');
}
