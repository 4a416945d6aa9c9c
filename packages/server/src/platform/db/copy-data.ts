import { digitsAt, utcMsOf } from '@cchc/domain';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db } from './database';

// Data for PostgreSQL's COPY FROM STDIN, encoded as rows are added, for the bulk loads of docs/dossier-imports.md
// ("The switch", "Direct first loads"). Rows are encoded into buffers of about 1 MB as they come, so that a batch
// waiting for its COPY is a few buffers outside the JavaScript heap rather than thousands of objects the garbage
// collector keeps moving, and no 1 MB string is ever joined from lines and encoded at once (flattened first, and
// as two-byte text when any line holds Vietnamese: 3–4 times the cost of encoding each line into the buffer).
//
// The binary format (PostgreSQL documentation, "COPY", "Binary Format") is for the tables a direct first load
// writes. In the text format the server parses every value from its text: a million dossiers carry about
// thirty instants each (the row, its history, its timeline), and `timestamptz_in` was a large part of the COPY's
// time. In the binary format a value arrives as the server stores it: an instant is 8 bytes of microseconds
// since 2000-01-01, a date 4 bytes of days, an integer its 4 bytes, text its UTF-8 bytes. Measured with psql on
// a million-dossier database: 2,000,000 timeline rows 2.96 s as text, 1.15 s binary; 300,000 dossier rows 6.55 s
// as text, 4.20 s binary.

/** PostgreSQL COPY FROM STDIN into `target` (`table (columns)`) of `data`, in COPY's text or binary format. */
export async function copyFrom(client: pg.ClientBase, target: string, data: Iterable<Buffer>, format: 'text' | 'binary'): Promise<void> {
  await pipeline(Readable.from(data), client.query(copyStreams.from(`copy ${target} from stdin${format === 'binary' ? ' (format binary)' : ''}`)));
}

/** The column types a binary COPY here writes (those of the dossier tables). */
export type BinaryType = 'text' | 'int4' | 'int8' | 'bool' | 'date' | 'timestamptz';

const TYPES: Record<string, BinaryType> = {
  text: 'text',
  'character varying': 'text',
  integer: 'int4',
  bigint: 'int8',
  boolean: 'bool',
  date: 'date',
  'timestamp with time zone': 'timestamptz',
};

/** Each of `columns` of `table` with the type its binary value must have; an unsupported type is an error. */
export async function binaryTypes(db: Db, table: string, columns: readonly string[]): Promise<BinaryType[]> {
  const r = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, null) as type from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
  const of = new Map(r.rows.map((c) => [c.name, c.type]));
  return columns.map((c) => {
    const t = of.get(c);
    if (t === undefined) throw new Error(`binary COPY: ${table} has no column ${c}`);
    const b = TYPES[t];
    if (!b) throw new Error(`binary COPY: ${table}.${c} has type ${t}, which is not written here`);
    return b;
  });
}

const TWO_32 = 2 ** 32;
/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;
/** An instant written with its offset or `Z`, with up to six decimals of seconds. */
const INSTANT = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Microseconds since 2000-01-01 UTC of an instant's text (ISO 8601 with an offset or `Z`); any other text is an error. */
export function pgMicros(text: string): number {
  const fast = canonicalMicros(text);
  if (fast !== null) return fast;
  const m = INSTANT.exec(text);
  const ms = m ? utcMsOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : NaN;
  if (Number.isNaN(ms)) throw new Error(`binary COPY: not an instant: ${text}`);
  const offsetMinutes = m![8] ? 0 : (m![9] === '-' ? -1 : 1) * (Number(m![10]) * 60 + Number(m![11] ?? 0));
  return (ms - offsetMinutes * 60_000 - PG_EPOCH_MS) * 1000 + Number((m![7] ?? '').padEnd(6, '0'));
}

/**
 * The form the conversion writes, `2025-08-11T05:48:00.000Z`, read digit by digit (`Date.parse` took twice as
 * long, and was the largest part of encoding a dossier); null for any other text, or a field out of range, which
 * the general reading then takes or refuses.
 */
function canonicalMicros(t: string): number | null {
  if (t.length !== 24 || t.charCodeAt(23) !== 90 /* Z */) return null;
  // - - T : : .
  if (
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    t.charCodeAt(10) !== 84 ||
    t.charCodeAt(13) !== 58 ||
    t.charCodeAt(16) !== 58 ||
    t.charCodeAt(19) !== 46
  )
    return null;
  const ms = utcMsOf(
    digitsAt(t, 0, 4),
    digitsAt(t, 5, 7),
    digitsAt(t, 8, 10),
    digitsAt(t, 11, 13),
    digitsAt(t, 14, 16),
    digitsAt(t, 17, 19),
    digitsAt(t, 20, 23),
  );
  return Number.isNaN(ms) ? null : (ms - PG_EPOCH_MS) * 1000;
}

/** Days since 2000-01-01 of a `YYYY-MM-DD` date; any other text is an error. */
export function pgDays(text: string): number {
  const m = DATE.exec(text);
  const ms = m ? utcMsOf(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0) : NaN;
  if (Number.isNaN(ms)) throw new Error(`binary COPY: not a date: ${text}`);
  return (ms - PG_EPOCH_MS) / 86_400_000;
}

/** Bytes of COPY data sent at a time. */
const CHUNK = 1 << 20;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** COPY data in buffers of about 1 MB, filled as rows are added. */
abstract class CopyBuffers {
  private chunks: Buffer[] = [];
  protected buf = Buffer.alloc(0);
  protected at = 0;

  /** The buffers filled so far, not returned again; with `end`, the data is ended and all of it returned. */
  take(end: boolean): Buffer[] {
    if (end) {
      this.ending();
      if (this.at > 0) this.chunks.push(this.buf.subarray(0, this.at));
      this.buf = Buffer.alloc(0);
      this.at = 0;
    }
    const out = this.chunks;
    this.chunks = [];
    return out;
  }

  /** Writes what ends the data (the binary format's trailer). */
  protected ending(): void {}

  /** Makes room for `bytes` more in the current buffer, starting a new one when it has not. */
  protected room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    if (this.at > 0) this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
    this.at = 0;
  }
}

/** Lines of COPY's text format (each already escaped and ended by a newline). */
export class TextCopy extends CopyBuffers {
  add(line: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.room(line.length * 3);
    this.at += this.buf.write(line, this.at);
  }
}

/** Rows in PostgreSQL's binary COPY format: the header before the first row, the trailer when the data ends. */
export class BinaryCopy extends CopyBuffers {
  private started = false;

  constructor(private readonly types: readonly BinaryType[]) {
    super();
  }

  /** One row: `values[k]` of type `types[k]` (null or undefined for NULL). */
  add(values: readonly unknown[]): void {
    const { types } = this;
    if (values.length !== types.length) throw new Error(`binary COPY: ${values.length} values for ${types.length} columns`);
    // At most: the header, the field count, and per field its length and value (UTF-8: three bytes per code unit).
    let most = 19 + 2;
    for (let k = 0; k < types.length; k++) {
      const v = values[k];
      most += 4 + (types[k] === 'text' && v !== null && v !== undefined ? String(v).length * 3 : 8);
    }
    this.room(most);
    let { at } = this;
    const buf = this.buf;
    if (!this.started) {
      at += SIGNATURE.copy(buf, at);
      at = buf.writeInt32BE(0, at); // flags
      at = buf.writeInt32BE(0, at); // header extension
      this.started = true;
    }
    at = buf.writeInt16BE(types.length, at);
    for (let k = 0; k < types.length; k++) {
      const v = values[k];
      if (v === null || v === undefined) {
        at = buf.writeInt32BE(-1, at);
        continue;
      }
      switch (types[k]) {
        case 'text': {
          const n = buf.write(String(v), at + 4);
          buf.writeInt32BE(n, at);
          at += 4 + n;
          break;
        }
        case 'int4':
          at = buf.writeInt32BE(4, at);
          at = buf.writeInt32BE(integer(v), at);
          break;
        case 'int8':
          at = buf.writeInt32BE(8, at);
          at = int64(buf, integer(v), at);
          break;
        case 'bool':
          at = buf.writeInt32BE(1, at);
          at = buf.writeUInt8(v === true || v === 1 || v === '1' || v === 't' || v === 'true' ? 1 : 0, at);
          break;
        case 'date':
          at = buf.writeInt32BE(4, at);
          at = buf.writeInt32BE(pgDays(String(v)), at);
          break;
        case 'timestamptz':
          at = buf.writeInt32BE(8, at);
          at = int64(buf, pgMicros(String(v)), at);
          break;
      }
    }
    this.at = at;
  }

  protected override ending(): void {
    if (!this.started) return;
    this.room(2);
    this.at = this.buf.writeInt16BE(-1, this.at);
    this.started = false;
  }
}

function integer(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number(String(v));
  if (!Number.isSafeInteger(n)) throw new Error(`binary COPY: not an integer: ${String(v)}`);
  return n;
}

/** A safe integer as a big-endian 64-bit two's complement at `at`; the offset after it. */
function int64(buf: Buffer, n: number, at: number): number {
  const high = Math.floor(n / TWO_32);
  buf.writeInt32BE(high, at);
  buf.writeUInt32BE(n - high * TWO_32, at + 4);
  return at + 8;
}
