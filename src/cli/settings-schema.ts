// The settings pooltop knows: one row per key of config.json, with the check its value must pass,
// its default, and where a session changes it (the store), so a new setting is one row here.
import { DEFAULT_COLUMNS, parseColumnId, parseColumnList, type ColumnId } from '../model/columns.js';
import { GRAPH_STYLES, type GraphStyle } from '../model/graph-cells.js';
import { GRAPH_SPANS, type GraphSettings } from '../model/graph-settings.js';
import { DEFAULT_HEADER_LAYOUT, parseHeaderLayout, type HeaderLayout } from '../model/header-layout.js';
import { DEFAULT_SCHEME, isSchemeName, type SchemeName } from '../model/scheme-names.js';
import {
  DEFAULT_EXTRA_SCREENS,
  liveScreens,
  MAIN_SCREEN_NAME,
  mainScreen,
  parseScreenName,
  parseScreens,
  toSaved,
  type SavedScreen,
} from '../model/table-screens.js';
import type { AppState } from '../store/app-store.js';
import { DEFAULT_HIGHLIGHT_SECS, MAX_DELAY_TENTHS, MAX_HIGHLIGHT_SECS } from './parse-options.js';

interface SettingSpec<T> {
  default: T;
  /** The value when `value` (from JSON.parse) is a good one, else undefined. */
  parse(value: unknown): T | undefined;
  /**
   * The session's value in the store, for settings a key inside pooltop changes. Settings
   * without it (the colour) are set by the file or the command line only, so a session never
   * saves them.
   */
  inStore?(state: AppState): T;
}

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

const SETTINGS = {
  sortKey: {
    default: 'cpu',
    parse: (value) => (typeof value === 'string' ? parseColumnId(value) : undefined),
    inStore: (state) => mainScreen(state).sort.key,
  } satisfies SettingSpec<ColumnId>,
  sortInverted: { default: false, parse: flag, inStore: (state) => mainScreen(state).sort.inverted } satisfies SettingSpec<boolean>,
  tree: { default: false, parse: flag, inStore: (state) => state.view.tree } satisfies SettingSpec<boolean>,
  delayTenths: {
    default: 10,
    parse: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DELAY_TENTHS ? value : undefined),
    inStore: (state) => state.delayTenths,
  } satisfies SettingSpec<number>,
  color: { default: true, parse: flag } satisfies SettingSpec<boolean>,
  columns: {
    default: DEFAULT_COLUMNS,
    parse: (value) => (Array.isArray(value) && value.length <= 64 ? parseColumnList(value) : undefined),
    inStore: (state) => mainScreen(state).columns,
  } satisfies SettingSpec<readonly ColumnId[]>,
  colorScheme: {
    default: DEFAULT_SCHEME,
    parse: (value) => (typeof value === 'string' && isSchemeName(value) ? value : undefined),
    inStore: (state) => state.colorScheme,
  } satisfies SettingSpec<SchemeName>,
  /** As --readonly: set by the file only (a key cannot leave read-only mode). */
  readonly: { default: false, parse: flag } satisfies SettingSpec<boolean>,
  hideKernelThreads: { default: true, parse: flag, inStore: (state) => state.view.hideKernelThreads } satisfies SettingSpec<boolean>,
  hideUserlandThreads: { default: true, parse: flag, inStore: (state) => state.view.hideUserlandThreads } satisfies SettingSpec<boolean>,
  showThreadNames: { default: false, parse: flag } satisfies SettingSpec<boolean>,
  highlightBaseName: { default: false, parse: flag } satisfies SettingSpec<boolean>,
  highlightChanges: { default: false, parse: flag } satisfies SettingSpec<boolean>,
  highlightDelaySecs: {
    default: DEFAULT_HIGHLIGHT_SECS,
    parse: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_HIGHLIGHT_SECS ? value : undefined),
  } satisfies SettingSpec<number>,
  cpuMeter: {
    default: 'bar',
    parse: (value) => (value === 'bar' || value === 'graph' ? value : undefined),
    inStore: (state) => state.graphs.cpuMeter,
  } satisfies SettingSpec<GraphSettings['cpuMeter']>,
  graphsPanel: { default: false, parse: flag, inStore: (state) => state.graphs.panel } satisfies SettingSpec<boolean>,
  graphSpan: {
    default: 60,
    parse: (value) => (typeof value === 'number' && GRAPH_SPANS.includes(value) ? value : undefined),
    inStore: (state) => state.graphs.spanSeconds,
  } satisfies SettingSpec<number>,
  graphStyle: {
    default: 'braille',
    parse: (value) => (typeof value === 'string' && (GRAPH_STYLES as readonly string[]).includes(value) ? (value as GraphStyle) : undefined),
  } satisfies SettingSpec<GraphStyle>,
  systemMeters: { default: true, parse: flag } satisfies SettingSpec<boolean>,
  /** The screens after the first (Tab), each its name, columns and sort. */
  screens: {
    default: DEFAULT_EXTRA_SCREENS,
    parse: parseScreens,
    inStore: (state) => liveScreens(state).slice(1).map(toSaved),
  } satisfies SettingSpec<readonly SavedScreen[]>,
  mainScreenName: {
    default: MAIN_SCREEN_NAME,
    parse: parseScreenName,
    inStore: (state) => state.screens[0]?.name ?? MAIN_SCREEN_NAME,
  } satisfies SettingSpec<string>,
  headerLayout: { default: DEFAULT_HEADER_LAYOUT, parse: parseHeaderLayout, inStore: (state) => state.headerLayout } satisfies SettingSpec<HeaderLayout>,
};

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: NonNullable<ReturnType<(typeof SETTINGS)[K]['parse']>> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTINGS[key].default])) as Settings;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** The value of `key` in `raw` (a value of the file) when it passes the key's check. */
export function parseSetting<K extends SettingKey>(key: K, raw: unknown): Settings[K] | undefined {
  return (SETTINGS[key] as SettingSpec<Settings[K]>).parse(raw);
}

/** The session's value of `key` in the store; undefined for settings no key inside pooltop changes. */
export function settingInStore<K extends SettingKey>(key: K, state: AppState): Settings[K] | undefined {
  return (SETTINGS[key] as SettingSpec<Settings[K]>).inStore?.(state);
}
