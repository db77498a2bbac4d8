// The setup screen (F2, `S`) and what it sets beyond the view: where its cursor is, the colour
// scheme, the refresh interval and the header's meters. The columns and the tree view it sets
// live in the view.
import { DEFAULT_HEADER_LAYOUT, type HeaderLayout } from '../model/header-layout.js';
import { DEFAULT_SCHEME, type SchemeName } from '../model/scheme-names.js';
import type { SliceCreator } from './app-store.js';

interface SetupCursor {
  /** The section highlighted on the left (display options, columns, colours). */
  section: number;
  /** The entry highlighted in that section. */
  item: number;
  /** Which of the two lists ↑ ↓ move in. */
  focus: 'sections' | 'items';
  /** A screen's new name as it is typed (the Screens page's `r`); undefined when none is. */
  rename?: string | undefined;
}

export interface SetupOptions {
  colorScheme?: SchemeName;
  delayTenths?: number;
  headerLayout?: HeaderLayout;
  /** The machine's name, for the Hostname meter (the store reads nothing itself). */
  hostname?: string;
}

export interface SetupSlice {
  setup: SetupCursor;
  /** The colour scheme's name (src/ui/color-schemes.ts). */
  colorScheme: SchemeName;
  /** The refresh interval in tenths of a second. */
  delayTenths: number;
  /** Which meters the header shows, in which columns and modes. */
  headerLayout: HeaderLayout;
  hostname: string;
  openSetup(): void;
  moveSetup(patch: Partial<SetupCursor>): void;
  setColorScheme(name: SchemeName): void;
  setDelay(tenths: number): void;
  setHeaderLayout(layout: HeaderLayout): void;
}

export const createSetupSlice =
  (options: SetupOptions): SliceCreator<SetupSlice> =>
  (set, get) => ({
    setup: { section: 0, item: 0, focus: 'sections' },
    colorScheme: options.colorScheme ?? DEFAULT_SCHEME,
    delayTenths: options.delayTenths ?? 10,
    headerLayout: options.headerLayout ?? DEFAULT_HEADER_LAYOUT,
    hostname: options.hostname ?? '',

    openSetup() {
      set({ mode: 'setup', setup: { ...get().setup, focus: 'sections', rename: undefined } });
    },
    moveSetup(patch) {
      set({ setup: { ...get().setup, ...patch } });
    },
    setColorScheme(name) {
      set({ colorScheme: name });
    },
    setDelay(tenths) {
      set({ delayTenths: tenths });
    },
    setHeaderLayout(layout) {
      set({ headerLayout: layout });
    },
  });
