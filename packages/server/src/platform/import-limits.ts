import { setImmediate as nextTurn } from 'node:timers/promises';
import { ValidationError } from './errors';

// Limits shared by the file imports (procedure catalogue, PAR criteria sets). A file is refused as a
// whole with 400 and a specific code before the import looks at any row, so one upload can neither
// hold the CPU nor fill the memory (docs/architecture.md § Imports).

/** A refused file: 400 with the reason as the code, also listed against `body.file` for the web's error list. */
export const refusedFile = (code: string, detail?: Record<string, unknown>) => new ValidationError(code, [{ path: 'body.file', code }], detail);
export const unreadableFile = () => refusedFile('import.unreadable');

/** Longest cell text read, in characters. Excel itself stops at 32,767. */
export const MAX_CELL_CHARS = 100_000;
/** Uncompressed bytes read from one spreadsheet, all parts together. */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Wall-clock time for reading one file into a table. */
export const MAX_READ_MILLIS = 10_000;
/** Longest stretch a reader may hold the event loop before letting other requests run. */
const TURN_MILLIS = 20;

/** Uncompressed bytes and wall-clock time left for reading one file; also keeps the event loop turning. */
export class ReadBudget {
  private bytesLeft: number;
  private readonly deadline: number;
  private lastTurn = performance.now();

  constructor(
    readonly maxBytes = MAX_UNCOMPRESSED_BYTES,
    readonly maxMillis = MAX_READ_MILLIS,
  ) {
    this.bytesLeft = maxBytes;
    this.deadline = performance.now() + maxMillis;
  }

  take(bytes: number): void {
    this.bytesLeft -= bytes;
    if (this.bytesLeft < 0) throw refusedFile('import.too_large', { maxBytes: this.maxBytes });
    this.checkTime();
  }

  checkTime(): void {
    if (performance.now() > this.deadline) throw refusedFile('import.too_slow', { maxMillis: this.maxMillis });
  }

  /** Lets other requests run when this read has held the event loop for a while. */
  async turn(): Promise<void> {
    if (performance.now() - this.lastTurn < TURN_MILLIS) return;
    await nextTurn();
    this.lastTurn = performance.now();
    this.checkTime();
  }
}
