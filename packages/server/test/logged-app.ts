import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildApp, type App } from '../src/app';
import { loadConfig } from '../src/platform/config';
import { TEST_HASHING } from './harness';

export interface LoggedApp {
  built: App;
  /** The client address of every request so far, as the server logged it (Fastify logs `remoteAddress: req.ip`). */
  clientAddresses(): string[];
  close(): Promise<void>;
}

/**
 * An app on SQLite configured from environment variables, as the server is, with its request log captured:
 * what the server believes the client's address is, observed the way an operator would see it.
 */
export async function loggedApp(env: Record<string, string>): Promise<LoggedApp> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-test-'));
  const config = loadConfig({ SESSION_SECRET: 'test-secret-test-secret-test-secret', ...env }, { dataDir, databaseUrl: null, webDist: null });
  const built = await buildApp(config, { hashing: TEST_HASHING, logger: { level: 'info', stream } });
  return {
    built,
    clientAddresses: () =>
      lines.map((l) => JSON.parse(l) as { req?: { remoteAddress?: string } }).flatMap((l) => (l.req?.remoteAddress ? [l.req.remoteAddress] : [])),
    close: async () => {
      await built.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
