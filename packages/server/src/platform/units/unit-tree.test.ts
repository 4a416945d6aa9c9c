import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import type { Db } from '../db/database';
import { UnitTreeRepository } from './unit-tree';

/** The definition: every (ancestor, descendant, depth) pair obtained by walking parent pointers up. */
function closureOf(parents: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const id of parents.keys()) {
    let depth = 0;
    for (let a: string | null | undefined = id; a; a = parents.get(a), depth++) out.push(`${a}>${id}@${depth}`);
  }
  return out.sort();
}

async function stored(db: Db, ids: ReadonlySet<string>): Promise<string[]> {
  const rows = await db.selectFrom('unitClosure').select(['ancestorId', 'descendantId', 'depth']).execute();
  return rows
    .filter((r) => ids.has(r.descendantId))
    .map((r) => `${r.ancestorId}>${r.descendantId}@${r.depth}`)
    .sort();
}

describe.each(engines)('unit tree (closure table) on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
  });
  afterAll(() => t.close());

  it('moving a unit through the API changes what a user granted above it reads at once, and back', async () => {
    const a = await make.unit({ kind: 'affiliate', name: 'Trung tâm A (cây)' });
    const b = await make.unit({ kind: 'affiliate', name: 'Trung tâm B (cây)' });
    const team = await make.unit({ parentId: b.id, kind: 'division', name: 'Phòng dưới B' });
    const { caller: reader } = await make.actor('specialist', a.id);
    const readable = async () => ((await reader.get('/api/units')).body.items as Array<{ id: string }>).map((u) => u.id);
    expect(await readable()).not.toContain(team.id);

    const moved = await admin.patch(`/api/units/${team.id}`, { version: team.version, parentId: a.id });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(a.id);
    expect(await readable()).toContain(team.id);

    expect((await admin.patch(`/api/units/${team.id}`, { version: moved.body.version, parentId: b.id })).status).toBe(200);
    expect(await readable()).not.toContain(team.id);
  });

  it('refuses a move into the unit itself or below it (400 naming parentId), and of the top-level unit', async () => {
    const p = await make.unit({ kind: 'affiliate', name: 'Trung tâm cha (vòng)' });
    const child = await make.unit({ parentId: p.id, kind: 'division', name: 'Phòng con (vòng)' });
    for (const target of [p.id, child.id]) {
      const res = await admin.patch(`/api/units/${p.id}`, { version: p.version, parentId: target });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.parentId', code: 'unit.move_into_own_subtree' }]);
    }
    const root = ((await admin.get('/api/units')).body.items as Array<{ id: string; version: number }>).find((u) => u.id === rootId)!;
    const top = await admin.patch(`/api/units/${rootId}`, { version: root.version, parentId: p.id });
    expect(top.status).toBe(400);
    expect(top.body.code).toBe('unit.cannot_move_root');
    expect((await admin.patch(`/api/units/${p.id}`, { version: p.version, parentId: randomUUID() })).status).toBe(404);
  });

  it('equals the parent-pointer definition on random trees after inserts, moves and deletes by any writer, and rebuilds to the same', async () => {
    const db = t.handle.db;
    const tree = new UnitTreeRepository(db);
    const now = new Date().toISOString();
    // A forest under the test's root: each step adds a unit under an existing one, moves one (never under
    // its own subtree) or deletes a leaf.
    const step = fc.oneof(
      fc.record({ op: fc.constant('add' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const top = randomUUID();
        const parents = new Map<string, string | null>([[top, rootId]]);
        await db
          .insertInto('units')
          .values({ id: top, parentId: rootId, kind: 'division', name: top, nameFolded: top, code: null, version: 1, createdAt: now, updatedAt: now })
          .execute();
        const below = (id: string): Set<string> => {
          const out = new Set([id]);
          for (let grew = true; grew;) {
            grew = false;
            for (const [u, p] of parents) {
              if (p && out.has(p) && !out.has(u)) {
                out.add(u);
                grew = true;
              }
            }
          }
          return out;
        };
        for (const s of steps) {
          const ids = [...parents.keys()];
          if (s.op === 'add') {
            const id = randomUUID();
            const parentId = ids[s.at % ids.length]!;
            await db
              .insertInto('units')
              .values({ id, parentId, kind: 'division', name: id, nameFolded: id, code: null, version: 1, createdAt: now, updatedAt: now })
              .execute();
            parents.set(id, parentId);
          } else if (s.op === 'move') {
            const movable = ids.filter((u) => u !== top);
            if (movable.length === 0) continue;
            const id = movable[s.at % movable.length]!;
            const sub = below(id);
            const targets = ids.filter((u) => !sub.has(u));
            const to = targets[s.to % targets.length]!;
            await db.updateTable('units').set({ parentId: to }).where('id', '=', id).execute();
            parents.set(id, to);
          } else {
            const leaves = ids.filter((u) => u !== top && ![...parents.values()].includes(u));
            if (leaves.length === 0) continue;
            const id = leaves[s.at % leaves.length]!;
            await db.deleteFrom('units').where('id', '=', id).execute();
            parents.delete(id);
          }
        }
        const mine = new Set(parents.keys());
        // The definition, with the test root and its ancestors above the forest.
        const full = new Map(parents);
        for (const a of await tree.ancestors(rootId))
          full.set(a, (await db.selectFrom('units').select('parentId').where('id', '=', a).executeTakeFirstOrThrow()).parentId);
        const expected = closureOf(full).filter((p) => mine.has(p.split('>')[1]!.split('@')[0]!));
        expect(await stored(db, mine)).toEqual(expected);
        expect((await tree.subtree(top)).sort()).toEqual([...below(top)].sort());
        await db.transaction().execute((trx) => tree.rebuild(trx));
        expect(await stored(db, mine)).toEqual(expected);
        // A move under its own subtree is refused by the database too, whoever writes.
        const deep = [...mine].find((u) => u !== top && parents.get(u) !== null);
        if (deep) await expect(db.updateTable('units').set({ parentId: deep }).where('id', '=', top).execute()).rejects.toThrow(/unit\.cycle/);
      }),
      { numRuns: 15 },
    );
  });
});
