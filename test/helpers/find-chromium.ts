/**
 * Finds a Chromium for the browser tests: `CHROMIUM_PATH`, then the usual install paths (Debian's
 * chromium, Chrome on Linux and macOS). On a Debian or Ubuntu machine run as root with none, it
 * installs Debian's chromium the way `.ci/run` does and says so; anywhere else it fails with one
 * line that says how to install one. Never downloads a browser build of its own, never skips.
 */

import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isDebianLike(): boolean {
  if (!existsSync('/etc/os-release')) return false;
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
}

let found: string | undefined;

export function findChromium(): string {
  if (found) return found;
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable`);
    found = fromEnv;
    return found;
  }
  found = CANDIDATES.find(executable);
  if (found) return found;
  if (isDebianLike() && process.getuid?.() === 0) {
    process.stderr.write(
      "browser tests: no Chromium found; installing Debian's chromium with apt-get (as .ci/run does)\n",
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
    if (executable('/usr/bin/chromium')) {
      found = '/usr/bin/chromium';
      return found;
    }
  }
  throw new Error(
    'browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) or set CHROMIUM_PATH to its executable',
  );
}

/** The flags every headless run uses: no sandbox (containers), no GPU, no network chatter. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Headless Chromium found by {@link findChromium}, with {@link CHROMIUM_FLAGS}. */
export function launchHeadlessChromium() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
}
