/**
 * Sensitivity a participant can read, in real headless Chromium (issue 11), at 390, 768 and
 * 1400 px: the tornado says each parameter's step in words (on its own scale: no cost moved to 0),
 * headings name the option, parameter names are whole (wrapped, not cut), chart text keeps its
 * size, Sobol estimates carry their intervals and are clipped at 0 only with a visible note, each
 * chart has its sentence, and an older analysis never replaces a newer one. Screenshots go to
 * test-artifacts/ (gitignored).
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
  harness = await startNotebook('sensitivity');
}, 180_000);

afterAll(async () => {
  await harness?.close();
});


async function open(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  await page.waitForSelector('[data-field=result-status][data-rendered]', { timeout: 60_000 });
  await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no', undefined, { timeout: 60_000 });
  return page;
}

/** Texts of a chart drawn under 10 px, or cut off at the left edge of the page. */
async function unreadable(page: Page, chart: string): Promise<string[]> {
  return page.$$eval(`[data-chart=${chart}] svg text`, (texts) =>
    texts.flatMap((text) => {
      const size = Number.parseFloat(getComputedStyle(text).fontSize) * ((text as SVGGraphicsElement).getScreenCTM()?.a ?? 1);
      const box = text.getBoundingClientRect();
      const holder = text.closest('.chart')!.getBoundingClientRect();
      return size < 10 || (box.width > 0 && box.left < holder.left - 0.5) ? [`${text.textContent} (${size.toFixed(1)} px, left ${Math.round(box.left - holder.left)})`] : [];
    }),
  );
}

describe('sensitivity in Chromium', () => {
  it.each(Object.entries(SCREENS))('on a %s, the tornado says each step in words and the Sobol bars carry their intervals, all readable', async (_name, viewport) => {
    const page = await open(harness.browser, viewport);
    await page.locator('[data-field=sensitivity-passes]').fill('200');
    await page.selectOption('[data-field=sensitivity-option]', 'suspend-restraints');
    const optionName = await page.locator('[data-field=sensitivity-option] option[value=suspend-restraints]').innerText();
    await page.click('[data-field=sensitivity-tornado]');
    await page.waitForSelector('[data-chart=sensitivity-tornado] svg', { timeout: 120_000 });
    const tornado = page.locator('[data-field=sensitivity-tornado-chart]');
    expect(await tornado.locator('h3').innerText()).toBe(`Tornado: consensus of ${optionName}`);
    expect(await page.locator('[data-field=sensitivity-tornado-explain]').innerText()).toMatch(/^This chart shows how much the consensus of .+ by a step on its own scale \(an uncertain stance center by half its uncertainty on the logit scale, a solidarity cost or the maximum drift by a quarter of its value, a probability or a plain number by 0\.1\)/);
    expect(await tornado.locator('[data-term="interval of a change"]').count()).toBe(1);
    expect(await tornado.locator('.chart-summary').innerText()).toMatch(/ moves it most: .+, a step of ±[\d.]+.*\.$/);
    const steps = await tornado.locator('[data-field=sensitivity-steps] li').allTextContents();
    expect(steps).toHaveLength(12);
    for (const cost of steps.filter((step) => step.includes('solidarity cost'))) expect(cost).toMatch(/^.+'s solidarity cost: 0\.\d+, moved to 0\.0*[1-9]\d* and 0\.\d+, a step of ±[\d.]+ \(a quarter of its value\)\.$/);
    expect(await unreadable(page, 'sensitivity-tornado')).toEqual([]);

    await page.click('[data-field=sensitivity-sobol]');
    await page.waitForFunction(() => document.querySelector('[data-chart=sensitivity-sobol] svg') !== null || /does not vary/.test(document.querySelector('[data-field=sensitivity-sobol-chart]')?.textContent ?? ''), undefined, { timeout: 180_000 });
    const sobol = page.locator('[data-field=sensitivity-sobol-chart]');
    expect(await sobol.locator('h3').innerText()).toBe(`Sobol indices: consensus of ${optionName}`);
    expect(await sobol.locator('.explain').innerText()).toMatch(/^This chart shows /);
    if ((await sobol.locator('svg').count()) > 0) {
      const labels = await sobol.locator('svg g[aria-label=text] text').allTextContents();
      for (const label of labels) expect(label).toMatch(/^−?\d\.\d\d \(−?\d\.\d\d to −?\d\.\d\d\)$/);
      // An estimate or bound below 0 is drawn at 0 only with a visible caption giving the actual values.
      if (labels.some((label) => label.includes('−'))) {
        const caption = sobol.locator('figcaption');
        expect(await caption.isVisible()).toBe(true);
        expect(await caption.innerText()).toMatch(/^Drawn at 0 \(an index cannot be negative; below 0 is sampling error\): .*−\d\.\d\d/);
      }
      expect(await sobol.locator('.chart-summary').innerText()).toMatch(/explains the most variance, alone or with others: total index \d\.\d\d \(.+\)\.$/);
      expect(await unreadable(page, 'sensitivity-sobol')).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.locator('#sensitivity').screenshot({ path: join(ARTIFACTS, `sensitivity-${viewport.width}.png`) });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('an older analysis never replaces a newer one: a tornado superseded by "Drivers of failure" is never shown', async () => {
    const page = await open(harness.browser, SCREENS.laptop);
    await page.locator('[data-field=sensitivity-passes]').fill('3000');
    await page.click('[data-field=sensitivity-tornado]');
    await page.waitForFunction(() => /^Tornado…/.test(document.querySelector('[data-field=sensitivity-status]')?.textContent ?? ''));
    await page.locator('[data-field=sensitivity-passes]').fill('200');
    await page.click('[data-field=sensitivity-discover]');
    await page.waitForSelector('[data-field=sensitivity-summary]', { timeout: 120_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-field=sensitivity-tornado-chart] svg').count()).toBe(0);
    expect(await page.locator('[data-field=sensitivity-status]').innerText()).toMatch(/^Done in /);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
