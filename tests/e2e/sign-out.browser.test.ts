/**
 * The sign-in page's forced sign-out form in a real browser (Debian's Chromium, headless,
 * driven by playwright-core; run scripts/ensure-chromium.sh first): a tenant admin signs a
 * user out by the sub shown on the user's page; a member is refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from './local-stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

let stack: TestStack;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-chromium.sh (Debian's chromium package)`);
  }
  stack = await startTestStack();
  profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await stack?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function signedIn(email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`http://acme.localhost:${stack.ports.web}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#email', email);
  await page.click('#continue');
  await page.waitForSelector('#password-step:not([hidden])');
  await page.fill('#password', stack.password);
  await page.click('#sign-in-button');
  await page.waitForSelector('#result:not([hidden])', { timeout: 15_000 });
  return page;
}

async function forceSignOut(page: Page, sub: string): Promise<string> {
  await page.fill('#force-sign-out-sub', sub);
  await page.click('#force-sign-out-form button');
  await page.waitForSelector('#force-sign-out-result:not([hidden])', { timeout: 15_000 });
  return (await page.textContent('#force-sign-out-result')) ?? '';
}

describe('forced sign-out from the sign-in page', () => {
  it('lets an admin sign out a user by the sub the user’s page shows, and refuses a member', async () => {
    const bob = await signedIn('bob@acme.example');
    const bobSub = (await bob.textContent('#sub')) ?? '';
    expect(bobSub).toMatch(/^[0-9a-f-]{36}$/);
    const alice = await signedIn('alice@acme.example');
    const aliceSub = (await alice.textContent('#sub')) ?? '';

    expect(await forceSignOut(bob, aliceSub)).toContain('answered 403');
    expect(await forceSignOut(alice, bobSub)).toContain(`Signed out: tokens of ${bobSub} issued before`);
    expect(stack.signOutCalls().map((call) => call.username)).toEqual(['AcmeOkta_bob@acme.example']);
  }, 60_000);
});
