/**
 * Debian's Chromium, headless, driven by playwright-core, with a fresh profile: the one
 * launch every browser test uses. No browser is ever downloaded; scripts/ensure-chromium.sh
 * installs Debian's package. The flags keep Chromium off the network it cannot reach here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export interface HeadlessChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh `--user-data-dir`; fails clearly when it is not installed. */
export async function launchHeadlessChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-chromium.sh (Debian's chromium package)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // A persistent context is how playwright takes a fresh --user-data-dir; `headless` adds --headless.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
