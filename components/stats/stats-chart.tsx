'use client';

import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

// Only the two chart types and three components in use, drawn as SVG: a fraction of the full
// echarts bundle, and crisp at any zoom.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type ChartOption = echarts.ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const COLORS = ['#d7000f', '#2563eb', '#059669', '#d97706'];

export interface StatsChartProps {
  kind: 'line' | 'bar';
  /** Bars along the vertical axis: long category names (provinces) stay readable on a phone. */
  horizontal?: boolean;
  categories: string[];
  series: { name: string; data: number[] }[];
  /** What the chart shows, in words: its accessible name. The table beside it has the numbers. */
  label: string;
  testId: string;
}

/**
 * A line or bar chart. Screen readers get the chart as one image with a summary for a name; the
 * data table next to it is the full alternative.
 */
export function StatsChart({ kind, horizontal = false, categories, series, label, testId }: StatsChartProps) {
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { hideOverlap: true }, inverse: horizontal };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  const option: ChartOption = {
    color: COLORS,
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => (kind === 'line' ? { type: 'line', name: s.name, data: s.data, smooth: false, symbolSize: 6 } : { type: 'bar', name: s.name, data: s.data, barMaxWidth: 24 })),
  };
  const height = horizontal ? Math.max(220, categories.length * series.length * 16 + 80) : 280;
  return (
    <div role="img" aria-label={label} data-testid={testId} className="w-full">
      <ReactEChartsCore echarts={echarts} option={option} notMerge opts={{ renderer: 'svg' }} style={{ height, width: '100%' }} />
    </div>
  );
}
