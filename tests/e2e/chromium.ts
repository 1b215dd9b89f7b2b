/**
 * Finding the Chrome or Chromium the browser tests drive, and setting one up where none is found,
 * the conventional way for the platform: Debian's `chromium` package (apt-get) when root on
 * Debian, else playwright's own installer. `tests/e2e/globalSetup.ts` does this once per test run.
 *
 * Search order: `CONCERT_CHROMIUM` (when set, it wins: nothing else is tried), the usual install
 * paths of the platform, `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable`
 * on PATH, then the browser playwright's installer downloads.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

/** The environment variable that names the browser to use. */
export const CHROMIUM_ENV = 'CONCERT_CHROMIUM';

/** Where the platforms' packages install Chrome or Chromium, searched in this order. */
export const KNOWN_PATHS: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
};

/** Command names searched on PATH, in this order. */
export const PATH_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** What the search needs to know about the machine (the real one: {@link thisMachine}). */
export interface ChromiumHost {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Running as root (uid 0). */
  readonly isRoot: boolean;
  /** The operating system is Debian (`ID=debian` in /etc/os-release). */
  readonly isDebian: boolean;
  /** Whether `path` is an executable file. */
  isExecutable(path: string): boolean;
  /** Where playwright's installer puts its Chromium for this playwright-core version. */
  playwrightChromium(): string;
}

/** Where a browser was found, or why the search must stop (a `CONCERT_CHROMIUM` that names no browser). */
export type ChromiumSearch =
  | { readonly path: string; readonly source: string }
  | { readonly path?: undefined; readonly error?: string };

/** One command of a set-up plan. */
export interface SetupCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** How a set-up command ended: its exit status and what it printed. */
export interface CommandOutcome {
  readonly status: number | null;
  readonly output: string;
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function osReleaseId(): string | undefined {
  try {
    return /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/^"|"$/g, '');
  } catch {
    return undefined;
  }
}

/** This machine, for {@link findChromium} and {@link ensureChromium}. */
export function thisMachine(): ChromiumHost {
  return {
    env: process.env,
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    isDebian: process.platform === 'linux' && osReleaseId() === 'debian',
    isExecutable: executable,
    playwrightChromium: () => chromium.executablePath(),
  };
}

/**
 * Looks for an installed Chrome or Chromium, without installing anything.
 *
 * @example
 * findChromium(thisMachine()); // => { path: '/usr/bin/chromium', source: '/usr/bin/chromium' } on Debian with chromium installed
 */
export function findChromium(host: ChromiumHost): ChromiumSearch {
  const named = host.env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') {
    if (host.isExecutable(named)) return { path: named, source: CHROMIUM_ENV };
    return { error: `${CHROMIUM_ENV} is set to ${JSON.stringify(named)}, which is not an executable file: point it at a Chrome or Chromium executable, or unset it.` };
  }
  for (const path of KNOWN_PATHS[host.platform] ?? []) if (host.isExecutable(path)) return { path, source: path };
  const folders = (host.env['PATH'] ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of PATH_COMMANDS)
    for (const folder of folders) {
      const path = join(folder, name);
      if (host.isExecutable(path)) return { path, source: `${name} on PATH` };
    }
  const downloaded = host.playwrightChromium();
  if (downloaded !== '' && host.isExecutable(downloaded)) return { path: downloaded, source: "playwright's download" };
  return {};
}

/** The path of playwright-core's command-line script (its browser installer). */
export function playwrightCli(): string {
  return join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
}

/**
 * The conventional way to set up Chromium on this platform: Debian's package when root on Debian
 * (`apt-get update` first), else playwright's installer.
 */
export function setupPlan(host: ChromiumHost): { readonly description: string; readonly commands: readonly SetupCommand[] } {
  if (host.platform === 'linux' && host.isDebian && host.isRoot) {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    return {
      description: "Debian's chromium package (apt-get install chromium)",
      commands: [
        { command: 'apt-get', args: ['update', '-qq'], env },
        { command: 'apt-get', args: ['install', '-y', '-qq', 'chromium'], env },
      ],
    };
  }
  return {
    description: "playwright's Chromium (playwright-core install chromium)",
    commands: [{ command: process.execPath, args: [playwrightCli(), 'install', 'chromium'] }],
  };
}

/** The one sentence that says what to install when no browser can be had. */
export function missingChromiumMessage(reason?: string): string {
  return (
    `No Chrome or Chromium was found for the browser tests${reason === undefined ? '' : ` (${reason})`}: ` +
    `install Chromium (on Debian: apt-get install chromium; elsewhere: npx playwright-core install chromium) ` +
    `or set ${CHROMIUM_ENV} to a Chrome or Chromium executable.`
  );
}

function runCommand({ command, args, env }: SetupCommand): CommandOutcome {
  const child = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: child.status, output: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error === undefined ? '' : child.error.message}` };
}

/**
 * Finds a Chrome or Chromium, and where none is found sets one up ({@link setupPlan}) and looks again.
 *
 * @throws {Error} with one sentence: `CONCERT_CHROMIUM` names no browser, or none could be set up (what to install).
 */
export function ensureChromium(
  host: ChromiumHost = thisMachine(),
  run: (command: SetupCommand) => CommandOutcome = runCommand,
  log: (line: string) => void = () => {},
): { readonly path: string; readonly installed: string | undefined } {
  const found = findChromium(host);
  if (found.path !== undefined) return { path: found.path, installed: undefined };
  if (found.error !== undefined) throw new Error(found.error);
  const plan = setupPlan(host);
  log(`No Chrome or Chromium found; setting up ${plan.description}.`);
  for (const command of plan.commands) {
    const outcome = run(command);
    if (outcome.status !== 0) {
      const last = outcome.output.trim().split('\n').pop() ?? '';
      throw new Error(missingChromiumMessage(`${[command.command, ...command.args].join(' ')} failed${last === '' ? '' : `: ${last}`}`));
    }
  }
  const again = findChromium(host);
  if (again.path === undefined) throw new Error(missingChromiumMessage(`${plan.description} was set up but no browser appeared`));
  return { path: again.path, installed: plan.description };
}
