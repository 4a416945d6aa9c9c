import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'blue' | 'cyan' | 'geekblue' | 'purple' | 'orange' | 'gold' | 'green' | 'red' | 'volcano' | 'default';

// AntD's preset tag colours put green, orange and gold text below the WCAG AA contrast ratio, so the tags
// use the darkest shade of each palette on its lightest one (ratio above 7:1).
const TONE: Record<Tone, CSSProperties> = {
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  geekblue: { color: '#061178', background: '#f0f5ff', borderColor: '#adc6ff' },
  purple: { color: '#22075e', background: '#f9f0ff', borderColor: '#d3adf7' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  volcano: { color: '#871400', background: '#fff2e8', borderColor: '#ffbb96' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

/** An AntD tag in one of the accessible dark-on-light tones; `data-*` attributes reach the DOM (tests read them). */
export function ToneTag({
  tone,
  icon,
  children,
  ...data
}: { tone: Tone; icon?: ReactNode; children: ReactNode } & { [attr: `data-${string}`]: string | undefined }) {
  return (
    <Tag style={TONE[tone]} icon={icon} {...data}>
      {children}
    </Tag>
  );
}
