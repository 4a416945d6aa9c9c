// What the desk checks at receipt and what the processing unit records as the result (issue #13,
// docs/architecture.md § Dossiers, "Receipt check of an online filing" and "Result record").
import { DomainInputError, localDateOf, RuleViolation, type Instant, type LocalDate } from '../values';

/** One component of the procedure as the desk checked it when receiving an online filing. */
export interface ComponentCheck {
  readonly name: string;
  readonly mandatory: boolean;
  readonly checked: boolean;
}

/** Kinds of result a procedure ends with: a licence, a certificate, a written answer, or a refusal. */
export const RESULT_KINDS = ['licence', 'certificate', 'written_answer', 'refusal'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** The result document recorded when the dossier reaches "result ready" (state 9). */
export interface DossierResultRecord {
  readonly kind: ResultKind;
  /** Number and symbol of the signed document, e.g. "15/GCN-SKHCN". */
  readonly number: string;
  /** Signing date of the document. */
  readonly date: LocalDate;
  readonly signer: string;
  /** The signed file attached to the dossier; null only for a refusal (see `resultRecordIssues`). */
  readonly attachmentId: string | null;
  /** Issued as an electronic result the applicant may download (only when the procedure allows it). */
  readonly electronic: boolean;
}

/**
 * The checklist of an online filing's receipt: every component of the procedure, marked checked when
 * the officer ticked it. Throws when a mandatory component was not confirmed, naming the missing ones.
 * @example checkComponents([{ name: 'Đơn', mandatory: true }], ['Đơn']) // [{ name: 'Đơn', mandatory: true, checked: true }]
 * @throws RuleViolation('dossier.components_unconfirmed', { missing })
 */
export function checkComponents(components: readonly { readonly name: string; readonly mandatory: boolean }[], confirmed: readonly string[]): ComponentCheck[] {
  const ticked = new Set(confirmed.map((c) => c.trim()));
  const checks = components.map((c) => ({ name: c.name, mandatory: c.mandatory, checked: ticked.has(c.name.trim()) }));
  const missing = checks.filter((c) => c.mandatory && !c.checked).map((c) => c.name);
  if (missing.length > 0) throw new RuleViolation('dossier.components_unconfirmed', { missing });
  return checks;
}

/** A problem with a result record: the field it concerns and the error code. */
export interface ResultIssue {
  readonly field: 'kind' | 'number' | 'date' | 'signer' | 'fileId' | 'electronic';
  readonly code: string;
}

/**
 * Every problem of a result record, for the server to report field by field. The signing date may not
 * be in the future nor before the receipt; a signed file is required except for a refusal (a refusal's
 * reasons are the record; the letter may be handed over on paper); `electronic` only when the procedure
 * issues electronic results, and never without a file.
 * @example resultRecordIssues({ kind: 'licence', number: '1/GP', date: '2026-03-10', signer: 'A', attachmentId: null, electronic: false }, ctx) // [{ field: 'fileId', code: 'dossier.result_file_required' }]
 */
export function resultRecordIssues(r: DossierResultRecord, ctx: { now: Instant; receivedAt: Instant | null; electronicAllowed: boolean }): ResultIssue[] {
  const issues: ResultIssue[] = [];
  if (!(RESULT_KINDS as readonly string[]).includes(r.kind)) issues.push({ field: 'kind', code: 'dossier.result_kind_invalid' });
  if (r.number.trim() === '') issues.push({ field: 'number', code: 'dossier.result_number_required' });
  if (r.signer.trim() === '') issues.push({ field: 'signer', code: 'dossier.result_signer_required' });
  if (r.date > localDateOf(ctx.now)) issues.push({ field: 'date', code: 'dossier.result_date_future' });
  else if (ctx.receivedAt && r.date < localDateOf(ctx.receivedAt)) issues.push({ field: 'date', code: 'dossier.result_date_before_receipt' });
  if (r.attachmentId === null && r.kind !== 'refusal') issues.push({ field: 'fileId', code: 'dossier.result_file_required' });
  if (r.electronic && !ctx.electronicAllowed) issues.push({ field: 'electronic', code: 'dossier.result_electronic_not_allowed' });
  else if (r.electronic && r.attachmentId === null) issues.push({ field: 'electronic', code: 'dossier.result_file_required' });
  return issues;
}

/**
 * Throws the first issue of a result record (the domain's own guard; the server reports them all).
 * @throws DomainInputError(issue code, { field })
 */
export function assertResultRecord(r: DossierResultRecord, ctx: { now: Instant; receivedAt: Instant | null; electronicAllowed: boolean }): void {
  const first = resultRecordIssues(r, ctx)[0];
  if (first) throw new DomainInputError(first.code, { field: first.field });
}
