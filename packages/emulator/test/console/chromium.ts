import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** The system Chromium (Debian's `chromium` package; `.ci/run` installs it). Never downloaded. */
export const CHROMIUM_PATH = process.env['PAGEWISE_CHROMIUM'] ?? '/usr/bin/chromium';

/** True when the browser is installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * Under `CI=true` a missing browser fails the browser tests instead of
 * skipping them, as a missing PostgreSQL fails the database tests.
 */
export const skipBrowserTests = !hasChromium && process.env['CI'] !== 'true';

/**
 * Headless, sandbox off (tests run as root), and no background traffic:
 * this machine's network is closed, and Chromium's own connections would be
 * refused at every start.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Chromium with a fresh, throwaway profile folder (`--user-data-dir`), removed on close. */
export async function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!hasChromium) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium; .ci/run does it) or set PAGEWISE_CHROMIUM.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'pagewise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
