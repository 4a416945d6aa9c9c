import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierOpenTimeliness, DossierStatus, DossierTimeliness } from '../../api/types';

type Tone = 'cyan' | 'blue' | 'geekblue' | 'orange' | 'gold' | 'green' | 'default' | 'red' | 'volcano';

// AntD's preset tag colours put orange and green text below the WCAG AA contrast ratio, so the tags
// use the darkest shade of each palette on its lightest one (ratio above 7:1).
const TONE: Record<Tone, CSSProperties> = {
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  geekblue: { color: '#061178', background: '#f0f5ff', borderColor: '#adc6ff' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  volcano: { color: '#871400', background: '#fff2e8', borderColor: '#ffbb96' },
};

/** Colours by meaning: waiting for the desk or the applicant warm, done green, closed without result red/grey. */
export const STATUS_COLOR: Record<DossierStatus, Tone> = {
  submitted: 'cyan',
  received: 'blue',
  processing: 'geekblue',
  awaiting_supplement: 'orange',
  awaiting_payment: 'gold',
  result_ready: 'green',
  returned: 'default',
  refused: 'red',
  stopped: 'volcano',
  withdrawn: 'default',
};

const OPEN_COLOR: Record<DossierOpenTimeliness, Tone> = { not_due: 'green', almost_due: 'orange', overdue: 'red' };
const RESULT_COLOR: Record<DossierTimeliness, Tone> = { early: 'green', on_time: 'blue', late: 'red' };

export function DossierStatusTag({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={TONE[STATUS_COLOR[status]]} data-status={status}>
      {t(`dossiers.status.${status}`)}
    </Tag>
  );
}

/** Not yet due / almost due / overdue by N days, for an open dossier. */
export function OpenTimelinessTag({ value, overdueDays }: { value: DossierOpenTimeliness | null; overdueDays?: number | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  const label =
    value === 'overdue'
      ? overdueDays && overdueDays > 0
        ? t('dossiers.timeliness.overdue_days', { count: overdueDays })
        : t('dossiers.timeliness.overdue')
      : t(`dossiers.timeliness.${value}`);
  return (
    <Tag style={TONE[OPEN_COLOR[value]]} data-timeliness={value}>
      {label}
    </Tag>
  );
}

/** Early / on time / late, for a finished dossier or a hand-over step. */
export function ResultTag({ value }: { value: DossierTimeliness | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag style={TONE[RESULT_COLOR[value]]}>{t(`dossiers.result.${value}`)}</Tag>;
}
