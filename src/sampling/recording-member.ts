// One record of a recording as one gzip member (RFC 1952): a file of them is a valid gzip file
// (`zcat` prints the records as lines of JSON), and each member's header carries, in an extra
// field gzip tools skip, its kind, its length and its sample's time, so a reader can find every
// record by reading a few bytes of each, and never has to inflate what it skips over.
import { gunzipSync, gzipSync } from 'node:zlib';

export type MemberKind = 'header' | 'key' | 'delta';

/**
 * The writer puts a key frame every this many samples: where a seek starts decoding, so the most
 * a seek inflates is this many records; between them deltas keep idle processes out of a sample.
 */
export const KEY_EVERY = 60;
const KIND_CODES: readonly MemberKind[] = ['header', 'key', 'delta'];

/** The extra field's subfield id, "PT", and the version of what it holds. */
const SI1 = 0x50;
const SI2 = 0x54;
const EXTRA_VERSION = 1;
/** version (1), kind (1), member length (4), time (8). */
const EXTRA_DATA = 14;
/** gzip's fixed 10 bytes, XLEN (2), the subfield's id and length (4), its data. */
export const MEMBER_HEADER_BYTES = 10 + 2 + 4 + EXTRA_DATA;
/** Node's gzip writes a 10-byte header (no name, no extra) and an 8-byte trailer (CRC32, size). */
const NODE_HEADER = 10;
const TRAILER = 8;
/** A member larger than this is damage, not a sample: a key frame of 10,000 processes is ~300 kB. */
const MAX_MEMBER_BYTES = 64 * 1024 * 1024;
/** What one member may inflate to: a gzip bomb stops here. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export interface MemberInfo {
  kind: MemberKind;
  /** The whole member's bytes, header and trailer included. */
  length: number;
  /** The sample's time (ms since the epoch); the header record's: when recording began. */
  time: number;
}

/** `text` compressed as one member whose header says `kind` and `time`. */
export function encodeMember(kind: MemberKind, time: number, text: string): Buffer {
  const gz = gzipSync(text, { level: 6 });
  const body = gz.subarray(NODE_HEADER);
  const header = Buffer.alloc(MEMBER_HEADER_BYTES);
  header.set([0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 255]);
  header.writeUInt16LE(4 + EXTRA_DATA, 10);
  header.set([SI1, SI2], 12);
  header.writeUInt16LE(EXTRA_DATA, 14);
  header.writeUInt8(EXTRA_VERSION, 16);
  header.writeUInt8(KIND_CODES.indexOf(kind), 17);
  header.writeUInt32LE(MEMBER_HEADER_BYTES + body.length, 18);
  header.writeDoubleLE(time, 22);
  return Buffer.concat([header, body]);
}

/** What a member's first MEMBER_HEADER_BYTES say, or why they are not such a header. */
export function readMemberHeader(bytes: Uint8Array): MemberInfo | string {
  const magic = [0x1f, 0x8b, 8];
  if (magic.some((m, i) => i < bytes.length && bytes[i] !== m)) return 'not gzip data';
  if (bytes.length < MEMBER_HEADER_BYTES) return 'a record cut short';
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, MEMBER_HEADER_BYTES);
  if (b[3] !== 0x04 || b.readUInt16LE(10) !== 4 + EXTRA_DATA || b[12] !== SI1 || b[13] !== SI2 || b.readUInt16LE(14) !== EXTRA_DATA) {
    return "a gzip member without pooltop's record header";
  }
  if (b[16] !== EXTRA_VERSION) return `a record header of version ${b[16]}`;
  const kind = KIND_CODES[b[17]!];
  if (kind === undefined) return 'a record of unknown kind';
  const length = b.readUInt32LE(18);
  if (length < MEMBER_HEADER_BYTES + TRAILER + 2 || length > MAX_MEMBER_BYTES) return 'a record of impossible length';
  const time = b.readDoubleLE(22);
  if (!Number.isFinite(time) || time < 0 || time > 8.64e15) return 'a record of impossible time';
  return { kind, length, time };
}

/** The JSON a whole member holds (gunzip checks its CRC and length); throws on damage. */
export function decodeMember(member: Uint8Array): unknown {
  const text = gunzipSync(member, { maxOutputLength: MAX_RECORD_BYTES }).toString('utf8');
  return JSON.parse(text);
}
