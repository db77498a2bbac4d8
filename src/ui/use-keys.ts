// Keyboard input as key names: listens to Ink's stdin events (after Ink split them into single
// keypresses) and decodes them with parseKey, so F1–F12 reach the key table too.
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeys, type KeyPress } from './parse-key.js';

export function useKeys(handler: (key: KeyPress) => void, isActive = true): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const onInput = (data: string): void => {
      for (const key of parseKeys(data)) latest.current(key);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
