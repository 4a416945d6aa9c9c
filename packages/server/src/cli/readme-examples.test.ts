import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/harness';
import { cliPlace, root, shellWords, type CliPlace } from './cli-test-kit';

/** The `npm run cli -- …` lines of the README's "Command line" section, as words after `--`. */
function readmeExamples(): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Command line'), readme.indexOf('\n## ', readme.indexOf('### Command line')));
  return section
    .split('\n')
    .filter((l) => l.startsWith('npm run cli -- '))
    .map((l) => shellWords(l.replace(/\s+#.*$/, '').slice('npm run cli -- '.length)));
}

const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);

describe.each(engines)('the README command-line examples on %s', (engine) => {
  let place: CliPlace;
  beforeAll(async () => {
    place = await cliPlace(engine);
  });
  afterAll(async () => {
    await place.drop();
    rmSync(place.dir, { recursive: true, force: true });
  });

  it('are found in the README', () => {
    const commands = readmeExamples().map((w) => w.find((x) => !x.startsWith('--')));
    expect(commands).toEqual(expect.arrayContaining(['migrate', 'create-admin', 'backup', 'restore', 'audit:verify', 'audit:checkpoint']));
  });

  it('run as written, in order, from an empty data directory: exit code 0, no error output', async () => {
    // The --demo example needs the demo's database (npm run demo makes it); an empty migrated one will do.
    if (engine === 'sqlite') expect((await place.cli(['--demo', 'migrate'])).code).toBe(0);
    for (const words of readmeExamples()) {
      const r = await place.cli(words);
      expect({ words, code: r.code, stderr: r.stderr }).toEqual({ words, code: 0, stderr: '' });
      expect(oneLine(r.stdout), r.stdout).toBe(true);
    }
    expect(existsSync(join(place.cwd, 'audit-checkpoint.json'))).toBe(true);
    expect(existsSync(join(place.dataDir, 'backups'))).toBe(true);
  }, 120_000);

  it('answers a duplicate user, an empty database without --agency-name and an unknown command in one line with the fix', async () => {
    const dup = await place.cli(['create-admin', '--username', 'nguyenvanan', '--full-name', 'X', '--password', 'MatKhau2026']);
    expect(dup.code).toBe(2);
    expect(oneLine(dup.stderr), dup.stderr).toBe(true);
    expect(dup.stderr).toContain('already exists: choose another --username');

    const empty = await cliPlace(engine);
    try {
      const noAgency = await empty.cli(['create-admin', '--username', 'nguyenvanan', '--full-name', 'Nguyễn Văn An', '--password', 'MatKhau2026']);
      expect(noAgency.code).toBe(2);
      expect(oneLine(noAgency.stderr), noAgency.stderr).toBe(true);
      expect(noAgency.stderr).toContain('add --agency-name');
    } finally {
      await empty.drop();
      rmSync(empty.dir, { recursive: true, force: true });
    }

    const unknown = await place.cli(['audit:verfy']);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toBe(true);
    const badOption = await place.cli(['backup', '--to', 'x']);
    expect(badOption.code).toBe(2);
    expect(oneLine(badOption.stderr), badOption.stderr).toBe(true);
  }, 60_000);
});

describe('read commands on a data directory without a database (defect 12)', () => {
  let place: CliPlace;
  beforeAll(async () => {
    place = await cliPlace('sqlite');
  });
  afterAll(() => rmSync(place.dir, { recursive: true, force: true }));

  it('say so in one line and create no database file', async () => {
    for (const args of [['audit:verify'], ['backup'], ['--demo', 'audit:verify']]) {
      const r = await place.cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/^No database at .*(cchc|demo)\.sqlite: /);
    }
    expect(existsSync(join(place.dataDir, 'cchc.sqlite'))).toBe(false);
    expect(existsSync(join(place.dataDir, 'demo.sqlite'))).toBe(false);
  }, 60_000);

  it('--demo finds the demo database that `npm run demo` uses', async () => {
    expect((await place.cli(['--demo', 'migrate'])).code).toBe(0);
    expect(existsSync(join(place.dataDir, 'demo.sqlite'))).toBe(true);
    const r = await place.cli(['--demo', 'audit:verify']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Audit log intact');
    const plain = await place.cli(['audit:verify']);
    expect(plain.code).toBe(2);
    expect(existsSync(join(place.dataDir, 'cchc.sqlite'))).toBe(false);
  }, 60_000);

  it('say in one line that an existing database is not migrated', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(place.dataDir, 'cchc.sqlite'), '');
    const r = await place.cli(['audit:verify']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toContain('is not set up');
  }, 30_000);
});
