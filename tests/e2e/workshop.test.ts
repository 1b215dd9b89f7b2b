/**
 * The workshop notebook in real headless Chromium (issue 11): the answer first on every screen,
 * no horizontal scrolling, readable charts without label collisions, a full run never replaced
 * by a smaller one, honest comparisons, errors where the eye is, readable sensitivity, downloads
 * that carry their context, accessibility and the glossary. Screenshots at 390, 768 and 1400 px
 * go to test-artifacts/ (gitignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, SCREENS, labelCollisions, startNotebook, type NotebookHarness } from './browserHarness.js';

let harness: NotebookHarness;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startNotebook('workshop');
}, 180_000);

afterAll(async () => {
  await harness?.close();
});


async function open(browser: Browser, viewport: { width: number; height: number } = SCREENS.laptop, hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${harness.url}${hash}`);
  await page.waitForSelector('[data-field=result-status][data-rendered]', { timeout: 60_000 });
  await page.waitForSelector('[data-field=headline-run][data-rendered]', { timeout: 60_000 });
  return page;
}

const idle = (page: Page) => page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no', undefined, { timeout: 60_000 });
const headlineKey = (page: Page) => page.getAttribute('[data-field=headline-run]', 'data-rendered');

async function nextHeadline(page: Page, before: string | null): Promise<void> {
  await page.waitForFunction((key) => document.querySelector('[data-field=headline-run]')?.getAttribute('data-rendered') !== key, before, { timeout: 60_000 });
}

async function downloadOf(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('the workshop notebook in Chromium', () => {
  it.each(Object.entries(SCREENS))('on a %s the answer is in the first screen, nothing scrolls sideways and no chart text is small', async (name, viewport) => {
    const page = await open(harness.browser, viewport);
    await page.waitForTimeout(300); // the six result charts draw one per task
    const headline = (await page.locator('#headline').boundingBox())!;
    expect(headline.y).toBeLessThan(viewport.height * 0.5);
    const first = (await page.locator('[data-fact=likeliest]').boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(viewport.height);
    if (name === 'laptop') expect(headline.y + headline.height).toBeLessThanOrEqual(viewport.height);
    expect(await page.locator('[data-fact]').count()).toBe(4);
    expect(await page.locator('#headline [data-chart=headline] svg[role=img]').count()).toBe(1);
    // No horizontal scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    // Chart text is drawn at its own size (never scaled below 10 px).
    const small = await page.$$eval('[data-chart] svg text', (texts) =>
      texts
        .map((text) => {
          const svg = text.closest('svg') as SVGSVGElement;
          const scale = svg.getBoundingClientRect().width / (svg.width.baseVal.value || svg.getBoundingClientRect().width || 1);
          return { text: text.textContent, size: Number.parseFloat(getComputedStyle(text).fontSize) * scale };
        })
        .filter((entry) => entry.size < 10),
    );
    expect(small).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-top.png`) });
    await page.screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-full.png`), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('the headline follows every change, and a live region announces each new result', async () => {
    const page = await open(harness.browser);
    const before = await headlineKey(page);
    const sentences = await page.locator('[data-field=headline-facts]').innerText();
    const announced = await page.locator('[data-field=announce]').innerText();
    expect(announced).toMatch(/^New quick run of 4,000 passes: most likely /);
    expect(await page.getAttribute('[data-field=announce]', 'aria-live')).toBe('polite');
    // Make the most likely option firm and loud: the headline must change.
    const likeliest = await page.$$eval('[data-field=summary] tbody tr', (rows) =>
      rows.map((row) => ({ id: row.getAttribute('data-option')!, consensus: Number.parseFloat(row.querySelector('[data-measure=consensus]')!.textContent!) })).sort((a, b) => b.consensus - a.consensus)[0]!.id,
    );
    await page.locator(`[data-field="${likeliest}.firmness"]`).fill('1');
    await nextHeadline(page, before);
    await idle(page);
    expect(await page.locator('[data-field=headline-facts]').innerText()).not.toBe(sentences);
    expect(await page.locator('[data-field=announce]').innerText()).not.toBe(announced);
    await page.locator('#headline').screenshot({ path: join(ARTIFACTS, 'workshop-headline-after-change.png') });
    await page.context().close();
  });

  it('labels never collide: stance map, consensus against risk, and one dashed line and end label per option in the convergence chart', async () => {
    for (const viewport of [SCREENS.phone, SCREENS.laptop]) {
      const page = await open(harness.browser, viewport);
      await page.waitForTimeout(300);
      expect(await labelCollisions(page, 'stance-map')).toEqual([]);
      expect(await labelCollisions(page, 'tradeoff')).toEqual([]);
      expect(await labelCollisions(page, 'convergence')).toEqual([]);
      const options = await page.locator('[data-option].option-card').count();
      const dashes = await page.$$eval('[data-chart=convergence] svg g[aria-label=line] path', (paths) => paths.map((p) => p.closest('g')!.getAttribute('stroke-dasharray') ?? 'none'));
      expect(dashes).toHaveLength(options);
      expect(new Set(dashes).size).toBe(options);
      await page.locator('#stance-map').screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-stance-map.png`) });
      await page.locator('#chart-tradeoff').screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-tradeoff.png`) });
      await page.locator('#chart-convergence').screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-convergence.png`) });
      await page.context().close();
    }
  });

  it('a full run is never replaced by a smaller one: rename an option, click Full run at once', async () => {
    const page = await open(harness.browser);
    const name = page.locator('[data-option].option-card input[type=text]').first();
    await name.fill('Renamed in the workshop');
    await page.click('[data-field=full-run]'); // the rename's change event fires first, then the full run starts
    await page.waitForFunction(() => /^Full run: 20,000 passes/.test(document.querySelector('[data-field=result-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.waitForTimeout(1200); // longer than the quick-run delay: a quick run would have replaced it by now
    await idle(page);
    expect(await page.locator('[data-field=result-status]').innerText()).toMatch(/^Full run: 20,000 passes/);
    expect(await page.locator('[data-field=headline-run]').innerText()).toMatch(/^Full run, 20,000 passes/);
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.link === 'current');
    const link = page.url();
    await page.context().close();
    // The link records the full run: opening it repeats the full run.
    const shared = await open(harness.browser, SCREENS.laptop, link.slice(link.indexOf('#')));
    await shared.waitForFunction(() => /^Full run: 20,000 passes/.test(document.querySelector('[data-field=result-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await shared.locator('[data-field=summary]').innerText()).toContain('Renamed in the workshop');
    await shared.context().close();
  });

  it('comparisons re-run a baseline of another size at this run’s size and say so, show no noise as change, and the heatmap legend says "change" (more in compare.test.ts)', async () => {
    const page = await open(harness.browser);
    await page.click('[data-field=pin]'); // the quick run, 4,000 passes
    await page.click('[data-field=full-run]');
    await page.waitForFunction(() => document.querySelector('[data-field=result-status]')?.getAttribute('data-comparison')?.endsWith('/20000') === true, undefined, { timeout: 120_000 });
    await idle(page);
    const note = page.locator('[data-field=run-size-note]');
    await note.waitFor({ state: 'visible' });
    expect(await note.innerText()).toMatch(/^The baseline was pinned from a run of 4,000 passes and this run has 20,000: /);
    // Same scenario and seed: no change is shown as real.
    expect(await page.locator('[data-field=compare] td[data-clear=yes]').count()).toBe(0);
    expect(await page.locator('[data-field=compare] thead').innerText()).toContain('consensus: change');
    expect(await page.locator('#chart-blockers').innerText()).toContain('Change in blocker rate');
    await page.locator('#compare').screenshot({ path: join(ARTIFACTS, 'workshop-compare-sizes.png') });
    await page.context().close();
  });

  it('a bad setting shows its error next to the field, in view, quoting what was typed', async () => {
    for (const viewport of [SCREENS.phone, SCREENS.laptop]) {
      const page = await open(harness.browser, viewport);
      const passes = page.locator('[data-field=passes]');
      await passes.fill('abc');
      await passes.press('Enter');
      const error = page.locator('[data-field=passes-error]');
      await error.waitFor({ state: 'visible' });
      expect(await error.innerText()).toBe('Passes of a full run: “abc” is not a whole number; the passes must be a whole number from 1 to 1000000000.');
      expect(await error.innerText()).not.toContain('NaN');
      expect(await passes.getAttribute('aria-invalid')).toBe('true');
      const field = (await passes.boundingBox())!;
      const message = (await error.boundingBox())!;
      expect(message.y).toBeGreaterThanOrEqual(0);
      expect(message.y + message.height).toBeLessThanOrEqual(viewport.height);
      expect(Math.abs(message.y - (field.y + field.height))).toBeLessThan(60);
      await page.screenshot({ path: join(ARTIFACTS, `workshop-${viewport.width}-field-error.png`) });
      // A good value clears it.
      await passes.fill('20000');
      await passes.press('Enter');
      await error.waitFor({ state: 'hidden' });
      await page.context().close();
    }
  });

  it('sensitivity speaks names, explains its terms in place, and shows Sobol estimates with intervals', async () => {
    const page = await open(harness.browser);
    await page.locator('[data-field=sensitivity-passes]').fill('200');
    // The option whose consensus is nearest 50%: the tornado surely finds parameters that move it.
    const contested = await page.$$eval('[data-field=summary] tbody tr', (rows) =>
      rows.map((row) => ({ id: row.getAttribute('data-option')!, consensus: Number.parseFloat(row.querySelector('[data-measure=consensus]')!.textContent!) / 100 })).sort((a, b) => Math.abs(a.consensus - 0.5) - Math.abs(b.consensus - 0.5))[0]!.id,
    );
    await page.selectOption('[data-field=sensitivity-option]', contested);
    const option = await page.locator('[data-field=sensitivity-option]').inputValue();
    const optionName = await page.locator(`[data-field=sensitivity-option] option[value="${option}"]`).innerText();
    await page.click('[data-field=sensitivity-tornado]');
    await page.waitForFunction(() => document.querySelector('[data-field=sensitivity-tornado-chart] svg') !== null, undefined, { timeout: 120_000 });
    const tornado = await page.locator('[data-field=sensitivity-tornado-chart] h3').innerText();
    expect(tornado).toContain(optionName);
    expect(await page.locator('[data-field=sensitivity-tornado-chart] .explain').innerText()).toMatch(/^This chart shows .* by a step on its own scale \(an uncertain stance center by half its uncertainty on the logit scale, a solidarity cost or the maximum drift by a quarter of its value/);
    // Each bar's step in words, on the parameter's own scale: no cost is moved to 0 by construction.
    const steps = await page.locator('[data-field=sensitivity-steps] li').allTextContents();
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step).toMatch(/^.+: [\d.]+, moved to [\d.]+ and [\d.]+.*, a step of ±[\d.]+( on the logit scale.*| \(a quarter of .*\))?\.$/);
    for (const cost of steps.filter((step) => step.includes('solidarity cost'))) expect(cost).toMatch(/moved to 0\.0*[1-9]/);
    expect(await page.locator('#sensitivity > .explain').innerText()).not.toContain('by 0.1');
    expect(await page.locator('[data-field=sensitivity-tornado-chart] .chart-summary').innerText()).toMatch(/^(No parameter moves this measure\.|.+ moves it most: .+, a step of ±.+\.)$/);
    await page.click('[data-field=sensitivity-sobol]');
    await page.waitForFunction(() => document.querySelector('[data-field=sensitivity-sobol-chart] svg') !== null || /does not vary/.test(document.querySelector('[data-field=sensitivity-sobol-chart]')?.textContent ?? ''), undefined, { timeout: 180_000 });
    const sobol = page.locator('[data-field=sensitivity-sobol-chart]');
    expect(await sobol.locator('h3').innerText()).toBe(`Sobol indices: consensus of ${optionName}`);
    expect(await sobol.locator('h3').innerText()).not.toContain(option === optionName ? '\u0000' : option);
    for (const name of ['first order', 'total', 'bootstrap']) expect(await sobol.locator(`[data-term="${name}"]`).count()).toBe(1);
    if ((await sobol.locator('svg').count()) > 0) {
      // Every index is labelled with its estimate and interval; any drawn at 0 is listed in the caption.
      expect(await sobol.innerText()).toMatch(/\d\.\d\d \(−?\d\.\d\d to −?\d\.\d\d\)/);
      const labels = await sobol.locator('svg g[aria-label=text] text').evaluateAll((texts) => texts.map((t) => t.textContent ?? ''));
      if (labels.some((label) => label.startsWith('−'))) expect(await sobol.locator('figcaption').innerText()).toMatch(/^Drawn at 0/);
    }
    const glossary = (await page.locator('#sensitivity [data-field=glossary]').textContent()) ?? '';
    for (const name of ['first order', 'total', 'bootstrap', 'coverage', 'density', '95% interval', 'logit scale']) expect(glossary).toContain(name);
    await page.locator('#sensitivity').screenshot({ path: join(ARTIFACTS, 'workshop-sensitivity.png') });
    await page.context().close();
  }, 300_000);

  it('a downloaded chart carries its title, legend, scenario and seed', async () => {
    const page = await open(harness.browser);
    const title = await page.locator('[data-field=scenario-name]').innerText();
    const svg = await downloadOf(page, '[data-download="convergence.svg"]');
    expect(svg).toContain('>Convergence<');
    expect(svg).toContain(title.replaceAll("'", '&apos;').slice(0, 20));
    expect(svg).toContain('seed hague-2025');
    expect(svg).toContain('4,000 passes');
    const firstOption = await page.locator('[data-field=summary] tbody tr th').first().innerText();
    expect(svg).toContain(firstOption.slice(0, 12)); // a legend swatch (and end label) per option
    const heatmap = await downloadOf(page, '[data-download="blockers.svg"]');
    expect(heatmap).toContain('Blocker rate (share of passes):');
    expect(heatmap).toContain('under 1%');
    await page.context().close();
  });

  it('is accessible: skip link and section menu, named and described charts, distinct button names, labels that follow renames, a short Tab path to an ally', async () => {
    const page = await open(harness.browser);
    await page.waitForTimeout(300);
    // Skip link: the first Tab stop, it moves focus to the answer.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the answer');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('headline-title');
    // Every chart has an accessible name and a text summary.
    const charts = await page.$$eval('[data-chart] svg[role=img]', (svgs) => svgs.map((svg) => ({ name: svg.getAttribute('aria-label'), summary: document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '' })));
    expect(charts.length).toBeGreaterThanOrEqual(8); // headline, stance map, six results
    for (const chart of charts) {
      expect(chart.name).toBeTruthy();
      expect(chart.summary.length).toBeGreaterThan(20);
    }
    // No two buttons share an accessible name.
    const names = await page.$$eval('button', (buttons) => buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
    const repeated = names.filter((name, k) => names.indexOf(name) !== k);
    expect(repeated).toEqual([]);
    // A renamed option's sliders say the new name.
    const card = page.locator('[data-option].option-card').first();
    const id = await card.getAttribute('data-option');
    await card.locator('input[type=text]').fill('Quiet resolve');
    await card.locator('input[type=text]').press('Enter');
    await page.waitForFunction((option) => document.querySelector(`[data-field="${option}.firmness"]`)?.getAttribute('aria-label') === 'Quiet resolve Firmness', id);
    // From the section menu to an ally's slider in a few key presses.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('details.menu summary').focus();
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    await press('Enter'); // open the menu
    for (let k = 0; k < 5; k++) await press('Tab'); // The answer, Strategy options, Stance map, Map of viable texts, Allies
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Allies');
    await press('Enter');
    await press('Tab'); // the sort menu
    await press('Tab'); // the filter
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('ally-filter');
    const ally = await page.$eval('tr[data-ally]', (row) => ({ id: row.getAttribute('data-ally')!, name: row.querySelector('th')!.childNodes[0]!.textContent! }));
    await page.keyboard.type(ally.name);
    await press('Tab'); // reset all allies
    await press('Tab'); // the ally's first slider
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe(`${ally.id}.hawkishness.center`);
    expect(presses).toBeLessThanOrEqual(12);
    await page.context().close();
  });

  it('explains every term where it appears, and the chart and the table round the same way', async () => {
    const page = await open(harness.browser);
    await page.waitForTimeout(300);
    const explained = await page.$$eval('[data-term], details.glossary dt', (nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-term') ?? n.textContent ?? ''))]);
    for (const name of ['salience', 'logit scale', 'uncertainty', 'solidarity cost', 'exponent', 'threshold center', 'maximum drift', 'dilution', 'passes', 'seed', 'scenario hash']) expect(explained, name).toContain(name);
    const uncertainty = (await page.locator('#allies details.glossary').textContent()) ?? '';
    expect(uncertainty).toMatch(/uncertainty\s*The standard deviation of a parameter’s log-odds across passes \(logit units\)/);
    // The consensus chart's labels are the summary table's texts.
    const table = await page.$$eval('[data-field=summary] [data-measure=consensus]', (cells) => cells.map((c) => c.textContent));
    const chart = await page.$$eval('[data-chart=consensus] svg g[aria-label=text] text', (texts) => texts.map((t) => t.textContent));
    for (const text of table) expect(chart).toContain(text);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
