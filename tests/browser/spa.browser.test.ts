/// <reference lib="dom" />
/**
 * The sample SPA (packages/spa) in a real browser: Debian's Chromium, headless, driven by
 * playwright-core, against a local stack this file starts. Every sign-in goes the deployed
 * way: the SPA's oidc-client-ts redirect (code flow + PKCE) to the managed-login stand-in
 * on login.localhost, its password form (standing in for the tenant's IdP), back to
 * /callback, tokens exchanged; then the API with the access token. Chromium resolves
 * `*.localhost` to loopback, so tenant hosts need no DNS.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_USERS_FILE } from '@cognito-tenancy/local-stack/demo-users';
import { environmentFile, PARTS, type Part } from '@cognito-tenancy/local-stack/options';
import { type LocalStack, startLocalStack } from '@cognito-tenancy/local-stack/stack';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { type HeadlessChromium, launchHeadlessChromium } from './headless-chromium';

// Short caches so a forced sign-out bites within seconds (bound = 1 s + 1 s).
const RESULT_TTL_SECONDS = 1;
const REVOCATION_TTL_SECONDS = 1;
/** Screenshots for a person to look at (390 px wide); default: a temp folder. */
const SHOTS = process.env.SPA_SCREENSHOT_DIR ?? join(tmpdir(), 'spa-screenshots');

let stack: LocalStack;
let stateDir: string;
let context: BrowserContext;
let browser: HeadlessChromium;

beforeAll(async () => {
  // Chromium first: a missing browser fails before the stack starts.
  browser = await launchHeadlessChromium();
  context = browser.context;
  stateDir = mkdtempSync(join(tmpdir(), 'spa-browser-'));
  stack = await startLocalStack({
    envFile: environmentFile('demo'),
    usersFile: DEFAULT_DEMO_USERS_FILE,
    stateDir,
    reset: false,
    build: false,
    ports: Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>,
    serviceUrl: undefined,
    authorizerCacheTtlSeconds: RESULT_TTL_SECONDS,
    revocationCacheTtlSeconds: REVOCATION_TTL_SECONDS,
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

const url = (host: string, path = '/') => `http://${host}:${stack.ports.web}${path}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(host: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url(host));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Email on the SPA, then the stand-in's form (the IdP's place), back to the SPA signed in. */
async function signIn(host: string, email: string): Promise<Page> {
  const page = await open(host);
  await page.fill('#email', email);
  await page.click('#continue');
  await page.waitForURL((u) => u.hostname === 'login.localhost', { timeout: 15_000 });
  expect(await page.textContent('#stand-in-notice')).toContain('Local stand-in.');
  expect(await page.inputValue('#username')).toBe(email);
  await page.fill('#password', stack.password);
  await page.click('#login');
  await page.waitForSelector('#signed-in:not([hidden])', { timeout: 20_000 });
  await page.waitForSelector('body[data-pets]', { timeout: 15_000 });
  // The code and state are gone from the address bar.
  expect(new URL(page.url()).pathname).toBe('/');
  return page;
}

describe('the SPA signs in both patterns through the managed-login stand-in', () => {
  it("signs a dedicated tenant's admin in on the tenant host, lists pets and adds one", async () => {
    const page = await signIn('acme.localhost', 'alice@acme.example');
    expect(await page.textContent('#tenant')).toBe('Acme Corporation (acme)');
    expect(await page.textContent('#user')).toBe('alice@acme.example');
    expect(await page.textContent('#groups')).toBe('Admins, Readers');
    // Tokens in memory only: nothing in either storage looks like a JWT.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);

    await page.fill('#pet-name', 'Rex the browser-test dog');
    await page.click('#add-pet');
    await page.waitForSelector('#pet-result:not([hidden])');
    expect(await page.textContent('#pet-result')).toBe('Added Rex the browser-test dog.');
    await page.waitForFunction(() =>
      document.querySelector('#pets')?.textContent?.includes('Rex the browser-test dog'),
    );
    await page.close();
  }, 60_000);

  it('finds a shared-pool tenant by email on the shared host; a member is refused a write with the reason', async () => {
    const page = await signIn('app.localhost', 'chris@umbrella.example');
    expect(await page.textContent('#tenant')).toBe('Umbrella Research (umbrella)');
    expect(await page.textContent('#pets')).not.toContain('Rex the browser-test dog');
    await page.fill('#pet-name', 'Not allowed');
    await page.click('#add-pet');
    await page.waitForSelector('#pet-result:not([hidden])');
    expect(await page.textContent('#pet-result')).toContain(
      "Not allowed (403): adding pets is for your tenant's administrators",
    );
    await page.close();
  }, 60_000);
});

describe('the page tells people what went wrong (#20)', () => {
  it("tells a user of another tenant on a tenant's host that the account belongs elsewhere", async () => {
    const page = await open('acme.localhost');
    await page.fill('#email', 'hank@globex.example');
    await page.click('#continue');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toBe(
      `hank@globex.example belongs to another tenant (Globex), not Acme Corporation. Sign in at ${url('app.localhost', '')} instead.`,
    );
    expect(new URL(page.url()).hostname).toBe('acme.localhost');
    await page.close();
  }, 30_000);

  it('finds the tenant again after the email is edited on the shared host', async () => {
    const page = await open('app.localhost');
    await page.fill('#email', 'hank@globex.example');
    await page.click('#continue');
    await page.waitForURL((u) => u.hostname === 'login.localhost');
    expect(await page.textContent('h1')).toContain('GlobexEntra');
    await page.goBack();
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#email', 'chris@umbrella.example');
    await page.click('#continue');
    // The stand-in sends each IdP to its own local SAML IdP page.
    await page.waitForURL((u) => u.hostname === 'login.localhost' && u.pathname.includes('/umbrella/'));
    expect(await page.textContent('h1')).toContain('UmbrellaGoogle');
    await page.close();
  }, 30_000);

  it('sends a dedicated tenant found by email on the shared host to its own host', async () => {
    const page = await open('app.localhost');
    await page.fill('#email', 'alice@acme.example');
    await page.click('#continue');
    await page.waitForFunction(() => (document.querySelector('#error')?.textContent ?? '') !== '');
    expect(await page.textContent('#error')).toMatch(
      /^alice@acme\.example signs in to .+ at http:\/\/acme\.localhost:\d+\. Go there to sign in\.$/,
    );
    expect(new URL(page.url()).hostname).toBe('app.localhost');
    await page.close();
  }, 30_000);

  it('says no tenant is served on a mistyped tenant host', async () => {
    const page = await open('acmee.localhost');
    expect(await page.textContent('#error')).toBe(
      'No tenant is served on acmee.localhost. Check the address for a typo, or find your organisation by email at app.localhost.',
    );
    expect(await page.isHidden('#discover')).toBe(true);
    await page.close();
  }, 30_000);
});

describe('forced sign-out from the SPA', () => {
  it('tells the admin when the tokens will be refused, and returns the user to sign-in with the reason', async () => {
    const bob = await signIn('acme.localhost', 'bob@acme.example');
    const bobSub = (await bob.textContent('#sub')) ?? '';
    expect(bobSub).toMatch(/^[0-9a-f-]{36}$/);
    const alice = await signIn('acme.localhost', 'alice@acme.example');
    const aliceSub = (await alice.textContent('#sub')) ?? '';

    // A member may not sign anyone out.
    await bob.fill('#sign-out-sub', aliceSub);
    await bob.click('#sign-out-user');
    await bob.waitForSelector('#sign-out-result:not([hidden])');
    expect(await bob.textContent('#sign-out-result')).toContain('Not allowed (403): signing users out');

    // Tokens are cut off by the second: let bob's token be older than the cut-off.
    await sleep(1100);
    await alice.fill('#sign-out-sub', bobSub);
    await alice.click('#sign-out-user');
    await alice.waitForSelector('#sign-out-result:not([hidden])');
    const told = (await alice.textContent('#sign-out-result')) ?? '';
    expect(told).toMatch(
      new RegExp(
        `^Signed out ${bobSub}: tokens issued before \\S+Z are cut off and refused by \\S+Z at the latest \\(up to 2 s`,
      ),
    );
    expect(stack.signOutCalls().map((call) => call.username)).toEqual(['AcmeOkta_bob@acme.example']);

    await sleep((RESULT_TTL_SECONDS + REVOCATION_TTL_SECONDS) * 1000 + 500);
    await bob.click('#refresh-pets');
    await bob.waitForSelector('#discover:not([hidden])', { timeout: 15_000 });
    expect(await bob.textContent('#notice')).toContain(
      'You were signed out: the API refused your token (401',
    );
    expect(await bob.isHidden('#signed-in')).toBe(true);
    await bob.close();
    await alice.close();
  }, 90_000);
});

describe('a 390 px wide phone', () => {
  it('shows the signed-in page without horizontal overflow', async () => {
    const page = await signIn('app.localhost', 'ada@umbrella.example');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.fill('#sign-out-sub', 'a-very-long-subject-identifier-0000-1111-2222-3333');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'spa-signed-in-390.png'), fullPage: true });
    await page.close();
    const start = await open('acmee.localhost');
    await start.setViewportSize({ width: 390, height: 844 });
    expect(await start.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await start.screenshot({ path: join(SHOTS, 'spa-no-tenant-390.png'), fullPage: true });
    await start.close();
  }, 60_000);
});
