import { Badge, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OnlineLevel, ProcedureChannel, ProcedureStatus } from '../../api/types';

const CHANNEL_ORDER: readonly ProcedureChannel[] = ['counter', 'post', 'online'];

/** Channels as tags, always in the order counter, post, online (neutral colours keep AA contrast). */
export function ChannelTags({ channels }: { channels: readonly ProcedureChannel[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {CHANNEL_ORDER.filter((c) => channels.includes(c)).map((c) => (
        <Tag key={c}>{t(`procedures.channel.${c}`)}</Tag>
      ))}
    </Space>
  );
}

export function OnlineLevelTag({ level }: { level: OnlineLevel }) {
  const { t } = useTranslation();
  if (level === 'none') return <span>{t('procedures.online.none')}</span>;
  return <Tag color={level === 'full' ? 'blue' : undefined}>{t(`procedures.online.${level}`)}</Tag>;
}

export function StatusBadge({ status }: { status: ProcedureStatus }) {
  const { t } = useTranslation();
  return <Badge status={status === 'active' ? 'success' : 'default'} text={t(`procedures.status.${status}`)} />;
}
