// Test support shared by the dossier test files (not a test file itself, so importing it runs nothing).
import type { Caller, Response, TestApp, factories } from '../../../test/harness';
import { procedureBody } from '../procedures/procedure.fixtures';

/** A wall-clock time in Vietnam (UTC+7) on a calendar day, as the ISO instant the test clock takes. */
export const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`).toISOString();

/**
 * The same caller on a personal access token. Tokens, not sessions: the dossier tests move the clock
 * by days or weeks, past any session's lifetime.
 */
export function bearerOf(t: TestApp, caller: Caller, name = 'test'): Promise<Caller> {
  return t.bearerOf(caller, name);
}

/** Makes a new user with one role on a unit (the root when none is given) who calls with a token. */
export function tokenActors(t: TestApp, make: ReturnType<typeof factories>) {
  return async (role: string, unitId?: string): Promise<Caller> => bearerOf(t, (await make.actor(role, unitId)).caller);
}

/** Reception, appraisal and approval, the last two by the processing division. */
export const threeSteps = (divId: string) => [
  { code: 'TN', name: 'Tiếp nhận', unitId: null, budget: { value: 4, unit: 'working_hours' } },
  { code: 'TD', name: 'Thẩm định', unitId: divId, budget: { value: 7, unit: 'working_days' } },
  { code: 'PD', name: 'Phê duyệt', unitId: divId, budget: { value: 2, unit: 'working_days' } },
];

/**
 * Creates a procedure of `unitId`, in force since 2026-01-01 and without a receiving cut-off, and returns
 * its id; `over` replaces fields of `procedureBody`.
 */
export async function createProcedure(admin: Caller, unitId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/procedures', { ...procedureBody(unitId, { receivingCutoffMinute: null, ...over }), effectiveFrom: '2026-01-01' });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id as string;
}

/** A dossier as the receipt answers it. */
export interface Receipt {
  id: string;
  code: string;
  status: string;
  dueDate: string;
  lookupPin: string;
  version: number;
}

/** Receives a dossier at the desk (`body` is the receipt request); throws unless it is created. */
export async function receiveDossier(by: Caller, body: Record<string, unknown>): Promise<Receipt> {
  const res = await by.post('/api/dossiers', body);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as Receipt;
}

/** Runs a lifecycle action on the dossier's current version, and answers whatever the server says. */
export async function actOn(by: Caller, id: string, body: Record<string, unknown>): Promise<Response> {
  const current = await by.get(`/api/dossiers/${id}`);
  return by.post(`/api/dossiers/${id}/actions`, { version: current.body.version, ...body });
}

/** Like `actOn`, but throws unless the action succeeds (`label` names it in the error); answers the dossier. */
export async function actOk(by: Caller, id: string, body: Record<string, unknown>, label = String(body.action)) {
  const res = await actOn(by, id, body);
  if (res.status !== 200) throw new Error(`${label}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Rates a returned dossier the way its applicant does: the public rating route with the code and PIN of the
 * receipt (docs/domain/dossiers.md). Throws unless the rating is recorded; it is dated by the test clock.
 */
export async function rateAsCitizen(t: TestApp, receipt: Pick<Receipt, 'code' | 'lookupPin'>, answers: { overall: number } & Record<string, number>) {
  const url = `/api/public/dossiers/${encodeURIComponent(receipt.code)}/rating?pin=${encodeURIComponent(receipt.lookupPin)}`;
  const res = await t.app.inject({ method: 'POST', url, payload: { answers } });
  if (res.statusCode !== 201) throw new Error(`rating ${receipt.code}: ${res.body}`);
}

/**
 * The "result ready" action with a result record that needs no file (a refusal answer, issue #13),
 * signed on `day` (the local day of the action or earlier, not before the receipt).
 */
export const resultReady = (day: string) => ({
  action: 'markResultReady',
  result: { kind: 'refusal', number: '01/TB-SKHCN', date: day, signer: 'Nguyễn Văn Bình' },
});
