import { drawOffset, keyRank } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type Caller, type TestApp } from '../../../test/harness';
import { createProcedure, receiveDossier } from '../dossiers/dossier.fixtures';
import { insertReturnedDossiers } from './survey.fixtures';
import { SurveyRepository } from './survey.repository';

// The seeded draw (docs/surveys.md, "Sampling"): a stratum's sample is its dossiers whose stored random keys
// come first going up from the campaign's offset, wrapping round. Checked on both engines against that
// definition computed here from every dossier of the population, for several seeds, allocations and a wrap.

describe.each(engines)('seeded draw of all strata on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let repo: SurveyRepository;
  let filter: { fromAt: string; toAt: string; unitIds: string[]; stratifyBy: 'procedure' };
  let outside: string[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const a = await createProcedure(admin, rootId, { code: '1.900001' });
    const b = await createProcedure(admin, rootId, { code: '1.900002' });
    const c = await createProcedure(admin, rootId, { code: '1.900003' });
    await insertReturnedDossiers(t.handle.db, { procedureId: a, unitId: rootId, count: 1200, finishedAt: '2025-11-10T03:00:00.000Z' });
    await insertReturnedDossiers(t.handle.db, { procedureId: b, unitId: rootId, count: 300, finishedAt: '2025-11-12T03:00:00.000Z' });
    await insertReturnedDossiers(t.handle.db, { procedureId: c, unitId: rootId, count: 40, finishedAt: '2025-11-14T03:00:00.000Z' });
    // Outside the population: another period, and a dossier not returned. The draw must skip them.
    outside = [
      ...(await insertReturnedDossiers(t.handle.db, { procedureId: a, unitId: rootId, count: 200, finishedAt: '2025-12-10T03:00:00.000Z' })),
      ...(await insertReturnedDossiers(t.handle.db, {
        procedureId: a,
        unitId: rootId,
        count: 200,
        finishedAt: '2025-11-10T03:00:00.000Z',
        status: 'processing',
      })),
    ];
    repo = new SurveyRepository(t.handle.db, engine);
    filter = { fromAt: '2025-10-31T17:00:00.000Z', toAt: '2025-11-30T17:00:00.000Z', unitIds: [rootId], stratifyBy: 'procedure' };
  });
  afterAll(async () => t?.close());

  /** The definition: every dossier of the population, each stratum ordered by its key's rank from the offset. */
  async function expected(strata: Array<{ key: string; allocated: number }>, seed: number) {
    const rows = await t.handle.db
      .selectFrom('dossiers')
      .select(['id', 'procedureId', 'surveyKey'])
      .where('status', '=', 'returned')
      .where('finishedAt', '>=', filter.fromAt)
      .where('finishedAt', '<', filter.toAt)
      .execute();
    const offset = drawOffset(seed);
    return strata.flatMap((s) =>
      rows
        .filter((r) => r.procedureId === s.key)
        .sort((x, y) => keyRank(x.surveyKey, offset) - keyRank(y.surveyKey, offset) || (x.id < y.id ? -1 : 1))
        .slice(0, s.allocated)
        .map((r, pos) => ({ stratum: s.key, pos, id: r.id })),
    );
  }
  const ids = (xs: Array<{ stratum: string; pos: number; id: string }>) => xs.map((x) => ({ stratum: x.stratum, pos: x.pos, id: x.id }));

  it('draws, per stratum, the dossiers whose keys come first from the seed’s offset, for several seeds and allocations', async () => {
    const strata = await repo.countStrata(filter);
    expect(strata.map((s) => s.population).sort((x, y) => x - y)).toEqual([40, 300, 1200]);
    for (const [seed, share] of [
      [1, 0.1],
      [42, 0.3],
      [987654321, 1],
    ] as const) {
      const allocated = strata.map((s) => ({ ...s, allocated: Math.min(s.population, Math.ceil(s.population * share)) }));
      const one = await repo.drawStrata(filter, allocated, seed);
      expect(one.length).toBe(allocated.reduce((n, s) => n + s.allocated, 0));
      expect(ids(one)).toEqual(await expected(allocated, seed));
      expect(one.some((d) => outside.includes(d.id))).toBe(false);
      // Reproducible from the stored seed.
      expect(ids(await repo.drawStrata(filter, allocated, seed))).toEqual(ids(one));
    }
  });

  it('wraps round past the largest key, and starts at a key equal to the offset', async () => {
    // A seed whose offset lies in the top 1/32 of the circle: a stratum's 120 first keys go past the end.
    let seed = 0;
    while (drawOffset(seed) < 2 ** 31 - 2 ** 26) seed++;
    const strata = (await repo.countStrata(filter)).map((s) => ({ ...s, allocated: Math.min(s.population, 120) }));
    const big = strata.find((s) => s.population === 1200)!;
    const [first] = await expected([{ key: big.key, allocated: 1 }], seed);
    const last = (await expected([{ key: big.key, allocated: 1200 }], seed)).at(-1)!;
    // The dossier ranked last gets the offset itself as its key: it must come first now (>=, not >).
    await t.handle.db
      .updateTable('dossiers')
      .set({ surveyKey: drawOffset(seed) })
      .where('id', '=', last.id)
      .execute();
    const drawn = await repo.drawStrata(filter, strata, seed);
    expect(ids(drawn)).toEqual(await expected(strata, seed));
    const mine = drawn.filter((d) => d.stratum === big.key);
    expect(mine[0]!.id).toBe(last.id);
    expect(mine[1]!.id).toBe(first!.id);
    const keys = new Map(
      (
        await t.handle.db
          .selectFrom('dossiers')
          .select(['id', 'surveyKey'])
          .where(
            'id',
            'in',
            mine.map((d) => d.id),
          )
          .execute()
      ).map((r) => [r.id, r.surveyKey]),
    );
    // Some keys above the offset, then some below it: the draw went round.
    expect(mine.some((d) => keys.get(d.id)! < drawOffset(seed))).toBe(true);
    expect(mine.some((d) => keys.get(d.id)! >= drawOffset(seed))).toBe(true);
  });

  it('gives every dossier a random key, whoever writes it (the desk, SQL seeders)', async () => {
    const procId = await createProcedure(admin, rootId, { code: '1.900004' });
    const applicant = { name: 'Nguyễn Văn Ánh', phone: '0905123456', email: '', idNumber: '049123456789', address: 'Quảng Ngãi' };
    const receipt = await receiveDossier(admin, { procedureId: procId, channel: 'counter', applicant });
    const keys = await t.handle.db.selectFrom('dossiers').select(['id', 'surveyKey']).execute();
    expect(keys.filter((k) => typeof k.surveyKey !== 'number')).toEqual([]);
    expect(keys.find((k) => k.id === receipt.id)?.surveyKey).toEqual(expect.any(Number));
    // Uniform over the signed 32-bit range: distinct, both signs, no pile-up in one part of the circle.
    const values = keys.map((k) => k.surveyKey);
    expect(new Set(values).size).toBeGreaterThan(values.length - 3);
    expect(values.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
    const quarters = [0, 0, 0, 0];
    for (const v of values) quarters[Math.floor((v + 2 ** 31) / 2 ** 30)]! += 1;
    for (const q of quarters) expect(Math.abs(q - values.length / 4)).toBeLessThan(values.length / 8);
  });
});
