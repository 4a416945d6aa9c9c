import type { MetricDefinition } from '../../platform/metrics/metric-types';

// The PAR metrics the plans module computes from its plans and tasks (issue #10 item 4); the rule
// shapes that consume them are in docs/architecture.md "PAR metrics".

export const PLAN_METRIC_DEFINITIONS = [
  {
    key: 'plans.annual_plan_timeliness',
    module: 'plans',
    valueKind: 'timeliness',
    label: { vi: 'Kế hoạch CCHC năm ban hành đúng hạn', en: 'Annual PAR plan issued on time' },
    description: {
      vi: 'Kế hoạch CCHC năm của cơ quan: ban hành đúng hạn, trễ hạn hay chưa ban hành, so với hạn ban hành đã cấu hình.',
      en: "The agency's annual PAR plan: issued on time, late or not issued, against the configured due date.",
    },
  },
  {
    key: 'plans.task_completion_rate',
    module: 'plans',
    valueKind: 'rate',
    label: { vi: 'Tỷ lệ hoàn thành nhiệm vụ đúng hạn', en: 'Tasks completed on time' },
    description: {
      vi: 'Số nhiệm vụ hoàn thành đúng hạn trên số nhiệm vụ đến hạn trong kỳ (không tính nhiệm vụ đã hủy).',
      en: 'Tasks completed on time over the tasks due in the period (cancelled tasks excluded).',
    },
  },
  {
    key: 'plans.overdue_task_count',
    module: 'plans',
    valueKind: 'count',
    label: { vi: 'Số nhiệm vụ quá hạn', en: 'Overdue tasks' },
    description: {
      vi: 'Nhiệm vụ đến hạn trong kỳ mà chưa hoàn thành, hoặc hoàn thành sau hạn.',
      en: 'Tasks due in the period not completed, or completed after the due date.',
    },
  },
] as const satisfies readonly MetricDefinition[];
