// The React binding of the app store: components read it through selectors, as zustand's
// react.ts binds its vanilla core.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/app-store.js';

export const StoreContext = createContext<AppStore | null>(null);

function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('pooltop: component rendered outside StoreContext');
  return store;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
