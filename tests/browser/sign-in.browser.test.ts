/**
 * The sign-in page in a real browser: Debian's Chromium (headless) driven by
 * playwright-core, against the local stack the test starts. Chromium resolves
 * `*.localhost` to loopback, so each tenant host works without DNS. No browser is ever
 * downloaded: run scripts/ensure-chromium.sh to install Debian's package.
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

async function signInThroughPage(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#email', email);
  await page.click('#continue');
  await page.waitForSelector('#password-step:not([hidden])');
  await page.fill('#password', stack.password);
  await page.click('#sign-in-button');
  await page.waitForSelector('#result:not([hidden])', { timeout: 15_000 });
}

describe('sign-in page in Chromium', () => {
  it("signs in a dedicated tenant's user on the tenant host and shows that tenant's data", async () => {
    const page = await context.newPage();
    await signInThroughPage(page, `http://acme.localhost:${stack.ports.web}/`, 'alice@acme.example');
    expect(await page.textContent('#found-how')).toContain('GET /config');
    expect(await page.textContent('#tenant')).toBe('acme');
    expect(await page.textContent('#groups')).toBe('Admins, Readers');
    expect(await page.textContent('#admin')).toBe('yes');
    expect(await page.textContent('#items')).toContain("Welcome to Acme Corporation's list");
    expect(await page.textContent('#idp-notice')).toContain('stands in for the redirect');
    await page.close();
  }, 30_000);

  it('finds a shared-pool tenant by email on the shared app host', async () => {
    const page = await context.newPage();
    await signInThroughPage(page, `http://app.localhost:${stack.ports.web}/`, 'chris@umbrella.example');
    expect(await page.textContent('#found-how')).toContain('POST /tenant-match');
    expect(await page.textContent('#tenant')).toBe('umbrella');
    expect(await page.textContent('#admin')).toBe('no');
    expect(await page.textContent('#items')).toContain('Umbrella Research');
    expect(await page.textContent('#items')).not.toContain('Acme');
    await page.fill('#new-item', 'not allowed');
    await page.click('#add-form button');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('403');
    await page.close();
  }, 30_000);
});
