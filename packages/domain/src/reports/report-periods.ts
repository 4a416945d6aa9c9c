import { z } from 'zod';
import { daysInMonth, DomainInputError, type LocalDate } from '../values';

// Reporting periods (docs/reports.md "Periods"). Which periods of a year an obligation covers and
// whether a period counts from the start of the year are data on the obligation, because provinces
// differ (whether the Q3 PAR report is a cumulative 9-month report is not settled nationally).

export const PERIOD_KINDS = ['monthly', 'quarterly', 'six_month', 'nine_month', 'annual', 'ad_hoc'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How many periods of a kind a year holds (ad hoc: one, dated by the due rule). */
export const PERIODS_PER_YEAR: Record<PeriodKind, number> = { monthly: 12, quarterly: 4, six_month: 1, nine_month: 1, annual: 1, ad_hoc: 1 };

export interface ReportPeriod {
  /** Stable per obligation and year: '2026-M03', '2026-Q1', '2026-H1', '2026-9M', '2026-Y', '2026-AH'. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1-based number within the year (month or quarter); 1 for the single-period kinds. */
  number: number;
  from: LocalDate;
  to: LocalDate;
}

export const PeriodSelectionSchema = z.object({
  kind: z.enum(PERIOD_KINDS),
  /** Which periods of the year (months 1–12, quarters 1–4); null = all of them. */
  numbers: z.array(z.number().int().min(1).max(12)).min(1).max(12).nullable().default(null),
  /** The period runs from 1 January to its end (a quarter III report covering nine months). */
  cumulative: z.boolean().default(false),
});
export type PeriodSelection = z.output<typeof PeriodSelectionSchema>;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}` as LocalDate;
const monthEnd = (y: number, m: number) => day(y, m, daysInMonth(y, m));

/**
 * The periods of `year` an obligation covers. Q1 is 01-01..03-31, six-month 01-01..06-30, nine-month
 * 01-01..09-30, annual 01-01..12-31; a cumulative quarter or month starts on 1 January. Ad hoc yields
 * one period, the whole year (its date is the due rule's).
 * @example periodsOf({ kind: 'quarterly', numbers: [1, 3], cumulative: true }, 2026).map((p) => [p.key, p.from, p.to])
 * // [['2026-Q1', '2026-01-01', '2026-03-31'], ['2026-Q3', '2026-01-01', '2026-09-30']]
 * @throws DomainInputError('report.period_number_invalid') for a quarter above 4, or numbers on a single-period kind
 */
export function periodsOf(sel: PeriodSelection, year: number): ReportPeriod[] {
  const count = PERIODS_PER_YEAR[sel.kind];
  const numbers = sel.numbers ?? Array.from({ length: count }, (_, i) => i + 1);
  if (numbers.some((n) => n > count)) throw new DomainInputError('report.period_number_invalid', { kind: sel.kind, count });
  return [...new Set(numbers)].sort((a, b) => a - b).map((n) => periodOf(sel, year, n));
}

function periodOf(sel: PeriodSelection, year: number, n: number): ReportPeriod {
  const start = day(year, 1, 1);
  const base = { kind: sel.kind, year, number: n };
  switch (sel.kind) {
    case 'monthly':
      return { ...base, key: `${year}-M${pad(n)}`, from: sel.cumulative ? start : day(year, n, 1), to: monthEnd(year, n) };
    case 'quarterly':
      return { ...base, key: `${year}-Q${n}`, from: sel.cumulative ? start : day(year, 3 * n - 2, 1), to: monthEnd(year, 3 * n) };
    case 'six_month':
      return { ...base, key: `${year}-H1`, from: start, to: monthEnd(year, 6) };
    case 'nine_month':
      return { ...base, key: `${year}-9M`, from: start, to: monthEnd(year, 9) };
    case 'annual':
      return { ...base, key: `${year}-Y`, from: start, to: monthEnd(year, 12) };
    case 'ad_hoc':
      return { ...base, key: `${year}-AH`, from: start, to: monthEnd(year, 12) };
  }
}
