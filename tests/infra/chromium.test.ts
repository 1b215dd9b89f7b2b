/**
 * How the browser tests find Chrome or Chromium (tests/e2e/chromium.ts), on made-up machines: the
 * environment variable wins, then the usual paths, PATH and playwright's download; where none is
 * found the platform's conventional set-up runs, or one sentence says what to install.
 */
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ENV,
  ensureChromium,
  findChromium,
  missingChromiumMessage,
  setupPlan,
  type ChromiumHost,
  type SetupCommand,
} from '../e2e/chromium.js';

/** A machine with these executables (and anything the set-up commands add). */
function machine(executables: string[], overrides: Partial<ChromiumHost> = {}): ChromiumHost & { files: Set<string> } {
  const files = new Set(executables);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin:/opt/chrome/bin' },
    platform: 'linux',
    isRoot: true,
    isDebian: true,
    isExecutable: (path) => files.has(path),
    playwrightChromium: () => '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome',
    ...overrides,
    files,
  };
}

const sentence = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;

describe('findChromium(host)', () => {
  it('CONCERT_CHROMIUM wins over every other browser', () => {
    const host = machine(['/usr/bin/chromium', '/opt/my/chrome'], { env: { [CHROMIUM_ENV]: '/opt/my/chrome', PATH: '/usr/bin' } });
    expect(findChromium(host)).toEqual({ path: '/opt/my/chrome', source: CHROMIUM_ENV });
  });

  it('a CONCERT_CHROMIUM that names no executable stops the search with one sentence naming it', () => {
    const host = machine(['/usr/bin/chromium'], { env: { [CHROMIUM_ENV]: '/nowhere/chrome' } });
    const search = findChromium(host);
    expect(search.path).toBeUndefined();
    expect(search).toEqual({ error: `${CHROMIUM_ENV} is set to "/nowhere/chrome", which is not an executable file: point it at a Chrome or Chromium executable, or unset it.` });
    expect(() => ensureChromium(host, () => ({ status: 0, output: '' }))).toThrow('CONCERT_CHROMIUM is set to "/nowhere/chrome"');
  });

  it("then Debian's /usr/bin/chromium, then the other usual paths", () => {
    expect(findChromium(machine(['/usr/bin/google-chrome', '/usr/bin/chromium']))).toEqual({ path: '/usr/bin/chromium', source: '/usr/bin/chromium' });
    expect(findChromium(machine(['/usr/bin/google-chrome']))).toEqual({ path: '/usr/bin/google-chrome', source: '/usr/bin/google-chrome' });
  });

  it('then chromium, chromium-browser, google-chrome on PATH, in that order', () => {
    expect(findChromium(machine(['/opt/chrome/bin/google-chrome', '/usr/local/bin/chromium-browser']))).toEqual({ path: '/usr/local/bin/chromium-browser', source: 'chromium-browser on PATH' });
    expect(findChromium(machine(['/opt/chrome/bin/google-chrome']))).toEqual({ path: '/opt/chrome/bin/google-chrome', source: 'google-chrome on PATH' });
  });

  it("then the browser playwright's installer downloaded; else nothing", () => {
    const download = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
    expect(findChromium(machine([download]))).toEqual({ path: download, source: "playwright's download" });
    expect(findChromium(machine([]))).toEqual({});
  });

  it('on macOS looks in /Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(machine([chrome], { platform: 'darwin' }))).toEqual({ path: chrome, source: chrome });
  });
});

describe('setupPlan(host) and ensureChromium(host, run)', () => {
  it("as root on Debian: apt-get update, then apt-get install chromium", () => {
    const plan = setupPlan(machine([]));
    expect(plan.commands.map((c) => [c.command, ...c.args].join(' '))).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
    expect(plan.commands.every((c) => c.env?.['DEBIAN_FRONTEND'] === 'noninteractive')).toBe(true);
  });

  it("elsewhere (not root, not Debian, macOS): playwright's installer", () => {
    for (const host of [machine([], { isRoot: false }), machine([], { isDebian: false }), machine([], { platform: 'darwin' })]) {
      const [command, ...rest] = setupPlan(host).commands;
      expect(rest).toEqual([]);
      expect(command!.command).toBe(process.execPath);
      expect(command!.args.slice(1)).toEqual(['install', 'chromium']);
      expect(command!.args[0]).toMatch(/playwright-core[/\\]cli\.js$/);
    }
  });

  it('an installed browser is used as it is: nothing is run', () => {
    const ran: SetupCommand[] = [];
    expect(ensureChromium(machine(['/usr/bin/chromium']), (command) => (ran.push(command), { status: 0, output: '' }))).toEqual({ path: '/usr/bin/chromium', installed: undefined });
    expect(ran).toEqual([]);
  });

  it('with no browser, runs the plan once and uses the browser it installed', () => {
    const host = machine([]);
    const ran: string[] = [];
    const outcome = ensureChromium(host, (command) => {
      ran.push(command.args[0]!);
      if (command.args[0] === 'install') host.files.add('/usr/bin/chromium');
      return { status: 0, output: '' };
    });
    expect(ran).toEqual(['update', 'install']);
    expect(outcome).toEqual({ path: '/usr/bin/chromium', installed: "Debian's chromium package (apt-get install chromium)" });
  });

  it('when the set-up fails, one sentence says what failed and what to install', () => {
    const host = machine([]);
    let message = '';
    try {
      ensureChromium(host, (command) => ({ status: command.args[0] === 'install' ? 100 : 0, output: 'Reading package lists...\nE: Unable to locate package chromium\n' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'No Chrome or Chromium was found for the browser tests (apt-get install -y -qq chromium failed: E: Unable to locate package chromium): ' +
        'install Chromium (on Debian: apt-get install chromium; elsewhere: npx playwright-core install chromium) or set CONCERT_CHROMIUM to a Chrome or Chromium executable.',
    );
    expect(sentence(message)).toBe(1);
  });

  it('when the set-up succeeds but no browser appears, says so in one sentence', () => {
    expect(() => ensureChromium(machine([]), () => ({ status: 0, output: '' }))).toThrow(
      missingChromiumMessage("Debian's chromium package (apt-get install chromium) was set up but no browser appeared"),
    );
    expect(sentence(missingChromiumMessage())).toBe(1);
  });
});
