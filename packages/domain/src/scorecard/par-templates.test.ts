import { describe, expect, it } from 'vitest';
import { parseHundredths, type Hundredths } from '../values';
import { validateCriteriaSet } from './criteria-validation';
import par2019 from './data/par-2019-so-khcn.json';
import { projectScores, recoveryHint } from './metric-binding';
import {
  METRIC_ANNUAL_PLAN_TIMELINESS,
  METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE,
  METRIC_POSTAL_PROCEDURE_SHARE,
  METRIC_REPORTS_ALL_ON_TIME,
  METRIC_REPORTS_COMPLETE,
  METRIC_TASK_COMPLETION_RATE,
  template2019Department,
  template2021FieldNames,
} from './par-templates';
import type { RuleInput } from './rule-input';
import { computeScorecard, type NodeValues } from './scorecard';

describe('template2019Department', () => {
  const set = template2019Department();
  const byCode = (code: string) => set.nodes.find((n) => n.code === code);

  it('is a valid set without warnings', () => expect(validateCriteriaSet(set)).toEqual([]));

  it('has the seven fields and the survey with the published titles and maxima, 100 points in all', () => {
    const roots = set.nodes.filter((n) => n.parentId === null);
    expect(roots.map((n) => [n.code, n.title, n.maxHundredths])).toEqual(par2019.fields.map((f) => [f.code, f.title, parseHundredths(f.max)]));
    expect(roots.reduce((s, n) => s + n.maxHundredths, 0)).toBe(10000);
  });

  it('scores field 8 only by the survey', () =>
    expect(byCode('8')).toMatchObject({ rule: { kind: 'survey' }, notSelfScored: true, evidenceRequired: false, metric: 'surveys.satisfaction_index' }));

  it('splits field 7 into its two stated deductions, bound to dossier metrics, and a manual rest', () =>
    expect(set.nodes.filter((n) => n.parentId === 'field-7').map((n) => [n.code, n.title, n.maxHundredths, n.rule.kind, n.metric])).toEqual([
      ['7.1', 'Cung cấp dịch vụ công trực tuyến mức độ 3, 4 có phát sinh hồ sơ', 300, 'deduction', METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE],
      [
        '7.2',
        'Tỷ lệ TTHC có phát sinh hồ sơ tiếp nhận hoặc trả kết quả qua dịch vụ bưu chính công ích dưới 50%',
        50,
        'deduction',
        METRIC_POSTAL_PROCEDURE_SHARE,
      ],
      ['7.3', 'Các tiêu chí thành phần khác', 650, 'manual', null],
    ]));

  const project = (online: RuleInput, postal: RuleInput, rest: number) => {
    const projected = projectScores(
      set,
      new Map([
        [METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE, online],
        [METRIC_POSTAL_PROCEDURE_SHARE, postal],
      ]),
      new Map([['field-7-rest', rest as Hundredths]]),
    );
    const values = new Map<string, NodeValues>([...projected].map(([id, projectedValue]) => [id, { projected: projectedValue }]));
    return computeScorecard(set, values).lines.find((l) => l.code === '7')?.layers.projected.points;
  };

  it('projects field 7 at 6.50 with no online dossier, 30 % postal and the rest full, as in 2019', () =>
    expect(project({ kind: 'share', basisPoints: 0 }, { kind: 'share', basisPoints: 3000 }, 650)).toBe(650));

  it('projects field 7 full once one online service has a dossier and half the procedures use the post', () =>
    expect(project({ kind: 'rate', numerator: 1, denominator: 12 }, { kind: 'rate', numerator: 5, denominator: 10 }, 650)).toBe(1000));

  it.each([
    { code: '7.1', input: { kind: 'share', basisPoints: 0 }, hint: { kind: 'rate_at_least', basisPoints: 0, inclusive: false, pointsHundredths: 300 } },
    { code: '7.2', input: { kind: 'share', basisPoints: 3000 }, hint: { kind: 'rate_at_least', basisPoints: 5000, inclusive: true, pointsHundredths: 50 } },
  ] as const)('tells what recovers row $code', ({ code, input, hint }) => {
    const n = set.nodes.find((x) => x.code === code);
    if (!n) throw new Error(code);
    expect(recoveryHint(n.rule, n.maxHundredths, input)).toEqual(hint);
  });
});

describe('field 1 of the 2019 template (Cà Mau QĐ 1880/QĐ-UBND 2013 shapes)', () => {
  const set = template2019Department();
  const field1 = set.nodes.filter((n) => n.parentId === 'field-1');
  const full = new Map<string, RuleInput>([
    [METRIC_ANNUAL_PLAN_TIMELINESS, { kind: 'timeliness', value: 'on_time' }],
    [METRIC_TASK_COMPLETION_RATE, { kind: 'rate', numerator: 19, denominator: 20 }],
    [METRIC_REPORTS_ALL_ON_TIME, { kind: 'boolean', value: true }],
    [METRIC_REPORTS_COMPLETE, { kind: 'boolean', value: true }],
  ]);
  const field1Points = (metrics: ReadonlyMap<string, RuleInput>, rest = 600) => {
    const projected = projectScores(set, metrics, new Map([['field-1-rest', rest as Hundredths]]));
    const values = new Map<string, NodeValues>([...projected].map(([id, p]) => [id, { projected: p }]));
    return computeScorecard(set, values).lines.find((l) => l.code === '1')?.layers.projected.points;
  };

  it('sums four metric rows and a manual rest to the published 11.00', () => {
    expect(set.nodes.find((n) => n.id === 'field-1')).toMatchObject({ maxHundredths: 1100, rule: { kind: 'sum' } });
    expect(field1.map((n) => [n.code, n.maxHundredths, n.rule.kind, n.metric])).toEqual([
      ['1.1', 100, 'timeliness', METRIC_ANNUAL_PLAN_TIMELINESS],
      ['1.2', 200, 'rate_bands', METRIC_TASK_COMPLETION_RATE],
      ['1.3', 100, 'binary', METRIC_REPORTS_ALL_ON_TIME],
      ['1.4', 100, 'binary', METRIC_REPORTS_COMPLETE],
      ['1.5', 600, 'manual', null],
    ]);
  });

  it('projects 11.00 with everything on time', () => expect(field1Points(full)).toBe(1100));

  it('loses exactly 1.00 when the reports were not all on time', () =>
    expect(field1Points(new Map([...full, [METRIC_REPORTS_ALL_ON_TIME, { kind: 'boolean', value: false }]]))).toBe(1000));

  it.each([
    { why: 'a late plan', key: METRIC_ANNUAL_PLAN_TIMELINESS, input: { kind: 'timeliness', value: 'late' }, points: 1050 },
    { why: 'no plan', key: METRIC_ANNUAL_PLAN_TIMELINESS, input: { kind: 'timeliness', value: 'not_done' }, points: 1000 },
    { why: 'completion at exactly 90 %', key: METRIC_TASK_COMPLETION_RATE, input: { kind: 'rate', numerator: 9, denominator: 10 }, points: 1000 },
    { why: 'completion at exactly 70 %', key: METRIC_TASK_COMPLETION_RATE, input: { kind: 'rate', numerator: 7, denominator: 10 }, points: 1000 },
    { why: 'completion under 70 %', key: METRIC_TASK_COMPLETION_RATE, input: { kind: 'rate', numerator: 69, denominator: 100 }, points: 900 },
    { why: 'incomplete reports', key: METRIC_REPORTS_COMPLETE, input: { kind: 'boolean', value: false }, points: 1000 },
  ] as const)('scores $why at $points', ({ key, input, points }) => expect(field1Points(new Map([...full, [key, input]]))).toBe(points));

  it('leaves a row unscored when its metric has no data (no task due yet)', () => {
    const projected = projectScores(set, new Map([...full, [METRIC_TASK_COMPLETION_RATE, { kind: 'rate', numerator: 0, denominator: 0 }]]), new Map());
    expect(projected.get('field-1-plan-completion')).toBeNull();
  });
});

describe('template2021FieldNames', () => {
  const set = template2021FieldNames();
  it('names the seven 2021–2030 fields', () =>
    expect(set.nodes.filter((n) => n.parentId === null).map((n) => [n.code, n.title])).toEqual([
      ['1', 'Công tác chỉ đạo, điều hành CCHC'],
      ['2', 'Cải cách thể chế'],
      ['3', 'Cải cách thủ tục hành chính'],
      ['4', 'Cải cách tổ chức bộ máy hành chính'],
      ['5', 'Cải cách chế độ công vụ'],
      ['6', 'Cải cách tài chính công'],
      ['7', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số'],
    ]));

  it('is a valid skeleton to fill in', () => expect(validateCriteriaSet(set)).toEqual([]));

  it('gives field 1 the plan and report rows with the Cà Mau maxima and a rest of 0 to fill in; the other fields stay at 0', () => {
    expect(set.nodes.filter((n) => n.parentId === 'field-1').map((n) => [n.code, n.maxHundredths, n.metric])).toEqual([
      ['1.1', 100, METRIC_ANNUAL_PLAN_TIMELINESS],
      ['1.2', 200, METRIC_TASK_COMPLETION_RATE],
      ['1.3', 100, METRIC_REPORTS_ALL_ON_TIME],
      ['1.4', 100, METRIC_REPORTS_COMPLETE],
      ['1.5', 0, null],
    ]);
    expect(set.nodes.filter((n) => n.parentId === null).map((n) => n.maxHundredths)).toEqual([500, 0, 0, 0, 0, 0, 0]);
  });

  it('takes the year and scope it is for', () =>
    expect(template2021FieldNames({ year: 2024, scope: 'district' })).toMatchObject({ year: 2024, scope: 'district' }));
});
