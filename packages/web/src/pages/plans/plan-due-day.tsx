import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPlanSettings, planKeys, putPlanSettings, type PlanSummary } from '../../api/plans';
import { errorMessage } from '../../errors';
import { formatDate } from '../../format';

/** "Issued on time" of an annual plan, and for its managers the agency's due day for the year (e.g. the province's deadline). */
export function PlanDueDay({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const save = useMutation({
    mutationFn: async (day: Dayjs) => {
      const current = await getPlanSettings(plan.unitId, plan.year);
      return putPlanSettings({ unitId: plan.unitId, year: plan.year, annualPlanDueOn: day.format('YYYY-MM-DD'), version: current.version });
    },
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: planKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!plan.timeliness) return null;
  if (editing)
    return (
      <Space>
        <DatePicker aria-label={t('plans.due_day')} format="DD/MM/YYYY" value={editing} onChange={(d) => d && setEditing(d)} />
        <Button type="primary" size="small" loading={save.isPending} onClick={() => save.mutate(editing)}>
          {t('common.save')}
        </Button>
        <Button size="small" onClick={() => setEditing(null)}>
          {t('common.cancel')}
        </Button>
      </Space>
    );
  return (
    <Space>
      {t(`plans.timeliness.${plan.timeliness.status}`, { due: formatDate(plan.timeliness.dueOn) })}
      {plan.can.manage ? (
        <Button size="small" type="link" onClick={() => setEditing(dayjs(plan.timeliness!.dueOn))}>
          {t('plans.change_due_day')}
        </Button>
      ) : null}
    </Space>
  );
}
