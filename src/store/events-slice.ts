// The events of pooltop's own processes — each start with its PID, each exit with its status or
// signal and how long it lived, re-queued tasks, orphans — in order, with times, for the session:
// the answer to "what just happened".
import type { SliceCreator } from './app-store.js';

/** Events kept; older ones are dropped (and counted) so a stream running for days stays bounded. */
export const MAX_EVENTS = 5000;

export interface LabEvent {
  /** Date.now() when it happened (as pooltop heard of it). */
  at: number;
  /** One line, already made safe to print. */
  text: string;
  /** 'warn' for what was not asked for: a worker that died, an orphan. */
  level: 'info' | 'warn';
}

export interface EventsSlice {
  events: readonly LabEvent[];
  /** Events dropped from the front to stay within MAX_EVENTS. */
  eventsDropped: number;
  logEvent(text: string, level?: LabEvent['level'], at?: number): void;
  /** `E`: the list of every event kept, newest at the bottom. */
  openEvents(): void;
}

export const createEventsSlice: SliceCreator<EventsSlice> = (set, get) => ({
  events: [],
  eventsDropped: 0,
  logEvent(text, level = 'info', at = Date.now()) {
    const { events, eventsDropped } = get();
    const over = Math.max(0, events.length + 1 - MAX_EVENTS);
    set({ events: [...events.slice(over), { at, text, level }], eventsDropped: eventsDropped + over });
  },
  openEvents() {
    // Opens at the bottom: the newest events are what a user asks about.
    set({ mode: 'events', menuIndex: Number.MAX_SAFE_INTEGER });
  },
});

/** "12:01:03.250": an event's time of day, to the millisecond (events come in bursts). */
export function eventClock(at: number): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** "4.1 s", "2 min 03 s": how long a process lived. */
export function lifetimeText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
}
