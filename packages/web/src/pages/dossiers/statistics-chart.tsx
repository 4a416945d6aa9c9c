import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// One ECharts chart. The library is imported on first use, so it lands in its own chunk that only the
// statistics page loads (the rest of the app never downloads it).

type Echarts = typeof import('echarts/core');

let loading: Promise<Echarts> | null = null;
function loadEcharts(): Promise<Echarts> {
  loading ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(
    ([core, charts, components, renderers]) => {
      core.use([
        charts.BarChart,
        charts.LineChart,
        // Error bars of the survey results' charts (pages/surveys/survey-charts.tsx).
        charts.CustomChart,
        components.GridComponent,
        components.TooltipComponent,
        components.LegendComponent,
        renderers.CanvasRenderer,
      ]);
      return core;
    },
  );
  return loading;
}

export function StatisticsChart({ option, height = 280, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<Echarts['init']> | null = null;
    const resize = () => chart?.resize();
    void loadEcharts().then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { locale: 'EN' });
      chart.setOption(option);
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
