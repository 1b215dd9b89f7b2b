/**
 * The map of viable texts (#landscape, issue 11) in real headless Chromium: the map comes coarse,
 * then refines; the numbers it shows are byte for byte the core's landscape() in Node for the same
 * scenario, seed and passes (coarse and fine, also after a change); clicking a square or pressing
 * Enter on it adds its text as an option (the link and the headline follow); "Find the most
 * viable text" marks the core's best text with its interval; at 390, 768 and 1400 px the page
 * does not scroll sideways and no two labels overlap. Screenshots go to test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { landscape, landscapeCsv, validateScenario, type LandscapeResult, type Scenario } from '../../packages/core/src/index.js';
import { mapSettings, MAP_SHAPES, cellsFingerprint } from '../../packages/notebook/src/landscape/mapSchedule.js';
import { DEFAULT_RUN_SETTINGS } from '../../packages/notebook/src/notebookState.js';
import { ARTIFACTS, SCREENS, labelCollisions, startNotebook, type NotebookHarness } from './browserHarness.js';

let harness: NotebookHarness;
const pageErrors: string[] = [];
/** The scenario the page opens on, as the page validates it. */
const SCENARIO: Scenario = validateScenario(JSON.parse(readFileSync(resolve('examples/scenarios/nato-russia-2025.json'), 'utf8')));
const SEED = DEFAULT_RUN_SETTINGS.seed;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startNotebook('landscape', inject('chromiumPath'));
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

async function open(viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await harness.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  await page.waitForSelector('[data-field=headline-run][data-rendered]', { timeout: 60_000 });
  return page;
}

/** The maps the page has drawn (its `concert-map` measures), oldest first. */
type DrawnMap = { kind: 'coarse' | 'fine'; passesDone: number; final: boolean; grid: number; fingerprint: string; duration: number };
const drawnMaps = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('concert-map').map((entry) => ({ ...(entry as PerformanceMeasure).detail, duration: entry.duration }))) as Promise<DrawnMap[]>;

/** Waits until the page has drawn a final map after `count` maps drawn. */
async function finalMapAfter(page: Page, count: number): Promise<DrawnMap[]> {
  await page.waitForFunction((before) => performance.getEntriesByName('concert-map').slice(before).some((entry) => (entry as PerformanceMeasure).detail.final), count, { timeout: 120_000 });
  return (await drawnMaps(page)).slice(count);
}

/** The core's maps for a visibility (what the page computes for the default scenario and seed). */
function coreMaps(visibility: number): { coarse: LandscapeResult; fine: LandscapeResult } {
  return { coarse: landscape(SCENARIO, mapSettings(MAP_SHAPES.coarse, SEED, visibility)), fine: landscape(SCENARIO, mapSettings(MAP_SHAPES.fine, SEED, visibility)) };
}

/** Clicks the square of a text, found from the chart's own frame (the map spans [-h, 1 + h] on both axes). */
async function clickText(page: Page, firmness: number, engagement: number): Promise<void> {
  await page.locator('[data-chart=landscape] svg[aria-label="Map of viable texts"]').scrollIntoViewIfNeeded();
  const at = await page.evaluate(
    ([f, e]) => {
      const svg = document.querySelector('[data-chart=landscape] svg[aria-label="Map of viable texts"]') as SVGSVGElement;
      const box = svg.getBoundingClientRect();
      const image = svg.querySelector('image')!.getBoundingClientRect();
      // The raster image covers exactly the map's squares.
      if (image.left < box.left - 1 || image.right > box.right + 1) throw new Error('the map image is not inside the chart');
      return { x: image.left + ((f! + 1 / 80) / (1 + 1 / 40)) * image.width, y: image.bottom - ((e! + 1 / 80) / (1 + 1 / 40)) * image.height };
    },
    [firmness, engagement],
  );
  await page.mouse.click(at.x, at.y);
}

describe('map of viable texts in Chromium', () => {
  it('comes coarse, then refines, and shows byte for byte the core’s maps (at opening and after a change)', async () => {
    const page = await open();
    const opening = await finalMapAfter(page, 0);
    const visibility = SCENARIO.statusQuo.visibility;
    let core = coreMaps(visibility);
    // Coarse first, then the fine map with more passes each step, ending on the final map.
    const fromCoarse = opening.slice(opening.map((map) => map.kind).lastIndexOf('coarse'));
    expect(fromCoarse[0]).toMatchObject({ kind: 'coarse', grid: 11, passesDone: 500, fingerprint: cellsFingerprint(core.coarse.cells) });
    const fine = fromCoarse.slice(1);
    // Every drawing is of whole blocks, more passes each time (two steps done within one frame are drawn once).
    const passes = fine.map((map) => map.passesDone);
    expect(passes.length).toBeGreaterThanOrEqual(3);
    expect(passes.at(-1)).toBe(2000);
    for (let k = 1; k < passes.length; k++) expect(passes[k]!).toBeGreaterThanOrEqual(passes[k - 1]!);
    expect(passes.every((done) => done % 250 === 0)).toBe(true);
    expect(fine.at(-1)).toMatchObject({ kind: 'fine', grid: 41, final: true, fingerprint: cellsFingerprint(core.fine.cells) });
    // Refining repaints the squares in place: the picture equals the one a full drawing gives.
    const repainted = await page.getAttribute('[data-chart=landscape] svg image', 'href');
    const drawn = await page.getAttribute('[data-chart=landscape]', 'data-drawn');
    await page.selectOption('[data-field=landscape-measure]', 'risk');
    await page.waitForFunction((before) => document.querySelector('[data-chart=landscape]')?.getAttribute('data-drawn') !== before, drawn);
    const redrawn = await page.getAttribute('[data-chart=landscape]', 'data-drawn');
    await page.selectOption('[data-field=landscape-measure]', 'viability');
    await page.waitForFunction((before) => document.querySelector('[data-chart=landscape]')?.getAttribute('data-drawn') !== before, redrawn);
    expect(await page.getAttribute('[data-chart=landscape] svg image', 'href')).toBe(repainted);
    // The downloaded map is the core's result, as `concert landscape --format json` prints it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="landscape.json"]')]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(JSON.stringify(core.fine, null, 2) + '\n');
    // And as CSV, one row per text: the very bytes of `concert landscape --format csv`.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="landscape.csv"]')]);
    expect(csv.suggestedFilename()).toBe('concert-landscape.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(landscapeCsv(core.fine));
    await page.locator('#landscape').screenshot({ path: join(ARTIFACTS, 'landscape-final.png') });

    // A change (the map's visibility) starts a new map: coarse at once, then refined, again the core's.
    const before = (await drawnMaps(page)).length;
    await page.locator('[data-field=landscape-visibility]').fill('0.6');
    await page.waitForFunction((count) => performance.getEntriesByName('concert-map').length > count, before, { timeout: 60_000 });
    await page.locator('#landscape').screenshot({ path: join(ARTIFACTS, 'landscape-refining.png') });
    const changed = await finalMapAfter(page, before);
    core = coreMaps(0.6);
    expect(changed[0]).toMatchObject({ kind: 'coarse', fingerprint: cellsFingerprint(core.coarse.cells) });
    expect(changed.at(-1)).toMatchObject({ kind: 'fine', final: true, fingerprint: cellsFingerprint(core.fine.cells) });
    console.log(`map after a change: coarse drawn ${changed[0]!.duration.toFixed(0)} ms after it, final ${changed.at(-1)!.duration.toFixed(0)} ms`);
    expect(await page.locator('#landscape').innerText()).not.toContain('NaN');
    await page.context().close();
  }, 240_000);

  it('adds a clicked square, or the square chosen with the arrow keys and Enter, as an option: the link and the headline follow', async () => {
    const page = await open();
    await finalMapAfter(page, 0);
    const options = await page.locator('.option-card').count();
    const hash = await page.evaluate(() => location.hash);
    const headline = await page.getAttribute('[data-field=headline-run]', 'data-rendered');
    await clickText(page, 0.5, 0.25);
    await page.waitForFunction((n) => document.querySelectorAll('.option-card').length === n + 1, options);
    expect(await page.locator('.option-card').last().locator('input[type=text]').inputValue()).toBe('Map text: firmness 0.50, engagement 0.25');
    expect(await page.locator('[data-field=landscape-readout]').innerText()).toContain('firmness 0.50, engagement 0.25');
    await page.waitForFunction((key) => document.querySelector('[data-field=headline-run]')?.getAttribute('data-rendered') !== key, headline, { timeout: 60_000 });
    await page.waitForFunction((before) => location.hash !== before, hash, { timeout: 10_000 });
    // The new option is in the results table of the quick run.
    await page.waitForSelector(`[data-field=summary] tr[data-option="option-${options + 1}"]`, { timeout: 60_000 });

    // Keyboard: focus the map (the status quo's square), move right, Enter.
    await page.locator('[data-chart=landscape]').focus();
    await page.keyboard.press('ArrowRight');
    const readout = await page.locator('[data-field=landscape-readout]').innerText();
    expect(readout).toMatch(/^Firmness \d\.\d\d, engagement \d\.\d\d at visibility 0\.\d\d: consensus \d+\.\d% \(/);
    // Who blocks that text follows from a worker (the refined map counts no blockers itself).
    await page.waitForFunction(() => /(Blocked most often by .+ \(\d+\.\d% \(|No ally blocked it)/.test(document.querySelector('[data-field=landscape-readout]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.option-card').length === n + 2, options);
    expect(await page.locator('.option-card').last().locator('input[type=text]').inputValue()).toMatch(/^Map text: firmness \d\.\d\d, engagement \d\.\d\d$/);
    await page.context().close();
  }, 240_000);

  it('marks the most viable text with its interval, the core’s best text', async () => {
    const page = await open();
    await page.click('[data-field=landscape-find]');
    await finalMapAfter(page, 0);
    const best = coreMaps(SCENARIO.statusQuo.visibility).fine.mostViable!;
    await page.waitForFunction(() => document.querySelector('[data-field=landscape-best]')?.textContent?.startsWith('The most viable text on this map is'));
    const sentence = await page.locator('[data-field=landscape-best]').innerText();
    expect(sentence).toContain(`firmness ${best.best.firmness.toFixed(2)}, engagement ${best.best.engagement.toFixed(2)}`);
    expect(sentence).toMatch(/in \d+\.\d% \(\d+\.\d–\d+\.\d%\) of 2,000 passes/);
    expect(await page.locator('[data-chart=landscape] svg g[aria-label=text] text', { hasText: 'most viable' }).count()).toBe(1);
    const options = await page.locator('.option-card').count();
    await page.click('[data-field=landscape-add-best]');
    await page.waitForFunction((n) => document.querySelectorAll('.option-card').length === n + 1, options);
    await page.context().close();
  }, 240_000);

  for (const viewport of Object.values(SCREENS))
    it(`fits ${viewport.width} px: no sideways scrolling, labels apart, a named chart with a summary`, async () => {
      const page = await open(viewport);
      await page.click('[data-field=landscape-find]');
      await finalMapAfter(page, 0);
      await page.waitForFunction(() => document.querySelector('[data-field=landscape-best]')?.textContent?.startsWith('The most viable text'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await labelCollisions(page, 'landscape')).toEqual([]);
      const smallest = await page.$$eval('[data-chart=landscape] svg text', (texts) => Math.min(...texts.map((t) => Number.parseFloat(getComputedStyle(t).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(10);
      expect(await page.getAttribute('[data-chart=landscape] svg[role=img]', 'aria-label')).toBe('Map of viable texts');
      expect(await page.locator('#landscape-summary').innerText()).toMatch(/^Consensus without risk \(viability\) of 1,681 texts/);
      expect(await page.locator('#landscape').innerText()).not.toContain('NaN');
      await page.locator('#landscape').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `landscape-${viewport.width}.png`) });
      await page.locator('#landscape').screenshot({ path: join(ARTIFACTS, `landscape-section-${viewport.width}.png`) });
      await page.context().close();
    }, 240_000);

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
