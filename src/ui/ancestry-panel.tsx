// The ancestry overlay (`a`): the selected process's chain of parents, from the root (normally
// PID 1) down to it, each with PID, user and command.
import { Box, Text } from 'ink';
import { ancestry } from '../model/ancestry.js';
import { column } from '../model/columns.js';
import type { ProcessRow } from '../model/process-row.js';
import { sanitizeText } from '../model/sanitize.js';
import { fitWidth } from '../model/text-width.js';
import type { ActionContext } from './action-context.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const USER_CELLS = column('user').width;

/** The overlay's text lines, so the panel and its tests read the same thing. */
export function ancestryLines(rows: readonly ProcessRow[], pid: number | null): string[] {
  if (pid === null) return ['no process selected'];
  const found = ancestry(rows, pid);
  if (!found) return [`PID ${pid} is gone`];
  const chain = [...found.chain].reverse();
  const lines: string[] = [];
  if (found.end.kind === 'missing-parent') lines.push(`(parent ${found.end.ppid} is gone: the chain ends at PID ${chain[0]?.pid})`);
  if (found.end.kind === 'cycle') lines.push(`(the parents form a cycle at PID ${found.end.pid})`);
  chain.forEach((row, depth) => {
    const guide = depth === 0 ? '' : `${'   '.repeat(depth - 1)}└─ `;
    // The user padded by cells, as the table's USER column: padEnd counts UTF-16 units, which
    // shifted the line after a wide name and could cut an emoji in half.
    lines.push(`${String(row.pid).padStart(7)} ${fitWidth(sanitizeText(row.user), USER_CELLS)} ${guide}${sanitizeText(row.command)}`);
  });
  return lines;
}

export function AncestryPanel({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const rows = useAppStore((s) => s.rows);
  const pid = useAppStore((s) => s.focusPid);
  const scroll = useAppStore((s) => s.menuIndex);
  const lines = ancestryLines(rows, pid);
  const room = Math.max(1, height - 1);
  const top = Math.min(scroll, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(`Ancestry of PID ${pid ?? '-'}: parents back to the root   (Esc closes)`, width)}
      </Text>
      {lines.slice(top, top + room).map((line, i) => (
        <Text key={top + i} wrap="truncate" bold={top + i === lines.length - 1}>
          {fitWidth(line, width)}
        </Text>
      ))}
    </Box>
  );
}

export function ancestryKeys(key: KeyPress, { store }: ActionContext): void {
  const state = store.getState();
  if (key.name === 'down') state.setMenuIndex(state.menuIndex + 1);
  else if (key.name === 'up') state.setMenuIndex(Math.max(0, state.menuIndex - 1));
  else if (['escape', 'enter', 'q', 'a', 'C-c'].includes(key.name)) state.setMode('main');
}
