// Test and bench support (not a test file). Returned dossiers are written straight into the table: the
// survey module only reads them, and the dossier lifecycle has its own tests.
import type { Db } from '../../platform/db/database';

let seq = 0;

/** Inserts `count` returned dossiers of a procedure (which must exist), finished at `finishedAt`. */
export async function insertReturnedDossiers(
  db: Db,
  o: { procedureId: string; unitId: string; count: number; finishedAt: string; status?: string; channel?: string; email?: (i: number) => string | null },
): Promise<string[]> {
  const p = await db.selectFrom('procedures').select(['code']).where('id', '=', o.procedureId).executeTakeFirstOrThrow();
  const v = await db
    .selectFrom('procedureVersions')
    .select(['id', 'name'])
    .where('procedureId', '=', o.procedureId)
    .orderBy('versionNo', 'desc')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  const rows = [];
  for (let i = 0; i < o.count; i++) {
    const n = ++seq;
    const id = `sv-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`;
    ids.push(id);
    const name = `Công dân ${n}`;
    rows.push({
      id,
      code: `SV.${process.pid}.${n}.${id.slice(-6)}`,
      unitId: o.unitId,
      processingUnitId: null,
      currentUnitId: null,
      assigneeId: null,
      procedureId: o.procedureId,
      procedureVersionId: v.id,
      procedureCode: p.code,
      procedureName: v.name,
      channel: o.channel ?? 'counter',
      status: o.status ?? 'returned',
      clockRunning: 0,
      applicantName: name,
      applicantNameFolded: name.toLowerCase(),
      applicant: JSON.stringify({ name, email: o.email ? o.email(i) : `cd${n}@example.vn` }),
      components: '[]',
      note: null,
      lookupPin: '0000',
      submittedAt: null,
      receivedAt: o.finishedAt,
      receivedOn: o.finishedAt.slice(0, 10),
      dueDate: null,
      dueAt: null,
      statutoryDueAt: null,
      deemedReceivedOn: null,
      endOfProcessingAt: o.finishedAt,
      finishedAt: o.finishedAt,
      returnMethod: 'counter',
      supplementRequests: 0,
      apologies: 0,
      state: '{}',
      createdBy: null,
      version: 1,
      createdAt: o.finishedAt,
      updatedAt: o.finishedAt,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('dossiers')
      .values(rows.slice(i, i + 500))
      .execute();
  return ids;
}

/** A complete, valid answer set of the `sipas_service` template, every scale answered `sat`. */
export const sipasAnswers = (sat: string, extra: Record<string, unknown> = {}) => ({
  access_channel: ['web'],
  access_place: sat,
  access_info: sat,
  procedure_public: 'yes',
  procedure_components: sat,
  procedure_time: sat,
  servant_extra_payment: 'no',
  servant_attitude: sat,
  servant_guidance: sat,
  result_trips: 1,
  result_on_time: 'yes',
  result_content: sat,
  feedback_given: 'no',
  expectation: ['procedure'],
  ...extra,
});
