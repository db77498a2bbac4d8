// The one Ink version the patches in this folder are written and measured against, and the words
// pooltop stops with when Ink is not that shape (docs/ink-patches.md says how to move to another).

/** ink 6.8.x. ink 7 needs Node 22, and pooltop supports Node 20. */
export const SUPPORTED_INK = '6.8.x';

export function isSupportedInk(version: string): boolean {
  return /^6\.8\.\d+$/.test(version);
}

/** The error for a patch that finds Ink another shape than it was written for. */
export function inkMismatch(problem: string): Error {
  return new Error(
    `${problem}: the UI bundle's Ink is not the ink ${SUPPORTED_INK} its patches were written for (rebuild with npm run build; see docs/ink-patches.md)`,
  );
}
