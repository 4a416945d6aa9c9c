import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { ValidationError } from './errors';
import { refusedFile as refused, unreadableFile, type ReadBudget } from './import-limits';

// The zip container of an .xlsx file, read by yauzl from its central directory so that each part is
// found without inflating the others. yauzl's validateEntrySizes refuses an entry that inflates to
// more than it declared; the bytes yauzl hands over are also taken from the read's budget, so all parts
// together stay under the uncompressed cap whatever they declare (docs/architecture.md § Imports).

export type { Entry as ZipEntry, ZipFile };

/** Part names of an .xlsx file are few; a directory of thousands is not a workbook we want to read. */
const MAX_ENTRIES = 2000;

/** The opened zip and its entries by name; rejects (read as 400 'import.unreadable') when it is not a zip. */
export async function openZip(data: Buffer): Promise<{ zip: ZipFile; entries: Map<string, Entry> }> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  if (zip.entryCount > MAX_ENTRIES) throw refused('import.too_large');
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  return { zip, entries };
}

/** yauzl's validateEntrySizes error: the entry inflated to more than it declared, as a zip bomb does. */
const inflatedPastDeclared = (e: unknown) => e instanceof Error && e.message.startsWith('too many bytes in the stream');

/** The entry's uncompressed bytes as zlib produces them; every chunk is taken from the budget before it is used. */
export async function* inflateEntry(zip: ZipFile, entry: Entry, budget: ReadBudget): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize > budget.maxBytes) throw refused('import.too_large', { maxBytes: budget.maxBytes });
  let stream: Readable | undefined;
  try {
    stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.take(chunk.length);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw inflatedPastDeclared(e) ? refused('import.too_large', { maxBytes: budget.maxBytes }) : unreadableFile();
  } finally {
    stream?.destroy();
  }
}
