// The receipt checklist and the result record of a dossier (issue #13; docs/architecture.md § Dossiers,
// "Receipt check of an online filing" and "Result record"). The rules are the domain's (desk-records.ts);
// this file reads what they need from the procedure version and the dossier's attachments and reports
// every problem by field.
import { resultRecordIssues, type DossierResultRecord, type DossierState, type Instant, type LocalDate } from '@cchc/domain';
import type { Db } from '../../platform/db/database';
import { ValidationError } from '../../platform/errors';
import type { ProcedureContent } from '../procedures/procedure.schemas';
import type { DossierView, ResultInput } from './dossier.schemas';

/** The owner kind of dossier files (dossierFileOwner.entity). */
export const DOSSIER_FILE_OWNER = 'dossier';

/** The procedure's components with their mandatory flag: what the desk ticks at an online receipt. */
export function procedureChecklist(content: Pick<ProcedureContent, 'components'> | null): Array<{ name: string; mandatory: boolean }> {
  return (content?.components ?? []).map((c) => ({ name: c.name, mandatory: c.mandatory }));
}

/** A procedure issues electronic results when its result type is electronic or both (procedure form, "Loại kết quả"). */
export function electronicResultAllowed(content: Pick<ProcedureContent, 'resultType'> | null): boolean {
  return content?.resultType === 'electronic' || content?.resultType === 'both';
}

/**
 * The result record to store, or a 400 listing every problem against `body.result.<field>`: the
 * domain's rules, plus the file being an attachment of this very dossier (an id of another record's
 * file is refused, never attached by reference).
 */
export async function resultRecordOf(
  db: Db,
  dossierId: string,
  input: ResultInput,
  ctx: { now: Instant; state: DossierState; content: ProcedureContent | null },
): Promise<DossierResultRecord> {
  const record: DossierResultRecord = {
    kind: input.kind,
    number: input.number,
    date: input.date as LocalDate,
    signer: input.signer,
    attachmentId: input.fileId,
    electronic: input.electronic,
  };
  const issues = resultRecordIssues(record, { now: ctx.now, receivedAt: ctx.state.receivedAt, electronicAllowed: electronicResultAllowed(ctx.content) });
  const fields = issues.map((i) => ({ path: `body.result.${i.field}`, code: i.code }));
  if (input.fileId !== null) {
    const own = await db
      .selectFrom('attachments')
      .select('id')
      .where('id', '=', input.fileId)
      .where('ownerEntity', '=', DOSSIER_FILE_OWNER)
      .where('ownerId', '=', dossierId)
      .executeTakeFirst();
    if (!own) fields.push({ path: 'body.result.fileId', code: 'dossier.result_file_invalid' });
  }
  if (fields.length > 0) throw new ValidationError(fields[0]!.code, fields);
  return record;
}

/** The result record as the staff view shows it, with the signed file's name. */
export async function resultRecordView(db: Db, state: DossierState): Promise<DossierView['resultRecord']> {
  const r = state.resultRecord;
  if (!r) return null;
  const file = r.attachmentId ? await db.selectFrom('attachments').select('fileName').where('id', '=', r.attachmentId).executeTakeFirst() : undefined;
  return { kind: r.kind, number: r.number, date: r.date, signer: r.signer, fileId: r.attachmentId, fileName: file?.fileName ?? null, electronic: r.electronic };
}
