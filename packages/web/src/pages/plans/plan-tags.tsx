import { useTranslation } from 'react-i18next';
import type { PlanStatus, TaskBucket, TaskStatus } from '../../api/plans';
import { ToneTag, type Tone } from '../../components/tone-tag';

const PLAN_TONE: Record<PlanStatus, Tone> = { draft: 'default', issued: 'blue', closed: 'purple' };
const TASK_TONE: Record<TaskStatus, Tone> = {
  not_started: 'default',
  in_progress: 'blue',
  awaiting_approval: 'gold',
  done: 'green',
  done_late: 'orange',
  cancelled: 'default',
};
const BUCKET_TONE: Record<TaskBucket, Tone> = { done_on_time: 'green', done_late: 'orange', in_time: 'cyan', overdue: 'red' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={PLAN_TONE[status]} data-status={status}>
      {t(`plans.plan_status.${status}`)}
    </ToneTag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={TASK_TONE[status]} data-status={status}>
      {t(`plans.task_status.${status}`)}
    </ToneTag>
  );
}

export function BucketTag({ bucket }: { bucket: TaskBucket | null }) {
  const { t } = useTranslation();
  if (!bucket) return null;
  return (
    <ToneTag tone={BUCKET_TONE[bucket]} data-bucket={bucket}>
      {t(`plans.bucket.${bucket}`)}
    </ToneTag>
  );
}

/** Basis points as a percentage with a decimal comma: 9861 → '98,61 %'. */
export function rateText(bp: number | null): string {
  if (bp === null) return '—';
  return `${(bp / 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}
