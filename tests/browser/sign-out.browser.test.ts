/**
 * The sign-in page's forced sign-out form in a real browser (Debian's Chromium, headless,
 * driven by playwright-core; run scripts/ensure-chromium.sh first): a tenant admin signs a
 * user out by the sub shown on the user's page; a member is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../e2e/local-stack';
import { type HeadlessChromium, launchHeadlessChromium } from './headless-chromium';

let stack: TestStack;
let context: BrowserContext;
let browser: HeadlessChromium;

beforeAll(async () => {
  // Chromium first: a missing browser fails before the stack starts.
  browser = await launchHeadlessChromium();
  context = browser.context;
  stack = await startTestStack();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
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
