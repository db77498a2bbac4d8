// UID → user name, from /etc/passwd, re-read at most every few seconds when an unknown UID shows up.
import { readFileSync } from 'node:fs';

const RELOAD_AFTER_MS = 5000;

export class UserNames {
  private names = new Map<number, string>();
  private loadedAt = -Infinity;

  constructor(private readonly passwdPath = '/etc/passwd') {
    this.load();
  }

  /** The name for a UID, or the UID as text when the system has no name for it. */
  name(uid: number): string {
    const known = this.names.get(uid);
    if (known !== undefined) return known;
    if (performance.now() - this.loadedAt > RELOAD_AFTER_MS) {
      this.load();
      const reloaded = this.names.get(uid);
      if (reloaded !== undefined) return reloaded;
    }
    return uid < 0 ? '?' : String(uid);
  }

  /** The UID of a user name, or undefined when there is no such user. */
  uidOf(name: string): number | undefined {
    for (const [uid, known] of this.names) if (known === name) return uid;
    this.load();
    for (const [uid, known] of this.names) if (known === name) return uid;
    return undefined;
  }

  private load(): void {
    this.loadedAt = performance.now();
    let text: string;
    try {
      text = readFileSync(this.passwdPath, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      const fields = line.split(':');
      const uid = Number(fields[2]);
      if (fields.length >= 3 && fields[0] && Number.isInteger(uid) && !this.names.has(uid)) {
        this.names.set(uid, fields[0]);
      }
    }
  }
}
