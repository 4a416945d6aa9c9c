// Only the ECharts parts the 766 trend uses (bar and line charts, SVG), named statically so the bundler
// leaves the rest out; trend-chart.tsx imports this module on demand, so it is a chunk of its own.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
