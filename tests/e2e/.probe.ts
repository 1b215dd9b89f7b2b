import { startNotebook } from './browserHarness.js';
const h = await startNotebook('probe');
try {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(h.url);
  await page.waitForFunction(() => performance.getEntriesByName('concert-map').some((e) => (e as PerformanceMeasure).detail.final), undefined, { timeout: 120000 });
  await page.evaluate(`(() => { window.longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: false }); })()`);
  for (const v of [0.5, 0.3, 0.6]) {
    const r = await page.evaluate(`(async () => {
      const input = document.querySelector('[data-field="landscape-visibility"]');
      const before = performance.getEntriesByName('concert-map').length;
      const start = performance.now();
      input.value = '${v}'; input.dispatchEvent(new Event('input', { bubbles: true }));
      const drawn = () => performance.getEntriesByName('concert-map').slice(before);
      while (!drawn().some((m) => m.detail.final)) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 200));
      const charts = performance.getEntriesByName('concert-chart:landscape').slice(-10).map((m) => Math.round(m.duration));
      return { maps: drawn().map((m) => m.detail.kind + ':' + Math.round(m.startTime + m.duration - start)), long: window.longTasks.filter((t) => t.start > start).map((t) => Math.round(t.start - start) + '+' + Math.round(t.duration)), charts };
    })()`);
    console.log(JSON.stringify(r));
  }
} finally { await h.close(); }
