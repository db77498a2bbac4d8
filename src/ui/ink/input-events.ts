// Ink's stdin as the events it emits before useInput parses them: one keypress, escape sequence
// or run of text each. useInput's parsed keys have no F1–F12 and no bracketed-paste markers, so
// pooltop listens to these (through useStdin's internal_eventEmitter) and decodes them itself.
import type { EventEmitter } from 'node:events';
import { useStdin } from 'ink';
import { inkMismatch } from './ink-version.js';

export interface InkInput {
  /** Emits 'input' with each piece of a read, all of one read synchronously. */
  events: EventEmitter;
  setRawMode(value: boolean): void;
  isRawModeSupported: boolean;
}

export function useInkInput(): InkInput {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  if (typeof events?.on !== 'function' || typeof events.off !== 'function') {
    throw inkMismatch("Ink's useStdin() gives no internal_eventEmitter to read keys from");
  }
  return { events, setRawMode, isRawModeSupported };
}
