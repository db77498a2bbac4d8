// Keyboard input as key names, one read at a time: listens to Ink's stdin events (after Ink split
// them into single keypresses), decodes them with InputDecoder (F1–F12, bracketed paste) and hands
// on together the keys that arrived in one read of the terminal.
import { useEffect, useRef } from 'react';
import { InputDecoder } from './input-decoder.js';
import { useInkInput } from './ink/input-events.js';
import type { KeyPress } from './parse-key.js';

/**
 * How long a lone Esc (or another piece that can start a paste marker) waits for the rest of a
 * paste cut between two reads before it counts as the key. Esc reacts this much later.
 */
const HOLD_MS = 50;

export function useKeys(handler: (keys: readonly KeyPress[]) => void, isActive = true): void {
  const { events, setRawMode, isRawModeSupported } = useInkInput();
  const latest = useRef(handler);
  latest.current = handler;

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const decoder = new InputDecoder();
    let read: KeyPress[] | null = null;
    let hold: NodeJS.Timeout | undefined;
    const letGo = (): void => {
      hold = undefined;
      const keys = decoder.flush();
      if (keys.length > 0) latest.current(keys);
    };
    // Ink emits every event of one read synchronously, in one loop over stdin.read(): a microtask
    // runs after the last of them, so the keys gathered until then came in together.
    const onInput = (data: string): void => {
      clearTimeout(hold);
      const keys = decoder.push(data);
      if (decoder.holding) hold = setTimeout(letGo, HOLD_MS);
      if (read) {
        read.push(...keys);
        return;
      }
      read = keys;
      queueMicrotask(() => {
        const together = read ?? [];
        read = null;
        if (together.length > 0) latest.current(together);
      });
    };
    events.on('input', onInput);
    return () => {
      clearTimeout(hold);
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
