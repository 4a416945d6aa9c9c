import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionRateBasisPoints, taskBucketOf, type BucketInput } from './task-bucket';
import { endOfWeek, planTimelinessOf, taskIssues } from './task-rules';
import { TASK_STATUSES, TASK_TRANSITIONS, assertTaskTransition, completionStatusOf, nextTaskStatusOf, type TaskAction } from './task-status';
import { RuleViolation, type LocalDate } from '../values';

describe('task transitions', () => {
  it.each([
    ['not_started', 'report_progress', 'in_progress'],
    ['in_progress', 'complete', 'done'],
    ['in_progress', 'submit_for_approval', 'awaiting_approval'],
    ['awaiting_approval', 'approve', 'done'],
    ['awaiting_approval', 'reject', 'in_progress'],
    ['not_started', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => expect(nextTaskStatusOf(from, action)).toBe(to));

  it('finished tasks accept no action', () => {
    for (const status of ['done', 'done_late', 'cancelled'] as const)
      for (const action of Object.keys(TASK_TRANSITIONS) as TaskAction[]) {
        expect(nextTaskStatusOf(status, action)).toBeNull();
        expect(() => assertTaskTransition(status, action)).toThrow(RuleViolation);
      }
  });

  it('decides done and done late from the due day', () => {
    expect(completionStatusOf('2020-06-30', '2020-06-30')).toBe('done');
    expect(completionStatusOf('2020-06-30', '2020-07-01')).toBe('done_late');
  });
});

describe('task buckets (report 1270/BC-TCTTTg)', () => {
  it.each([
    [{ status: 'in_progress', dueOn: '2020-06-30', completedOn: null }, '2020-06-30', 'in_time'],
    [{ status: 'in_progress', dueOn: '2020-06-30', completedOn: null }, '2020-07-01', 'overdue'],
    [{ status: 'done', dueOn: '2020-06-30', completedOn: '2020-06-30' }, '2020-12-31', 'done_on_time'],
    [{ status: 'done_late', dueOn: '2020-06-30', completedOn: '2020-07-02' }, '2020-12-31', 'done_late'],
    [{ status: 'done_late', dueOn: '2020-06-30', completedOn: '2020-07-02' }, '2020-07-01', 'overdue'],
    [{ status: 'done', dueOn: '2020-06-30', completedOn: '2020-06-10' }, '2020-06-01', 'in_time'],
    [{ status: 'cancelled', dueOn: '2020-06-30', completedOn: null }, '2020-07-01', null],
  ] as const)('%o as of %s is %s', (task, asOf, bucket) => expect(taskBucketOf(task as BucketInput, asOf)).toBe(bucket));

  it('every non-cancelled task lands in exactly one bucket, and a completed task never goes back', () => {
    const day = fc
      .integer({ min: 1, max: 365 })
      .map((n) => `2020-${String(Math.ceil(n / 31)).padStart(2, '0')}-${String(((n - 1) % 28) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.constantFrom(...TASK_STATUSES), day, fc.option(day), day, (status, dueOn, completedOn, asOf) => {
        const b = taskBucketOf({ status, dueOn, completedOn }, asOf);
        if (status === 'cancelled') return b === null;
        if (completedOn && completedOn <= asOf) return b === 'done_on_time' || b === 'done_late';
        return b === (dueOn < asOf ? 'overdue' : 'in_time');
      }),
    );
  });

  it('computes the completion rate over due tasks', () => {
    expect(completionRateBasisPoints({ done_on_time: 71, done_late: 0, in_time: 4, overdue: 1 })).toBe(9861);
    expect(completionRateBasisPoints({ done_on_time: 0, done_late: 0, in_time: 4, overdue: 0 })).toBeNull();
  });
});

describe('task rules', () => {
  it('names the field of each problem', () => {
    expect(taskIssues({ planYear: 2020, startOn: '2020-05-01', dueOn: '2020-04-30' })).toEqual([{ field: 'dueOn', code: 'task.due_before_start' }]);
    expect(taskIssues({ planYear: 2020, dueOn: '2021-01-05' })).toEqual([{ field: 'dueOn', code: 'task.due_outside_plan_year' }]);
    expect(taskIssues({ planYear: 2020, dueOn: '2020-05-05', progress: 101 })).toEqual([{ field: 'progress', code: 'task.progress_out_of_range' }]);
    expect(taskIssues({ planYear: 2020, dueOn: '2020-05-05', progress: -1 })).toEqual([{ field: 'progress', code: 'task.progress_out_of_range' }]);
    expect(taskIssues({ planYear: 2020, dueOn: '2020-05-05', parentDueOn: '2020-05-01' })).toEqual([{ field: 'dueOn', code: 'task.due_after_parent' }]);
    expect(taskIssues({ planYear: 2020, startOn: '2020-01-02', dueOn: '2020-12-31', progress: 0 })).toEqual([]);
  });

  it('judges an annual plan issued on time against its due day', () => {
    expect(planTimelinessOf('2020-01-15', '2020-01-15', '2020-06-01')).toBe('on_time');
    expect(planTimelinessOf('2020-01-16', '2020-01-15', '2020-06-01')).toBe('late');
    expect(planTimelinessOf(null, '2020-01-15', '2020-06-01')).toBe('not_issued');
    expect(planTimelinessOf(null, '2020-01-15', '2020-01-15')).toBe('not_due');
  });

  it.each([
    ['2026-11-30', '2026-12-06'],
    ['2026-12-02', '2026-12-06'],
    ['2026-12-06', '2026-12-06'],
    ['2020-12-28', '2021-01-03'],
  ])('the week of %s ends on %s', (day, end) => expect(endOfWeek(day as LocalDate)).toBe(end));
});
