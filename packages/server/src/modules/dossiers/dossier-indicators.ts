import { instantAt, type IndicatorFigures, type LocalDate } from '@cchc/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database';
import { UnitTreeRepository, type UnitTree } from '../../platform/units/unit-tree';
import type { DossierFactsSource, FactsBreakdown, FactsLine, FactsScope } from '../../platform/metrics/dossier-facts';
import { isPostgres } from '../../platform/db/dialect';
import { agencyScope, LATE_COMPLETION, nextDay } from './dossier-counting';

// The QĐ 766 indicators CCHC computes from its own records (docs/domain/qd766.md#what-cchc-computes): one
// pass of conditional aggregates over the dossiers of the scope, plus the small procedure catalogue. No dossier
// is loaded into Node. Period [from, to] in local days (UTC+7), P0 = start of `from`, P1 = end of `to`:
//  - finished: end of processing (QĐ 766: refused, stopped, result ready, withdrawn after receipt) in [P0, P1);
//    late when after the statutory due moment (LATE_COMPLETION, the statistics' and PAR metrics' rule);
//  - open at the end: received by `to` and not finished before P1; late when the statutory due day is
//    before `to` while the clock runs (or the dossier finished after the period), or when it waits for
//    a supplement asked for more than once (docs/domain/dossiers.md#supplement-pause-and-timeliness);
//  - 2.1 = (finished + open, not late) ÷ (finished + open);
//  - 2.2 = total hours from receipt to end of processing ÷ dossiers completed with a result (status 9, 10);
//    reference: the hours from receipt to the statutory due moment of the same dossiers (pauses move it);
//  - 3.3 = online dossiers ÷ dossiers received in the period;
//  - 4.1 = completed dossiers whose result record is electronic ÷ completed dossiers (status 9, 10);
//  - 5.4 = (2.1's dossiers − late − rated unsatisfied, overall ≤ 2) ÷ 2.1's dossiers;
//  - 1.3, 3.1, 3.2 from the procedures in force on `to` (active, highest effective version).

const n = (v: unknown): number => Number(v ?? 0);

/** A dossier rated "dislike": overall 1 or 2 of 5 (docs/domain/qd766.md, indicator 5.4). */
const UNSATISFIED_AT_MOST = 2;

/** The period's boundaries and the conditions every query shares. */
function period(db: Db, s: FactsScope) {
  const p0 = instantAt(s.from as LocalDate, 0);
  const p1 = instantAt(nextDay(s.to as LocalDate), 0);
  const t0 = instantAt(s.to as LocalDate, 0);
  const pg = isPostgres(db);
  const finished = sql<SqlBool>`(d.end_of_processing_at >= ${p0} and d.end_of_processing_at < ${p1})`;
  const open = sql<SqlBool>`(d.end_of_processing_at is null or d.end_of_processing_at >= ${p1})`;
  const openLate = sql<SqlBool>`(${open} and ((d.statutory_due_at < ${t0} and (d.end_of_processing_at is not null or d.clock_running = 1)) or (d.end_of_processing_at is null and d.status = 'awaiting_supplement' and d.supplement_requests > 1)))`;
  const late = sql<SqlBool>`((${finished} and ${LATE_COMPLETION}) or ${openLate})`;
  const completed = sql<SqlBool>`(${finished} and d.status in ('result_ready', 'returned'))`;
  const seconds = (a: string, b: string) =>
    pg ? sql<number>`extract(epoch from (${sql.raw(a)} - ${sql.raw(b)}))` : sql<number>`((julianday(${sql.raw(a)}) - julianday(${sql.raw(b)})) * 86400)`;
  const electronic = pg
    ? sql<SqlBool>`((d.state::json -> 'resultRecord' ->> 'electronic') = 'true')`
    : sql<SqlBool>`(json_extract(d.state, '$.resultRecord.electronic') = 1)`;
  return { p0, p1, t0, finished, open, openLate, late, completed, seconds, electronic };
}

interface Aggregates {
  received: number;
  online: number;
  finished: number;
  finishedLate: number;
  open: number;
  openLate: number;
  completed: number;
  seconds: number;
  referenceSeconds: number;
}

/** The conditional aggregates of the relevant dossiers (received by `to`, not finished before `from`), optionally grouped. */
async function aggregates(db: Db, s: FactsScope, groupBy: RawBuilder<string> | null): Promise<Array<Aggregates & { key: string | null }>> {
  const { agencies, member } = await agencyScope(db, s.unitIds);
  const p = period(db, s);
  const key = groupBy ?? sql<string | null>`null`;
  const q = db
    .selectFrom('dossiers as d')
    .select([
      key.as('key'),
      sql<number>`count(*) filter (where d.received_on >= ${s.from})`.as('received'),
      sql<number>`count(*) filter (where d.received_on >= ${s.from} and d.channel = 'online')`.as('online'),
      sql<number>`count(*) filter (where ${p.finished})`.as('finished'),
      sql<number>`count(*) filter (where ${p.finished} and ${LATE_COMPLETION})`.as('finishedLate'),
      sql<number>`count(*) filter (where ${p.open})`.as('open'),
      sql<number>`count(*) filter (where ${p.openLate})`.as('openLate'),
      sql<number>`count(*) filter (where ${p.completed})`.as('completed'),
      sql<number>`sum(case when ${p.completed} then ${p.seconds('d.end_of_processing_at', 'd.received_at')} else 0 end)`.as('seconds'),
      sql<number>`sum(case when ${p.completed} then ${p.seconds('coalesce(d.statutory_due_at, d.end_of_processing_at)', 'd.received_at')} else 0 end)`.as(
        'referenceSeconds',
      ),
    ])
    .where('d.unitId', 'in', agencies)
    .where('d.receivedOn', '<=', s.to)
    .where((eb) => eb.or([eb('d.endOfProcessingAt', 'is', null), eb('d.endOfProcessingAt', '>=', p.p0)]))
    .where(member);
  const rows = groupBy ? await q.groupBy(sql.raw('1')).execute() : await q.execute();
  return rows.map((r) => ({
    key: r.key as string | null,
    received: n(r.received),
    online: n(r.online),
    finished: n(r.finished),
    finishedLate: n(r.finishedLate),
    open: n(r.open),
    openLate: n(r.openLate),
    completed: n(r.completed),
    seconds: n(r.seconds),
    referenceSeconds: n(r.referenceSeconds),
  }));
}

/** Per group: completed dossiers with an electronic result, and late-free dossiers rated unsatisfied. */
async function resultAndRatings(
  db: Db,
  s: FactsScope,
  groupBy: RawBuilder<string> | null,
): Promise<Map<string | null, { electronic: number; unsatisfied: number }>> {
  const { agencies, member } = await agencyScope(db, s.unitIds);
  const p = period(db, s);
  const key = groupBy ?? sql<string | null>`null`;
  const electronic = db
    .selectFrom('dossiers as d')
    .select([key.as('key'), sql<number>`count(*)`.as('n')])
    .where('d.unitId', 'in', agencies)
    .where('d.endOfProcessingAt', '>=', p.p0)
    .where('d.endOfProcessingAt', '<', p.p1)
    .where('d.status', 'in', ['result_ready', 'returned'])
    .where(p.electronic)
    .where(member);
  const unsatisfied = db
    .selectFrom('dossierRatings as r')
    .innerJoin('dossiers as d', 'd.id', 'r.dossierId')
    .select([key.as('key'), sql<number>`count(*)`.as('n')])
    .where('r.overall', '<=', UNSATISFIED_AT_MOST)
    // A rating carries its dossier's agency: only the scope's ratings are joined to their dossiers.
    .where('r.unitId', 'in', agencies)
    .where('d.unitId', 'in', agencies)
    .where('d.receivedOn', '<=', s.to)
    .where((eb) => eb.or([eb('d.endOfProcessingAt', 'is', null), eb('d.endOfProcessingAt', '>=', p.p0)]))
    .where(sql<SqlBool>`not ${p.late}`)
    .where(member);
  const [e, u] = await Promise.all([
    groupBy ? electronic.groupBy(sql.raw('1')).execute() : electronic.execute(),
    groupBy ? unsatisfied.groupBy(sql.raw('1')).execute() : unsatisfied.execute(),
  ]);
  const out = new Map<string | null, { electronic: number; unsatisfied: number }>();
  const at = (k: string | null) => out.get(k) ?? out.set(k, { electronic: 0, unsatisfied: 0 }).get(k)!;
  for (const r of e) at(r.key as string | null).electronic += n(r.n);
  for (const r of u) at(r.key as string | null).unsatisfied += n(r.n);
  return out;
}

const HOUR = 3600;

/** The dossier-counted figures (2.1, 2.2, 3.3, 4.1, 5.4) from one group's aggregates. */
function dossierFigures(a: Aggregates, extra: { electronic: number; unsatisfied: number }): Map<string, IndicatorFigures> {
  const toHandle = a.finished + a.open;
  const late = a.finishedLate + a.openLate;
  return new Map<string, IndicatorFigures>([
    ['2.1', { numerator: toHandle - late, denominator: toHandle }],
    ['2.2', { numerator: Math.round(a.seconds / HOUR), denominator: a.completed, reference: Math.round(a.referenceSeconds / HOUR) }],
    ['3.3', { numerator: a.online, denominator: a.received }],
    ['4.1', { numerator: extra.electronic, denominator: a.completed }],
    ['5.4', { numerator: Math.max(0, toHandle - late - extra.unsatisfied), denominator: toHandle }],
  ]);
}

const ZERO: Aggregates = { received: 0, online: 0, finished: 0, finishedLate: 0, open: 0, openLate: 0, completed: 0, seconds: 0, referenceSeconds: 0 };

interface ProcedureContent {
  onlineLevel?: string;
  channels?: string[];
  components?: unknown[];
  steps?: unknown[];
  applicants?: string;
  legalBasis?: string;
  resultName?: string;
}

/**
 * The scope's active procedures as in force on `to` (highest effective version), with what 1.3, 3.1 and 3.2 need.
 * Mandatory parts (docs/domain/procedures.md#mandatory-parts): name, channels, time limit and agency always exist
 * in the catalogue; steps, components, applicants, result and legal basis must be filled in.
 */
async function proceduresInForce(db: Db, s: FactsScope) {
  const rows = await db
    .selectFrom('procedures as p')
    .innerJoin('procedureVersions as v', 'v.procedureId', 'p.id')
    .select(['p.id', 'v.versionNo', 'v.onlineLevel', 'v.content'])
    .where((eb) => eb.or([eb('p.unitId', 'in', s.unitIds), eb('p.processingUnitId', 'in', s.unitIds)]))
    .where('p.status', '=', 'active')
    .where('v.effectiveFrom', '<=', s.to)
    .execute();
  const inForce = new Map<string, { versionNo: number; full: boolean; onlineCapable: boolean; complete: boolean }>();
  for (const r of rows) {
    const held = inForce.get(r.id);
    if (held && held.versionNo >= Number(r.versionNo)) continue;
    const c = JSON.parse(r.content) as ProcedureContent;
    const filled = (v: string | undefined) => typeof v === 'string' && v.trim() !== '';
    inForce.set(r.id, {
      versionNo: Number(r.versionNo),
      full: r.onlineLevel === 'full',
      onlineCapable: (r.onlineLevel === 'full' || r.onlineLevel === 'partial') && (c.channels ?? []).includes('online'),
      complete: (c.steps ?? []).length > 0 && (c.components ?? []).length > 0 && filled(c.applicants) && filled(c.legalBasis) && filled(c.resultName),
    });
  }
  return inForce;
}

async function proceduresWithOnlineDossier(db: Db, s: FactsScope): Promise<Set<string>> {
  const { agencies, member } = await agencyScope(db, s.unitIds);
  const rows = await db
    .selectFrom('dossiers as d')
    .select('d.procedureId')
    .distinct()
    .where('d.unitId', 'in', agencies)
    .where('d.receivedOn', '>=', s.from)
    .where('d.receivedOn', '<=', s.to)
    .where('d.channel', '=', 'online')
    .where(member)
    .execute();
  return new Set(rows.map((r) => r.procedureId));
}

async function figures(db: Db, s: FactsScope): Promise<Map<string, IndicatorFigures>> {
  if (s.unitIds.length === 0) return new Map();
  const [[agg], extra, procs, withOnline] = await Promise.all([
    aggregates(db, s, null),
    resultAndRatings(db, s, null),
    proceduresInForce(db, s),
    proceduresWithOnlineDossier(db, s),
  ]);
  const out = dossierFigures(agg ?? ZERO, extra.get(null) ?? { electronic: 0, unsatisfied: 0 });
  const list = [...procs.entries()];
  const capable = list.filter(([, p]) => p.onlineCapable);
  out.set('1.3', { numerator: list.filter(([, p]) => p.complete).length, denominator: list.length });
  out.set('3.1', { numerator: list.filter(([, p]) => p.full).length, denominator: list.length });
  out.set('3.2', { numerator: capable.filter(([id]) => withOnline.has(id)).length, denominator: capable.length });
  return out;
}

/** Which expression a breakdown groups by; units are rolled up to the lines directly under the root afterwards. */
function groupExpression(by: FactsBreakdown): RawBuilder<string> {
  if (by === 'procedure') return sql<string>`d.procedure_id`;
  if (by === 'sector') return sql<string>`(select p.sector_code from procedures p where p.id = d.procedure_id)`;
  return sql<string>`coalesce(d.processing_unit_id, d.unit_id)`;
}

function add(a: Aggregates, b: Aggregates): Aggregates {
  return Object.fromEntries(Object.keys(ZERO).map((k) => [k, a[k as keyof Aggregates] + b[k as keyof Aggregates]])) as unknown as Aggregates;
}

async function breakdown(db: Db, tree: UnitTree, s: FactsScope & { rootUnitId: string }, by: FactsBreakdown): Promise<FactsLine[]> {
  if (s.unitIds.length === 0) return [];
  const expr = groupExpression(by);
  const [rows, extras] = await Promise.all([aggregates(db, s, expr), resultAndRatings(db, s, expr)]);
  // Roll raw keys up to lines (units: the unit under the root; procedures and sectors: themselves).
  const lineOf = by === 'unit' ? await tree.lines(s.rootUnitId, db) : null;
  const lines = new Map<string, { agg: Aggregates; electronic: number; unsatisfied: number }>();
  for (const r of rows) {
    const raw = r.key ?? '';
    const key = lineOf ? (lineOf.get(raw) ?? raw) : raw;
    const held = lines.get(key) ?? { agg: ZERO, electronic: 0, unsatisfied: 0 };
    const e = extras.get(r.key) ?? { electronic: 0, unsatisfied: 0 };
    lines.set(key, { agg: add(held.agg, r), electronic: held.electronic + e.electronic, unsatisfied: held.unsatisfied + e.unsatisfied });
  }
  const keys = [...lines.keys()];
  const names = new Map<string, string>();
  if (keys.length > 0) {
    if (by === 'unit') for (const u of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', keys).execute()) names.set(u.id, u.name);
    if (by === 'procedure')
      for (const p of await db.selectFrom('procedures').select(['id', 'code', 'name']).where('id', 'in', keys).execute())
        names.set(p.id, `${p.code} ${p.name}`);
    if (by === 'sector')
      for (const p of await db.selectFrom('procedures').select(['sectorCode', 'sectorName']).where('sectorCode', 'in', keys).distinct().execute())
        names.set(p.sectorCode, p.sectorName);
  }
  return [...lines.entries()]
    .map(([key, l]) => ({ key, name: names.get(key) ?? key, procedureId: by === 'procedure' ? key : null, figures: dossierFigures(l.agg, l) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** The dossier module's facts for the QĐ 766 indicators, wired into the indicators module by app.ts. */
export const dossierIndicatorFacts: DossierFactsSource = { figures, breakdown: (db, s, by) => breakdown(db, new UnitTreeRepository(db), s, by) };
