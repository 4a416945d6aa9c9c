import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, engines } from '../../../test/harness';
import { BinaryCopy, binaryTypes, copyFrom, pgDays, pgMicros, TextCopy } from './copy-data';
import { openDatabase, type DbHandle } from './database';

// COPY data encoded as rows are added, and PostgreSQL's binary COPY format for the direct first loads (docs/dossier-imports.md "Direct first loads"): the
// instants and dates are read here as PostgreSQL reads their text, and rows copied in binary read back exactly as
// the same values copied as text (encoded line by line).

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

describe('binary COPY values', () => {
  it('reads an instant written as the conversion writes it as its milliseconds since 2000, for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(pgMicros(new Date(ms).toISOString())).toBe((ms - PG_EPOCH_MS) * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the same instant written with an offset and microseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, micro, offset) => {
          // The local wall clock at `offset` minutes from UTC, written with that offset.
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(pgMicros(`${local}${String(micro).padStart(3, '0')}${zone}`)).toBe((ms - PG_EPOCH_MS) * 1000 + micro);
        },
      ),
      { numRuns: 2000 },
    );
    expect(pgMicros('2025-08-11 12:48:00+07')).toBe(pgMicros('2025-08-11T05:48:00.000Z'));
    expect(pgMicros('2025-08-11T12:48:00+0700')).toBe(pgMicros('2025-08-11T05:48:00.000Z'));
  });

  it('reads a date as its days since 2000, and refuses what is not a date or an instant', () => {
    expect(pgDays('2000-01-01')).toBe(0);
    expect(pgDays('1999-12-31')).toBe(-1);
    expect(pgDays('2024-02-29')).toBe((Date.UTC(2024, 1, 29) - PG_EPOCH_MS) / 86_400_000);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '', 'x']) expect(() => pgDays(bad), bad).toThrow(/not a date/);
    for (const bad of [
      '2025-02-29T00:00:00.000Z',
      '2025-08-11T24:00:00.000Z',
      '2025-08-11T05:48:00.000',
      '2025-08-11T05:60:00Z',
      '2025-08-1lT05:48:00.000Z',
      'x',
    ])
      expect(() => pgMicros(bad), bad).toThrow(/not an instant/);
  });
});

// Without TEST_DATABASE_URL the harness shows its one skipped case; with it (CI), nothing here is skipped.
describe.runIf(engines.includes('postgres'))('binary COPY on postgres', () => {
  let database: { url: string; drop: () => Promise<void> };
  let h: DbHandle;
  let client: pg.Client;
  const columns = ['t', 'i', 'b', 'f', 'd', 'at'];

  beforeAll(async () => {
    database = await createPgDatabase();
    h = openDatabase({ databaseUrl: database.url, sqliteFile: '' });
    for (const table of ['as_binary', 'as_text'])
      await sql.raw(`create table ${table} (n serial, t text, i integer, b bigint, f boolean, d date, at timestamptz)`).execute(h.db);
    await sql`create table unsupported (x numeric)`.execute(h.db);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await h.close();
    await database.drop();
  });

  const copy = (table: string, chunks: Buffer[], binary: boolean) => copyFrom(client, `${table} (${columns.join(', ')})`, chunks, binary ? 'binary' : 'text');
  const read = async (table: string) =>
    (await sql.raw<Record<string, string | null>>(`select ${columns.map((c) => `${c}::text`).join(', ')} from ${table} order by n`).execute(h.db)).rows;

  it('copies rows that read back as the same values copied as text, across buffers, in one COPY or several', async () => {
    const types = await binaryTypes(h.db, 'as_binary', columns);
    expect(types).toEqual(['text', 'int4', 'int8', 'bool', 'date', 'timestamptz']);
    const long = 'Nguyễn Thị Minh Khai – '.repeat(80_000); // about 2 MB of UTF-8: a row larger than a buffer
    const rows: unknown[][] = [
      ['Huỳnh Thu Hà', 42, 9_007_199_254_740_991, true, '2025-08-11', '2025-08-11T05:48:00.000Z'],
      [null, -7, -9_007_199_254_740_991, false, '1999-12-31', '1999-12-31T23:59:59.999Z'],
      ['tab\there, line\nbreak, back\\slash', 0, 0, null, null, null],
      [long, 2_147_483_647, 4_294_967_296, 1, '2024-02-29', '2025-08-11T12:48:00.123456+07:00'],
      ['', null, null, 0, '2000-01-01', '2000-01-01T00:00:00.000Z'],
    ];
    // Two COPYs of the binary rows (each with its own header and trailer), one row per COPY for the first.
    for (const part of [rows.slice(0, 1), rows.slice(1)]) {
      const data = new BinaryCopy(types);
      const chunks: Buffer[] = [];
      for (const r of part) {
        data.add(r);
        chunks.push(...data.take(false));
      }
      chunks.push(...data.take(true));
      await copy('as_binary', chunks, true);
    }
    expect(new BinaryCopy(types).take(true)).toEqual([]);
    // The same rows in COPY's text format; column 3 is the boolean.
    const textOf = (v: unknown, k: number) =>
      v === null
        ? '\\N'
        : k === 3
          ? v === true || v === 1
            ? 't'
            : 'f'
          : String(v).replace(/[\\\t\n]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n' })[c]!);
    const text = rows.map((r) => r.map(textOf).join('\t') + '\n').join('');
    const lines = new TextCopy();
    for (const line of text.split(/(?<=\n)/)) lines.add(line);
    await copy('as_text', lines.take(true), false);
    const [binary, asText] = [await read('as_binary'), await read('as_text')];
    expect(binary).toEqual(asText);
    expect(binary[0]).toEqual({ t: 'Huỳnh Thu Hà', i: '42', b: '9007199254740991', f: 'true', d: '2025-08-11', at: '2025-08-11 05:48:00+00' });
    expect(binary[3]!.at).toBe('2025-08-11 05:48:00.123456+00');
    expect(binary[3]!.t).toBe(long);
  });

  it('refuses a column type it does not write, a column that is not there, and a row of the wrong width', async () => {
    await expect(binaryTypes(h.db, 'unsupported', ['x'])).rejects.toThrow(/unsupported\.x has type numeric/);
    await expect(binaryTypes(h.db, 'as_binary', ['nope'])).rejects.toThrow(/has no column nope/);
    expect(() => new BinaryCopy(['text', 'int4']).add(['a'])).toThrow(/1 values for 2 columns/);
    expect(() => new BinaryCopy(['int4']).add([1.5])).toThrow(/not an integer/);
  });
});
