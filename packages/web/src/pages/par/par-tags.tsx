import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, ParSetStatus } from '../../api/par-types';
import { type Tone, ToneTag } from '../../components/tone-tag';

const SET_TONES: Record<ParSetStatus, Tone> = { draft: 'default', active: 'green' };
const ASSESSMENT_TONES: Record<AssessmentStatus, Tone> = {
  self_assessing: 'blue',
  submitted: 'cyan',
  appraising: 'geekblue',
  explaining: 'orange',
  final: 'purple',
  published: 'green',
};

export function SetStatusTag({ status }: { status: ParSetStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={SET_TONES[status]}>{t(`par.sets.status.${status}`)}</ToneTag>;
}

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={ASSESSMENT_TONES[status]}>{t(`par.status.${status}`)}</ToneTag>;
}
