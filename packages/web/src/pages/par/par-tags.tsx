import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, ParSetStatus } from '../../api/par-types';

export type Tone = 'blue' | 'cyan' | 'geekblue' | 'purple' | 'orange' | 'gold' | 'green' | 'red' | 'default';

// AntD's preset tag colours put green, orange and gold text below the WCAG AA contrast ratio, so these
// tags use the darkest shade of each palette on its lightest one (as the dossier tags do).
const TONE: Record<Tone, CSSProperties> = {
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  geekblue: { color: '#061178', background: '#f0f5ff', borderColor: '#adc6ff' },
  purple: { color: '#22075e', background: '#f9f0ff', borderColor: '#d3adf7' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

export function ToneTag({ tone, icon, children }: { tone: Tone; icon?: ReactNode; children: ReactNode }) {
  return (
    <Tag style={TONE[tone]} icon={icon}>
      {children}
    </Tag>
  );
}

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
