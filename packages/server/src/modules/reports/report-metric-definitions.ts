import type { MetricDefinition } from '../../platform/metrics/metric-types';

// The PAR metrics the reports module computes from report obligations and submissions (issue #10 item 4);
// the rule shapes that consume them are in docs/architecture.md "PAR metrics".

export const REPORT_METRIC_DEFINITIONS = [
  {
    key: 'reports.all_on_time',
    module: 'reports',
    valueKind: 'flag',
    label: { vi: 'Báo cáo định kỳ CCHC gửi đúng hạn', en: 'Periodic PAR reports sent on time' },
    description: {
      vi: 'Đúng khi mọi báo cáo định kỳ CCHC đến hạn trong kỳ đều được gửi đúng hạn.',
      en: 'True when every periodic PAR report due in the period was sent on time.',
    },
  },
  {
    key: 'reports.complete',
    module: 'reports',
    valueKind: 'flag',
    label: { vi: 'Báo cáo đầy đủ nội dung theo hướng dẫn', en: 'Reports complete per guidance' },
    description: {
      vi: 'Đúng khi mọi báo cáo đã gửi trong kỳ đáp ứng đủ danh mục nội dung yêu cầu.',
      en: 'True when every report sent in the period meets its content checklist.',
    },
  },
  {
    key: 'reports.late_count',
    module: 'reports',
    valueKind: 'count',
    label: { vi: 'Số báo cáo trễ hạn', en: 'Late reports' },
    description: {
      vi: 'Báo cáo đến hạn trong kỳ được gửi sau hạn hoặc chưa gửi khi đã quá hạn.',
      en: 'Reports due in the period sent after the due date, or not sent and past it.',
    },
  },
] as const satisfies readonly MetricDefinition[];
