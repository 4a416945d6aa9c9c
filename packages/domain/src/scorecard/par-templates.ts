import { DomainInputError, parseHundredths, type Hundredths } from '../values';
import type { CriteriaSet, CriterionNode } from './criteria-tree';
import par2019 from './data/par-2019-so-khcn.json';
import { PublishedResultSchema, type PublishedResult } from './published-check';

/** Metric keys the 2019 template binds; the metrics module computes them from dossier records. */
export const METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE = 'dossiers.online_services_with_online_dossier_rate';
export const METRIC_POSTAL_PROCEDURE_SHARE = 'dossiers.postal_procedure_share';
/** Metric keys field 1 binds (the plans and reports modules compute them, docs/architecture.md "PAR metrics"). */
export const METRIC_ANNUAL_PLAN_TIMELINESS = 'plans.annual_plan_timeliness';
export const METRIC_TASK_COMPLETION_RATE = 'plans.task_completion_rate';
export const METRIC_REPORTS_ALL_ON_TIME = 'reports.all_on_time';
export const METRIC_REPORTS_COMPLETE = 'reports.complete';
/** The survey field binds the satisfaction index of the latest survey campaign (docs/surveys.md, "PAR metrics"). */
export const METRIC_SURVEY_SATISFACTION_INDEX = 'surveys.satisfaction_index';

/**
 * The 2019 result of the source document's Department (docs/domain/par-index.md#worked-example-the-2019-scorecard), validated, as published.
 * @example publishedResult2019SoKhcn().reportedTotal // '80.08'
 */
export function publishedResult2019SoKhcn(): PublishedResult {
  return PublishedResultSchema.parse(par2019);
}

type NodeBase = Pick<CriterionNode, 'responsibleUnitId' | 'notSelfScored'>;

function row(fields: Omit<CriterionNode, keyof NodeBase> & Partial<NodeBase>): CriterionNode {
  return { responsibleUnitId: null, ...fields };
}

const ZERO = 0 as Hundredths;

/**
 * Field 7 as three rows that add up to its 10.00 [I placement, docs/domain/par-index.md#worked-example-the-2019-scorecard]: the two stated deductions,
 * each driven by a dossier metric, and the unpublished rest as one manual row (10 − 3.00 − 0.50 = 6.50).
 * The row codes 7.1–7.3 and the rest's title are ours; the real sub-criteria of 2019 are not published [U].
 */
function field7Rows(field: PublishedResult['fields'][number], parentId: string): CriterionNode[] {
  const [online, postal] = field.knownDeductions ?? [];
  if (online === undefined || postal === undefined) throw new DomainInputError('template.deductions_missing');
  const onlinePoints = parseHundredths(online.points.replace('-', ''));
  const postalPoints = parseHundredths(postal.points.replace('-', ''));
  const rest = (parseHundredths(field.max) - onlinePoints - postalPoints) as Hundredths;
  return [
    row({
      id: 'field-7-online-dossiers',
      parentId,
      code: '7.1',
      title: online.title,
      level: 'criterion',
      maxHundredths: onlinePoints,
      // Deducted when no level-3/4 online service received an online dossier: rate ≤ 0.
      rule: { kind: 'deduction', mode: 'condition', points: onlinePoints, floor: ZERO, triggerBelow: { basisPoints: 0, inclusive: true } },
      evidenceRequired: true,
      metric: METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE,
      order: 1,
    }),
    row({
      id: 'field-7-postal',
      parentId,
      code: '7.2',
      title: postal.title,
      level: 'criterion',
      maxHundredths: postalPoints,
      // Deducted when under 50 % of procedures with dossiers used the public postal service (BCCI).
      rule: { kind: 'deduction', mode: 'condition', points: postalPoints, floor: ZERO, triggerBelow: { basisPoints: 5_000, inclusive: false } },
      evidenceRequired: true,
      metric: METRIC_POSTAL_PROCEDURE_SHARE,
      order: 2,
    }),
    row({
      id: 'field-7-rest',
      parentId,
      code: '7.3',
      title: 'Các tiêu chí thành phần khác',
      level: 'criterion',
      maxHundredths: rest,
      rule: { kind: 'manual' },
      evidenceRequired: true,
      metric: null,
      order: 3,
    }),
  ];
}

const h = (n: number) => n as Hundredths;

/**
 * Field 1's plan and report rows with the rule shapes of Cà Mau QĐ 1880/QĐ-UBND 2013 (1.1.1, 1.1.4, 1.2.1,
 * 1.2.2; docs/architecture.md "PAR metrics"), 5.00 points in all. The 2019 Department's (and the 2021
 * generation's) own sub-criteria are not published [U]: these shapes are an assumption shipped as editable
 * data, and a secretariat whose decision differs edits the rows. The codes 1.1–1.4 and the rest's row are ours.
 */
function planReportRows(parentId: string): CriterionNode[] {
  const base = { parentId, level: 'criterion', evidenceRequired: true } as const;
  return [
    row({
      ...base,
      id: `${parentId}-plan-issued`,
      code: '1.1',
      title: 'Ban hành kế hoạch CCHC năm',
      maxHundredths: h(100),
      // On time 1.00, late 0.50, not issued 0 (Cà Mau 1.1.1).
      rule: { kind: 'timeliness', onTime: h(100), late: h(50), notDone: ZERO },
      metric: METRIC_ANNUAL_PLAN_TIMELINESS,
      order: 1,
    }),
    row({
      ...base,
      id: `${parentId}-plan-completion`,
      code: '1.2',
      title: 'Mức độ hoàn thành kế hoạch CCHC năm',
      maxHundredths: h(200),
      // > 90 % → 2.00; 70–90 % (both ends included) → 1.00; < 70 % → 0 (Cà Mau 1.1.4).
      rule: {
        kind: 'rate_bands',
        bands: [
          { min: 9_000, minInclusive: false, maxInclusive: true, points: h(200) },
          { min: 7_000, minInclusive: true, max: 9_000, maxInclusive: true, points: h(100) },
          { minInclusive: true, max: 7_000, maxInclusive: false, points: ZERO },
        ],
      },
      metric: METRIC_TASK_COMPLETION_RATE,
      order: 2,
    }),
    row({
      ...base,
      id: `${parentId}-reports-on-time`,
      code: '1.3',
      title: 'Thực hiện đúng hạn các báo cáo định kỳ về CCHC (quý I, quý III, 6 tháng, năm)',
      maxHundredths: h(100),
      // All on time 1.00, otherwise 0 (Cà Mau 1.2.1).
      rule: { kind: 'binary', pointsIfTrue: h(100) },
      metric: METRIC_REPORTS_ALL_ON_TIME,
      order: 3,
    }),
    row({
      ...base,
      id: `${parentId}-reports-complete`,
      code: '1.4',
      title: 'Báo cáo đầy đủ nội dung theo hướng dẫn',
      maxHundredths: h(100),
      // Complete per guidance 1.00, otherwise 0 (Cà Mau 1.2.2).
      rule: { kind: 'binary', pointsIfTrue: h(100) },
      metric: METRIC_REPORTS_COMPLETE,
      order: 4,
    }),
  ];
}

/** Field 1 as the plan and report rows plus the unpublished rest as one manual row of `restMax`. */
function field1Rows(parentId: string, restMax: Hundredths): CriterionNode[] {
  return [
    ...planReportRows(parentId),
    row({
      id: `${parentId}-rest`,
      parentId,
      code: '1.5',
      title: 'Các tiêu chí thành phần khác',
      level: 'criterion',
      maxHundredths: restMax,
      rule: { kind: 'manual' },
      evidenceRequired: true,
      metric: null,
      order: 5,
    }),
  ];
}

/** The maxima of the plan and report rows of field 1 (5.00). */
const PLAN_REPORT_MAX = 500;

/**
 * The 2019 departmental set of the source document, at field level because its sub-criteria are not
 * published: fields 2–6 manual, field 1 split into the plan and report rows of Cà Mau QĐ 1880/QĐ-UBND 2013
 * (an assumption, see `planReportRows`) and a manual rest (11.00 − 5.00 = 6.00), field 7 split into its two stated deductions and a manual rest, field 8 the
 * survey (36.00, not self-scored, projected from the survey campaigns' satisfaction index). Node ids are `field-N`. Rounding half-up is our default [U].
 * @example template2019Department().nodes.find((n) => n.code === '7.2')?.metric // 'dossiers.postal_procedure_share'
 */
export function template2019Department(): CriteriaSet {
  const result = publishedResult2019SoKhcn();
  const nodes = result.fields.flatMap((field, i): CriterionNode[] => {
    const id = `field-${field.code}`;
    const isSurvey = field.kind === 'survey';
    const hasDeductions = (field.knownDeductions ?? []).length > 0;
    const max = parseHundredths(field.max);
    const children = hasDeductions ? field7Rows(field, id) : field.code === '1' ? field1Rows(id, h(max - PLAN_REPORT_MAX)) : [];
    const fieldRow = row({
      id,
      parentId: null,
      code: field.code,
      title: field.title,
      level: 'field',
      maxHundredths: max,
      rule: isSurvey ? { kind: 'survey' } : children.length > 0 ? { kind: 'sum' } : { kind: 'manual' },
      evidenceRequired: !isSurvey,
      // The survey rule is proportional (36 × index); the campaign's index projects it until the province publishes.
      metric: isSurvey ? METRIC_SURVEY_SATISFACTION_INDEX : null,
      ...(isSurvey ? { notSelfScored: true } : {}),
      order: i + 1,
    });
    return [fieldRow, ...children];
  });
  // The source document's province is likely Quảng Ngãi (QĐ 673/QĐ-UBND 30/8/2019) [I]; not asserted here.
  return { year: result.year, scope: 'department', legalBasis: null, rounding: 'half_up', notApplicableMethod: 'rescale', nodes };
}

/** Field names of the 2021–2030 generation (Resolution 76/NQ-CP era), docs/domain/par-index.md#two-generations-of-field-names [C]. */
const FIELDS_2021 = [
  'Công tác chỉ đạo, điều hành CCHC',
  'Cải cách thể chế',
  'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy hành chính',
  'Cải cách chế độ công vụ',
  'Cải cách tài chính công',
  'Xây dựng và phát triển chính quyền điện tử, chính quyền số',
] as const;

/**
 * A skeleton set with the seven 2021–2030 field names, each a manual row with maximum 0 for the secretariat
 * to fill in from the province's decision. Field 1 sums its rows: the plan and report rows with the Cà Mau
 * maxima (5.00, an assumption as in the 2019 template) and the rest, a manual row with maximum 0 to fill in.
 * The survey / impact field 8 is left out: its province-level name and weight are not confirmed [U].
 * @example template2021FieldNames().nodes.filter((n) => n.parentId === null).map((n) => n.code) // ['1', '2', '3', '4', '5', '6', '7']
 */
export function template2021FieldNames(options: { year?: number; scope?: string } = {}): CriteriaSet {
  return {
    year: options.year ?? 2021,
    scope: options.scope ?? 'department',
    legalBasis: null,
    rounding: 'half_up',
    notApplicableMethod: 'rescale',
    nodes: FIELDS_2021.flatMap((title, i) => {
      const id = `field-${i + 1}`;
      const children = i === 0 ? field1Rows(id, ZERO) : [];
      const field = row({
        id,
        parentId: null,
        code: String(i + 1),
        title,
        level: 'field',
        maxHundredths: h(children.reduce((s, c) => s + c.maxHundredths, 0)),
        rule: children.length > 0 ? { kind: 'sum' } : { kind: 'manual' },
        evidenceRequired: true,
        metric: null,
        order: i + 1,
      });
      return [field, ...children];
    }),
  };
}
