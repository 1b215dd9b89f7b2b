/**
 * Honest comparisons in real headless Chromium (issue 11): pinning a baseline keeps its scenario;
 * each change is the core's paired comparison, run in a worker at the result's passes and seed,
 * shown with its 95% interval, "no clear change" where the interval contains 0; runs of other
 * sizes are re-run at the same size and flagged; scenarios that cannot be paired say why; a newer
 * change supersedes a comparison and a full run's comparison is never replaced by a smaller one.
 * Screenshots at 390, 768 and 1400 px go to test-artifacts/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, SCREENS, startNotebook, type NotebookHarness } from './browserHarness.js';

let harness: NotebookHarness;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startNotebook('compare');
}, 180_000);

afterAll(async () => {
  await harness?.close();
});


async function open(browser: Browser, viewport: { width: number; height: number } = SCREENS.laptop): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  await page.waitForSelector('[data-field=result-status][data-rendered]', { timeout: 60_000 });
  await idle(page);
  return page;
}

const idle = (page: Page) => page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no', undefined, { timeout: 60_000 });

/** Waits until the comparison of the result on screen is done and drawn: the charts carry its scenario hash and passes. */
async function compared(page: Page, passes: number): Promise<void> {
  await page.waitForFunction(
    (size) => {
      const status = document.querySelector('[data-field=result-status]');
      const rendered = status?.getAttribute('data-rendered') ?? '';
      const comparison = status?.getAttribute('data-comparison') ?? 'none';
      return document.getElementById('notebook')?.dataset.running === 'no' && comparison === `${rendered.split('/')[0]}/${size}` && document.querySelector('[data-field=compare] tbody tr') !== null;
    },
    passes,
    { timeout: 120_000 },
  );
}

const cell = (page: Page, option: string, measure: string) => page.locator(`[data-field=compare] tr[data-option="${option}"] td[data-measure=${measure}]`);

describe('comparisons in Chromium', () => {
  it.each(Object.entries(SCREENS))('on a %s, a Hungary-only change shows no clear change where it changes nothing (Dual track risk), and the clear changes with their intervals', async (name, viewport) => {
    const page = await open(harness.browser, viewport);
    await page.click('[data-field=pin]');
    await page.locator('[data-field="HUN.hawkishness.center"]').fill('0.48');
    await compared(page, 4000);
    const pairing = page.locator('[data-field=pairing-note]');
    expect(await pairing.getAttribute('data-paired')).toBe('yes');
    expect(await pairing.innerText()).toMatch(/^Paired: .* same 4,000 passes, seed hague-2025/);
    expect(await page.locator('[data-field=run-size-note]').isHidden()).toBe(true);
    // Dual track does not depend on Hungary here: every pass gives the same verdict, so no change.
    const dualTrackRisk = cell(page, 'dual-track', 'risk');
    expect(await dualTrackRisk.getAttribute('data-clear')).toBe('no');
    expect(await dualTrackRisk.locator('small').innerText()).toMatch(/^(no change in any pass|no clear change \(.+ pt\))$/);
    // The option Hungary decides changes clearly, with the interval of the change.
    const suspend = cell(page, 'suspend-restraints', 'consensus');
    expect(await suspend.getAttribute('data-clear')).toBe('yes');
    expect(await suspend.locator('small').innerText()).toMatch(/^\+\d+\.\d pt \(\+\d+\.\d to \+\d+\.\d pt\)$/);
    // Every cell either says "no … change" or gives an interval that excludes 0.
    for (const text of await page.locator('[data-field=compare] td small').allInnerTexts()) expect(text).toMatch(/^(no change in any pass|no clear change \(.+\)|[+−]\d+\.\d pt \([+−]\d+\.\d to [+−]\d+\.\d pt\))$/);
    expect(await page.locator('[data-field=compare] thead').innerText()).toMatch(/consensus: change.*risk: change.*consensus without risk: change/s);
    // The charts: the heatmap's legend and caption say "change", the consensus chart gives the change or "no change".
    expect(await page.locator('#chart-blockers').innerText()).toContain('Change in blocker rate since the baseline');
    expect(await page.locator('#chart-blockers figcaption').innerText()).toMatch(/no clear change/);
    const consensusLabels = await page.locator('[data-chart=consensus] svg g[aria-label=text] text').allTextContents();
    expect(consensusLabels).toContain('no change');
    expect(consensusLabels.filter((label) => /vs baseline/.test(label))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.locator('#compare').screenshot({ path: join(ARTIFACTS, `compare-${viewport.width}-hungary.png`) });
    await page.locator('#chart-blockers').screenshot({ path: join(ARTIFACTS, `compare-${viewport.width}-blockers.png`) });
    await page.locator('#chart-consensus').screenshot({ path: join(ARTIFACTS, `compare-${viewport.width}-consensus.png`) });
    expect(name).toBeTruthy();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('runs of different sizes are never compared silently: the baseline is re-run at the full run’s size, and the note says so', async () => {
    const page = await open(harness.browser);
    await page.click('[data-field=pin]'); // the quick run, 4,000 passes
    await page.click('[data-field=full-run]');
    await compared(page, 20_000);
    const note = page.locator('[data-field=run-size-note]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.innerText()).toMatch(/^The baseline was pinned from a run of 4,000 passes and this run has 20,000: runs of different sizes are not compared, so the baseline scenario is re-run here at 20,000 passes/);
    expect(await page.locator('[data-field=comparison-status]').innerText()).toBe('Compared in 20,000 passes.');
    // The same scenario and seed: not one pass changes, and nothing is shown as a change.
    const texts = await page.locator('[data-field=compare] td small').allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts)).toEqual(new Set(['no change in any pass']));
    expect(await page.locator('[data-field=compare] td[data-clear=yes]').count()).toBe(0);
    await page.locator('#compare').screenshot({ path: join(ARTIFACTS, 'compare-sizes.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('scenarios whose events differ cannot be paired: the comparison says why and uses unpaired intervals', async () => {
    const page = await open(harness.browser);
    await page.click('[data-field=pin]');
    await page.locator('[data-field^="event."]').first().uncheck();
    await compared(page, 4000);
    const pairing = page.locator('[data-field=pairing-note]');
    expect(await pairing.getAttribute('data-paired')).toBe('no');
    expect(await pairing.innerText()).toMatch(/^Not paired: the events differ \(switched off or removed now: [^;]+\), so the passes .*\(Newcombe’s\)/);
    expect(await pairing.innerText()).not.toMatch(/eastern-flank|us-policy/); // names, not ids
    for (const text of await page.locator('[data-field=compare] td small').allInnerTexts()) expect(text).toMatch(/^(no clear change \(.+\)|[+−]\d+\.\d pt \(.+ pt\))$/);
    await page.locator('#compare').screenshot({ path: join(ARTIFACTS, 'compare-unpaired.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('a newer change supersedes the comparison, and a full run’s comparison is not replaced by the quick run of a rename', async () => {
    const page = await open(harness.browser);
    await page.click('[data-field=pin]');
    const slider = page.locator('[data-field="HUN.hawkishness.center"]');
    await slider.fill('0.5');
    await page.waitForFunction(() => /^Compar/.test(document.querySelector('[data-field=comparison-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await slider.fill('0.3');
    await compared(page, 4000);
    // The comparison on screen is of the last scenario (its hash is the result's), not of the one in between.
    const [rendered, comparison] = await page.evaluate(() => ['data-rendered', 'data-comparison'].map((name) => document.querySelector('[data-field=result-status]')!.getAttribute(name)!));
    expect(comparison!.split('/')[0]).toBe(rendered!.split('/')[0]);
    // Rename an option and click "Full run" at once: the comparison follows the full run, at 20,000 passes.
    await page.locator('[data-field="dual-track.name"]').fill('Renamed for the comparison');
    await page.click('[data-field=full-run]');
    await compared(page, 20_000);
    await page.waitForTimeout(1200); // longer than the quick-run delay: a quick run would have replaced it by now
    await idle(page);
    expect(await page.locator('[data-field=comparison-status]').innerText()).toBe('Compared in 20,000 passes.');
    expect(await page.locator('[data-field=compare] tr[data-option=dual-track] th').innerText()).toBe('Renamed for the comparison');
    expect(await page.locator('[data-field=result-status]').innerText()).toMatch(/^Full run: 20,000 passes/);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('a link carries the pinned baseline: the page it opens re-runs and pins it and shows the same comparison', async () => {
    const page = await open(harness.browser);
    await page.click('[data-field=pin]');
    await page.locator('[data-field="SVK.hawkishness.center"]').fill('0.45');
    await compared(page, 4000);
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.link === 'current');
    const link = page.url();
    const seen = {
      note: await page.locator('[data-field=baseline-note]').innerText(),
      table: await page.locator('[data-field=compare]').innerText(),
      status: await page.locator('[data-field=comparison-status]').innerText(),
    };
    expect(seen.note).toMatch(/^Baseline: pinned from a run of 4,000 passes, seed hague-2025, scenario [0-9a-f]{12}\.$/);

    const context = await harness.browser.newContext({ viewport: SCREENS.laptop });
    const opened = await context.newPage();
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    await opened.goto(link);
    await compared(opened, 4000);
    expect(await opened.locator('[data-field=baseline-note]').innerText()).toBe(seen.note);
    expect(await opened.locator('[data-field=compare]').innerText()).toBe(seen.table);
    expect(await opened.locator('[data-field=comparison-status]').innerText()).toBe(seen.status);
    // The opened page's own link still names the baseline: sharing it again shares the same comparison.
    await opened.waitForFunction(() => document.getElementById('notebook')?.dataset.link === 'current');
    expect(opened.url()).toBe(link);
    // Clearing the baseline takes it out of the link.
    await opened.click('text=Clear the baseline');
    await opened.waitForFunction((before) => document.getElementById('notebook')?.dataset.link === 'current' && location.href !== before, link);
    expect(opened.url().length).toBeLessThan(link.length);
    expect(pageErrors).toEqual([]);
    await context.close();
    await page.context().close();
  }, 180_000);
});
