import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from '../../../test/harness';
import { createProcedure } from '../dossiers/dossier.fixtures';
import { insertReturnedDossiers } from './survey.fixtures';
import { SurveyRepository } from './survey.repository';

// The one-pass draw of every stratum (docs/surveys.md, "Sampling") gives exactly the dossiers of the
// per-stratum draw, in the same order, on both engines, including when a stratum has to be drawn again.

describe.each(engines)('seeded draw of all strata on %s', (engine) => {
  let t: TestApp;
  let repo: SurveyRepository;
  let filter: { fromAt: string; toAt: string; unitIds: string[]; stratifyBy: 'procedure' };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { admin, rootId } = await t.setup();
    const a = await createProcedure(admin, rootId, { code: '1.900001' });
    const b = await createProcedure(admin, rootId, { code: '1.900002' });
    const c = await createProcedure(admin, rootId, { code: '1.900003' });
    await insertReturnedDossiers(t.handle.db, { procedureId: a, unitId: rootId, count: 1200, finishedAt: '2025-11-10T03:00:00.000Z' });
    await insertReturnedDossiers(t.handle.db, { procedureId: b, unitId: rootId, count: 300, finishedAt: '2025-11-12T03:00:00.000Z' });
    await insertReturnedDossiers(t.handle.db, { procedureId: c, unitId: rootId, count: 40, finishedAt: '2025-11-14T03:00:00.000Z' });
    repo = new SurveyRepository(t.handle.db, engine);
    filter = { fromAt: '2025-10-31T17:00:00.000Z', toAt: '2025-11-30T17:00:00.000Z', unitIds: [rootId], stratifyBy: 'procedure' };
  });
  afterAll(async () => t?.close());

  const perStratum = async (strata: Array<{ key: string; allocated: number }>, seed: number) =>
    (await Promise.all(strata.map((s) => repo.drawStratum(filter, s.key, seed, s.allocated)))).flat();
  const sorted = <T extends { stratum: string; pos: number }>(xs: T[]) => [...xs].sort((x, y) => x.stratum.localeCompare(y.stratum) || x.pos - y.pos);

  it('draws the same dossiers as the per-stratum draw, for several seeds and allocations', async () => {
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
      expect(sorted(one)).toEqual(sorted(await perStratum(allocated, seed)));
    }
  });

  it('draws a stratum again exactly when too few dossiers passed its cut', async () => {
    // A population stated far too large makes the cut far too small: that stratum is drawn again, exactly.
    const strata = (await repo.countStrata(filter)).map((s) => ({ ...s, allocated: 20, population: s.population === 1200 ? 10_000_000 : s.population }));
    expect(sorted(await repo.drawStrata(filter, strata, 7))).toEqual(sorted(await perStratum(strata, 7)));
  });
});
