/**
 * End-to-end tests of the notebook in real headless Chromium (found or set up once per run by
 * globalSetup.ts, driven by playwright-core):
 * the build served on 127.0.0.1 as a static site. Screenshots go to test-artifacts/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalJson, simulate, type Scenario } from '../../packages/core/src/index.js';
import { DEFAULT_RUN_SETTINGS } from '../../packages/notebook/src/notebookState.js';
import { ARTIFACTS, startNotebook, type NotebookHarness } from './browserHarness.js';

let harness: NotebookHarness;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startNotebook('e2e', inject('chromiumPath'));
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** Opens the notebook (optionally at a link's hash) and waits until the first result is drawn. */
async function openNotebook(hash = '', waitForResult = true): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${harness.url}${hash}`);
  if (waitForResult) await page.waitForSelector('[data-field=result-status][data-rendered]', { timeout: 60_000 });
  return page;
}

/** Waits until the charts show a result different from `previous` (the `data-rendered` key). */
async function nextRendered(page: Page, previous: string | null): Promise<string> {
  await page.waitForFunction((before) => {
    const now = document.querySelector('[data-field=result-status]')?.getAttribute('data-rendered');
    return now !== null && now !== undefined && now !== before && document.getElementById('notebook')?.dataset.running === 'no';
  }, previous, { timeout: 60_000 });
  return (await page.getAttribute('[data-field=result-status]', 'data-rendered'))!;
}

const rendered = (page: Page) => page.getAttribute('[data-field=result-status]', 'data-rendered');
const summaryText = (page: Page) => page.locator('[data-field=summary]').innerText();
const chartMarkup = (page: Page, id: string) => page.locator(`[data-chart=${id}]`).innerHTML();

/** The option whose consensus is nearest 50% (moving it surely changes the figures) and its firmness slider. */
async function contestedOption(page: Page) {
  const rows = await page.$$eval('[data-field=summary] tbody tr', (trs) =>
    trs.map((tr) => ({ id: tr.getAttribute('data-option')!, consensus: Number.parseFloat(tr.querySelector('[data-measure=consensus]')!.textContent!) / 100 })),
  );
  const { id } = [...rows].sort((a, b) => Math.abs(a.consensus - 0.5) - Math.abs(b.consensus - 0.5))[0]!;
  const slider = page.locator(`[data-field="${id}.firmness"]`);
  return { id, slider, firmness: Number(await slider.inputValue()) };
}

/** Reads a downloaded file that a click offers. */
async function downloadOf(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('notebook in Chromium', () => {
  it('opens on the default scenario with every chart drawn and no page error', async () => {
    const page = await openNotebook();
    const defaultExists = existsSync(resolve('examples/scenarios/nato-russia-2025.json'));
    const picked = await page.locator('[data-field=scenario-picker]').inputValue();
    expect(picked).toBe(defaultExists ? 'nato-russia-2025' : 'toy-32');
    for (const id of ['stance-map', 'consensus', 'tradeoff', 'blockers', 'signal', 'dilution', 'convergence'])
      expect(await page.locator(`[data-chart=${id}] svg`).count(), id).toBeGreaterThan(0);
    expect(await page.content()).not.toContain('NaN');
    await page.screenshot({ path: join(ARTIFACTS, 'notebook-top.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'notebook-full.png'), fullPage: true });
    for (const id of ['stance-map', 'results', 'chart-tradeoff', 'chart-blockers', 'chart-signal', 'reproduce'])
      await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `notebook-${id}.png`) });
    // Each chart downloads as SVG and PNG; results as JSON and CSV.
    const svg = await downloadOf(page, '[data-download="consensus.svg"]');
    expect(svg).toMatch(/^<\?xml[^]*<svg[^]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="stance-map.png"]')]);
    expect(png.suggestedFilename()).toBe('concert-stance-map.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await downloadOf(page, '[data-field=download-csv]')).split('\n')[0]).toMatch(/^scenario_id,seed,passes,option_id,option,proposed_firmness,/);
    expect((await downloadOf(page, '[data-field=download-allies-csv]')).split('\n')[0]).toMatch(/^scenario_id,seed,passes,option_id,option,ally_id,ally,/);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('the full run of the default scenario gives the same bytes as the core in Node with the same settings', async () => {
    const page = await openNotebook();
    const before = await rendered(page);
    await page.click('[data-field=full-run]');
    await nextRendered(page, before);
    expect(await page.locator('[data-field=result-status]').innerText()).toMatch(/^Full run: 20,000 passes, seed hague-2025/);
    const shown = await downloadOf(page, '[data-field=download-json]');
    const picked = await page.locator('[data-field=scenario-picker]').inputValue();
    const file = picked === 'toy-32' ? 'tests/fixtures/toy-32.json' : `examples/scenarios/${picked}.json`;
    const scenario = JSON.parse(readFileSync(resolve(file), 'utf8')) as unknown;
    const { passes, seed } = DEFAULT_RUN_SETTINGS;
    expect(shown).toBe(`${JSON.stringify(simulate(scenario, { passes, seed }), null, 2)}\n`);
    await page.locator('#results').screenshot({ path: join(ARTIFACTS, 'notebook-full-run-results.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('picking another built-in scenario loads it and reruns', async () => {
    const page = await openNotebook();
    const keys = await page.$$eval('[data-field=scenario-picker] option:not([disabled])', (options) => options.map((o) => (o as HTMLOptionElement).value));
    const other = keys.find((key) => key !== keys[0]);
    if (other === undefined) {
      // Only one scenario is built in (examples/scenarios/ is empty): nothing to switch to.
      expect(keys).toEqual(['toy-32']);
      await page.context().close();
      return;
    }
    const titleBefore = await page.locator('.scenario-title').innerText();
    const before = await rendered(page);
    await page.selectOption('[data-field=scenario-picker]', other);
    await nextRendered(page, before);
    const expected = JSON.parse(readFileSync(resolve(`examples/scenarios/${other}.json`), 'utf8')) as { title: string };
    expect(await page.locator('.scenario-title').innerText()).toBe(expected.title);
    expect(expected.title).not.toBe(titleBefore);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('moving an option slider reruns and changes the figures', async () => {
    const page = await openNotebook();
    const before = await rendered(page);
    const consensusBefore = await chartMarkup(page, 'consensus');
    const summaryBefore = await summaryText(page);
    const option = await contestedOption(page);
    await option.slider.fill(String(option.firmness < 0.5 ? 0.95 : 0.05));
    await nextRendered(page, before);
    expect(await chartMarkup(page, 'consensus')).not.toBe(consensusBefore);
    expect(await summaryText(page)).not.toBe(summaryBefore);
    await page.locator('#results').screenshot({ path: join(ARTIFACTS, 'notebook-after-slider.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('dragging an ally on the stance map moves its sliders', async () => {
    const page = await openNotebook();
    // The ally whose dot is farthest from every other dot, so the drag grabs it and nothing else.
    const points = await page.$$eval('tr[data-ally]', (rows) =>
      rows.map((row) => {
        const id = row.getAttribute('data-ally')!;
        const value = (field: string) => Number((row.querySelector(`[data-field="${id}.${field}.center"]`) as HTMLInputElement).value);
        return { id, firmness: value('hawkishness'), engagement: value('engagementPreference') };
      }),
    );
    const options = await page.$$eval('[data-option].option-card', (cards) =>
      cards.map((card) => {
        const id = card.getAttribute('data-option')!;
        const value = (field: string) => Number((card.querySelector(`[data-field="${id}.${field}"]`) as HTMLInputElement).value);
        return { id, firmness: value('firmness'), engagement: value('engagement') };
      }),
    );
    const isolation = (p: (typeof points)[number]) =>
      Math.min(...[...points, ...options].filter((q) => q !== p).map((q) => Math.hypot(q.firmness - p.firmness, q.engagement - p.engagement)));
    const ally = [...points].sort((a, b) => isolation(b) - isolation(a))[0]!;
    await page.locator('[data-chart=stance-map]').scrollIntoViewIfNeeded();
    // The dot's place on screen, from the chart's own scales (labels move to avoid each other).
    const start = await page.evaluate(({ firmness, engagement }) => {
      const chart = document.querySelector('[data-chart=stance-map]')!.firstElementChild as Element & { scale(name: string): { apply(v: number): number } };
      const svg = [...chart.querySelectorAll('svg')].at(-1)!;
      const box = svg.getBoundingClientRect();
      return { x: box.left + chart.scale('x').apply(firmness), y: box.top + chart.scale('y').apply(engagement) };
    }, ally);
    const target = { x: start.x + (ally.firmness < 0.5 ? 120 : -120), y: start.y + (ally.engagement < 0.5 ? -90 : 90) };
    const before = await rendered(page);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(start.x + ((target.x - start.x) * k) / 10, start.y + ((target.y - start.y) * k) / 10);
    await page.locator('[data-chart=stance-map]').screenshot({ path: join(ARTIFACTS, 'notebook-dragging.png') });
    await page.mouse.up();
    const hawkishness = Number(await page.locator(`[data-field="${ally.id}.hawkishness.center"]`).inputValue());
    const engagement = Number(await page.locator(`[data-field="${ally.id}.engagementPreference.center"]`).inputValue());
    expect(Math.sign(hawkishness - ally.firmness)).toBe(ally.firmness < 0.5 ? 1 : -1);
    expect(Math.abs(hawkishness - ally.firmness)).toBeGreaterThan(0.1);
    expect(Math.sign(engagement - ally.engagement)).toBe(ally.engagement < 0.5 ? 1 : -1);
    expect(Math.abs(engagement - ally.engagement)).toBeGreaterThan(0.1);
    expect(await page.locator('.readout').innerText()).toContain('Moved ally');
    await nextRendered(page, before);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('a shared link reproduces byte-identical numbers, equal to the core and the CLI in Node', async () => {
    const page = await openNotebook();
    let before = await rendered(page);
    await page.locator('[data-field=seed]').fill('shared-link-7');
    await page.locator('[data-field=seed]').press('Enter');
    before = await nextRendered(page, before);
    await page.locator('[data-field=quickPasses]').fill('3000');
    await page.locator('[data-field=quickPasses]').press('Enter');
    await nextRendered(page, before);
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.link === 'current');
    const link = page.url();
    const original = await downloadOf(page, '[data-field=download-json]');
    const summary = await summaryText(page);
    await page.context().close();

    const shared = await openNotebook(link.slice(link.indexOf('#')));
    expect(await summaryText(shared)).toBe(summary);
    const reopened = await downloadOf(shared, '[data-field=download-json]');
    expect(reopened).toBe(original);

    // What a researcher does: save the scenario, run the command the panel shows.
    const scenarioText = await downloadOf(shared, '[data-field=download-scenario]');
    const command = await shared.locator('[data-field=cli-command]').innerText();
    expect(command).toBe('pnpm concert run scenario.json --passes 3000 --seed shared-link-7');
    const scenario = JSON.parse(scenarioText) as Scenario;
    expect(`${JSON.stringify(simulate(scenario, { passes: 3000, seed: 'shared-link-7' }), null, 2)}\n`).toBe(reopened);
    const folder = mkdtempSync(join(tmpdir(), 'concert-e2e-'));
    writeFileSync(join(folder, 'scenario.json'), scenarioText);
    const cli = execFileSync('npx', ['tsx', 'packages/core/cli/concert.ts', 'run', join(folder, 'scenario.json'), '--passes', '3000', '--seed', 'shared-link-7'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(canonicalJson(JSON.parse(cli))).toBe(canonicalJson(JSON.parse(reopened)));
    expect(pageErrors).toEqual([]);
    await shared.context().close();
  });

  it('a broken scenario file shows its problems and keeps the current state', async () => {
    const page = await openNotebook();
    const hashBefore = await page.evaluate(() => location.hash);
    const titleBefore = await page.locator('.scenario-title').innerText();
    const summaryBefore = await summaryText(page);
    const toy = JSON.parse(readFileSync(resolve('tests/fixtures/toy-32.json'), 'utf8')) as { allies: { id: string; hawkishness: unknown; name?: string }[]; options: unknown[] };
    toy.allies[3]!.hawkishness = { center: 1.4, uncertainty: 0.5 };
    toy.allies[5]!.id = toy.allies[4]!.id;
    toy.allies[0]!.name = '<img src=x onerror="document.title=1">';
    toy.options = [];
    await page.setInputFiles('[data-field=scenario-file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toy)) });
    // The problems appear next to the file field, in view, naming each ally by its name.
    const problems = page.locator('[data-field=file-problems]');
    await problems.waitFor({ state: 'visible' });
    expect(await problems.locator('strong').innerText()).toBe('broken.json is not a valid scenario; the notebook keeps the current one.');
    expect(await problems.locator('li').allInnerTexts()).toEqual([
      'Ally 4’s hawkishness center: must be strictly between 0 and 1, got 1.4 (allies[3].hawkishness.center)',
      'Ally 6’s id: must be unique (already used by allies[4]), got "A05" (allies[5].id)',
      'options: must list at least one strategy option, got []',
    ]);
    const box = (await problems.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 200)).toBeLessThanOrEqual(900);
    await page.screenshot({ path: join(ARTIFACTS, 'notebook-broken-file.png') });
    expect(await page.evaluate(() => location.hash)).toBe(hashBefore);
    expect(await page.locator('.scenario-title').innerText()).toBe(titleBefore);
    expect(await summaryText(page)).toBe(summaryBefore);

    await page.setInputFiles('[data-field=scenario-file]', { name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ "allies": [') });
    await page.waitForFunction(() => document.querySelector('[data-field=file-problems] strong')?.textContent?.startsWith('not-json.json'));
    expect((await problems.locator('li').allInnerTexts())[0]).toMatch(/^\(file\): must be JSON; /);

    // A valid file whose names hold markup: loaded, shown as text, never as elements.
    toy.allies[3]!.hawkishness = { center: 0.4, uncertainty: 0.5 };
    toy.allies[5]!.id = 'A06';
    toy.options = [{ id: 'x', name: '<b id="injected">bold</b>', firmness: 0.5, engagement: 0.5, visibility: 0.5 }];
    const before = await rendered(page);
    await page.setInputFiles('[data-field=scenario-file]', { name: 'markup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toy)) });
    await nextRendered(page, before);
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.locator('[data-field=summary]').innerText()).toContain('<b id="injected">bold</b>');
    expect(await page.title()).not.toBe('1');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('a tampered link shows its problems and opens the default scenario', async () => {
    const page = await openNotebook('#v=1&s=bm90LWEtc3RhdGU');
    const problems = page.locator('[data-field=problems]');
    await problems.waitFor({ state: 'visible' });
    expect(await problems.locator('li').allInnerTexts()).toEqual(['link s: must be a compressed notebook state; the link may be cut short or altered']);
    expect(await page.locator('[data-chart=consensus] svg').count()).toBeGreaterThan(0);
    // Tampering with the address bar later keeps the state that was there.
    const summary = await summaryText(page);
    await page.evaluate(() => {
      location.hash = 'v=2&s=abc';
    });
    await page.waitForFunction(() => document.querySelector('[data-field=problems] li')?.textContent?.startsWith('link v'));
    expect(await problems.locator('li').allInnerTexts()).toEqual(['link v: must be 1 (the state version this notebook reads), got "2"']);
    expect(await summaryText(page)).toBe(summary);
    await page.waitForFunction(() => location.hash.startsWith('#v=1&s='));
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('a full run shows progress and can be cancelled; a pinned baseline shows the changes', async () => {
    const page = await openNotebook();
    await page.locator('[data-field=passes]').fill('2000000');
    await page.locator('[data-field=passes]').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-field=full-run]')?.textContent === 'Full run (2,000,000 passes)');
    await page.click('[data-field=full-run]');
    await page.waitForFunction(() => /^Full run: [\d,]+ \/ 2,000,000 passes$/.test(document.querySelector('[data-field=progress-text]')?.textContent ?? ''));
    await page.waitForFunction(() => Number((document.querySelector('[data-field=progress]') as HTMLProgressElement).value) > 0);
    await page.screenshot({ path: join(ARTIFACTS, 'notebook-full-run-progress.png') });
    await page.click('[data-field=cancel]');
    await page.waitForFunction(() => document.getElementById('notebook')?.dataset.running === 'no');
    expect(await page.locator('[data-field=result-status]').innerText()).toMatch(/^Quick run/);

    await page.click('[data-field=pin]');
    const before = await rendered(page);
    const option = await contestedOption(page);
    await option.slider.fill(String(option.firmness < 0.5 ? 0.95 : 0.05));
    await nextRendered(page, before);
    // The paired comparison follows the new result in its own worker.
    await page.waitForSelector('[data-field=compare] tbody tr', { timeout: 60_000 });
    const rows = await page.locator('[data-field=compare] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('[data-field=compare]').innerText()).toMatch(/[+−]\d+\.\d pt \([+−]\d+\.\d to [+−]\d+\.\d pt\)/);
    await page.locator('#compare').screenshot({ path: join(ARTIFACTS, 'notebook-compare.png') });
    await page.locator('#chart-tradeoff').screenshot({ path: join(ARTIFACTS, 'notebook-compare-tradeoff.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
