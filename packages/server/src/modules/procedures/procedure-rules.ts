// Pure rules of the procedure catalogue (docs/domain/procedures.md), shared by the API schemas, the update
// use case (which merges a partial change first) and the import (which reports per cell).

/**
 * National code `d.dddddd` (docs/domain/procedures.md), optionally followed by the agency identifier of a local
 * variant: full `1.011442.000.00.00.H38` or short `1.000948.H38`. The leading digit's meaning is
 * unconfirmed, so nothing is derived from it.
 */
const PROCEDURE_CODE = /^\d\.\d{6}(?:\.(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Z]\d{2})?$/;

/** @example isProcedureCode('1.004512') // true; isProcedureCode('1.011442.000.00.00.H38') // true */
export function isProcedureCode(s: string): boolean {
  return PROCEDURE_CODE.test(s);
}

export interface ContentIssue {
  path: (string | number)[];
  code: string;
}

interface CheckedContent {
  timeLimit?: { value?: unknown; unit?: unknown };
  channels?: unknown;
  onlineLevel?: unknown;
  steps?: unknown;
}

/**
 * Rules that span fields. Written defensively: it also runs on input whose fields failed their
 * own checks, so that one answer names every problem.
 * - days are counted whole; hours may be fractional (docs/domain/dossiers.md#deadline-counting);
 * - a procedure offered online has an online level, and a level implies the online channel (NĐ 42/2022);
 * - step budgets of the internal procedure fit in the statutory limit. Only budgets in the limit's
 *   own unit are added up: converting days to hours (8 h a day) is a vendor convention [S], not law.
 */
export function contentIssues(c: CheckedContent): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const limit = c.timeLimit;
  if (limit && (limit.unit === 'working_days' || limit.unit === 'calendar_days') && typeof limit.value === 'number' && !Number.isInteger(limit.value)) {
    issues.push({ path: ['timeLimit', 'value'], code: 'procedure.time_limit_whole_days' });
  }
  const channels = Array.isArray(c.channels) ? (c.channels as unknown[]) : null;
  if (channels && new Set(channels).size !== channels.length) issues.push({ path: ['channels'], code: 'procedure.channels_duplicate' });
  if (channels && typeof c.onlineLevel === 'string') {
    const online = channels.includes('online');
    if (online !== (c.onlineLevel !== 'none')) issues.push({ path: ['onlineLevel'], code: 'procedure.online_level_mismatch' });
  }
  if (Array.isArray(c.steps)) {
    const steps = c.steps as Array<{ code?: unknown; budget?: { value?: unknown; unit?: unknown } } | undefined>;
    const seen = new Set<unknown>();
    steps.forEach((s, i) => {
      if (typeof s?.code !== 'string') return;
      if (seen.has(s.code)) issues.push({ path: ['steps', i, 'code'], code: 'procedure.step_code_duplicate' });
      seen.add(s.code);
    });
    if (limit && (limit.unit === 'working_days' || limit.unit === 'working_hours') && typeof limit.value === 'number') {
      const total = steps.reduce((sum, s) => {
        const b = s?.budget;
        return b !== undefined && b.unit === limit.unit && typeof b.value === 'number' ? sum + b.value : sum;
      }, 0);
      // Hours may be fractional: allow for binary rounding of sums such as 0.1 + 0.2.
      if (total > limit.value + 1e-9) issues.push({ path: ['steps'], code: 'procedure.steps_exceed_time_limit' });
    }
  }
  return issues;
}
