import { FACTS_BREAKDOWNS } from '../../platform/metrics/dossier-facts';
import { IndicatorOverrideSchema, INDICATOR_SOURCES, INDICATOR_UNITS } from '@cchc/domain';
import { z } from 'zod';
import { optionalText } from '../../platform/http/text-schema';

// HTTP shapes of the QĐ 766 indicators (docs/domain/qd766.md, issue #11 item 3). `GET /api/indicators/766`
// answers the contract `{ total, max, groups: [{ group, points, max, indicators: [{ code, numerator,
// denominator, points, max }] }] }` in points (two decimals, the national report's figures) and adds the
// same scores in integer hundredths (`*Hundredths`) and what the page shows.

const LocalDate = z.iso.date();
const Id = z.string().min(1).max(100);
const Version = z.number().int().min(1);
const Text = z.object({ vi: z.string(), en: z.string() });
const Code = z.string().regex(/^[1-5]\.\d{1,2}$/, 'indicators.code_format');

export const PeriodQuery = z
  .object({ unitId: Id, from: LocalDate, to: LocalDate })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'indicators.period_order' })
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 5, { path: ['to'], message: 'indicators.period_too_long' });
export type PeriodQuery = z.output<typeof PeriodQuery>;

export const BreakdownQuery = z
  .object({ unitId: Id, from: LocalDate, to: LocalDate, by: z.enum(FACTS_BREAKDOWNS) })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'indicators.period_order' });
export type BreakdownQuery = z.output<typeof BreakdownQuery>;

/** Query parameters of the dossier list (`/dossiers?…`) that select the dossiers behind a figure. */
export const DrillDown = z.object({
  queue: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  channel: z.string().optional(),
  procedureId: z.string().optional(),
});
export type DrillDown = z.output<typeof DrillDown>;

export const IndicatorView = z.object({
  code: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  points: z.number(),
  max: z.number(),
  pointsHundredths: z.number().int(),
  maxHundredths: z.number().int(),
  name: Text,
  formula: Text,
  numeratorLabel: Text,
  denominatorLabel: Text,
  source: z.enum(INDICATOR_SOURCES),
  unit: z.enum(INDICATOR_UNITS),
  hasData: z.boolean(),
  /** Rate in basis points, or the average time in hundredths of an hour. */
  valueHundredths: z.number().int().nullable(),
  reference: z.number().nullable(),
  factorBp: z.number().int().nullable(),
  fullAtBp: z.number().int().nullable(),
  targetBp: z.number().int().nullable(),
  meetsTarget: z.boolean().nullable(),
  /** Entered indicators: how many entries the figures add up. */
  entries: z.number().int().nullable(),
  drill: z.object({ numerator: DrillDown.nullable(), denominator: DrillDown.nullable() }),
});
export type IndicatorView = z.output<typeof IndicatorView>;

export const GroupView = z.object({
  group: z.number().int(),
  name: Text,
  points: z.number(),
  max: z.number(),
  pointsHundredths: z.number().int(),
  maxHundredths: z.number().int(),
  indicators: z.array(IndicatorView),
});

export const Qd766View = z.object({
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  set: z.object({ id: z.string(), key: z.string(), title: z.string(), effectiveFrom: z.string() }),
  total: z.number(),
  max: z.number(),
  totalHundredths: z.number().int(),
  maxHundredths: z.number().int(),
  groups: z.array(GroupView),
  can: z.object({ enter: z.boolean(), manage: z.boolean() }),
});
export type Qd766View = z.output<typeof Qd766View>;

export const TrendView = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      totalHundredths: z.number().int(),
      groups: z.array(z.object({ group: z.number().int(), pointsHundredths: z.number().int() })),
      /** Rates of the indicators with data, by code (basis points, hundredths of an hour for 2.2). */
      values: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type TrendView = z.output<typeof TrendView>;

const LineFigure = z.object({
  code: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  valueHundredths: z.number().int().nullable(),
  pointsHundredths: z.number().int(),
  maxHundredths: z.number().int(),
});
export const BreakdownView = z.object({
  by: z.enum(FACTS_BREAKDOWNS),
  codes: z.array(z.string()),
  lines: z.array(z.object({ key: z.string(), name: z.string(), indicators: z.array(LineFigure), drill: DrillDown.nullable() })),
});
export type BreakdownView = z.output<typeof BreakdownView>;

export const EntryView = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    code: z.string(),
    periodFrom: z.string(),
    periodTo: z.string(),
    numerator: z.number().int(),
    denominator: z.number().int(),
    note: z.string().nullable(),
    enteredBy: z.string().nullable(),
    enteredByName: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    can: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'Qd766Entry' });
export type EntryView = z.output<typeof EntryView>;
export const EntryList = z.object({ items: z.array(EntryView) });

const Figure = z.number().int().min(0).max(1_000_000_000);
export const CreateEntryBody = z.object({
  unitId: Id,
  code: Code,
  periodFrom: LocalDate,
  periodTo: LocalDate,
  numerator: Figure,
  denominator: Figure,
  note: optionalText(2000),
});
export type CreateEntryInput = z.output<typeof CreateEntryBody>;
export const UpdateEntryBody = z.object({
  version: Version,
  numerator: Figure,
  denominator: Figure,
  note: optionalText(2000),
});
export type UpdateEntryInput = z.output<typeof UpdateEntryBody>;
export const IdParams = z.object({ id: Id });
export const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });

export const SetView = z.object({
  id: z.string(),
  key: z.string(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  title: z.string(),
  effectiveFrom: z.string(),
  baseKey: z.string().nullable(),
  overrides: z.array(IndicatorOverrideSchema),
  createdAt: z.string(),
});
export type SetView = z.output<typeof SetView>;
export const SetList = z.object({ items: z.array(SetView) });
export const CreateSetBody = z.object({
  ownerUnitId: Id,
  title: z.string().trim().min(1).max(300),
  effectiveFrom: LocalDate,
  overrides: z.array(IndicatorOverrideSchema).max(60),
});
export type CreateSetInput = z.output<typeof CreateSetBody>;
