import { z } from 'zod';

const count = z.number().int().min(0);

const DossierUnit = z.object({ unitId: z.string(), unitName: z.string(), open: count, overdue: count, dueToday: count, almostDue: count });
const TaskUnit = z.object({ unitId: z.string(), unitName: z.string(), overdue: count, dueThisWeek: count });
const ReportUnit = z.object({ unitId: z.string(), unitName: z.string(), due: count, late: count });

/**
 * The leader's overview (docs/overview.md). A section is null when the user holds no role that reads it.
 * Every figure is the `total` of the list its tile opens, for the same user.
 */
export const OverviewView = z.object({
  asOf: z.string(),
  dossiers: z
    .object({
      open: count,
      overdue: count,
      dueToday: count,
      almostDue: count,
      byUnit: z.array(DossierUnit),
      /** Dossiers whose processing ended in each month of this year, and how many of them on time. */
      onTimeByMonth: z.array(z.object({ month: z.number().int().min(1).max(12), completed: count, onTime: count })),
    })
    .nullable(),
  tasks: z.object({ overdue: count, dueThisWeek: count, byUnit: z.array(TaskUnit) }).nullable(),
  reports: z.object({ due: count, late: count, byUnit: z.array(ReportUnit) }).nullable(),
  /** The live PAR projection of this year in hundredths of a point, and last year's published or projected total. */
  par: z
    .object({
      year: z.number().int(),
      projected: z.number().int().nullable(),
      atRisk: z.number().int(),
      unknown: z.number().int(),
      lastYear: z.number().int().nullable(),
    })
    .nullable(),
});
export type OverviewView = z.infer<typeof OverviewView>;
