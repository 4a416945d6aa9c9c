import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getSetupProgress, setupKeys } from '../../api/setup';

/**
 * The first steps of a new installation for its administrators (issue #13 item 6b): units, users,
 * procedures and this year's working calendar, with what the server counts as done. Gone once all are done.
 */
export function FirstSteps() {
  const { t } = useTranslation();
  const progress = useQuery({ queryKey: setupKeys.progress, queryFn: getSetupProgress });
  if (!progress.data) return null;
  const p = progress.data;
  const steps = [
    { key: 'units' as const, path: '/admin/units', done: p.units.done, detail: t('home.first_steps.count', { count: p.units.count }) },
    { key: 'users' as const, path: '/admin/users', done: p.users.done, detail: t('home.first_steps.count', { count: p.users.count }) },
    { key: 'procedures' as const, path: '/procedures', done: p.procedures.done, detail: t('home.first_steps.count', { count: p.procedures.count }) },
    {
      key: 'calendar' as const,
      path: '/calendar',
      done: p.calendar.done,
      detail: t('home.first_steps.calendar_detail', { year: p.calendar.year, official: p.calendar.official, count: p.calendar.count }),
    },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <Card
      data-testid="first-steps"
      style={{ marginBottom: 24 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('home.first_steps.title')}
        </Typography.Title>
      }
      extra={<Typography.Text strong>{t('home.first_steps.progress', { done, total: steps.length })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">{t('home.first_steps.intro')}</Typography.Paragraph>
      <List
        dataSource={steps}
        renderItem={(s, i) => (
          <List.Item
            data-testid={`first-step-${s.key}`}
            actions={[
              s.done ? (
                <Tag key="state" color="green" icon={<CheckCircleFilled />} style={{ color: '#135200' }}>
                  {t('home.first_steps.done')}
                </Tag>
              ) : (
                <Tag key="state" icon={<ClockCircleOutlined />}>
                  {t('home.first_steps.todo')}
                </Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={<Link to={s.path}>{`${i + 1}. ${t(`home.first_steps.${s.key}`)}`}</Link>}
              description={`${t(`home.first_steps.${s.key}_hint`)} ${s.detail}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
