import { DomainInputError, parseHundredths, type Hundredths } from '../values';
import type { CriteriaSet, CriterionNode } from './criteria-tree';
import par2019 from './data/par-2019-so-khcn.json';
import { PublishedResultSchema, type PublishedResult } from './published-check';

/** Metric keys the 2019 template binds; the metrics module computes them from dossier records. */
export const METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE = 'dossiers.online_services_with_online_dossier_rate';
export const METRIC_POSTAL_PROCEDURE_SHARE = 'dossiers.postal_procedure_share';

/**
 * The 2019 result of the source document's Department (DOMAIN.md §7.3), validated, as published.
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
 * Field 7 as three rows that add up to its 10.00 [I placement, DOMAIN.md §7.3]: the two stated deductions,
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

/**
 * The 2019 departmental set of the source document, at field level because its sub-criteria are not
 * published: fields 1–6 manual, field 7 split into its two stated deductions and a manual rest, field 8 the
 * survey (36.00, not self-scored). Node ids are `field-N`. Rounding half-up is our default [U].
 * @example template2019Department().nodes.find((n) => n.code === '7.2')?.metric // 'dossiers.postal_procedure_share'
 */
export function template2019Department(): CriteriaSet {
  const result = publishedResult2019SoKhcn();
  const nodes = result.fields.flatMap((field, i): CriterionNode[] => {
    const id = `field-${field.code}`;
    const isSurvey = field.kind === 'survey';
    const hasDeductions = (field.knownDeductions ?? []).length > 0;
    const fieldRow = row({
      id,
      parentId: null,
      code: field.code,
      title: field.title,
      level: 'field',
      maxHundredths: parseHundredths(field.max),
      rule: isSurvey ? { kind: 'survey' } : hasDeductions ? { kind: 'sum' } : { kind: 'manual' },
      evidenceRequired: !isSurvey,
      metric: null,
      ...(isSurvey ? { notSelfScored: true } : {}),
      order: i + 1,
    });
    return hasDeductions ? [fieldRow, ...field7Rows(field, id)] : [fieldRow];
  });
  // The source document's province is likely Quảng Ngãi (QĐ 673/QĐ-UBND 30/8/2019) [I]; not asserted here.
  return { year: result.year, scope: 'department', legalBasis: null, rounding: 'half_up', notApplicableMethod: 'rescale', nodes };
}

/** Field names of the 2021–2030 generation (Resolution 76/NQ-CP era), DOMAIN.md §7.2 [C]. */
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
 * to fill in from the province's decision. The survey / impact field 8 is left out: its province-level
 * name and weight are not confirmed [U].
 * @example template2021FieldNames().nodes.map((n) => n.code) // ['1', '2', '3', '4', '5', '6', '7']
 */
export function template2021FieldNames(options: { year?: number; scope?: string } = {}): CriteriaSet {
  return {
    year: options.year ?? 2021,
    scope: options.scope ?? 'department',
    legalBasis: null,
    rounding: 'half_up',
    notApplicableMethod: 'rescale',
    nodes: FIELDS_2021.map((title, i) =>
      row({
        id: `field-${i + 1}`,
        parentId: null,
        code: String(i + 1),
        title,
        level: 'field',
        maxHundredths: ZERO,
        rule: { kind: 'manual' },
        evidenceRequired: true,
        metric: null,
        order: i + 1,
      }),
    ),
  };
}
