/** Downloads from the page: text files, and charts as SVG or PNG. */
import { chartStyleOf } from './charts/chartStyles.js';

/** Offers a text as a file download. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Offers a blob as a file download. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The main SVG of a rendered Plot chart (a figure also holds legends). */
export function mainSvg(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  const svgs = [...chart.querySelectorAll('svg')].filter((svg) => !/-ramp$/.test(svg.getAttribute('class') ?? ''));
  return (svgs[svgs.length - 1] as SVGSVGElement | undefined) ?? null;
}

/** A chart's SVG as a standalone file's text, on a white background. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.style.background = 'white';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** What a downloaded chart carries above the chart itself. */
export interface ChartLabels {
  /** The chart's title, as on the page. */
  readonly title: string;
  /** The run it shows: scenario, seed and passes. */
  readonly caption: string;
}

/** The colour legend of a rendered Plot chart as swatches (label and colour), from its color scale. */
export function legendSwatches(chart: Element & { scale?: (name: 'color') => unknown }): { label: string; color: string }[] {
  const scale = chart.scale?.('color') as { type?: string; domain?: readonly unknown[]; range?: readonly string[]; tickFormat?: unknown } | undefined;
  if (scale === undefined || scale.domain === undefined || scale.range === undefined) return [];
  const { domain, range } = scale;
  if (scale.type === 'threshold') {
    const pct = (value: unknown) => `${Math.round(Number(value) * 100)}%`;
    return range.map((color, k) => ({
      color,
      label: k === 0 ? `under ${pct(domain[0])}` : k === domain.length ? `${pct(domain[k - 1])} or more` : `${pct(domain[k - 1])} to ${pct(domain[k])}`,
    }));
  }
  if (scale.type === 'categorical' || scale.type === 'ordinal') return domain.map((value, k) => ({ label: String(value), color: range[k % range.length]! }));
  return [];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgNode<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A chart as a standalone SVG for download: its title and the run it shows (scenario, seed,
 * passes) on top, its colour legend as swatches, then the chart.
 *
 * @example
 * downloadSvg('concert-consensus.svg', chartFileSvg(chart, { title: 'Consensus probability', caption: 'NATO 2025 · seed 42 · 20,000 passes' }));
 */
export function chartFileSvg(chart: Element, labels: ChartLabels): SVGSVGElement | null {
  const svg = mainSvg(chart);
  if (svg === null) return null;
  const width = svg.width.baseVal.value || Number(svg.getAttribute('width')) || 640;
  const height = svg.height.baseVal.value || Number(svg.getAttribute('height')) || 400;
  const scaled = chart as Element & { scale?: (name: 'color') => unknown };
  const swatches = legendSwatches(scaled);
  const legendLabel = chart.getAttribute('data-legend-label');
  const file = svgNode('svg', { xmlns: SVG_NS, width, height: 0, viewBox: '0 0 0 0', 'font-family': 'system-ui, sans-serif' });
  file.append(svgNode('rect', { x: 0, y: 0, width, height: '100%', fill: 'white' }));
  file.append(svgNode('text', { x: 8, y: 20, 'font-size': 15, 'font-weight': 600, fill: '#1d2330' }, labels.title));
  file.append(svgNode('text', { x: 8, y: 38, 'font-size': 11, fill: '#5f6b7a' }, labels.caption));
  // Swatches laid out in rows that fit the width.
  let x = 8;
  let y = 56;
  if (swatches.length > 0 && typeof legendLabel === 'string' && legendLabel !== '') {
    const label = svgNode('text', { x, y, 'font-size': 11, 'font-weight': 600, fill: '#1d2330' }, `${legendLabel}:`);
    file.append(label);
    x += Math.min(width - 16, legendLabel.length * 6.6 + 14);
  }
  for (const swatch of swatches) {
    const itemWidth = 22 + Math.min(220, swatch.label.length * 6.6) + 14;
    if (x + itemWidth > width && x > 8) {
      x = 8;
      y += 18;
    }
    file.append(svgNode('rect', { x, y: y - 10, width: 12, height: 12, fill: swatch.color, stroke: '#888', 'stroke-width': 0.5 }));
    file.append(svgNode('text', { x: x + 17, y, 'font-size': 11, fill: '#1d2330' }, swatch.label));
    x += itemWidth;
  }
  const top = swatches.length === 0 ? 48 : y + 12;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // The file carries the chart's own style, which the page keeps in its head.
  const style = chartStyleOf(svg);
  if (style !== '') copy.prepend(svgNode('style', {}, style));
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(top));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  file.append(copy);
  file.setAttribute('height', String(top + height));
  file.setAttribute('viewBox', `0 0 ${width} ${top + height}`);
  return file;
}

/** Offers a chart as an SVG file. */
export function downloadSvg(filename: string, svg: SVGSVGElement): void {
  downloadText(filename, svgText(svg), 'image/svg+xml');
}

/** Offers a chart as a PNG file, drawn at twice its size on white. */
export async function downloadPng(filename: string, svg: SVGSVGElement, scale = 2): Promise<void> {
  const width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob === null) throw new Error('the chart could not be turned into a PNG');
    downloadBlob(filename, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
