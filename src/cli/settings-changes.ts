// The settings the user changed with keys inside pooltop this session: the only ones saved on
// exit. What the command line or the file set at the start is never among them.
import type { AppStore } from '../store/app-store.js';
import { SETTING_KEYS, settingInStore, type SettingKey, type Settings } from './settings-schema.js';

export interface SettingsChanges {
  readonly changed: ReadonlySet<SettingKey>;
  /** Each changed setting with its value now. */
  values(): Partial<Settings>;
  stop(): void;
}

/** Watches `store` from now on: a setting counts as changed once its value in the store differs from the one before. */
export function watchSettingsChanges(store: AppStore): SettingsChanges {
  const changed = new Set<SettingKey>();
  const unsubscribe = store.subscribe((state, previous) => {
    for (const key of SETTING_KEYS) {
      if (!changed.has(key) && !sameValue(settingInStore(key, state), settingInStore(key, previous))) changed.add(key);
    }
  });
  return {
    changed,
    values: () => Object.fromEntries([...changed].map((key) => [key, settingInStore(key, store.getState())])) as Partial<Settings>,
    stop: unsubscribe,
  };
}

/** Lists and objects (the screens, built afresh from the store) compare by their JSON; only when they are not the same object. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
