import type { MetricDefinition, MetricProvider } from '../../platform/metrics/metric-types';
import { DOSSIER_METRIC, dossierMetrics, type DossierMetricsFn } from './dossier-metrics';

// The PAR metrics the dossier module computes from one-stop dossiers (issue #10 item 4): its own part of
// the typed catalogue (docs/architecture.md "PAR metrics"). Every ratio is computed as an exact
// numerator/denominator pair, so its value kind is `rate`; the late count is a `count`.

export const DOSSIER_METRIC_DEFINITIONS = [
  {
    key: DOSSIER_METRIC.onlineServicesWithOnlineDossierRate,
    module: 'dossiers',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến', en: 'Online services that received an online dossier' },
    description: {
      vi: 'Số thủ tục cung cấp dịch vụ công trực tuyến (toàn trình hoặc một phần) có ít nhất một hồ sơ trực tuyến trong kỳ, trên số thủ tục đó.',
      en: 'Procedures offered online (full or partial) with at least one online dossier in the period, over those procedures.',
    },
  },
  {
    key: DOSSIER_METRIC.postalProcedureShare,
    module: 'dossiers',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ thủ tục có hồ sơ qua bưu chính công ích', en: 'Procedures with dossiers through the public postal service' },
    description: {
      vi: 'Số thủ tục có hồ sơ tiếp nhận hoặc trả kết quả qua bưu chính công ích, trên số thủ tục có hồ sơ tiếp nhận trong kỳ.',
      en: 'Procedures with a dossier received or returned by public post, over the procedures with dossiers received in the period.',
    },
  },
  {
    key: DOSSIER_METRIC.onTimeRate,
    module: 'dossiers',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'Dossiers completed on time' },
    description: {
      vi: 'Hồ sơ hoàn thành sớm hoặc đúng hạn trên số hồ sơ hoàn thành trong kỳ.',
      en: 'Dossiers completed early or on time over the dossiers completed in the period.',
    },
  },
  {
    key: DOSSIER_METRIC.lateCount,
    module: 'dossiers',
    valueKind: 'count',
    label: { vi: 'Số hồ sơ trễ hạn', en: 'Late dossiers' },
    description: {
      vi: 'Hồ sơ hoàn thành trễ hạn trong kỳ cộng hồ sơ đang quá hạn.',
      en: 'Dossiers completed late in the period plus open dossiers past their due date.',
    },
  },
  {
    key: DOSSIER_METRIC.onlineShare,
    module: 'dossiers',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ hồ sơ nộp trực tuyến', en: 'Dossiers filed online' },
    description: { vi: 'Hồ sơ nộp trực tuyến trên số hồ sơ tiếp nhận trong kỳ.', en: 'Online dossiers over the dossiers received in the period.' },
  },
  {
    key: DOSSIER_METRIC.postShare,
    module: 'dossiers',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ hồ sơ nộp qua bưu chính', en: 'Dossiers filed by post' },
    description: { vi: 'Hồ sơ nộp qua bưu chính trên số hồ sơ tiếp nhận trong kỳ.', en: 'Postal dossiers over the dossiers received in the period.' },
  },
] as const satisfies readonly MetricDefinition[];

/**
 * The dossier module's provider: its definitions and their values (no recovery hints yet).
 * `compute` is replaceable for tests.
 */
export function dossierMetricProvider(compute: DossierMetricsFn = dossierMetrics): MetricProvider {
  return {
    definitions: DOSSIER_METRIC_DEFINITIONS,
    async compute(db, scope) {
      const values = await compute(db, scope);
      return new Map([...values].map(([k, input]) => [k, { input }]));
    },
  };
}
