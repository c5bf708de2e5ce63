// What the browser tests share: the system Chromium, the devices they emulate, axe-core and screenshots.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './portal-process.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const AXE_SOURCE = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

/** The `skip` option of a browser suite: false, or why it cannot run. */
export const chromiumMissing = existsSync(CHROMIUM) ? false : `Chromium not installed at ${CHROMIUM}: apt-get install chromium to run the browser tests`;

// Most readers of a local portal open it from a WeChat share, so the phone is WeChat's in-app browser.
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.0.0 ' +
    'Mobile Safari/537.36 XWEB/1300289 MMWEBSDK/20240301 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN',
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Headless Chromium. No network beyond loopback here, so its own background traffic (updates, sync) is switched off. */
export async function launchChromium(): Promise<Browser> {
  const quiet = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', ...quiet] });
}

/** Calls `report` with every http(s) address the context asks for outside `origin`: a portal loads nothing from third parties. */
export function onForeignRequest(context: BrowserContext, origin: string, report: (href: string) => void): void {
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) report(url.href);
  });
}

/** Adds to `problems` every script error and Content Security Policy violation in the context's pages. */
export function recordScriptErrors(context: BrowserContext, problems: string[]): void {
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Uncaught/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
  });
}

/** A browser context of its own (separate cookies) that adds to `problems` script errors and any request leaving `origin`. */
export async function watchedContext(browser: Browser, device: BrowserContextOptions, origin: string, problems: string[]): Promise<BrowserContext> {
  const context = await browser.newContext(device);
  onForeignRequest(context, origin, (href) => problems.push(`request to ${href}`));
  recordScriptErrors(context, problems);
  return context;
}

/**
 * A reader's own watchedContext (client address sent as X-Forwarded-For) that also adds to `problems`
 * any alert (reader markup run as script); confirmations (删除…) are accepted, as the test asked for them.
 */
export async function readerContext(browser: Browser, device: BrowserContextOptions, origin: string, problems: string[], address?: string): Promise<BrowserContext> {
  const context = await watchedContext(browser, { ...device, ...(address ? { extraHTTPHeaders: { 'x-forwarded-for': address } } : {}) }, origin, problems);
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'alert') problems.push(`${page.url()}: alert(${dialog.message()})`);
      void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
    });
  });
  return context;
}

/**
 * A screenshot in test-artifacts/: the whole page from the top (sticky toolbars would otherwise be drawn mid-page),
 * the viewport as it is, or the viewport around `at`; taken once every image has loaded and decoded.
 */
export async function saveScreenshot(page: Page, name: string, fullPage = true, at?: Locator): Promise<void> {
  // Chromium does not scroll for a full-page capture, so lazy images below the fold would show as blank boxes.
  await page.locator('img[loading="lazy"]').evaluateAll((imgs) => imgs.forEach((img) => ((img as HTMLImageElement).loading = 'eager')));
  // decode() settles once the image is loaded and decoded, so none is captured half-painted (they are decoding="async").
  await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => undefined))));
  if (at) await at.scrollIntoViewIfNeeded();
  else if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: fullPage && !at });
}

/**
 * Whether the image loads: scrolled to (a lazy image starts loading only then) and waited for until it has loaded
 * and decoded, or failed. Checking img.complete at once raced the load on a busy machine.
 */
export async function imageLoads(image: Locator): Promise<boolean> {
  await image.scrollIntoViewIfNeeded();
  return image.evaluate((img) => img instanceof HTMLImageElement && img.decode().then(() => img.naturalWidth > 0, () => false));
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation, naming the first three elements of each.
 * Evaluated rather than added as a script tag, as the admin's CSP rightly refuses inline scripts.
 */
export async function assertNoSeriousAxeViolations(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof Axe }).axe.run(document, { resultTypes: ['violations'] }));
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.ok(blocking.length === 0, `axe found serious violations on ${page.url()}:\n${blocking.join('\n')}`);
}

/** Signs in on the admin's sign-in form, which any /admin page shows to a visitor; the caller waits for where it leads. */
export async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The admin's new-article editor on a desktop, signed in as `username`; the page's script errors are added to `problems`. */
export async function newArticleEditor(browser: Browser, origin: string, username: string, password: string, problems: string[]): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  recordScriptErrors(context, problems);
  const page = await context.newPage();
  await page.goto(`${origin}/admin/articles/new`);
  await signInOnPage(page, username, password);
  await page.waitForURL(`${origin}/admin/articles/new`);
  return page;
}
