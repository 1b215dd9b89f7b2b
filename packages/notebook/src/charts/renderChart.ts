/** Renders a chart spec with Observable Plot (one place, so tests render exactly as the page does). */
import * as Plot from '@observablehq/plot';

/** A rendered chart: an SVG, or a figure holding the SVG and its legend, with its scales. */
export type RenderedChart = (SVGSVGElement | HTMLElement) & Plot.Plot;

/**
 * Renders a Plot spec into a new element of the current document.
 *
 * @example
 * holder.replaceChildren(renderChart(consensusChart(result)));
 */
export function renderChart(spec: Plot.PlotOptions): RenderedChart {
  return Plot.plot(spec);
}
