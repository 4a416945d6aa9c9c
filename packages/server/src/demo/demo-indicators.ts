import { applyOverrides, localDateOf, qd766NationalSet, QD766_NATIONAL_VERSION, type IndicatorOverride } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { DemoContext } from './demo-context';

// QĐ 766 demo data (docs/domain/qd766.md): the demo Department's own targets for this year (after Lâm Đồng's
// 2025 ones: on time ≥ 98 %, digitisation ≥ 80 %, re-use ≥ 50 %, full-process ≥ 70 %, online payment ≥ 60 %)
// and, for each month of this year before the current one, the figures the office enters for the indicators
// CCHC does not count (portal synchronisation, online payment, digitisation, PAKN…). They are demo figures,
// marked so in their note; the computed indicators come from the demo dossiers.

/** Per entered code: [numerator, denominator] for a month, varying a little from month to month. */
const MONTHLY: Record<string, (m: number) => [number, number]> = {
  '1.1': (m) => [m % 4 === 0 ? 1 : 2, 2],
  '1.2': () => [2, 2],
  '1.4': (m) => [36 + (m % 3), 40],
  '3.5': () => [5, 8],
  '3.6': (m) => [9 + (m % 5), 30],
  '4.2': (m) => [26 + (m % 6), 40],
  '4.3': (m) => [12 + (m % 4), 40],
  '4.4': (m) => [6 + (m % 3), 12],
  '4.5': (m) => [30 + (m % 5), 40],
  '5.1': () => [3, 3],
  '5.2': (m) => [m % 5 === 0 ? 2 : 3, 3],
  '5.3': (m) => [m % 6 === 0 ? 2 : 3, 3],
};

const TARGETS: IndicatorOverride[] = [
  { code: '2.1', targetBp: 9800 },
  { code: '3.1', targetBp: 7000 },
  { code: '3.6', targetBp: 6000 },
  { code: '4.2', targetBp: 8000 },
  { code: '4.3', targetBp: 5000 },
];

export async function seedIndicators(ctx: DemoContext): Promise<void> {
  const { trx, now, units, users } = ctx;
  const agencyId = units.get('sokhcn')!;
  const secretary = users.get('vanphong')!;
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  const { content } = applyOverrides(qd766NationalSet(), TARGETS);
  await trx
    .insertInto('indicatorSets')
    .values({
      id: randomUUID(),
      ownerUnitId: agencyId,
      key: `${QD766_NATIONAL_VERSION}:demo:${year}`,
      title: `Chỉ tiêu năm ${year} của Sở`,
      effectiveFrom: `${year}-01-01`,
      baseKey: QD766_NATIONAL_VERSION,
      overridesJson: JSON.stringify(TARGETS),
      contentJson: JSON.stringify(content),
      version: 1,
      createdBy: secretary,
      createdAt: now,
    })
    .execute();
  const currentMonth = Number(today.slice(5, 7));
  for (let m = 1; m < currentMonth; m++) {
    const mm = String(m).padStart(2, '0');
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    for (const [code, f] of Object.entries(MONTHLY)) {
      const [numerator, denominator] = f(m);
      await trx
        .insertInto('indicatorEntries')
        .values({
          id: randomUUID(),
          unitId: agencyId,
          code,
          periodFrom: `${year}-${mm}-01`,
          periodTo: `${year}-${mm}-${last}`,
          numerator,
          denominator,
          note: 'Số liệu minh họa (demo)',
          enteredBy: secretary,
          enteredByName: 'Trần Thị Hương',
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
  }
}
