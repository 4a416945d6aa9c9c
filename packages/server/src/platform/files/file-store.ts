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
    const exists = await stat(target).then(() => true, () => false);
    if (!exists) {
      await mkdir(join(target, '..'), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    }
    return sha;
  }

  /** Deletes stored content; the caller has made sure no file row refers to it any more. */
  async remove(sha: string): Promise<void> {
    await rm(this.pathOf(sha), { force: true });
  }

  /** True when the content is stored. */
  has(sha: string): Promise<boolean> {
    return stat(this.pathOf(sha)).then(() => true, () => false);
  }

  read(sha: string) {
    return createReadStream(this.pathOf(sha));
  }
}
