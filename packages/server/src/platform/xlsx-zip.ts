import { createInflateRaw } from 'node:zlib';
import { ValidationError } from './errors';
import { refusedFile as refused, unreadableFile, type ReadBudget } from './import-limits';

// The zip container of an .xlsx file, read from its central directory so that each part is found
// without inflating the others. Every byte inflated is counted against a budget: the sizes a zip
// declares are checked first, but a zip bomb can lie about them, so the count of what zlib actually
// produced is what stops it (docs/architecture.md § Imports).

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Part names of an .xlsx file are few; a directory of thousands is not a workbook we want to read. */
const MAX_ENTRIES = 2000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip's central directory by name; 400 when the file is not a plain zip. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadableFile();
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  const dirOffset = zip.readUInt32LE(end + 16);
  // 0xffff / 0xffffffff mark zip64 records, which only files far beyond our limits need.
  if (count === 0xffff || dirOffset === 0xffffffff) throw refused('import.too_large');
  if (count > MAX_ENTRIES) throw refused('import.too_large');
  if (dirOffset + dirSize > end) throw unreadableFile();
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || zip.readUInt32LE(p) !== CENTRAL) throw unreadableFile();
    const flags = zip.readUInt16LE(p + 8);
    const nameLength = zip.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      uncompressedSize: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
    };
    if (flags & 1) throw unreadableFile(); // encrypted
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw refused('import.too_large');
    entries.set(entry.name, entry);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

const CHUNK = 64 * 1024;

/**
 * The entry's uncompressed bytes, 64 KB at a time. Inflating happens in zlib's thread pool; the entry
 * may not yield more than it declared, and every chunk is taken from the budget before it is used.
 */
export async function* inflateEntry(zip: Buffer, entry: ZipEntry, budget: ReadBudget): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize > budget.maxBytes) throw refused('import.too_large', { maxBytes: budget.maxBytes });
  const p = entry.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL) throw unreadableFile();
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  if (start + entry.compressedSize > zip.length) throw unreadableFile();
  const raw = zip.subarray(start, start + entry.compressedSize);
  let produced = 0;
  const count = (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) throw refused('import.too_large', { maxBytes: budget.maxBytes });
    budget.take(chunk.length);
  };
  if (entry.method === 0) {
    for (let i = 0; i < raw.length; i += CHUNK) {
      const chunk = raw.subarray(i, i + CHUNK);
      count(chunk);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw unreadableFile();
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(raw);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      count(chunk);
      yield chunk;
    }
  } catch (e) {
    throw e instanceof ValidationError ? e : unreadableFile();
  } finally {
    inflater.destroy();
  }
}
