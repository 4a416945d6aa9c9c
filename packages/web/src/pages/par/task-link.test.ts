import { describe, expect, it } from 'vitest';
import { taskLink } from './task-link';

describe('taskLink', () => {
  it('carries the criterion, the unit, the advice and the year', () => {
    const url = new URL(
      taskLink({ code: '1.3', responsibleUnitId: 'unit-1' }, 2026, '2 báo cáo đến hạn trước 15/12/2026: gửi đúng hạn để giữ 1,00 điểm'),
      'http://x',
    );
    expect(url.pathname).toBe('/plans/tasks/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      criterion: '1.3',
      unit: 'unit-1',
      hint: '2 báo cáo đến hạn trước 15/12/2026: gửi đúng hạn để giữ 1,00 điểm',
      year: '2026',
    });
  });

  it('leaves out a unit the criterion does not have', () =>
    expect(taskLink({ code: '4', responsibleUnitId: null }, 2026, '')).toBe('/plans/tasks/new?criterion=4&year=2026'));
});
