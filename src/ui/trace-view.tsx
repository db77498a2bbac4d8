// The strace view (`s`): the newest system calls of the traced process, at the bottom as strace
// prints them; Esc detaches and goes back.
import { Box, Text } from 'ink';
import { sanitizeText } from '../model/sanitize.js';
import { fitWidth } from '../model/text-width.js';
import type { ActionContext } from './action-context.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export function TraceView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const trace = useAppStore((s) => s.trace);
  if (!trace) return null;
  const room = Math.max(1, height - 1);
  const shown = trace.lines.slice(-room);
  const title = `strace -f -p ${trace.pid}${trace.ended ? `: ${trace.ended}` : ''}   (Esc detaches)`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(sanitizeText(title), width)}
      </Text>
      {shown.length === 0 && <Text dimColor>{trace.ended ? '' : 'attaching… (a process that makes no system call prints nothing)'}</Text>}
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate">
          {fitWidth(sanitizeText(line), width)}
        </Text>
      ))}
    </Box>
  );
}

export function traceKeys(key: KeyPress, ctx: ActionContext): void {
  if (key.name === 'escape' || key.name === 'q' || key.name === 's') ctx.trace.stop();
  else if (key.name === 'C-c') ctx.quit();
}
