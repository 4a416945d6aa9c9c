import { z } from 'zod';

// The QĐ 766/QĐ-TTg service-quality indicators as versioned data (docs/domain/qd766.md#indicator-groups):
// five groups, each indicator with its formula, what its numerator and denominator count, its maximum
// points, how points follow from the figures, and an optional provincial target. Group maxima (18, 20, 22,
// 22, 18) are the published ones; sub-weights inside a group are not published [U], so the ones below are
// CCHC's default, and a province sets its own in a set of its own (docs/domain/qd766.md#provincial-targets).

export const QD766_GROUPS = [1, 2, 3, 4, 5] as const;
export type Qd766Group = (typeof QD766_GROUPS)[number];

/** `computed`: CCHC counts it from its own records; `entered`: a person enters the figures per unit and period. */
export const INDICATOR_SOURCES = ['computed', 'entered'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** How a figure reads: a share (numerator ÷ denominator as a percent) or an average time in hours. */
export const INDICATOR_UNITS = ['percent', 'hours'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

const Text = z.object({ vi: z.string().min(1).max(1000), en: z.string().min(1).max(1000) });
export type IndicatorText = z.output<typeof Text>;

/** 10000 = 100 %. */
const BasisPoints = z.number().int().min(1).max(10_000);

/**
 * - `proportional`: full points at a rate ≥ `fullAtBp`, otherwise rate × max ÷ `fullAtBp` (the 766 shape,
 *   "full at ≥ 80 %, otherwise rate × max ÷ 80 %"; `fullAtBp` 10000 is plain rate × max).
 * - `within_reference`: an average time, lower is better: full points when the total time is within the
 *   reference (the statutory time of the same dossiers), otherwise max × reference ÷ total.
 */
export const IndicatorScoringSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proportional'), fullAtBp: BasisPoints }),
  z.object({ kind: z.literal('within_reference') }),
]);
export type IndicatorScoring = z.output<typeof IndicatorScoringSchema>;

export const IndicatorDefinitionSchema = z.object({
  code: z.string().regex(/^[1-5]\.\d{1,2}$/),
  group: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  source: z.enum(INDICATOR_SOURCES),
  unit: z.enum(INDICATOR_UNITS),
  name: Text,
  formula: Text,
  numerator: Text,
  denominator: Text,
  maxHundredths: z.number().int().min(0).max(10_000),
  scoring: IndicatorScoringSchema,
  /** The province's target rate for the year (e.g. on time ≥ 98 %); shown as met or not, it does not change points. */
  targetBp: BasisPoints.nullable(),
});
export type IndicatorDefinition = z.output<typeof IndicatorDefinitionSchema>;

export const IndicatorGroupSchema = z.object({ group: IndicatorDefinitionSchema.shape.group, name: Text });

/** A whole indicator set's content: its groups and indicators (the group maximum is the sum of its indicators'). */
export const IndicatorSetContentSchema = z
  .object({
    groups: z.array(IndicatorGroupSchema).length(5),
    indicators: z.array(IndicatorDefinitionSchema).min(1).max(60),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.indicators.forEach((d, i) => {
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: 'indicators.duplicate_code' });
      seen.add(d.code);
      if (!d.code.startsWith(`${d.group}.`)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'group'], message: 'indicators.group_mismatch' });
    });
    c.groups.forEach((g, i) => {
      if (g.group !== i + 1) ctx.addIssue({ code: 'custom', path: ['groups', i, 'group'], message: 'indicators.group_order' });
    });
  });
export type IndicatorSetContent = z.output<typeof IndicatorSetContentSchema>;

/** A province's change to one indicator of a base set: its maximum, where full points start, its target. */
export const IndicatorOverrideSchema = z.object({
  code: z.string().regex(/^[1-5]\.\d{1,2}$/),
  maxHundredths: z.number().int().min(0).max(10_000).optional(),
  fullAtBp: BasisPoints.optional(),
  targetBp: BasisPoints.nullable().optional(),
});
export type IndicatorOverride = z.output<typeof IndicatorOverrideSchema>;

/** The codes CCHC computes from its own records; the server's facts source answers exactly these. */
export const COMPUTED_INDICATOR_CODES = ['1.3', '2.1', '2.2', '3.1', '3.2', '3.3', '4.1', '5.4'] as const;
export type ComputedIndicatorCode = (typeof COMPUTED_INDICATOR_CODES)[number];

/** 3.3's online share is multiplied by the synchronisation rate, entered as indicator 1.4. */
export const SYNC_RATE_CODE = '1.4';
export const SYNC_WEIGHTED_CODE = '3.3';

const t = (vi: string, en: string): IndicatorText => ({ vi, en });
const full = { kind: 'proportional', fullAtBp: 10_000 } as const;
const fullAt = (bp: number) => ({ kind: 'proportional', fullAtBp: bp }) as const;

function def(
  code: string,
  source: IndicatorSource,
  maxPoints: number,
  scoring: IndicatorScoring,
  name: IndicatorText,
  formula: IndicatorText,
  numerator: IndicatorText,
  denominator: IndicatorText,
  unit: IndicatorUnit = 'percent',
): IndicatorDefinition {
  return {
    code,
    group: Number(code[0]) as Qd766Group,
    source,
    unit,
    name,
    formula,
    numerator,
    denominator,
    maxHundredths: maxPoints * 100,
    scoring,
    targetBp: null,
  };
}

/** The version key of the national default set below. */
export const QD766_NATIONAL_VERSION = 'qd766-2022';

/**
 * The national default set (QĐ 766/QĐ-TTg of 23/6/2022), as docs/domain/qd766.md#indicator-groups describes it.
 * @example qd766NationalSet().indicators.find((d) => d.code === '2.1')?.maxHundredths // 1200
 */
export function qd766NationalSet(): IndicatorSetContent {
  return {
    groups: [
      { group: 1, name: t('Công khai, minh bạch', 'Publicity and transparency') },
      { group: 2, name: t('Tiến độ giải quyết', 'Progress and results') },
      { group: 3, name: t('Dịch vụ công trực tuyến', 'Online services') },
      { group: 4, name: t('Số hóa hồ sơ', 'Digitisation') },
      { group: 5, name: t('Mức độ hài lòng', 'Satisfaction') },
    ],
    indicators: [
      def(
        '1.1',
        'entered',
        2,
        full,
        t('Công bố TTHC đúng hạn', 'Procedures published on time'),
        t('Số TTHC có quyết định công bố đúng hạn ÷ số TTHC phải công bố', 'Procedures whose publishing decision was on time ÷ procedures to publish'),
        t('TTHC công bố đúng hạn', 'Published on time'),
        t('TTHC phải công bố', 'Procedures to publish'),
      ),
      def(
        '1.2',
        'entered',
        2,
        full,
        t('Cập nhật CSDL quốc gia về TTHC đúng hạn', 'National procedure database updated on time'),
        t('Số TTHC cập nhật đúng hạn ÷ số TTHC phải cập nhật', 'Procedures updated on time ÷ procedures to update'),
        t('TTHC cập nhật đúng hạn', 'Updated on time'),
        t('TTHC phải cập nhật', 'Procedures to update'),
      ),
      def(
        '1.3',
        'computed',
        6,
        full,
        t('Công khai TTHC đầy đủ các bộ phận', 'Procedures published with every mandatory part'),
        t('Số TTHC đang áp dụng có đủ các bộ phận bắt buộc ÷ số TTHC đang áp dụng', 'Active procedures with every mandatory part ÷ active procedures'),
        t('TTHC đủ bộ phận', 'Complete procedures'),
        t('TTHC đang áp dụng', 'Active procedures'),
      ),
      def(
        '1.4',
        'entered',
        8,
        full,
        t('Đồng bộ hồ sơ lên Cổng DVC quốc gia', 'Dossiers synchronised to the national portal'),
        t(
          'Số hồ sơ đã đồng bộ ÷ số hồ sơ lớn hơn giữa hệ thống và Cổng',
          'Dossiers synchronised ÷ the larger of the system\u2019s and the portal\u2019s counts',
        ),
        t('Hồ sơ đã đồng bộ', 'Synchronised'),
        t('Hồ sơ phải đồng bộ', 'Dossiers to synchronise'),
      ),
      def(
        '2.1',
        'computed',
        12,
        full,
        t('Hồ sơ giải quyết trước và đúng hạn', 'Dossiers handled early or on time'),
        t(
          '(Hồ sơ đã xử lý + đang xử lý, trước hạn hoặc đúng hạn) ÷ hồ sơ tiếp nhận hoặc xử lý trong kỳ',
          '(Finished + open dossiers, early or on time) ÷ dossiers received or processed in the period',
        ),
        t('Hồ sơ trước và đúng hạn', 'Early or on time'),
        t('Hồ sơ phải giải quyết', 'Dossiers to handle'),
      ),
      def(
        '2.2',
        'computed',
        8,
        { kind: 'within_reference' },
        t('Thời gian giải quyết trung bình', 'Average processing time'),
        t(
          'Tổng thời gian giải quyết ÷ số hồ sơ đã giải quyết (trạng thái 9, 10); đủ điểm khi không vượt thời hạn luật định của chính các hồ sơ đó',
          'Total processing time ÷ completed dossiers (status 9, 10); full points when within the statutory time of the same dossiers',
        ),
        t('Tổng thời gian giải quyết (giờ)', 'Total processing time (hours)'),
        t('Hồ sơ đã giải quyết', 'Completed dossiers'),
        'hours',
      ),
      def(
        '3.1',
        'computed',
        4,
        fullAt(8_000),
        t('TTHC cung cấp DVC trực tuyến toàn trình', 'Procedures offered fully online'),
        t(
          'Số TTHC cung cấp DVC trực tuyến toàn trình ÷ số TTHC đang áp dụng; đủ điểm khi ≥ 80 %',
          'Procedures offered fully online ÷ active procedures; full at ≥ 80 %',
        ),
        t('TTHC trực tuyến toàn trình', 'Fully online procedures'),
        t('TTHC đang áp dụng', 'Active procedures'),
      ),
      def(
        '3.2',
        'computed',
        4,
        full,
        t('DVC trực tuyến phát sinh hồ sơ', 'Online services that received an online dossier'),
        t('Số DVC trực tuyến có ít nhất một hồ sơ trực tuyến ÷ số DVC trực tuyến', 'Online services with at least one online dossier ÷ online services'),
        t('DVC có hồ sơ trực tuyến', 'Services with an online dossier'),
        t('DVC trực tuyến', 'Online services'),
      ),
      def(
        '3.3',
        'computed',
        4,
        fullAt(5_000),
        t('Tỷ lệ hồ sơ trực tuyến', 'Share of online dossiers'),
        t(
          'Hồ sơ trực tuyến ÷ hồ sơ tiếp nhận × tỷ lệ đồng bộ (1.4); đủ điểm khi ≥ 50 %',
          'Online dossiers ÷ dossiers received × synchronisation rate (1.4); full at ≥ 50 %',
        ),
        t('Hồ sơ trực tuyến', 'Online dossiers'),
        t('Hồ sơ tiếp nhận', 'Dossiers received'),
      ),
      def(
        '3.5',
        'entered',
        4,
        fullAt(8_000),
        t('TTHC có phí tích hợp thanh toán trực tuyến', 'Fee-bearing procedures with online payment'),
        t(
          'TTHC có phí, lệ phí đã tích hợp thanh toán trực tuyến ÷ TTHC có phí, lệ phí; đủ điểm khi ≥ 80 %',
          'Fee-bearing procedures with integrated online payment ÷ fee-bearing procedures; full at ≥ 80 %',
        ),
        t('TTHC tích hợp thanh toán', 'With online payment'),
        t('TTHC có phí, lệ phí', 'Fee-bearing procedures'),
      ),
      def(
        '3.6',
        'entered',
        6,
        full,
        t('Hồ sơ thanh toán trực tuyến', 'Dossiers paid online'),
        t('Hồ sơ thanh toán trực tuyến ÷ hồ sơ của TTHC có phí, lệ phí', 'Dossiers paid online ÷ dossiers of fee-bearing procedures'),
        t('Hồ sơ thanh toán trực tuyến', 'Paid online'),
        t('Hồ sơ của TTHC có phí', 'Dossiers of fee-bearing procedures'),
      ),
      def(
        '4.1',
        'computed',
        4,
        full,
        t('Hồ sơ được cấp kết quả điện tử', 'Dossiers with an electronic result'),
        t(
          'Hồ sơ đã giải quyết có kết quả điện tử ÷ hồ sơ đã giải quyết có kết quả',
          'Completed dossiers with an electronic result ÷ completed dossiers with a result',
        ),
        t('Có kết quả điện tử', 'With an electronic result'),
        t('Hồ sơ có kết quả', 'Dossiers with a result'),
      ),
      def(
        '4.2',
        'entered',
        6,
        fullAt(8_000),
        t('Hồ sơ được số hóa', 'Dossiers digitised'),
        t(
          'Hồ sơ số hóa thành phần và kết quả ÷ hồ sơ tiếp nhận; đủ điểm khi ≥ 80 %',
          'Dossiers with components and result digitised ÷ dossiers received; full at ≥ 80 %',
        ),
        t('Hồ sơ số hóa', 'Digitised'),
        t('Hồ sơ tiếp nhận', 'Dossiers received'),
      ),
      def(
        '4.3',
        'entered',
        6,
        fullAt(8_000),
        t('Tái sử dụng dữ liệu số hóa', 'Re-use of digitised data'),
        t('Hồ sơ tái sử dụng dữ liệu số hóa ÷ hồ sơ tiếp nhận; đủ điểm khi ≥ 80 %', 'Dossiers re-using digitised data ÷ dossiers received; full at ≥ 80 %'),
        t('Hồ sơ tái sử dụng', 'Re-using'),
        t('Hồ sơ tiếp nhận', 'Dossiers received'),
      ),
      def(
        '4.4',
        'entered',
        3,
        full,
        t('Kết nối kho dữ liệu của công dân', 'Linked to the citizen\u2019s data store'),
        t(
          'Hồ sơ có kết quả lưu vào kho dữ liệu công dân ÷ hồ sơ có kết quả điện tử',
          'Dossiers whose result is stored in the citizen\u2019s data store ÷ dossiers with an electronic result',
        ),
        t('Hồ sơ đã lưu kho', 'Stored'),
        t('Hồ sơ có kết quả điện tử', 'With an electronic result'),
      ),
      def(
        '4.5',
        'entered',
        3,
        full,
        t('Sử dụng CSDL dân cư, tài khoản VNeID', 'Population database and VNeID accounts used'),
        t(
          'Hồ sơ khai thác CSDL dân cư hoặc tài khoản định danh VNeID ÷ hồ sơ tiếp nhận',
          'Dossiers using the population database or a VNeID account ÷ dossiers received',
        ),
        t('Hồ sơ sử dụng VNeID', 'Using VNeID'),
        t('Hồ sơ tiếp nhận', 'Dossiers received'),
      ),
      def(
        '5.1',
        'entered',
        4,
        full,
        t('Tiếp nhận phản ánh, kiến nghị', 'Complaints and recommendations received'),
        t(
          'Phản ánh, kiến nghị được tiếp nhận và phân loại ÷ phản ánh, kiến nghị gửi đến',
          'Complaints and recommendations received and classified ÷ those sent',
        ),
        t('PAKN được phân loại', 'Classified'),
        t('PAKN gửi đến', 'Sent'),
      ),
      def(
        '5.2',
        'entered',
        4,
        full,
        t('Xử lý phản ánh, kiến nghị đúng hạn', 'Complaints handled on time'),
        t('PAKN xử lý đúng hạn ÷ PAKN phải xử lý', 'Complaints handled on time ÷ complaints to handle'),
        t('PAKN đúng hạn', 'On time'),
        t('PAKN phải xử lý', 'To handle'),
      ),
      def(
        '5.3',
        'entered',
        4,
        full,
        t('Hài lòng về xử lý phản ánh, kiến nghị', 'Satisfied with complaint handling'),
        t('(Tổng PAKN − không hài lòng, vượt cấp, quá hạn) ÷ tổng PAKN', '(Complaints − unsatisfied, escalated or overdue) ÷ complaints'),
        t('PAKN hài lòng', 'Satisfied'),
        t('Tổng PAKN', 'Complaints'),
      ),
      def(
        '5.4',
        'computed',
        6,
        fullAt(9_000),
        t('Hài lòng về giải quyết TTHC', 'Satisfied with procedure handling'),
        t(
          '(Hồ sơ − trễ hạn, quá hạn hoặc bị đánh giá không hài lòng) ÷ hồ sơ; đủ điểm khi ≥ 90 %',
          '(Dossiers − late, overdue or rated unsatisfied) ÷ dossiers; full at ≥ 90 %',
        ),
        t('Hồ sơ hài lòng', 'Satisfied'),
        t('Hồ sơ phải giải quyết', 'Dossiers to handle'),
      ),
    ],
  };
}

/**
 * A province's set: the base set with its overrides applied (maximum, where full points start, target).
 * Unknown codes and a `fullAtBp` on a rule that has none are reported as issues, nothing is applied then.
 * @example applyOverrides(qd766NationalSet(), [{ code: '2.1', targetBp: 9800 }]).content.indicators[4].targetBp // 9800
 */
export function applyOverrides(
  base: IndicatorSetContent,
  overrides: readonly IndicatorOverride[],
): { content: IndicatorSetContent; issues: Array<{ index: number; code: string }> } {
  const issues: Array<{ index: number; code: string }> = [];
  const byCode = new Map(base.indicators.map((d) => [d.code, d]));
  const changed = new Map<string, IndicatorDefinition>();
  overrides.forEach((o, index) => {
    const d = changed.get(o.code) ?? byCode.get(o.code);
    if (!d) return issues.push({ index, code: 'indicators.unknown_code' });
    if (o.fullAtBp !== undefined && d.scoring.kind !== 'proportional') return issues.push({ index, code: 'indicators.threshold_not_applicable' });
    changed.set(o.code, {
      ...d,
      ...(o.maxHundredths !== undefined ? { maxHundredths: o.maxHundredths } : {}),
      ...(o.fullAtBp !== undefined ? { scoring: { kind: 'proportional', fullAtBp: o.fullAtBp } } : {}),
      ...(o.targetBp !== undefined ? { targetBp: o.targetBp } : {}),
    });
    return undefined;
  });
  return { content: { groups: base.groups, indicators: base.indicators.map((d) => changed.get(d.code) ?? d) }, issues };
}
