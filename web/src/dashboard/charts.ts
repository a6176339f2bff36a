// Apache ECharts, only the parts the page draws (bundled from node_modules; nothing is loaded from elsewhere).
// Each chart's container also carries the numbers it draws (data-series, JSON), so a test can compare them.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const TEXT = '#c8d6ea';
const AXIS = '#3a4f6e';
const PALETTE = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292', '#90a4ae', '#a1887f', '#7986cb'];
const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';

const charts = new Set<echarts.ECharts>();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

function mount(el: HTMLElement, series: unknown, option: echarts.EChartsCoreOption): echarts.ECharts {
  el.dataset.series = JSON.stringify(series);
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'canvas' });
  charts.add(chart);
  chart.setOption({ color: PALETTE, textStyle: { fontFamily: FONT, color: TEXT }, animation: false, ...option }, true);
  return chart;
}

/** Disposes the charts inside `root` (before the view is replaced). */
export function disposeCharts(root: HTMLElement): void {
  for (const c of [...charts]) {
    if (root.contains(c.getDom())) {
      c.dispose();
      charts.delete(c);
    }
  }
}

export function lineChart(el: HTMLElement, categories: string[], lines: { name: string; data: number[] }[]): void {
  mount(el, { categories, lines }, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT } },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: categories, axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT } },
    series: lines.map((l) => ({ type: 'line', name: l.name, data: l.data, smooth: true, symbolSize: 6 })),
  });
}

export function pieChart(el: HTMLElement, items: { name: string; value: number }[]): void {
  mount(el, items, {
    tooltip: { trigger: 'item', formatter: '{b}: {c}（{d}%）' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { color: TEXT } },
    series: [{ type: 'pie', radius: ['38%', '68%'], center: ['35%', '50%'], data: items, label: { show: false } }],
  });
}

/** Bars by category; several series are stacked when `stack` is set. */
export function barChart(el: HTMLElement, categories: string[], series: { name: string; data: number[] }[], options: { stack?: boolean; horizontal?: boolean } = {}): void {
  const cat = { type: 'category', data: categories, axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT, interval: 0, rotate: options.horizontal ? 0 : 30 } };
  const val = { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT } };
  mount(el, { categories, series }, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { type: 'scroll', top: 0, textStyle: { color: TEXT }, pageTextStyle: { color: TEXT } } : undefined,
    grid: { left: options.horizontal ? 110 : 48, right: 16, top: series.length > 1 ? 40 : 16, bottom: options.horizontal ? 24 : 64 },
    xAxis: options.horizontal ? val : cat,
    yAxis: options.horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: options.stack ? 'total' : undefined, barMaxWidth: 28 })),
  });
}
