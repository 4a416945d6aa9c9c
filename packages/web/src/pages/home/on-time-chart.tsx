import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';

/** A month's completed dossiers and how many on time; the rate is left empty for a month with none. */
export interface MonthPoint {
  month: number;
  completed: number;
  onTime: number;
}

/** The on-time rate in percent with one decimal, or null without completions. */
export function onTimePercent(p: MonthPoint): number | null {
  return p.completed === 0 ? null : Math.round((p.onTime * 1000) / p.completed) / 10;
}

const W = 640;
const H = 200;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

/**
 * Twelve bars of the on-time rate, drawn as SVG (no chart library for a dozen bars); the figures are
 * also in the bars' titles and in a visually hidden table for screen readers.
 */
export function OnTimeChart({ months }: { months: MonthPoint[] }) {
  const { t } = useTranslation();
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / 12;
  const y = (pct: number) => PAD.top + plotH - (pct / 100) * plotH;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('overview.chart.title')} style={{ width: '100%', maxWidth: W, height: 'auto' }}>
        {[0, 50, 100].map((g) => (
          <g key={g}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} stroke="#e5e7eb" />
            <text x={PAD.left - 6} y={y(g) + 4} fontSize="11" textAnchor="end" fill="#6b7280">
              {g}%
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const pct = onTimePercent(m);
          const x = PAD.left + i * slot + slot * 0.2;
          return (
            <g key={m.month}>
              {pct !== null && (
                <rect
                  x={x}
                  y={y(pct)}
                  width={slot * 0.6}
                  height={Math.max(1, y(0) - y(pct))}
                  fill={pct >= 95 ? '#16a34a' : pct >= 80 ? '#f59e0b' : '#dc2626'}
                  rx="2"
                >
                  <title>
                    {t('overview.chart.bar', {
                      month: m.month,
                      rate: formatNumber(pct, 1),
                      onTime: formatNumber(m.onTime),
                      completed: formatNumber(m.completed),
                    })}
                  </title>
                </rect>
              )}
              <text x={x + slot * 0.3} y={H - 10} fontSize="11" textAnchor="middle" fill="#374151">
                {t('overview.chart.month_short', { month: m.month })}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{t('overview.chart.title')}</caption>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{t('overview.chart.month_short', { month: m.month })}</th>
              <td>{onTimePercent(m) === null ? t('overview.chart.none') : `${formatNumber(onTimePercent(m)!, 1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
