/**
 * Notebook speed in real headless Chromium: a 10,000-pass rerun of the default scenario in the
 * page's worker (issue 4 asks for at most 150 ms), and the longest main-thread task while it runs
 * (at most 50 ms; measured with PerformanceObserver 'longtask', which reports tasks over 50 ms).
 * Then (issue 11) a slider change to new headline figures: from the slider's input event to the
 * headline's `concert-headline` mark (quick-run delay, the 4,000-pass quick run, the sentences),
 * target 300 ms, and the longest main-thread task meanwhile, target 50 ms. Then, with a baseline
 * pinned, a slider change to its paired comparison (the quick run, then the comparison worker),
 * and the longest main-thread task meanwhile, target 50 ms.
 * Then (issue 11) the map of viable texts: a change of the map's visibility to the coarse map
 * drawn (target 500 ms), to the 41 x 41 map at 2,000 passes per text drawn on the page's two map
 * workers (target 3 s), and the longest main-thread task meanwhile (target 50 ms).
 * Last, opening the page as a first visit (a fresh browser context): the time to the first
 * headline figures and the long tasks until then (no issue sets a target; reported as measured).
 * Timings come from the page's own performance marks and measures and the worker's own clock.
 */
import { startNotebook } from '../e2e/browserHarness.js';

const PASSES = 10_000;
const WARM_UP = 2;
const REPEATS = 7;
const OPENS = 5;

/** Collects the page's long tasks (over 50 ms) in `window.longTasks`. A string: tsx would wrap a function in a helper the page lacks. */
const WATCH_LONG_TASKS = `(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
})()`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default async function bench(): Promise<void> {
  const harness = await startNotebook('bench');
  try {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(harness.url);
    await page.waitForSelector('[data-field=result-status][data-rendered]', { timeout: 60_000 });
    // The map of viable texts starts with the page on both cores: let it finish before timing runs.
    await page.waitForFunction(() => performance.getEntriesByName('concert-map').some((entry) => (entry as PerformanceMeasure).detail.final), undefined, { timeout: 120_000 });
    const scenario = await page.locator('.scenario-title').innerText();
    await page.evaluate(WATCH_LONG_TASKS);
    await page.locator('[data-field=passes]').fill(String(PASSES));
    await page.locator('[data-field=passes]').press('Enter');
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
    await page.waitForTimeout(500);

    const runs: { totalMs: number; workerMs: number; longestDuringRun: number; longestWithCharts: number; where: string }[] = [];
    for (let k = 0; k < WARM_UP + REPEATS; k++) {
      const before = await page.evaluate(() => performance.getEntriesByName('concert-run').length);
      await page.click('[data-field=full-run]');
      await page.waitForFunction((count) => performance.getEntriesByName('concert-run').length > count, before, { timeout: 60_000 });
      await page.waitForTimeout(400); // let the six charts draw (one task each)
      // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
      const figures = (await page.evaluate(`(() => {
        const measure = performance.getEntriesByName('concert-run').at(-1);
        const end = measure.startTime + measure.duration;
        const longest = (from, to) => Math.max(0, ...window.longTasks.filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration));
        const where = window.longTasks.filter((t) => t.start < end + 400 && t.start + t.duration > measure.startTime).map((t) => Math.round(t.start - measure.startTime) + '+' + Math.round(t.duration));
        return { totalMs: measure.duration, workerMs: measure.detail.workerMs, longestDuringRun: longest(measure.startTime, end), longestWithCharts: longest(measure.startTime, end + 400), where: where.join(' ') };
      })()`)) as (typeof runs)[number];
      if (k >= WARM_UP) runs.push(figures);
    }
    const total = runs.map((r) => r.totalMs);
    const worker = runs.map((r) => r.workerMs);
    const longestRun = Math.max(...runs.map((r) => r.longestDuringRun));
    const longestCharts = Math.max(...runs.map((r) => r.longestWithCharts));
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`scenario: ${scenario}; Chromium ${harness.browser.version()} headless; ${REPEATS} reruns of ${PASSES.toLocaleString('en-US')} passes after ${WARM_UP} warm-ups`);
    console.log(`rerun, click to result on the page: median ${ms(median(total))} (range ${ms(Math.min(...total))}-${ms(Math.max(...total))})`);
    console.log(`rerun, inside the worker: median ${ms(median(worker))} (range ${ms(Math.min(...worker))}-${ms(Math.max(...worker))})`);
    console.log(`target: <= 150 ms: ${median(total) <= 150 ? 'met' : 'NOT met'}`);
    console.log(`longest main-thread task while the worker runs: ${longestRun === 0 ? 'none over 50 ms' : ms(longestRun)}; including drawing the charts: ${longestCharts === 0 ? 'none over 50 ms' : ms(longestCharts)}`);
    console.log(`target: no main-thread task > 50 ms while it runs: ${longestRun <= 50 ? 'met' : 'NOT met'}`);
    const charts = (await page.evaluate(`performance.getEntriesByType('measure').filter((m) => m.name.startsWith('concert-chart:')).map((m) => [m.name.slice(14), m.duration])`)) as [string, number][];
    const slowest = new Map<string, number>();
    for (const [name, duration] of charts) slowest.set(name, Math.max(slowest.get(name) ?? 0, duration));
    console.log(`drawing each chart (longest, one task each): ${[...slowest].map(([name, duration]) => `${name} ${duration.toFixed(0)} ms`).join(', ')}`);
    const seen = runs.filter((r) => r.where !== '').map((r) => `[${r.where}] of ${Math.round(r.totalMs)} ms`);
    if (seen.length > 0) console.log(`long tasks (start after the click + duration, ms): ${seen.join('; ')}`);

    // A slider change to new headline figures (the quick run of 4,000 passes).
    const slider = (await page.locator('[data-option].option-card input[type=range]').first().getAttribute('data-field'))!;
    const since = (await page.evaluate('performance.now()')) as number;
    const changes: { latencyMs: number; longest: number }[] = [];
    for (let k = 0; k < WARM_UP + REPEATS; k++) {
      await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
      await page.waitForTimeout(400);
      const figures = (await page.evaluate(`(async () => {
        const input = document.querySelector('[data-field="${slider}"]');
        const marks = performance.getEntriesByName('concert-headline').length;
        const start = performance.now();
        input.value = String(${k % 2 === 0 ? 0.9 : 0.1} + ${k} * 0.001);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        while (performance.getEntriesByName('concert-headline').length === marks) await new Promise((r) => setTimeout(r, 5));
        const mark = performance.getEntriesByName('concert-headline').at(-1);
        await new Promise((r) => setTimeout(r, 400)); // the chart of the headline and the six result charts draw after it
        const longest = Math.max(0, ...window.longTasks.filter((t) => t.start + t.duration > start).map((t) => t.duration));
        return { latencyMs: mark.startTime - start, longest };
      })()`)) as (typeof changes)[number];
      if (k >= WARM_UP) changes.push(figures);
    }
    const latency = changes.map((c) => c.latencyMs);
    const longestChange = Math.max(...changes.map((c) => c.longest));
    console.log(`slider change to new headline figures: median ${ms(median(latency))} (range ${ms(Math.min(...latency))}-${ms(Math.max(...latency))}); target <= 300 ms: ${median(latency) <= 300 ? 'met' : 'NOT met'}`);
    console.log(`longest main-thread task from the change to all charts drawn: ${longestChange === 0 ? 'none over 50 ms' : ms(longestChange)}; target <= 50 ms: ${longestChange <= 50 ? 'met' : 'NOT met'}`);
    const updates = (await page.evaluate(`performance.getEntriesByType('measure').filter((m) => m.startTime > ${since} && (m.name.startsWith('concert-update:') || m.name.startsWith('concert-chart:'))).map((m) => [m.name, m.duration])`)) as [string, number][];
    const longestOf = new Map<string, number>();
    for (const [name, duration] of updates) longestOf.set(name, Math.max(longestOf.get(name) ?? 0, duration));
    console.log(`longest synchronous step during the slider changes (state views, result views, each chart): ${[...longestOf].map(([name, duration]) => `${name.replace(/^concert-/, '')} ${duration.toFixed(0)} ms`).join(', ')}`);

    // With a baseline pinned: a slider change to the paired comparison of the new result (the
    // quick run, then compareScenarios of the two scenarios at 4,000 passes in the comparison
    // worker), and the longest main-thread task meanwhile.
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
    await page.click('[data-field=pin]');
    const comparingSince = (await page.evaluate('performance.now()')) as number;
    const comparisons: { latencyMs: number; workerMs: number; longest: number }[] = [];
    for (let k = 0; k < WARM_UP + REPEATS; k++) {
      await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
      await page.waitForTimeout(400);
      const figures = (await page.evaluate(`(async () => {
        const input = document.querySelector('[data-field="${slider}"]');
        const count = performance.getEntriesByName('concert-compare').length;
        const start = performance.now();
        input.value = String(${k % 2 === 0 ? 0.85 : 0.15} + ${k} * 0.001);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        while (performance.getEntriesByName('concert-compare').length === count) await new Promise((r) => setTimeout(r, 5));
        const measure = performance.getEntriesByName('concert-compare').at(-1);
        await new Promise((r) => setTimeout(r, 300)); // the table and the two charts that show changes draw after it
        const longest = Math.max(0, ...window.longTasks.filter((t) => t.start + t.duration > start).map((t) => t.duration));
        return { latencyMs: measure.startTime + measure.duration - start, workerMs: measure.detail.workerMs, longest };
      })()`)) as (typeof comparisons)[number];
      if (k >= WARM_UP) comparisons.push(figures);
    }
    const toPaired = comparisons.map((c) => c.latencyMs);
    const compareWorker = comparisons.map((c) => c.workerMs);
    const longestCompare = Math.max(...comparisons.map((c) => c.longest));
    console.log(`slider change to the paired comparison with the baseline (4,000 passes): median ${ms(median(toPaired))} (range ${ms(Math.min(...toPaired))}-${ms(Math.max(...toPaired))}); the comparison in its worker: median ${ms(median(compareWorker))}`);
    console.log(`longest main-thread task from the change to the comparison drawn: ${longestCompare === 0 ? 'none over 50 ms' : ms(longestCompare)}; target <= 50 ms: ${longestCompare <= 50 ? 'met' : 'NOT met'}`);
    const comparingSteps = (await page.evaluate(`performance.getEntriesByType('measure').filter((m) => m.startTime > ${comparingSince} && (m.name.startsWith('concert-update:') || m.name.startsWith('concert-chart:'))).map((m) => [m.name, m.duration])`)) as [string, number][];
    const longestStep = new Map<string, number>();
    for (const [name, duration] of comparingSteps) longestStep.set(name, Math.max(longestStep.get(name) ?? 0, duration));
    console.log(`longest synchronous step with a baseline pinned: ${[...longestStep].map(([name, duration]) => `${name.replace(/^concert-/, '')} ${duration.toFixed(0)} ms`).join(', ')}`);

    // The map of viable texts: a change of its visibility to the coarse map, to the refined map, and the longest task meanwhile.
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
    const maps: { coarseMs: number; finalMs: number; refineMs: number; longest: number; longestChart: number }[] = [];
    for (let k = 0; k < 1 + 5; k++) {
      await page.waitForTimeout(400);
      const figures = (await page.evaluate(`(async () => {
        const input = document.querySelector('[data-field="landscape-visibility"]');
        const before = performance.getEntriesByName('concert-map').length;
        const charts = performance.getEntriesByName('concert-chart:landscape').length;
        const start = performance.now();
        input.value = String(${[0.5, 0.3, 0.6, 0.4, 0.7, 0.35][k]});
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const drawn = () => performance.getEntriesByName('concert-map').slice(before);
        while (!drawn().some((m) => m.detail.final)) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 200));
        const coarse = drawn().find((m) => m.detail.kind === 'coarse');
        const end = (m) => m.startTime + m.duration;
        const last = drawn().find((m) => m.detail.final);
        const longest = Math.max(0, ...window.longTasks.filter((t) => t.start + t.duration > start && t.start < end(last) + 200).map((t) => t.duration));
        const longestChart = Math.max(0, ...performance.getEntriesByName('concert-chart:landscape').slice(charts).map((m) => m.duration));
        return { coarseMs: end(coarse) - start, finalMs: end(last) - start, refineMs: end(last) - end(coarse), longest, longestChart };
      })()`)) as (typeof maps)[number];
      if (k >= 1) maps.push(figures);
    }
    const range = (values: number[]) => `median ${ms(median(values))} (range ${ms(Math.min(...values))}-${ms(Math.max(...values))})`;
    const coarse = maps.map((m) => m.coarseMs);
    const final = maps.map((m) => m.finalMs);
    const longestMap = Math.max(...maps.map((m) => m.longest));
    console.log(`map of viable texts, ${maps.length} visibility changes on 2 map workers:`);
    console.log(`  change to the coarse map (11 x 11 at 500 passes, blockers counted) drawn: ${range(coarse)}; target <= 500 ms: ${median(coarse) <= 500 ? 'met' : 'NOT met'}`);
    console.log(`  change to the 41 x 41 map at 2,000 passes per text drawn (after the coarse map, 8 refining steps and the paired run of the two leaders): ${range(final)}; target <= 3 s: ${median(final) <= 3000 ? 'met' : 'NOT met'}`);
    console.log(`  of which from the coarse map to the final map: ${range(maps.map((m) => m.refineMs))}`);
    console.log(`  longest main-thread task from the change to the final map: ${longestMap === 0 ? 'none over 50 ms' : ms(longestMap)}; target <= 50 ms: ${longestMap <= 50 ? 'met' : 'NOT met'}; drawing the map (longest): ${ms(Math.max(...maps.map((m) => m.longestChart)))}`);
    await page.close();

    // Opening the page, as a first visit does (a fresh context each time: nothing cached). No
    // issue sets a target; the figures say what a room sees before the first answer.
    const opens: { headlineMs: number; tasks: number[] }[] = [];
    for (let k = 0; k < 1 + OPENS; k++) {
      const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const fresh = await context.newPage();
      await fresh.addInitScript(WATCH_LONG_TASKS);
      await fresh.goto(harness.url);
      await fresh.waitForFunction(() => performance.getEntriesByName('concert-headline').length > 0, undefined, { timeout: 60_000 });
      await fresh.waitForTimeout(1000);
      const figures = (await fresh.evaluate(`(() => {
        const headline = performance.getEntriesByName('concert-headline')[0];
        return { headlineMs: headline.startTime, tasks: window.longTasks.filter((t) => t.start < headline.startTime + 1000).map((t) => Math.round(t.duration)) };
      })()`)) as (typeof opens)[number];
      if (k >= 1) opens.push(figures);
      await context.close();
    }
    const firstHeadline = opens.map((o) => o.headlineMs);
    const longestOpen = opens.map((o) => Math.max(0, ...o.tasks));
    console.log(`opening the page (${OPENS} first visits, nothing cached): first headline figures after ${range(firstHeadline)} from navigation; longest main-thread task ${range(longestOpen)}; tasks over 50 ms until 1 s after the headline: ${opens.map((o) => `[${o.tasks.join(', ')}]`).join(' ')} ms`);
  } finally {
    await harness.close();
  }
}
