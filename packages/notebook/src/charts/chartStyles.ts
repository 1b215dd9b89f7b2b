/**
 * Plot's style elements, kept out of the page's charts. Plot puts a `<style>` in every chart (the
 * same rules each time, `:where(.plot-… text) { white-space: pre }` among them). Each chart drawn
 * adds one sheet and removes another, and a change of the page's sheets restyles every element
 * the rules could match: every text of every chart (500 to 900 elements, 10 to 20 ms a frame).
 * Here each distinct style is added to the page once and stays; a chart keeps its own style only
 * for its downloaded file (download.ts).
 */

/** The distinct styles already in the page. */
const inPage = new Set<string>();
/** The style each chart's SVG had, for its file. */
const ownStyle = new WeakMap<Element, string>();

/**
 * Moves a rendered chart's style elements into the page's head (each distinct one once).
 *
 * @example
 * holder.replaceChildren(adoptChartStyles(renderChart(spec)));
 */
export function adoptChartStyles<T extends Element>(chart: T): T {
  for (const style of chart.querySelectorAll('style')) {
    const text = style.textContent ?? '';
    const owner = style.closest('svg') ?? chart;
    ownStyle.set(owner, (ownStyle.get(owner) ?? '') + text);
    style.remove();
    if (inPage.has(text)) continue;
    inPage.add(text);
    const sheet = document.createElement('style');
    sheet.textContent = text;
    document.head.append(sheet);
  }
  return chart;
}

/** The style a chart's SVG had before {@link adoptChartStyles} moved it ('' if none). */
export function chartStyleOf(svg: Element): string {
  return ownStyle.get(svg) ?? '';
}
