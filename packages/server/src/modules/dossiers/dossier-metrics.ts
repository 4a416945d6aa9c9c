import { instantAt, type LocalDate, type RuleInput } from '@cchc/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database';
import { isPostgres } from '../../platform/db/dialect';
import type { MetricScope } from '../../platform/metrics/metric-types';
import { agencyScope, LATE_COMPLETION, nextDay } from './dossier-counting';

/** Computes the dossier metrics of a scope and period as rule inputs. */
export type DossierMetricsFn = (db: Db, scope: MetricScope) => Promise<Map<string, RuleInput>>;

// PAR metrics from one-stop dossiers (issue #5 "Live projection", docs/domain/qd766.md, docs/domain/statistics.md, docs/domain/par-index.md#worked-example-the-2019-scorecard field 7).
// Everything is counted in SQL (aggregates over covering indexes, see the dossiers migration) plus one
// read of the scope's procedure versions: no dossier row is loaded, whatever the volume.
//
// Scope: dossiers whose implementing agency (`unit_id`) or processing unit is one of `scope.unitIds`;
// procedures likewise. Period [from, to], local days (UTC+7):
//  - receipt metrics count dossiers received on a day of the period (`received_on`);
//  - completion metrics count dossiers whose end of processing (QĐ 766) falls in the period, judged
//    against the statutory due moment (moved by supplement pauses, never by an apology letter);
//  - open overdue dossiers are those whose clock still runs with the statutory due day before `to`.

export const DOSSIER_METRIC = {
  /** Online-capable procedures (in-force version with online level full/partial and the online channel) with ≥ 1 online dossier / all of them. */
  onlineServicesWithOnlineDossierRate: 'dossiers.online_services_with_online_dossier_rate',
  /** Procedures with ≥ 1 dossier received or returned by post / procedures with ≥ 1 dossier received. */
  postalProcedureShare: 'dossiers.postal_procedure_share',
  /** Completed early or on time / completed in the period (docs/domain/dossiers.md#supplement-pause-and-timeliness). */
  onTimeRate: 'dossiers.on_time_rate',
  /** Completed late in the period + open dossiers overdue on `to`. */
  lateCount: 'dossiers.late_count',
  /** Online dossiers / dossiers received in the period. */
  onlineShare: 'dossiers.online_share',
  /** Postal dossiers / dossiers received in the period. */
  postShare: 'dossiers.post_share',
} as const;

export const DOSSIER_METRIC_KEYS_PROVIDED = Object.values(DOSSIER_METRIC);

const ONLINE_LEVELS = ['full', 'partial'];

/** Whole numbers from either driver (PostgreSQL sums are bigint/numeric strings). */
const n = (v: unknown): number => Number(v ?? 0);

interface ReceiptCounts {
  procedureId: string;
  received: number;
  online: number;
  post: number;
  postal: number;
}

/** Receipts of the period per procedure (index dossiers_metric_receipt_idx). */
async function receiptsByProcedure(db: Db, scope: MetricScope, agencies: string[], member: RawBuilder<SqlBool>): Promise<ReceiptCounts[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .select([
      'd.procedureId',
      sql<number>`count(*)`.as('received'),
      sql<number>`sum(case when d.channel = 'online' then 1 else 0 end)`.as('online'),
      sql<number>`sum(case when d.channel = 'post' then 1 else 0 end)`.as('post'),
      sql<number>`sum(case when d.channel = 'post' or d.return_method = 'post' then 1 else 0 end)`.as('postal'),
    ])
    .where('d.unitId', 'in', agencies)
    .where('d.receivedOn', '>=', scope.from)
    .where('d.receivedOn', '<=', scope.to)
    .where(member)
    .groupBy('d.procedureId')
    .execute();
  return rows.map((r) => ({ procedureId: r.procedureId, received: n(r.received), online: n(r.online), post: n(r.post), postal: n(r.postal) }));
}

/** Completions of the period and how many were late (index dossiers_metric_end_idx). */
async function completions(db: Db, scope: MetricScope, agencies: string[], member: RawBuilder<SqlBool>) {
  const r = await db
    .selectFrom('dossiers as d')
    .select([sql<number>`count(*)`.as('completed'), sql<number>`sum(case when ${LATE_COMPLETION} then 1 else 0 end)`.as('late')])
    .where('d.unitId', 'in', agencies)
    .where('d.endOfProcessingAt', '>=', instantAt(scope.from as LocalDate, 0))
    .where('d.endOfProcessingAt', '<', instantAt(nextDay(scope.to as LocalDate), 0))
    .where(member)
    .executeTakeFirstOrThrow();
  return { completed: n(r.completed), late: n(r.late) };
}

/** Open dossiers whose clock runs past the statutory due day, as of `to` (index dossiers_metric_open_idx). */
async function openOverdue(db: Db, scope: MetricScope, agencies: string[], member: RawBuilder<SqlBool>): Promise<number> {
  const r = await db
    .selectFrom('dossiers as d')
    .select(sql<number>`count(*)`.as('n'))
    .where('d.unitId', 'in', agencies)
    .where('d.clockRunning', '=', 1)
    .where('d.statutoryDueAt', '<', instantAt(scope.to as LocalDate, 0))
    .where('d.receivedOn', '<=', scope.to)
    .where(member)
    .executeTakeFirstOrThrow();
  return n(r.n);
}

/**
 * The scope's procedures that offer online submission on `to`: the version in force then (the highest
 * version number already effective) has online level full or partial and lists the online channel.
 * Inactive procedures are not offered, so they are left out.
 */
async function onlineCapableProcedures(db: Db, scope: MetricScope): Promise<Set<string>> {
  const units = scope.unitIds;
  const channels = isPostgres(db) ? sql<string | null>`(v.content::json ->> 'channels')` : sql<string | null>`json_extract(v.content, '$.channels')`;
  const rows = await db
    .selectFrom('procedures as p')
    .innerJoin('procedureVersions as v', 'v.procedureId', 'p.id')
    .select(['p.id', 'v.versionNo', 'v.onlineLevel', channels.as('channels')])
    .where((eb) => eb.or([eb('p.unitId', 'in', units), eb('p.processingUnitId', 'in', units)]))
    .where('p.status', '=', 'active')
    .where('v.effectiveFrom', '<=', scope.to)
    .execute();
  const inForce = new Map<string, { versionNo: number; capable: boolean }>();
  for (const r of rows) {
    const held = inForce.get(r.id);
    if (held && held.versionNo >= r.versionNo) continue;
    const list = r.channels ? (JSON.parse(r.channels) as unknown) : [];
    const capable = ONLINE_LEVELS.includes(r.onlineLevel) && Array.isArray(list) && list.includes('online');
    inForce.set(r.id, { versionNo: Number(r.versionNo), capable });
  }
  return new Set([...inForce].filter(([, v]) => v.capable).map(([id]) => id));
}

const rate = (numerator: number, denominator: number): RuleInput => ({ kind: 'rate', numerator, denominator });

/**
 * The dossier metrics of a scope and period, as the scoring rules take them: rates as exact
 * numerator/denominator pairs (no dossiers → denominator 0 → "no data"), counts as whole numbers.
 * @example await dossierMetrics(db, { unitIds: [sokhcn, ...divisions], from: '2019-01-01', to: '2019-12-31', today: '2019-12-31' })
 *   // Map { 'dossiers.online_services_with_online_dossier_rate' => { kind: 'rate', numerator: 0, denominator: 10 }, … }
 */
export const dossierMetrics: DossierMetricsFn = async (db, scope) => {
  const out = new Map<string, RuleInput>();
  if (scope.unitIds.length === 0) {
    for (const k of DOSSIER_METRIC_KEYS_PROVIDED) out.set(k, k === DOSSIER_METRIC.lateCount ? { kind: 'count', value: 0 } : rate(0, 0));
    return out;
  }
  const { agencies, member } = await agencyScope(db, scope.unitIds);
  const [counts, done, overdue, capable] = await Promise.all([
    receiptsByProcedure(db, scope, agencies, member),
    completions(db, scope, agencies, member),
    openOverdue(db, scope, agencies, member),
    onlineCapableProcedures(db, scope),
  ]);
  let received = 0;
  let online = 0;
  let post = 0;
  let withDossiers = 0;
  let withPostal = 0;
  let capableWithOnline = 0;
  for (const c of counts) {
    received += c.received;
    online += c.online;
    post += c.post;
    if (c.received > 0) withDossiers++;
    if (c.postal > 0) withPostal++;
    if (c.online > 0 && capable.has(c.procedureId)) capableWithOnline++;
  }
  out.set(DOSSIER_METRIC.onlineServicesWithOnlineDossierRate, rate(capableWithOnline, capable.size));
  out.set(DOSSIER_METRIC.postalProcedureShare, rate(withPostal, withDossiers));
  out.set(DOSSIER_METRIC.onTimeRate, rate(done.completed - done.late, done.completed));
  out.set(DOSSIER_METRIC.lateCount, { kind: 'count', value: done.late + overdue });
  out.set(DOSSIER_METRIC.onlineShare, rate(online, received));
  out.set(DOSSIER_METRIC.postShare, rate(post, received));
  return out;
};
