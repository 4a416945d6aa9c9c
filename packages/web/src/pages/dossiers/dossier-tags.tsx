import { useTranslation } from 'react-i18next';
import type { DossierOpenTimeliness, DossierStatus, DossierTimeliness } from '../../api/types';
import { type Tone, ToneTag } from '../../components/tone-tag';

/** Colours by meaning: waiting for the desk or the applicant warm, done green, closed without result red/grey. */
export const STATUS_COLOR: Record<DossierStatus, Tone> = {
  submitted: 'cyan',
  awaiting_completion: 'orange',
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
    <ToneTag tone={STATUS_COLOR[status]} data-status={status}>
      {t(`dossiers.status.${status}`)}
    </ToneTag>
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
    <ToneTag tone={OPEN_COLOR[value]} data-timeliness={value}>
      {label}
    </ToneTag>
  );
}

/** Early / on time / late, for a finished dossier or a hand-over step. */
export function ResultTag({ value }: { value: DossierTimeliness | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <ToneTag tone={RESULT_COLOR[value]}>{t(`dossiers.result.${value}`)}</ToneTag>;
}
