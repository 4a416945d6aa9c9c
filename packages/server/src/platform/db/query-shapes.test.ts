import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { QueryShapes } from './query-shapes';

describe('QueryShapes', () => {
  const { db } = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' });
  type Args = { ids: readonly string[]; name: string | undefined; limit: number };
  const build = (a: Args) => {
    let q = db.selectFrom('users').select('id').where('id', 'in', a.ids).where('isActive', '=', 1);
    if (a.name) q = q.where('username', '=', a.name);
    return q.limit(a.limit);
  };

  it('gives the SQL and parameters the builder gives, building once per shape', () => {
    const shapes = new QueryShapes();
    let builds = 0;
    const counted = (a: Args) => (builds++, build(a));
    for (const a of [
      { ids: ['a', 'b'], name: 'x', limit: 20 },
      { ids: ['c', 'd'], name: 'y', limit: 5 },
      { ids: ['e'], name: undefined, limit: 1 },
      { ids: ['f'], name: undefined, limit: 2 },
    ]) {
      const c = shapes.compile('users', a, counted);
      const direct = build(a).compile();
      expect(c.sql).toBe(direct.sql);
      expect(c.parameters).toEqual(direct.parameters);
    }
    expect(builds).toBe(2);
  });

  it('refuses a builder that derives an argument', () => {
    const shapes = new QueryShapes();
    expect(() => shapes.compile('derived', { name: 'x' }, (a) => db.selectFrom('users').select('id').where('username', 'like', `%${a.name}%`))).toThrow(
      /derived/,
    );
  });
});
