/** Renders a chart spec with Observable Plot (one place, so tests render exactly as the page does). */
import * as Plot from '@observablehq/plot';
import { mainSvg } from '../download.js';
import { adoptChartStyles } from './chartStyles.js';

/** A rendered chart: an SVG, or a figure holding the SVG and its legend, with its scales. */
export type RenderedChart = (SVGSVGElement | HTMLElement) & Plot.Plot;

/** Plot's default font is 10 px; the notebook's charts never draw text smaller than this. */
export const CHART_FONT_SIZE = '12px';

/**
 * Renders a Plot spec into a new element of the current document, in the notebook's chart font
 * size (unless the spec sets its own).
 *
 * @example
 * holder.replaceChildren(renderChart(consensusChart(result)));
 */
export function renderChart(spec: Plot.PlotOptions): RenderedChart {
  const style = typeof spec.style === 'object' && spec.style !== null ? spec.style : {};
  const chart = Plot.plot({ ...spec, style: { fontSize: CHART_FONT_SIZE, ...style } });
  // The colour legend's title, for downloads (Plot's scale descriptor does not keep it).
  const legend = (spec.color as { label?: unknown } | undefined)?.label;
  if (typeof legend === 'string') chart.setAttribute('data-legend-label', legend);
  return chart;
}

/**
 * Gives a rendered chart an accessible name (its main SVG becomes an image named `name`,
 * described by the summary) and returns the chart with its one-sentence text summary below it,
 * its style elements moved to the page's head (charts/chartStyles.ts).
 *
 * @example
 * holder.replaceChildren(...describedChart(renderChart(spec), 'Consensus probability', 'Dual track is most likely, 61.2%.', 'consensus'));
 */
export function describedChart(chart: RenderedChart, name: string, summary: string, id: string): [RenderedChart, HTMLParagraphElement] {
  const text = document.createElement('p');
  text.className = 'chart-summary';
  text.id = `${id}-summary`;
  text.textContent = summary;
  const svg = mainSvg(chart);
  if (svg !== null) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', name);
    svg.setAttribute('aria-describedby', text.id);
  }
  chart.setAttribute('data-chart-name', name);
  return [adoptChartStyles(chart), text];
}

/** Holder widths as the browser last laid them out, kept by one ResizeObserver (reading clientWidth after a change would force a layout of the whole page). */
const widths = new WeakMap<Element, number>();
const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => entries.forEach((entry) => widths.set(entry.target, entry.contentRect.width)));

/**
 * The width to draw a chart at: its holder's width (so the chart is never scaled down and its
 * text keeps its size), within `[minimum, maximum]`. After the first call the width comes from
 * a ResizeObserver, without forcing a layout.
 */
export function chartWidth(holder: Element, { minimum = 300, maximum = 880, fallback = 640 }: { minimum?: number; maximum?: number; fallback?: number } = {}): number {
  let width = widths.get(holder);
  if (width === undefined) {
    width = holder.clientWidth;
    widths.set(holder, width);
    observer?.observe(holder);
  }
  return Math.round(Math.min(maximum, Math.max(minimum, width > 0 ? width : fallback)));
}
