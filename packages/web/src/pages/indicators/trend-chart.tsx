import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrendView } from '../../api/indicators';
import { formatScore } from '../../format';

interface Props {
  trend: TrendView;
  groupNames: string[];
}

/**
 * The QĐ 766 score month by month: the total as a line over the five groups as stacked bars. ECharts is
 * loaded on demand (its own chunks, only the bar and line charts), so the rest of the app never downloads it.
 */
export default function TrendChart({ trend, groupNames }: Props) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' });
      chart = c;
      const months = trend.months.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`);
      const fmt = (v: unknown) => formatScore(Math.round(Number(v) * 100));
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: fmt },
        legend: { bottom: 0 },
        grid: { left: 48, right: 16, top: 24, bottom: 96 },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', min: 0, max: 100, name: t('indicators.trend.points') },
        series: [
          ...groupNames.map((name, i) => ({ name, type: 'bar', stack: 'groups', data: trend.months.map((m) => (m.groups[i]?.pointsHundredths ?? 0) / 100) })),
          { name: t('indicators.total'), type: 'line', data: trend.months.map((m) => m.totalHundredths / 100), symbolSize: 8, lineStyle: { width: 3 } },
        ],
      });
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [trend, groupNames, t]);
  return <div ref={el} role="img" aria-label={t('indicators.trend.title')} data-testid="qd766-trend" style={{ width: '100%', height: 360 }} />;
}
