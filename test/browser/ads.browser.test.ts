// Ads in a real browser: the slot keeps its size whichever ad the script chooses (no layout shift),
// 「广告」 shows, the close button closes the ad with one tap and the session remembers it, the view
// beacon puts its token on the link, and axe finds nothing serious on a page with ads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createAd, listAds } from '../../src/ads/index.js';
import { createSqliteTestDatabase } from '../../src/db/testing.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { uploadImage } from '../../src/media/index.js';
import { solidPng, temporaryStorage } from '../../src/media/testing.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { buildArticle, buildCategory, buildStaff, staffCookie } from '../../src/test-support/factories.js';
import { buildTestApp } from '../../src/test-support/test-app.js';
import { assertNoSeriousAxeViolations, chromiumMissing, launchChromium, PHONE, readerContext, saveScreenshot } from '../support/browser.js';

const BODY = ['溪口镇的油菜花开了。', '周末游客比去年多了三成。', '镇里加开了两趟公交。', '农家乐的预订已经排到下个月。', '交警提醒错峰出行。']
  .map((text) => `<p>${text.repeat(4)}</p>`)
  .join('');

describe('ads in a browser', { skip: chromiumMissing, timeout: 120_000 }, () => {
  const storage = temporaryStorage();
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let origin: string;
  let browser: Browser;
  let articlePath: string;
  let categoryId: number;
  const problems: string[] = [];

  before(async () => {
    handle = await createSqliteTestDatabase();
    const db = handle.db;
    app = await buildTestApp(db, { storage, publicUrl: undefined });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const admin = await buildStaff(db, 'admin');
    const actor = { id: admin.id, name: admin.username, ip: '127.0.0.1', ipRegion: null };
    const category = await buildCategory(db, { name: '新闻' });
    categoryId = category.id;
    articlePath = `/a/${(await buildArticle(db, { categoryId: category.id, title: '油菜花节', bodyHtml: BODY })).id}`;
    const image = await uploadImage({ db, storage }, { data: await solidPng(1200, 300, '#2e7d32'), altText: '农家乐广告', fileName: 'farm.png', actor }, new Date());
    const base = { linkUrl: 'https://farm.example/', startsAt: new Date(Date.now() - 60_000) };
    // Two ads of different shapes in each slot, so the script's choice could move the page if the box did not hold.
    await createAd(db, { ...base, slot: 'home_banner', title: '溪口农家乐', body: '周末采摘八折', weight: 1 }, actor, new Date());
    await createAd(db, { ...base, slot: 'home_banner', title: '青溪银行', mediaId: image.id, weight: 1 }, actor, new Date());
    await createAd(db, { ...base, slot: 'in_article', title: '油菜花节专线', body: '每半小时一班', weight: 1 }, actor, new Date());
    await createAd(db, { ...base, slot: 'in_article', title: '农家乐', mediaId: image.id, weight: 1 }, actor, new Date());
    await createAd(db, { ...base, slot: 'below_article', title: '青溪房产', body: '样板间开放', weight: 1 }, actor, new Date());
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => app?.close(),
      () => handle?.db.destroy(),
      () => storage.remove(),
    );
    assert.deepEqual(problems, []);
  });

  /** The page with every layout shift recorded from the start (buffered), once the script has chosen and reported its ads. */
  async function open(page: Page, path: string): Promise<void> {
    await page.addInitScript(() => {
      (window as unknown as { shifts: number[] }).shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(origin + path, { waitUntil: 'load' });
    // The script has run once a slot is closed or its ad's link carries the view token.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-ad-slot]')).every((slot) => (slot as HTMLElement).hidden || slot.querySelector('.ad:not([hidden]) [data-ad-link]')!.getAttribute('href')!.includes('?v=')));
  }
  const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0));

  it('holds the slot’s size whichever ad is chosen, marks it 「广告」, and closes it for the session with one tap', async () => {
    const context = await readerContext(browser, PHONE, origin, problems);
    const page = await context.newPage();
    for (let view = 0; view < 4; view += 1) {
      await open(page, '/');
      assert.equal(await layoutShift(page), 0, `layout shift on view ${view}`);
    }
    const slot = page.locator('[data-ad-slot="home_banner"]');
    const box = (await slot.boundingBox())!;
    assert.ok(Math.abs(box.width / box.height - 4) < 0.1, `a 4:1 box, got ${box.width}×${box.height}`);
    const shown = slot.locator('.ad:not([hidden])');
    assert.equal(await shown.count(), 1);
    assert.equal(await shown.locator('.ad__label').innerText(), '广告');
    await saveScreenshot(page, 'ads-home-phone', false);

    await page.getByRole('button', { name: '关闭广告' }).click();
    assert.equal(await slot.isVisible(), false, 'closed with one tap');
    await open(page, '/');
    assert.equal(await slot.isVisible(), false, 'still closed on the next page of the session');
    await context.close();

    const another = await readerContext(browser, PHONE, origin, problems);
    const fresh = await another.newPage();
    await open(fresh, '/');
    assert.equal(await fresh.locator('[data-ad-slot="home_banner"]').isVisible(), true, 'another session sees it');
    await another.close();
  });

  it('places ads in the article without moving it, and axe finds nothing serious', async () => {
    const context = await readerContext(browser, PHONE, origin, problems);
    const page = await context.newPage();
    await open(page, articlePath);
    await page.locator('[data-ad-slot="below_article"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    assert.equal(await layoutShift(page), 0);
    assert.equal(await page.locator('.article__body [data-ad-slot="in_article"] .ad:not([hidden]) .ad__label').innerText(), '广告');
    assert.equal(await page.locator('[data-ad-slot="below_article"] .ad__label').innerText(), '广告');
    await assertNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'ads-article-phone');
    await context.close();
  });

  it('lets an admin place an ad from /admin, refusing a javascript: link with a Chinese message by the field', async () => {
    const context = await browser.newContext(PHONE);
    const [name, value] = (await staffCookie(handle.db, 'admin')).split('=') as [string, string];
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    await page.goto(`${origin}/admin/ads`);
    const form = page.locator('form[data-url="/api/admin/ads"]');
    await form.getByLabel('广告位').selectOption('sidebar');
    await form.getByLabel('标题').fill('青溪驾校');
    await form.getByLabel('链接').fill('javascript:alert(1)');
    await form.getByLabel('结束时间').fill('2099年01月01日 08:00');
    await form.getByLabel('只在这些栏目显示').selectOption([String(categoryId)]);
    await form.getByRole('button', { name: '保存' }).click();
    await assertVisibleText(page, /javascript: 等其他写法一律不接受/);
    await form.getByLabel('链接').fill('https://jiaxiao.example/');
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: '保存' }).click()]);
    const placed = (await listAds(handle.db)).find((ad) => ad.title === '青溪驾校');
    assert.ok(placed, 'saved');
    assert.deepEqual([placed.slot, placed.linkUrl, placed.categoryIds, placed.endsAt?.toISOString()], ['sidebar', 'https://jiaxiao.example/', [categoryId], '2099-01-01T00:00:00.000Z']);
    await context.close();
  });
});

async function assertVisibleText(page: Page, text: RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });
}
