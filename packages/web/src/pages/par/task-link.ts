import type { AtRiskRow } from '../../api/par-types';

/**
 * The "create task" link of a row at risk: the plans module's new-task page, pre-filled with the
 * criterion's code, its responsible unit (when it has one), the advice shown on the dashboard and the year.
 * @example taskLink({ code: '1.3', responsibleUnitId: 'u1' }, 2026, '1 báo cáo trễ hạn')
 *   // '/plans/tasks/new?criterion=1.3&unit=u1&hint=1+b%C3%A1o+c%C3%A1o+tr%E1%BB%85+h%E1%BA%A1n&year=2026'
 */
export function taskLink(row: Pick<AtRiskRow, 'code' | 'responsibleUnitId'>, year: number, hint: string): string {
  const q = new URLSearchParams({ criterion: row.code });
  if (row.responsibleUnitId) q.set('unit', row.responsibleUnitId);
  if (hint) q.set('hint', hint);
  q.set('year', String(year));
  return `/plans/tasks/new?${q.toString()}`;
}
