// The whole screen: header, table (with a side panel when a menu is open), message line and key
// bar — or the help screen, or a notice when the terminal is too small.
import { Box } from 'ink';
import { useEffect, useMemo } from 'react';
import type { ActionContext } from './action-context.js';
import { AncestryPanel } from './ancestry-panel.js';
import { dispatchRead } from './dispatch-key.js';
import { Footer } from './footer.js';
import { Header } from './header.js';
import { GraphsPanel, graphsPanelHeight } from './graphs-panel.js';
import { HelpScreen } from './help-screen.js';
import { useRepaintOnResize } from './ink/repaint.js';
import { computeLayout, MIN_COLUMNS } from './layout.js';
import { MessageLine } from './message-line.js';
import { ProcessTable } from './process-table.js';
import { PoolMenu, POOL_MENU_WIDTH } from './pool-menu.js';
import { PoolPanel, poolPanelHeight } from './pool-panel.js';
import { SignalMenu, SIGNAL_MENU_WIDTH } from './signal-menu.js';
import { SortMenu, SORT_MENU_WIDTH } from './sort-menu.js';
import { systemMeterLineCount } from './system-meter-lines.js';
import { TooSmall } from './too-small.js';
import { useAppStore } from './use-app-store.js';
import { useKeys } from './use-keys.js';
import { UserMenu, USER_MENU_WIDTH } from './user-menu.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  ctx: ActionContext;
}

export function App({ ctx }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const cores = useAppStore((s) => s.sample?.cpus.length ?? 1);
  const mode = useAppStore((s) => s.mode);
  const poolLines = useAppStore((s) => poolPanelHeight(s.pool, s.poolPanel, true));
  const hasPool = useAppStore((s) => s.pool !== null && s.pool.summary.phase !== 'idle');
  const meterLines = useAppStore((s) => (s.graphs.meters ? systemMeterLineCount(s.history.rates, s.meters) : 0));
  const full = useMemo(() => computeLayout(columns, rows, cores, (hasPool ? 1 : 0) + meterLines), [columns, rows, cores, hasPool, meterLines]);
  // The pool panel takes its lines from the table, but never all of them.
  const panel = full.pageSize - poolLines >= 3 ? poolLines : 0;
  // So does the graphs panel, after the pool's: at most what leaves the table three rows.
  const graphLines = useAppStore((s) => graphsPanelHeight(s.history, s.graphs, s.meters, cores, columns, full.pageSize - panel - 3));
  const layout = useMemo(() => ({ ...full, pageSize: full.pageSize - panel - graphLines }), [full, panel, graphLines]);

  useKeys((keys) => dispatchRead(keys, ctx));
  // After a resize the new layout is committed: start the screen over from a clean terminal.
  useRepaintOnResize(columns, rows);
  useEffect(() => {
    ctx.store.getState().setViewport(layout.pageSize, layout.lines);
  }, [ctx.store, layout.pageSize, layout.lines]);

  if (layout.tooSmall) {
    return <TooSmall columns={columns} rows={rows} needColumns={MIN_COLUMNS} needRows={layout.headerHeight + 8} />;
  }
  if (mode === 'help') {
    return <HelpScreen width={columns} height={layout.lines} />;
  }
  const panelWidth =
    mode === 'sort'
      ? SORT_MENU_WIDTH
      : mode === 'user'
        ? USER_MENU_WIDTH
        : mode === 'signal'
          ? Math.min(SIGNAL_MENU_WIDTH, Math.floor(columns / 2))
          : mode === 'pool'
            ? Math.min(POOL_MENU_WIDTH, Math.floor(columns / 2))
            : 0;
  const tableHeight = layout.pageSize + 1;
  return (
    <Box flexDirection="column" width={columns} height={layout.lines}>
      <Header layout={layout} />
      <Box height={1} />
      {graphLines > 0 && <GraphsPanel width={columns} height={graphLines} />}
      {panel > 0 && <PoolPanel width={columns} />}
      <Box height={tableHeight}>
        {mode === 'ancestry' ? (
          <AncestryPanel width={columns} height={tableHeight} />
        ) : (
          <>
            {mode === 'sort' && <SortMenu height={tableHeight} />}
            {mode === 'user' && <UserMenu height={tableHeight} />}
            {mode === 'signal' && <SignalMenu height={tableHeight} width={panelWidth} />}
            {mode === 'pool' && <PoolMenu height={tableHeight} width={panelWidth} />}
            {panelWidth > 0 && <Box width={1} />}
            <ProcessTable width={columns - panelWidth - (panelWidth > 0 ? 1 : 0)} height={layout.pageSize} />
          </>
        )}
      </Box>
      <MessageLine width={columns} />
      <Footer width={columns} />
    </Box>
  );
}
