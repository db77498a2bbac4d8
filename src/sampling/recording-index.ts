// Where each record of a recording file starts, found from the records' own headers without
// inflating any: a few bytes read per record, so opening a long recording costs little and holds
// only three numbers per sample. The first damaged or cut record ends the index, and says why.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { RecordingError } from '../model/recording-fields.js';
import { decodeMember, MEMBER_HEADER_BYTES, readMemberHeader, type MemberInfo } from './recording-member.js';

export interface IndexDamage {
  /** Byte offset of the record that could not be used. */
  offset: number;
  /** The samples before it, which replay. */
  samples: number;
  why: string;
}

/** Growable columns of numbers: 8 bytes a sample each, not an object. */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  at(i: number): number {
    return this.data[i]!;
  }
}

export class RecordingIndex {
  private readonly offsets = new Column();
  private readonly lengths = new Column();
  /** Each sample's time, never less than the one before (for the binary search). */
  private readonly times = new Column();
  private readonly keys = new Column();
  /** The header record (its JSON, unchecked). */
  readonly header: unknown;
  damage: IndexDamage | null = null;
  private fd: number | null;

  private constructor(fd: number, size: number) {
    this.fd = fd;
    const first = this.readInfo(0, size);
    if (typeof first === 'string' || first.kind !== 'header') {
      throw new RecordingError(`not a pooltop recording (${typeof first === 'string' ? first : 'it does not begin with a header record'})`);
    }
    try {
      this.header = decodeMember(this.read(0, first.length));
    } catch {
      throw new RecordingError('not a pooltop recording (its header record cannot be read)');
    }
    let offset = first.length;
    let last = 0;
    while (offset < size) {
      const info = this.readInfo(offset, size);
      if (typeof info === 'string' || info.kind === 'header') {
        this.damage = { offset, samples: this.length, why: typeof info === 'string' ? info : 'a second header record' };
        break;
      }
      if (info.kind === 'key') this.keys.push(this.length);
      else if (this.keys.length === 0) {
        this.damage = { offset, samples: 0, why: 'a delta record before any key frame' };
        break;
      }
      last = Math.max(last, info.time);
      this.offsets.push(offset);
      this.lengths.push(info.length);
      this.times.push(last);
      offset += info.length;
    }
  }

  /**
   * Opens `path` for reading: a regular file only (a FIFO or a device would hang or never end;
   * O_NONBLOCK so that opening a FIFO does not wait for a writer).
   */
  static open(path: string): RecordingIndex {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new RecordingError('not a regular file');
      return new RecordingIndex(fd, stat.size);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Samples indexed. */
  get length(): number {
    return this.offsets.length;
  }

  time(i: number): number {
    return this.times.at(i);
  }

  /** The last sample whose time is at or before `time` (0 when all are after it). */
  indexAt(time: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times.at(mid) <= time) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The key frame at or before sample i. */
  keyBefore(i: number): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.keys.at(mid) <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.keys.at(lo);
  }

  /** Sample i's record as JSON (unchecked); throws on damage. */
  record(i: number): unknown {
    return decodeMember(this.read(this.offsets.at(i), this.lengths.at(i)));
  }

  offset(i: number): number {
    return this.offsets.at(i);
  }

  /** Ends the index before sample i, which turned out damaged. */
  cutAt(i: number, why: string): void {
    if (i >= this.length) return;
    this.damage = { offset: this.offsets.at(i), samples: i, why };
    this.offsets.length = this.lengths.length = this.times.length = i;
    while (this.keys.length > 0 && this.keys.at(this.keys.length - 1) >= i) this.keys.length--;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private readInfo(offset: number, size: number): MemberInfo | string {
    const info = readMemberHeader(this.read(offset, Math.min(MEMBER_HEADER_BYTES, size - offset)));
    if (typeof info === 'string') return info;
    if (offset + info.length > size) return 'a record cut short';
    return info;
  }

  private read(offset: number, length: number): Buffer {
    if (this.fd === null) throw new RecordingError('closed');
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buffer, got, length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return buffer.subarray(0, got);
  }
}
