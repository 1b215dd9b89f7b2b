/**
 * The browser-test harness: builds the notebook with Vite's API, serves the build on 127.0.0.1
 * with a tiny static server (as any static host would), and launches headless Chromium (Debian's, or
 * whichever chromium.ts finds) through playwright-core. Used by the end-to-end tests and the notebook benchmark.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildNotebook } from '../../packages/notebook/scripts/buildNotebook.js';
import { ensureChromium } from './chromium.js';

/** Flags for headless Chromium in a container. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where screenshots are saved (gitignored). */
export const ARTIFACTS = resolve('test-artifacts');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves a folder's files on 127.0.0.1 at a free port; resolves to the server and its base URL. */
export async function serveFolder(folder: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(folder, path === '/' ? 'index.html' : path));
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** A built, served notebook and a browser to open it in. */
export interface NotebookHarness {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds and serves the notebook and launches the Chrome or Chromium at `chromiumPath` (the tests
 * pass the one their global setup found; by default, whichever chromium.ts finds or sets up).
 *
 * @throws {Error} with one sentence when no Chrome or Chromium can be found or set up.
 */
export async function startNotebook(name = 'e2e', chromiumPath = ensureChromium().path): Promise<NotebookHarness> {
  const dist = await buildNotebook({ outDir: join(tmpdir(), `concert-notebook-${name}-${process.pid}`) });
  const { server, url } = await serveFolder(dist);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** The three screens every workshop test checks: a phone, a tablet and a laptop. */
export const SCREENS = { phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 }, laptop: { width: 1400, height: 900 } } as const;

/** Pairs of mark labels (Plot text marks) inside a chart whose boxes overlap, as "a / b". */
export async function labelCollisions(page: Page, chart: string): Promise<string[]> {
  return page.$$eval(`[data-chart=${chart}] svg g[aria-label=text] text`, (texts) => {
    const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() })).filter((b) => b.box.width > 0);
    const hits: string[] = [];
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const p = boxes[a]!.box;
        const q = boxes[b]!.box;
        if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) hits.push(`${boxes[a]!.text} / ${boxes[b]!.text}`);
      }
    return hits;
  });
}
