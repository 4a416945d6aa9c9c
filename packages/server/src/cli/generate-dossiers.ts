import { foldVietnamese } from '@cchc/domain';
import type { Db } from '../platform/db/database';
import { migrateToLatest } from '../platform/db/migrations';
import type { Config } from '../platform/config';
import { DEFAULT_DOSSIER_SETTINGS } from '../modules/dossiers/dossier-rules';
import { convertRecord, ProcedureIndex } from '../modules/dossier-imports/dossier-import-convert';
import { DossierImportRepository, type StagedRow } from '../modules/dossier-imports/dossier-import.repository';
import { openForWrite } from './cli-database';
import { UnitTreeRepository } from '../platform/units/unit-tree';

// Synthetic dossiers for benchmarks and demos (issue #11 item 6, docs/dossier-imports.md#synthetic-dossiers):
// N dossiers received in year Y over K agencies, each agency with six procedures of various time limits.
// Channels, supplement pauses, lateness, refusals and open dossiers follow fixed shares drawn from a
// seeded generator, so a seed always gives the same dossiers (codes, ids, dates, PINs). Each record goes
// through the import's conversion and switch: the state is built by the domain like an imported dossier's,
// and running the same command again changes nothing (the source hashes are equal).

export interface GenerateOptions {
  count: number;
  year: number;
  seed: number;
  agencies: number;
}

/** Rows written per transaction. */
const CHUNK = 20_000;
const PROCEDURES_PER_AGENCY = 6;
const LIMITS = [3, 5, 7, 10, 15, 20];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Gia Huy', 'Ngọc Lan', 'Đức Minh', 'Thanh Tâm', 'Hải Yến'];

/** mulberry32: a small, fast, seedable generator; the same seed gives the same sequence everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** The portal's `yyyyMMddHHmmss` (UTC+7) of an epoch millisecond. */
const portal = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
/** Adds working days (Monday–Friday; holidays are not modelled here) to a UTC+7 wall-clock millisecond. */
function addWorkingDays(ms: number, days: number): number {
  let t = ms;
  for (let left = days; left > 0;) {
    t += DAY;
    const wd = new Date(t + 7 * 3600_000).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return t;
}

async function ensureAgencies(db: Db, k: number, now: string): Promise<Array<{ unitId: string; codes: string[] }>> {
  const out: Array<{ unitId: string; codes: string[] }> = [];
  for (let a = 1; a <= k; a++) {
    const unitId = `gen-agency-${a}`;
    const name = `Sở mô phỏng ${a}`;
    await db
      .insertInto('units')
      .values({
        id: unitId,
        parentId: null,
        kind: 'department',
        name,
        nameFolded: foldVietnamese(name),
        code: `000.00.${String(a).padStart(2, '0')}.H99`,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const codes: string[] = [];
    for (let p = 1; p <= PROCEDURES_PER_AGENCY; p++) {
      const id = `gen-proc-${a}-${p}`;
      const code = `9.${String(a * 100 + p).padStart(6, '0')}`;
      const pname = `Thủ tục mô phỏng ${p} của ${name}`;
      const timeLimit = { value: LIMITS[p - 1]!, unit: 'working_days' as const };
      const content = {
        name: pname,
        sector: { code: 'MP', name: 'Mô phỏng' },
        level: 'province',
        timeLimit,
        fees: [],
        components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true, templateFileId: null }],
        channels: ['counter', 'post', 'online'],
        onlineLevel: 'full',
        resultType: 'paper',
        resultName: 'Kết quả',
        legalBasis: '',
        applicants: '',
        publication: null,
        receivingCutoffMinute: null,
        steps: [],
        processingUnitId: null,
      };
      await db
        .insertInto('procedures')
        .values({
          id,
          unitId,
          code,
          name: pname,
          nameFolded: foldVietnamese(pname),
          sectorCode: 'MP',
          sectorName: 'Mô phỏng',
          processingUnitId: null,
          status: 'active',
          latestVersionNo: 1,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await db
        .insertInto('procedureVersions')
        .values({
          id: `${id}-v1`,
          procedureId: id,
          versionNo: 1,
          effectiveFrom: '2000-01-01',
          name: pname,
          nameFolded: foldVietnamese(pname),
          sectorCode: 'MP',
          sectorName: 'Mô phỏng',
          timeLimitValue: timeLimit.value,
          timeLimitUnit: timeLimit.unit,
          onlineLevel: 'full',
          processingUnitId: null,
          content: JSON.stringify(content),
          createdAt: now,
          createdBy: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      codes.push(code);
    }
    out.push({ unitId, codes });
  }
  return out;
}

/** One national sync record, drawn from the generator. */
export function drawRecord(rand: () => number, i: number, o: GenerateOptions, agency: { codes: string[] }, yearStart: number): Record<string, unknown> {
  const p = Math.floor(rand() * agency.codes.length);
  const limit = LIMITS[p]!;
  const c = rand();
  const channel = c < 0.55 ? 1 : c < 0.95 ? 2 : 3;
  // A working day of the year, 07:30–16:30.
  let day = Math.floor(rand() * 365);
  let received = yearStart + day * DAY + (450 + Math.floor(rand() * 540)) * 60_000;
  while ([0, 6].includes(new Date(received + 7 * 3600_000).getUTCDay())) received += DAY;
  day = 0;
  const submitted = channel === 2 ? received - Math.floor(rand() * 3 * DAY) - 3600_000 : received;
  const due = addWorkingDays(received, limit);
  const hasSupplement = rand() < 0.15;
  const suppAt = received + Math.floor(rand() * limit * 0.5 * DAY) + 3600_000;
  const suppBack = suppAt + (1 + Math.floor(rand() * 5)) * DAY;
  const outcome = rand();
  // Lateness: the end falls between 30 % and 130 % of the time limit after receipt (about one in five late).
  const end = received + Math.floor((0.3 + rand()) * (due - received)) + (hasSupplement ? suppBack - suppAt : 0);
  const r: Record<string, unknown> = {
    MaHoSo: `GEN${o.seed}-${o.year}-${String(i + 1).padStart(7, '0')}`,
    MaTTHC: agency.codes[p],
    KenhThucHien: channel,
    NgayNopHoSo: portal(submitted),
    NgayTiepNhan: portal(received),
    NgayHenTra: portal(due),
    ChuHoSo: `${SURNAMES[Math.floor(rand() * SURNAMES.length)]} ${GIVEN[Math.floor(rand() * GIVEN.length)]}`,
    DanhSachHoSoBoSung: hasSupplement ? [{ NgayBoSung: portal(suppAt), NgayTiepNhanBoSung: portal(suppBack), NoiDungBoSung: 'Bổ sung giấy tờ' }] : [],
  };
  if (outcome < 0.5) Object.assign(r, { TrangThaiHoSo: 10, NgayKetThucXuLy: portal(end), NgayTra: portal(end + DAY) });
  else if (outcome < 0.8) Object.assign(r, { TrangThaiHoSo: 9, NgayKetThucXuLy: portal(end) });
  else if (outcome < 0.84) Object.assign(r, { TrangThaiHoSo: 3, NgayKetThucXuLy: portal(received + DAY) });
  else if (outcome < 0.86) Object.assign(r, { TrangThaiHoSo: 7, NgayKetThucXuLy: portal(received + 2 * DAY) });
  else if (outcome < 0.87) Object.assign(r, { TrangThaiHoSo: 8, NgayKetThucXuLy: portal(received + 2 * DAY) });
  else if (outcome < 0.9 && hasSupplement)
    Object.assign(r, { TrangThaiHoSo: 5, DanhSachHoSoBoSung: [{ NgayBoSung: portal(suppAt), NoiDungBoSung: 'Bổ sung giấy tờ' }] });
  else if (outcome < 0.93) Object.assign(r, { TrangThaiHoSo: 2 });
  else if (outcome < 0.95) Object.assign(r, { TrangThaiHoSo: 6 });
  else Object.assign(r, { TrangThaiHoSo: 4 });
  return r;
}

/** Adds the dossiers; answers how many were written and how many were already there unchanged. */
export async function generateDossiers(
  config: Config,
  o: GenerateOptions,
  now: string,
  log: (line: string) => void = () => undefined,
): Promise<{ written: number; unchanged: number; millis: number }> {
  const h = openForWrite(config);
  const started = performance.now();
  try {
    await migrateToLatest(h.db);
    const agencies = await ensureAgencies(h.db, o.agencies, now);
    const repo = new DossierImportRepository(h.db, new UnitTreeRepository(h.db), h.pool);
    const procedures = new ProcedureIndex(await repo.procedures(agencies.map((a) => a.unitId)));
    const rand = prng(o.seed);
    const yearStart = Date.UTC(o.year, 0, 1) - 7 * 3600_000;
    const importId = `generator-${o.seed}-${o.year}`;
    await repo.clearStaging(importId);
    let written = 0;
    let unchanged = 0;
    for (let from = 0; from < o.count; from += CHUNK) {
      const rows: StagedRow[] = [];
      for (let i = from; i < Math.min(o.count, from + CHUNK); i++) {
        const agency = agencies[Math.floor(rand() * agencies.length)]!;
        const c = convertRecord(drawRecord(rand, i, o, agency, yearStart), { importId, rowNo: i + 1, procedures, settings: DEFAULT_DOSSIER_SETTINGS });
        if (!c.ok) throw new Error(`generated record ${i + 1} is invalid: ${JSON.stringify(c.issues)}`);
        // Ids and PINs from the generator too, so a seed gives the same rows.
        rows.push({ ...c.row, id: `gen-${o.seed}-${o.year}-${i + 1}`, lookupPin: String(Math.floor(rand() * 1e6)).padStart(6, '0') });
      }
      await repo.stage(rows);
      const counts = await h.db.transaction().execute(async (trx) => {
        const n = await repo.switchIn(trx, importId, { now, actorId: null, actorName: null });
        await repo.clearStaging(importId, trx);
        return n;
      });
      written += counts.inserted + counts.updated;
      unchanged += counts.unchanged;
      log(`${Math.min(o.count, from + CHUNK)} / ${o.count}`);
    }
    return { written, unchanged, millis: Math.round(performance.now() - started) };
  } finally {
    await h.close();
  }
}
