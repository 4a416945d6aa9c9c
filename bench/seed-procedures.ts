import type { Db } from '../packages/server/src/platform/db/database';

// The rows of one active procedure with one version in force since 2024-01-01, as the benchmarks seed their
// catalogues straight into the tables (par-recompute, qd766, statistics): one shape, so a schema change is
// made once.

export interface BenchProcedure {
  id: string;
  versionId: string;
  unitId: string;
  code: string;
  name: string;
  sectorCode: string;
  sectorName: string;
  processingUnitId: string | null;
  onlineLevel: string;
  /** The version's content as stored (JSON text). */
  content: string;
  now: string;
}

/** The `procedures` row and its `procedure_versions` row. */
export function procedureRows(p: BenchProcedure): { procedure: Record<string, unknown>; version: Record<string, unknown> } {
  const base = { name: p.name, nameFolded: p.name.toLowerCase(), sectorCode: p.sectorCode, sectorName: p.sectorName, processingUnitId: p.processingUnitId };
  return {
    procedure: { id: p.id, unitId: p.unitId, code: p.code, ...base, status: 'active', latestVersionNo: 1, version: 1, createdAt: p.now, updatedAt: p.now },
    version: {
      id: p.versionId,
      procedureId: p.id,
      versionNo: 1,
      effectiveFrom: '2024-01-01',
      ...base,
      timeLimitValue: 10,
      timeLimitUnit: 'working_days',
      onlineLevel: p.onlineLevel,
      content: p.content,
      createdAt: p.now,
      createdBy: null,
    },
  };
}

/** Inserts the procedures, then their versions, 200 rows per statement. */
export async function insertProcedures(db: Db, rows: Array<ReturnType<typeof procedureRows>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('procedures')
      .values(rows.slice(i, i + 200).map((r) => r.procedure) as never)
      .execute();
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('procedureVersions')
      .values(rows.slice(i, i + 200).map((r) => r.version) as never)
      .execute();
  }
}
