import { describe, expect, it } from 'vitest';
import { parseHundredths, type Hundredths } from '../values';
import { validateCriteriaSet } from './criteria-validation';
import par2019 from './data/par-2019-so-khcn.json';
import { projectScores, recoveryHint } from './metric-binding';
import {
  METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE,
  METRIC_POSTAL_PROCEDURE_SHARE,
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

  it('scores field 8 only by the survey', () => expect(byCode('8')).toMatchObject({ rule: { kind: 'survey' }, notSelfScored: true, evidenceRequired: false }));

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

describe('template2021FieldNames', () => {
  const set = template2021FieldNames();
  it('names the seven 2021–2030 fields', () =>
    expect(set.nodes.map((n) => [n.code, n.title])).toEqual([
      ['1', 'Công tác chỉ đạo, điều hành CCHC'],
      ['2', 'Cải cách thể chế'],
      ['3', 'Cải cách thủ tục hành chính'],
      ['4', 'Cải cách tổ chức bộ máy hành chính'],
      ['5', 'Cải cách chế độ công vụ'],
      ['6', 'Cải cách tài chính công'],
      ['7', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số'],
    ]));

  it('is a valid skeleton to fill in', () => expect(validateCriteriaSet(set)).toEqual([]));

  it('takes the year and scope it is for', () =>
    expect(template2021FieldNames({ year: 2024, scope: 'district' })).toMatchObject({ year: 2024, scope: 'district' }));
});
