// Reading a recording's untrusted JSON: every value checked for its type and range before it is
// used, a failure naming the field (never echoing a string, which may hold anything).

/** A recording that cannot be read as it claims: the words say where and what. */
export class RecordingError extends Error {}

export type Fields = Record<string, unknown>;

/** The largest integer a double holds exactly: sizes and times above it are not real. */
const SAFE = Number.MAX_SAFE_INTEGER;

function fail(path: string, what: string): never {
  throw new RecordingError(`${path} ${what}`);
}

/** A number as it can be shown: numbers hold no escapes, but may be 300 digits long. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value).slice(0, 24);
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : typeof value;
}

export function readObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object (got ${shown(value)})`);
  return value as Fields;
}

export function readList(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be a list (got ${shown(value)})`);
  if (value.length > max) fail(path, `has ${value.length} entries (at most ${max})`);
  return value;
}

export function readNumber(value: unknown, path: string, min = 0, max = SAFE): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `must be a number from ${min} to ${max} (got ${shown(value)})`);
  }
  return value;
}

export function readInteger(value: unknown, path: string, min = 0, max = SAFE): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    fail(path, `must be an integer from ${min} to ${max} (got ${shown(value)})`);
  }
  return value as number;
}

export function readString(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') fail(path, `must be a string (got ${shown(value)})`);
  if (value.length > maxLength) fail(path, `is ${value.length} characters long (at most ${maxLength})`);
  return value;
}

export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `must be true or false (got ${shown(value)})`);
  return value;
}

export function readChoice<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) fail(path, `must be one of ${choices.join(', ')}`);
  return value as T;
}

export function readNullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}
