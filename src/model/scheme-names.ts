// The colour schemes' names, without their colours: what the settings file and --color-scheme
// accept, read before the screen (and React) loads.
export const SCHEME_NAMES = ['default', 'monochrome', 'light-terminal', 'black-night', 'nord'] as const;

export type SchemeName = (typeof SCHEME_NAMES)[number];

export const DEFAULT_SCHEME: SchemeName = 'default';

export function isSchemeName(name: string): name is SchemeName {
  return (SCHEME_NAMES as readonly string[]).includes(name);
}
