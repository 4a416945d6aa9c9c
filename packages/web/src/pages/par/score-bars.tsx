import { Typography } from 'antd';
import { barPercent } from './par-format';

export interface BarItem {
  key: string;
  label: string;
  /** What a screen reader and the eye read beside the bar, e.g. '6,50 / 10,00'. */
  valueText: string;
  value: number | null;
  max: number;
  /** Highlights a bar that falls short of its maximum. */
  short?: boolean;
}

/**
 * Horizontal bars drawn with plain elements (no chart library): a list whose text carries the numbers,
 * the bars themselves hidden from assistive technology.
 */
export function ScoreBars({ items, labelWidth = 320 }: { items: readonly BarItem[]; labelWidth?: number }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li key={item.key} style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '4px 0' }}>
          <Typography.Text style={{ width: labelWidth, flex: 'none' }} ellipsis={{ tooltip: item.label }}>
            {item.label}
          </Typography.Text>
          <div aria-hidden style={{ flex: 1, minWidth: 80, height: 14, background: '#f0f0f0', borderRadius: 4, overflow: 'hidden' }}>
            <div style={{ width: `${barPercent(item.value, item.max)}%`, height: '100%', background: item.short ? '#fa8c16' : '#1677ff' }} />
          </div>
          <Typography.Text style={{ width: 130, flex: 'none', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{item.valueText}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
