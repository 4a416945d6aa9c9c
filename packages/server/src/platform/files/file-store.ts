import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Content-addressed storage: a file lives at files/ab/cd/<sha256> under the data directory, stored once. */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha: string): string {
    return join(this.root, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(data: Buffer): Promise<string> {
    const sha = createHash('sha256').update(data).digest('hex');
    const target = this.pathOf(sha);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(target, '..'), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    }
    return sha;
  }

  /**
   * Deletes stored content that no file row refers to. The content is first moved aside, then
   * `unused()` is asked again: if the same content was uploaded meanwhile, it is put back. (The
   * uploader also re-stores content it finds missing after recording it, see `has`.)
   */
  async remove(sha: string, unused: () => Promise<boolean>): Promise<void> {
    const target = this.pathOf(sha);
    const aside = `${target}.${randomUUID()}.deleting`;
    const moved = await rename(target, aside).then(
      () => true,
      () => false,
    );
    if (!moved) return;
    if (await unused()) await rm(aside, { force: true });
    else await rename(aside, target);
  }

  /** True when the content is stored. */
  has(sha: string): Promise<boolean> {
    return stat(this.pathOf(sha)).then(
      () => true,
      () => false,
    );
  }

  read(sha: string) {
    return createReadStream(this.pathOf(sha));
  }
}
