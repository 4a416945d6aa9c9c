import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * A minimal POSIX ustar writer and reader (regular files only, names of at most 100 bytes), gzip-
 * compressed: the backup archive. Any `tar` reads it (`tar -tzvf cchc-….tar.gz`). Node built-ins only.
 */

const BLOCK = 512;
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export interface TarEntry {
  /** Path inside the archive, e.g. `files/ab/cd/<sha256>`. */
  name: string;
  size: number;
  sha256: string;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Buffer {
  if (!SAFE_NAME.test(name) || Buffer.byteLength(name) > 100) throw new Error(`archive entry name not supported: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime / 1000), 12), 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

/**
 * Writes `files` (archive name → source path) then the entries of `last()` (called once the files
 * are written, with their hashes: the manifest) into a .tar.gz at `out`. Returns every entry written.
 */
export async function writeTarGz(out: string, files: Array<{ name: string; path: string; size: number }>, last: (written: TarEntry[]) => Array<{ name: string; data: Buffer }>): Promise<TarEntry[]> {
  const written: TarEntry[] = [];
  async function* blocks() {
    const now = Date.now();
    for (const f of files) {
      yield header(f.name, f.size, now);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of createReadStream(f.path)) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > f.size) throw new Error(`${f.path} grew while being archived`);
        hash.update(b);
        yield b;
      }
      if (size !== f.size) throw new Error(`${f.path} changed size while being archived`);
      written.push({ name: f.name, size, sha256: hash.digest('hex') });
      if (size % BLOCK) yield Buffer.alloc(BLOCK - (size % BLOCK));
    }
    for (const e of last(written)) {
      yield header(e.name, e.data.length, now);
      yield e.data;
      if (e.data.length % BLOCK) yield Buffer.alloc(BLOCK - (e.data.length % BLOCK));
      written.push({ name: e.name, size: e.data.length, sha256: createHash('sha256').update(e.data).digest('hex') });
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(blocks()), createGzip(), createWriteStream(out, { flags: 'wx' }));
  return written;
}

/**
 * Unpacks a .tar.gz into `dir` (which must be empty), hashing every entry. Refuses anything but
 * regular files with safe relative names, a bad header checksum or a truncated archive.
 */
export async function extractTarGz(archive: string, dir: string): Promise<TarEntry[]> {
  const tarFile = join(dir, '.archive.tar');
  await pipeline(createReadStream(archive), createGunzip(), createWriteStream(tarFile));
  const fd = openSync(tarFile, 'r');
  const entries: TarEntry[] = [];
  try {
    const h = Buffer.alloc(BLOCK);
    let offset = 0;
    for (;;) {
      if (readSync(fd, h, 0, BLOCK, offset) < BLOCK) throw new Error('the archive is truncated');
      if (h.every((b) => b === 0)) break;
      const stored = parseInt(h.subarray(148, 156).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (sum !== stored) throw new Error('an archive header is damaged (checksum)');
      const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const type = String.fromCharCode(h[156]!);
      const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
      if ((type !== '0' && type !== '\0') || !SAFE_NAME.test(name) || !Number.isFinite(size)) throw new Error(`unexpected archive entry: ${name}`);
      offset += BLOCK;
      const target = join(dir, name);
      mkdirSync(dirname(target), { recursive: true });
      const out = openSync(target, 'wx');
      const hash = createHash('sha256');
      const buf = Buffer.alloc(1 << 20);
      let left = size;
      try {
        while (left > 0) {
          const n = readSync(fd, buf, 0, Math.min(buf.length, left), offset + (size - left));
          if (n === 0) throw new Error('the archive is truncated');
          hash.update(buf.subarray(0, n));
          writeSync(out, buf, 0, n);
          left -= n;
        }
      } finally {
        closeSync(out);
      }
      entries.push({ name, size, sha256: hash.digest('hex') });
      offset += Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}
