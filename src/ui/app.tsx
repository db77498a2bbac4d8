// The whole screen: header, table (with a side panel when a menu is open), message line and key
// bar — or the help screen, or a notice when the terminal is too small.
import { Box } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { layoutColumns } from '../model/format-row.js';
import type { ActionContext } from './action-context.js';
import { AncestryPanel } from './ancestry-panel.js';
import { AffinityMenu, CHANGE_MENU_WIDTH, IoPriorityMenu } from './change-menus.js';
import { DetailsView } from './details-view.js';
import { dispatchKey, dispatchRead } from './dispatch-key.js';
import { Footer, footerKeys } from './footer.js';
import { EventLine, EventsPanel } from './events-panel.js';
import { Header, headerHeight } from './header.js';
import { storeMeterFacts } from './header-meters.js';
import { GraphsPanel, graphsPanelHeight } from './graphs-panel.js';
import { memoryGraphRows } from './memory-graph.js';
import { HelpScreen } from './help-screen.js';
import { JobsPanel } from './jobs-panel.js';
import { useRepaintOnResize } from './ink/repaint.js';
import { computeLayout, meterColumnsFor, MIN_COLUMNS } from './layout.js';
import { MessageLine } from './message-line.js';
import { handleMouse, type MenuClicks, type ScreenMap } from './mouse-actions.js';
import { ClickCounter } from './mouse-report.js';
import { ProcessTable } from './process-table.js';
import { PoolMenu, POOL_MENU_WIDTH } from './pool-menu.js';
import { PoolPanel, poolPanelHeight } from './pool-panel.js';
import { ScreenTabs } from './screen-tabs.js';
import { SetupScreen } from './setup-screen.js';
import { ReplayBar } from './replay-bar.js';
import { SignalMenu, SIGNAL_MENU_WIDTH } from './signal-menu.js';
import { SortMenu, SORT_MENU_WIDTH } from './sort-menu.js';
import { TooSmall } from './too-small.js';
import { TraceView } from './trace-view.js';
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
  // A menu opened from the details view is drawn beside it, not beside the table.
  const overDetails = useAppStore(
    (s) => s.details !== null && (s.mode === 'details' || s.signalRequest?.origin === 'details' || s.changeRequest?.origin === 'details'),
  );
  const poolLines = useAppStore((s) => poolPanelHeight(s.pool, s.poolPanel, true));
  // A number: the selector wakes the screen only when the header's height changes.
  const headerLines = useAppStore((s) => headerHeight(s.headerLayout, storeMeterFacts(s), meterColumnsFor(columns, cores)));
  const full = useMemo(() => computeLayout(columns, rows, cores, 0, headerLines), [columns, rows, cores, headerLines]);
  // The events line, once pooltop has started a process, takes one line of the table.
  const eventLine = useAppStore((s) => s.events.length > 0) && full.pageSize > 4 ? 1 : 0;
  // The pool panel takes its lines from the table, but never all of them.
  const panel = full.pageSize - eventLine - poolLines >= 3 ? poolLines : 0;
  // So does the graphs panel, after the pool's: at most what leaves the table three rows.
  const graphRoom = full.pageSize - eventLine - panel - 3;
  const graphLines = useAppStore((s) => graphsPanelHeight(s.history, s.graphs, s.meters, cores, columns, graphRoom));
  // A replay's time bar takes a line above the message line.
  const replaying = useAppStore((s) => s.replay !== null);
  const bar = replaying && full.pageSize - panel - eventLine - graphLines > 3 ? 1 : 0;
  const layout = useMemo(() => ({ ...full, pageSize: full.pageSize - panel - eventLine - graphLines - bar }), [full, panel, eventLine, graphLines, bar]);
  const tableColumns = useAppStore((s) => s.view.columns);
  const clicks = useRef(new ClickCounter());
  const menuClicks = useRef<MenuClicks>({ last: null });
  const screen = useRef<ScreenMap | null>(null);

  useKeys((keys) =>
    dispatchRead(keys, ctx, (key) => {
      const report = key.mouse;
      if (!report || !screen.current) return;
      const double = report.kind === 'press' && report.button === 0 && clicks.current.press(report, Date.now());
      handleMouse(report, double, ctx, screen.current, (name) => dispatchKey({ name, text: name.length === 1 ? name : '' }, ctx), menuClicks.current);
    }),
  );
  // After a resize the new layout is committed: start the screen over from a clean terminal.
  useRepaintOnResize(columns, rows);
  useEffect(() => {
    ctx.store.getState().setViewport(layout.pageSize, layout.lines);
  }, [ctx.store, layout.pageSize, layout.lines]);

  const panelWidth = panelWidthFor(mode, columns);
  const tableWidth = columns - panelWidth - (panelWidth > 0 ? 1 : 0);
  const rowLayout = useMemo(() => layoutColumns(tableWidth, tableColumns), [tableWidth, tableColumns]);
  const titleY = layout.headerHeight + 1 + panel;
  screen.current = layout.tooSmall
    ? null
    : {
        titleY,
        pageSize: layout.pageSize,
        tableX: panelWidth > 0 ? panelWidth + 1 : 0,
        rowLayout,
        panelWidth,
        footerY: layout.lines - 1,
        footer: footerKeys(columns),
      };

  if (layout.tooSmall) {
    return <TooSmall columns={columns} rows={rows} needColumns={MIN_COLUMNS} needRows={layout.headerHeight + 8} />;
  }
  if (mode === 'help') {
    return <HelpScreen width={columns} height={layout.lines} />;
  }
  const tableHeight = layout.pageSize + 1;
  return (
    <Box flexDirection="column" width={columns} height={layout.lines}>
      <Header layout={layout} />
      <ScreenTabs width={columns} />
      {graphLines > 0 && <GraphsPanel width={columns} height={graphLines} memoryRows={memoryGraphRows(graphRoom)} />}
      {panel > 0 && <PoolPanel width={columns} />}
      <Box height={tableHeight}>
        {mode === 'ancestry' ? (
          <AncestryPanel width={columns} height={tableHeight} />
        ) : mode === 'strace' ? (
          <TraceView width={columns} height={tableHeight} />
        ) : mode === 'setup' ? (
          <SetupScreen width={columns} height={tableHeight} />
        ) : mode === 'events' ? (
          <EventsPanel width={columns} height={tableHeight} />
        ) : mode === 'jobs' ? (
          <JobsPanel width={columns} height={tableHeight} />
        ) : (
          <>
            {mode === 'sort' && <SortMenu height={tableHeight} />}
            {mode === 'user' && <UserMenu height={tableHeight} />}
            {mode === 'signal' && <SignalMenu height={tableHeight} width={panelWidth} />}
            {mode === 'pool' && <PoolMenu height={tableHeight} width={panelWidth} />}
            {mode === 'ionice' && <IoPriorityMenu height={tableHeight} />}
            {mode === 'affinity' && <AffinityMenu height={tableHeight} />}
            {panelWidth > 0 && <Box width={1} />}
            {overDetails ? <DetailsView width={tableWidth} height={tableHeight} /> : <ProcessTable width={tableWidth} height={layout.pageSize} />}
          </>
        )}
      </Box>
      {bar > 0 && <ReplayBar width={columns} />}
      {eventLine > 0 && <EventLine width={columns} />}
      <MessageLine width={columns} />
      <Footer width={columns} />
    </Box>
  );
}

/** Cells of the menu panel left of the table in `mode`, 0 when no menu is open. */
function panelWidthFor(mode: string, columns: number): number {
  if (mode === 'sort') return SORT_MENU_WIDTH;
  if (mode === 'user') return USER_MENU_WIDTH;
  if (mode === 'signal') return Math.min(SIGNAL_MENU_WIDTH, Math.floor(columns / 2));
  if (mode === 'pool') return Math.min(POOL_MENU_WIDTH, Math.floor(columns / 2));
  if (mode === 'ionice' || mode === 'affinity') return CHANGE_MENU_WIDTH;
  return 0;
}
