import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { calendarKeys, deleteCalendarDay } from '../../api/calendar';
import type { CalendarDay } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { isStaleVersion } from '../../errors';
import { formatDate } from '../../format';
import { ImpactNotice, useImpact } from './impact-notice';

/**
 * Confirms removing a day from the calendar. Removing changes whether the date is worked, so the open
 * records spanning it are listed first; their promised due dates stay as they are.
 */
export function DeleteDayModal({ day, onClose }: { day: CalendarDay | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const impact = useImpact(day?.date ?? null);

  const remove = useMutation({
    mutationFn: (d: CalendarDay) => deleteCalendarDay(d.date, d.version),
    onSuccess: async (_, d) => {
      message.success(t('calendar.deleted', { date: formatDate(d.date) }));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      close();
    },
    onError: (error) => {
      // Someone changed the day meanwhile: show the fresh row so the decision is made on it.
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    },
  });

  const close = () => {
    remove.reset();
    onClose();
  };

  const after = day?.kind === 'working_saturday' ? t('calendar.delete_becomes_weekend') : t('calendar.delete_becomes_working');

  return (
    <Modal
      open={day !== null}
      title={day ? t('calendar.delete_title', { name: day.name, date: formatDate(day.date) }) : ''}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !impact.isSuccess || isStaleVersion(remove.error) }}
      confirmLoading={remove.isPending}
      onOk={() => day && remove.mutate(day)}
      onCancel={close}
      width={640}
    >
      {isStaleVersion(remove.error) ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('calendar.conflict_title')}
          description={t('calendar.conflict_delete_body')}
          style={{ marginBottom: 16 }}
        />
      ) : remove.isError ? (
        <ErrorAlert error={remove.error} />
      ) : null}
      {day ? (
        <>
          <Typography.Paragraph>{t('calendar.delete_body', { date: formatDate(day.date), after })}</Typography.Paragraph>
          <ImpactNotice date={day.date} impact={impact} />
        </>
      ) : null}
    </Modal>
  );
}
