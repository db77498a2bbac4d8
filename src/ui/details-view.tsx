// The details view (Enter): everything /proc says about one process, scrolled with the arrows;
// k, ] [, i, a and s act on that process; e and l jump to its environment and open files.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { fitWidth } from '../model/text-width.js';
import { openChangeMenu, reniceTargets } from '../store/change-actions.js';
import { openSignalMenu } from '../store/signal-actions.js';
import type { ActionContext } from './action-context.js';
import { detailsLines, sectionLine, type DetailsLine } from './details-lines.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const DETAILS_HINT = 'Esc back · ↑↓ PgUp PgDn scroll · k signal · ] [ nice · i I/O · a CPUs · s strace · e env · l files';

export function DetailsView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const details = useAppStore((s) => s.details);
  const lines = useMemo(() => (details ? detailsLines(details, width) : []), [details, width]);
  if (!details) return null;
  const room = Math.max(1, height - 1);
  const top = Math.min(details.scroll, Math.max(0, lines.length - room));
  const style = (line: DetailsLine) =>
    line.kind === 'heading'
      ? { bold: true, color: theme.color ? 'cyan' : undefined }
      : line.kind === 'note'
        ? { dimColor: true }
        : line.kind === 'title'
          ? { bold: true }
          : {};
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(DETAILS_HINT, width)}
      </Text>
      {lines.slice(top, top + room).map((line, i) => (
        <Text key={top + i} wrap="truncate" {...style(line)}>
          {fitWidth(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}

export function detailsKeys(key: KeyPress, ctx: ActionContext): void {
  const { store, services } = ctx;
  const state = store.getState();
  const details = state.details;
  if (!details) return state.setMode('main');
  const page = Math.max(1, state.view.pageSize - 1);
  // The view's width is not known here; only the wrapped command line depends on it.
  const last = Math.max(0, detailsLines(details, 80).length - state.view.pageSize);
  const scroll = (line: number): void => state.scrollDetails(Math.min(last, Math.max(0, line)));
  switch (key.name) {
    case 'down':
      return scroll(details.scroll + 1);
    case 'up':
      return scroll(details.scroll - 1);
    case 'pagedown':
    case ' ':
      return scroll(details.scroll + page);
    case 'pageup':
      return scroll(details.scroll - page);
    case 'home':
      return scroll(0);
    case 'end':
      return scroll(last);
    case 'e':
    case 'l': {
      const lines = detailsLines(details, 80);
      return scroll(sectionLine(lines, key.name === 'e' ? 'Environment' : 'Open files'));
    }
    case 'k':
    case 'f9':
      return openSignalMenu(store);
    case ']':
    case 'f7':
      return reniceTargets(store, -1, () => services.refreshSoon());
    case '[':
    case 'f8':
      return reniceTargets(store, 1, () => services.refreshSoon());
    case 'i':
      return openChangeMenu(store, 'ionice');
    case 'a':
      return openChangeMenu(store, 'affinity');
    case 's':
      return ctx.trace.start();
    case 'escape':
    case 'enter':
    case 'q':
      return state.closeDetails();
    case 'C-c':
      return ctx.quit();
  }
}
