// Writes a recording: a new file only (never an existing one, never through a link), one record per
// sample, each a gzip member written whole with one write, so a recording cut by SIGKILL or a full
// disk reads back up to its last complete sample.
import { closeSync, constants, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { headerRecord, RecordEncoder, type RecordedFrame, type RecordingHeader } from '../model/recording-codec.js';
import { jsonSafe } from '../model/json-safe.js';
import { sanitizeText } from '../model/sanitize.js';
import { encodeMember, KEY_EVERY, type MemberKind } from '../sampling/recording-member.js';
import { describeSystemError } from './system-error.js';
import { UsageError } from './usage-error.js';

export class RecordingWriter {
  private readonly encoder = new RecordEncoder();
  private fd: number | null;
  /** Bytes of complete records: where the file is cut back to if a write fails half-way. */
  private size = 0;
  private count = 0;
  /** Why recording stopped early (a write failed), or null. */
  failure: string | null = null;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates `path` (mode 0600) and writes the header record; a path that exists is a usage error. */
  static create(path: string, header: RecordingHeader): RecordingWriter {
    const shown = sanitizeText(path);
    let fd: number;
    try {
      // O_EXCL with O_CREAT fails on any existing name, a symbolic link included (even a dangling
      // one), so nothing is written over or through a link planted there; O_NOFOLLOW says so twice.
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_APPEND, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ELOOP') {
        throw new UsageError(`pooltop: ${shown} already exists: a recording goes into a new file (pooltop never writes over a file, nor through a link)`);
      }
      throw new UsageError(`pooltop: cannot create the recording ${shown}: ${describeSystemError(error)}`, code === 'ENOENT' || code === 'ENOTDIR' ? 2 : 1);
    }
    const writer = new RecordingWriter(path, fd);
    writer.append('header', header.started, headerRecord(header));
    if (writer.failure) throw new UsageError(`pooltop: ${writer.failure}`, 1);
    return writer;
  }

  /** Samples written so far. */
  get samples(): number {
    return this.count;
  }

  /** Bytes written so far, the header included. */
  get bytes(): number {
    return this.size;
  }

  /** Appends one sample; after a failure it writes nothing more (`failure` says why). */
  write(frame: RecordedFrame): void {
    if (this.fd === null) return;
    const key = this.count % KEY_EVERY === 0;
    this.append(key ? 'key' : 'delta', frame.sample.time, this.encoder.encode(frame, key));
    if (this.failure === null) this.count++;
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fsyncSync(this.fd);
    } catch {
      // Written is written: fsync only hurries it to the disk.
    }
    closeSync(this.fd);
    this.fd = null;
  }

  private append(kind: MemberKind, time: number, record: object): void {
    if (this.fd === null) return;
    // jsonSafe: `zcat FILE` on a terminal shows escapes and bidi overrides as \uXXXX, not as actions.
    const member = encodeMember(kind, time, `${jsonSafe(JSON.stringify(record))}\n`);
    try {
      let written = 0;
      while (written < member.length) written += writeSync(this.fd, member, written);
      this.size += member.length;
    } catch (error) {
      this.failure = `recording to ${sanitizeText(this.path)} stopped after ${this.count} samples: ${describeSystemError(error)}`;
      try {
        // A record cut short is dropped, so the file ends at its last complete sample.
        ftruncateSync(this.fd, this.size);
      } catch {
        // The reader stops at a cut record anyway.
      }
      this.close();
    }
  }
}
