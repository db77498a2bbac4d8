// The settings pooltop knows: one row per key of config.json, with the check its value must pass,
// its default, and where a session changes it (the store), so a new setting is one row here.
import { parseColumnId, type ColumnId } from '../model/columns.js';
import type { AppState } from '../store/app-store.js';
import { MAX_DELAY_TENTHS } from './parse-options.js';

interface SettingSpec<T> {
  default: T;
  /** The value when `value` (from JSON.parse) is a good one, else undefined. */
  parse(value: unknown): T | undefined;
  /**
   * The session's value in the store, for settings a key inside pooltop changes. Settings
   * without it (the delay, the colour) are set by the file or the command line only, so a
   * session never saves them.
   */
  inStore?(state: AppState): T;
}

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

const SETTINGS = {
  sortKey: {
    default: 'cpu',
    parse: (value) => (typeof value === 'string' ? parseColumnId(value) : undefined),
    inStore: (state) => state.view.sort.key,
  } satisfies SettingSpec<ColumnId>,
  sortInverted: { default: false, parse: flag, inStore: (state) => state.view.sort.inverted } satisfies SettingSpec<boolean>,
  tree: { default: false, parse: flag, inStore: (state) => state.view.tree } satisfies SettingSpec<boolean>,
  delayTenths: {
    default: 10,
    parse: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DELAY_TENTHS ? value : undefined),
  } satisfies SettingSpec<number>,
  color: { default: true, parse: flag } satisfies SettingSpec<boolean>,
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
