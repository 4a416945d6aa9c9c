import { WarningOutlined } from '@ant-design/icons';
import { Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ToneTag } from '../../components/tone-tag';
import { formatPoints } from './par-format';

/**
 * The computed total, and beside it the published figure when the two differ: the system never "fixes"
 * a published number (docs/domain/par-index.md#worked-example-the-2019-scorecard, 2019: 80,18 computed against 80,08 stated).
 */
export function TotalWithCheck({ computed, reported, differs }: { computed: number | null; reported: number | null; differs: boolean }) {
  const { t } = useTranslation();
  if (computed === null && reported === null) return <>{t('common.none')}</>;
  return (
    <Space size={6} wrap>
      <span>{computed === null ? t('common.none') : formatPoints(computed)}</span>
      {differs && reported !== null ? (
        <Tooltip title={t('par.totals.differ_hint')}>
          <ToneTag tone="orange" icon={<WarningOutlined />}>
            {t('par.totals.reported_differs', { reported: formatPoints(reported) })}
          </ToneTag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
