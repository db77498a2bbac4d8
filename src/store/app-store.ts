// The one store, made of slices (zustand's slices pattern): each slice owns its part of the state
// and the actions that change it, and reads the others through `get`. A zustand vanilla store, so
// the poller and the pool bridge talk to it without React. A new slice is a file of its own and a
// line in each list below.
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { GraphSettings } from '../model/graph-settings.js';
import { createAccessSlice, type AccessSlice } from './access-slice.js';
import { createDetailsSlice, type DetailsSlice } from './details-slice.js';
import { createEventsSlice, type EventsSlice } from './events-slice.js';
import { createHistorySlice, type HistorySlice } from './history-slice.js';
import { createJobsSlice, type JobsSlice } from './jobs-slice.js';
import { createMessagesSlice, type MessagesSlice } from './messages-slice.js';
import { createModesSlice, type ModesSlice } from './modes-slice.js';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice.js';
import { createPoolSlice, type PoolSlice } from './pool-slice.js';
import { createScreensSlice, type ScreensOptions, type ScreensSlice } from './screens-slice.js';
import { createSetupSlice, type SetupOptions, type SetupSlice } from './setup-slice.js';
import { createTraceSlice, type TraceSlice } from './trace-slice.js';
import { createReplaySlice, type ReplaySlice } from './replay-slice.js';
import { createTableSlice, type TableSlice } from './table-slice.js';
import { createTagsSlice, type TagsSlice } from './tags-slice.js';
import { createViewSlice, type ViewSlice } from './view-slice.js';
import type { ViewOptions } from './view-state.js';

export type AppState = TableSlice &
  NavigationSlice &
  ViewSlice &
  ModesSlice &
  TagsSlice &
  MessagesSlice &
  PoolSlice &
  DetailsSlice &
  AccessSlice &
  TraceSlice &
  SetupSlice &
  ReplaySlice &
  EventsSlice &
  HistorySlice &
  ScreensSlice &
  JobsSlice;
export type AppStore = StoreApi<AppState>;

/** A slice: its part of the state, built with the whole store's `set` and `get`. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;

export interface StoreOptions extends ViewOptions, SetupOptions, ScreensOptions {
  /** `--readonly`: no key changes a process. */
  readonly?: boolean;
  graphs?: Partial<GraphSettings>;
}

export function createAppStore(options: StoreOptions = {}): AppStore {
  return createStore<AppState>()((...store) => ({
    ...createTableSlice(...store),
    ...createNavigationSlice(...store),
    ...createViewSlice(options)(...store),
    ...createModesSlice(...store),
    ...createTagsSlice(...store),
    ...createMessagesSlice(...store),
    ...createPoolSlice(...store),
    ...createDetailsSlice(...store),
    ...createAccessSlice(options.readonly ?? false)(...store),
    ...createTraceSlice(...store),
    ...createSetupSlice(options)(...store),
    ...createReplaySlice(...store),
    ...createEventsSlice(...store),
    ...createHistorySlice(options.graphs)(...store),
    ...createScreensSlice(options)(...store),
    ...createJobsSlice(...store),
  }));
}
