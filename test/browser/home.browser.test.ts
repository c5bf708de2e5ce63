// The portal's front page in a browser: the real server with its demo portal, headless Chromium at 390×844
// (a phone, in WeChat) and 1366×900 (a laptop). Screenshots are kept in test-artifacts/ (home-*.png,
// category-*.png), the phone's page weight in test-artifacts/home-weight.json.
//
// Lighthouse cannot be installed here; its accessibility and performance checks are approximated by axe-core
// (no serious violation), the transferred bytes of the phone's first view, the layout shift Chromium reports
// and the width of the page.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ARTIFACTS, assertNoSeriousAxeViolations, chromiumMissing, launchChromium, onForeignRequest, PHONE, saveScreenshot, signInOnPage } from '../support/browser.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { addReads } from '../../src/engagement/add-reads.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { demoArticleId } from '../support/demo.js';
import { runBendi, type RunningPortal, startPortal } from '../support/portal-process.js';

const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
/** The phone's home page, everything it loads before it settles (HTML, CSS, script, the pictures in view), compressed as sent. */
const PHONE_PAGE_BUDGET = 120 * 1024;

describe('home page in a browser', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const mostRead = 'community-canteen';
  const PASSWORD = 'correct horse battery staple';

  before(async () => {
    server = await startPortal();
    ({ dataDir } = server);
    browser = await launchChromium();
    runBendi(dataDir, ['user', 'add', '--username', 'banmian', '--role', 'admin', '--display-name', '版面编辑'], `${PASSWORD}\n`);
    // The demo counts no reads (they are never seeded), so the test reads a few articles itself for a 排行.
    const env = { DATA_DIR: dataDir };
    const { db } = openDatabase(loadConfig(env).database);
    try {
      const reads: Array<[string, number]> = [[mostRead, 300], ['breakfast-map', 200], ['bus-route-changes', 100]];
      for (const [key, count] of reads) {
        const id = await demoArticleId(env, key);
        await db.transaction().execute((trx) => addReads(trx, [[id, count]], new Date()));
      }
    } finally {
      await db.destroy();
    }
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
  });

  async function open(t: TestContext, device: BrowserContextOptions, urlPath: string): Promise<Page> {
    const context = await browser.newContext({ reducedMotion: 'no-preference', ...device });
    const foreign: string[] = [];
    onForeignRequest(context, server.origin, (href) => foreign.push(href));
    t.after(async () => {
      await context.close();
      assert.deepEqual(foreign, [], 'requests to a host other than the local server');
    });
    const page = await context.newPage();
    await page.goto(server.origin + urlPath, { waitUntil: 'load' });
    return page;
  }

  async function assertNoWiderThanScreen(page: Page): Promise<void> {
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
    assert.ok(widths.page <= widths.screen, `${page.url()} is ${widths.page} px wide on a ${widths.screen} px screen`);
  }

  for (const [name, device] of [['phone', PHONE], ['desktop', LAPTOP]] as const) {
    it(`lays out the home page on a ${name}: 焦点图, 要闻, sections and the sidebar, axe clean`, async (t) => {
      const page = await open(t, device, '/');
      await assertNoWiderThanScreen(page);
      const focus = page.getByRole('region', { name: '焦点图' });
      assert.ok((await focus.getByRole('listitem').count()) >= 2, 'the 焦点图 turns through the demo 头条');
      const ranking = page.getByRole('region', { name: '7日排行' });
      assert.match(await ranking.getByRole('listitem').first().innerText(), /社区食堂|食堂/, 'the most read article ranks first');
      const headlines = page.getByRole('region', { name: '要闻' });
      const sidebar = page.getByRole('complementary', { name: '排行与推荐' });
      const [focusBox, headlinesBox, sidebarBox] = await Promise.all([focus.boundingBox(), headlines.boundingBox(), sidebar.boundingBox()]);
      assert.ok(focusBox && headlinesBox && sidebarBox);
      if (name === 'desktop') {
        // Three columns at the top: 焦点图 | 要闻 | sidebar.
        assert.ok(headlinesBox.x > focusBox.x + focusBox.width - 1 && sidebarBox.x > headlinesBox.x + headlinesBox.width - 1, 'side by side');
        assert.ok(Math.abs(headlinesBox.y - focusBox.y) < 40 && Math.abs(sidebarBox.y - focusBox.y) < 40, 'on one row');
      } else {
        assert.ok(headlinesBox.y >= focusBox.y + focusBox.height && sidebarBox.y > headlinesBox.y, 'one column, the sidebar last');
      }
      // No article twice on the screen, 排行 aside (a ranking keeps its order).
      const hrefs = await page.locator('main a[href^="/a/"]:not(.ranking a)').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs.filter((href, i) => hrefs.indexOf(href) !== i), [], 'articles linked twice');
      await saveScreenshot(page, `home-${name}`);
      await assertNoSeriousAxeViolations(page);
    });

    it(`gives a category page the sidebar on a ${name}`, async (t) => {
      const page = await open(t, device, '/c/livelihood');
      await assertNoWiderThanScreen(page);
      const sidebar = page.getByRole('complementary', { name: '排行与推荐' });
      await sidebar.getByRole('heading', { name: '本栏7日排行' }).waitFor();
      await saveScreenshot(page, `category-${name}`);
      await assertNoSeriousAxeViolations(page);
    });
  }

  it('keeps the phone home page under 120 KB transferred, pictures included, and still as it loads', async (t) => {
    const context = await browser.newContext({ ...PHONE, reducedMotion: 'no-preference' });
    t.after(() => context.close());
    const page = await context.newPage();
    // What DevTools calls "transferred": every response's encoded bytes, headers included, as Chromium's network layer counts them.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const byUrl = new Map<string, string>();
    const sizes: Array<{ url: string; bytes: number }> = [];
    cdp.on('Network.responseReceived', (event) => byUrl.set(event.requestId, event.response.url));
    cdp.on('Network.loadingFinished', (event) => sizes.push({ url: byUrl.get(event.requestId) ?? '?', bytes: event.encodedDataLength }));
    await page.addInitScript(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.origin}/`, { waitUntil: 'networkidle' });
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    await mkdir(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'home-weight.json'), JSON.stringify({ total, budget: PHONE_PAGE_BUDGET, requests: sizes }, null, 2));
    t.diagnostic(`phone home page: ${total} bytes transferred in ${sizes.length} requests`);
    assert.ok(total < PHONE_PAGE_BUDGET, `the phone's home page transferred ${total} bytes: ${JSON.stringify(sizes)}`);
    const shift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
  });

  it('turns the 焦点图 with the buttons and the arrow keys, by itself until paused', async (t) => {
    const page = await open(t, LAPTOP, '/');
    const focus = page.getByRole('region', { name: '焦点图' });
    const count = focus.locator('[data-focus-count]');
    const frames = await focus.getByRole('listitem').count();
    const frameShown = () => focus.locator('[data-focus-frames]').evaluate((el) => Math.round(el.scrollLeft / el.clientWidth) + 1);
    const waitForFrame = (n: number) => page.waitForFunction((n) => document.querySelector('[data-focus-count]')?.textContent?.startsWith(`${n}/`), n, { timeout: 8_000 });

    // Keyboard: Tab goes from 上一张 to 下一张, Enter turns, the arrow keys too.
    await focus.getByRole('button', { name: '上一张' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '下一张');
    await page.keyboard.press('Enter');
    await waitForFrame(2);
    await page.keyboard.press('ArrowRight');
    await waitForFrame(3);
    await page.keyboard.press('ArrowLeft');
    await waitForFrame(2);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-focus-frames]')!;
      return Math.abs(el.scrollLeft - el.clientWidth) < 2;
    });
    assert.equal(await frameShown(), 2);
    assert.equal(await count.innerText(), `2/${frames}`);

    // Paused, it stays put; 继续 lets it turn by itself again (focus and pointer leave first: they hold it too).
    await focus.getByRole('button', { name: '暂停轮播' }).click();
    await focus.getByRole('button', { name: '继续轮播' }).waitFor();
    await page.mouse.move(5, 890);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForTimeout(6_000);
    assert.equal(await count.innerText(), `2/${frames}`, 'a paused 焦点图 does not turn');
    await focus.getByRole('button', { name: '继续轮播' }).click();
    await page.mouse.move(5, 890);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await waitForFrame(3);
  });

  it('is a plain list of links without JavaScript', async (t) => {
    const page = await open(t, { ...PHONE, javaScriptEnabled: false }, '/');
    const focus = page.getByRole('region', { name: '焦点图' });
    const frames = focus.getByRole('list').getByRole('listitem');
    assert.ok((await frames.count()) >= 2);
    for (const frame of await frames.all()) assert.match((await frame.getByRole('link').getAttribute('href')) ?? '', /^\/a\/\d+$/);
    assert.equal(await focus.getByRole('button').count(), 0, 'no buttons that could do nothing');
    await assertNoWiderThanScreen(page);
    await saveScreenshot(page, 'home-phone-no-js');
  });

  it('previews unsaved home settings from the settings page, leaving the home page as it is', async (t) => {
    const page = await open(t, LAPTOP, '/admin/settings');
    await signInOnPage(page, 'banmian', PASSWORD);
    await page.waitForURL(`${server.origin}/admin/settings`);
    await page.getByLabel('焦点图轮播几张').fill('0');
    await page.getByLabel('排行', { exact: true }).selectOption('off');
    await page.getByRole('button', { name: '按当前填写预览首页' }).click();
    const preview = page.frameLocator('iframe[title="首页预览"]');
    await preview.getByText('首页版面预览：这些设置尚未保存').waitFor();
    assert.equal(await preview.getByRole('region', { name: '焦点图' }).count(), 0, 'no 焦点图 with 0 frames');
    assert.equal(await preview.getByRole('heading', { name: '7日排行' }).count(), 0, 'no 排行 when off');
    await page.getByRole('region', { name: '首页版面' }).or(page.locator('fieldset', { hasText: '首页版面' })).first().screenshot({ path: path.join(ARTIFACTS, 'settings-home-preview.png') });
    // A bad value is refused in the frame with the same words as saving it.
    await page.getByLabel('首页显示的栏目（按顺序）').fill('no-such-section');
    await page.getByRole('button', { name: '按当前填写预览首页' }).click();
    await preview.getByText('首页栏目“no-such-section”不是现有的一级栏目').waitFor();
    // Nothing was saved: readers still get the 焦点图.
    const html = await (await fetch(`${server.origin}/`)).text();
    assert.ok(html.includes('aria-roledescription="carousel"'));
  });

  it('is the same page in 繁體', async (t) => {
    const page = await open(t, PHONE, '/zh-hant/');
    await page.getByRole('region', { name: '焦點圖' }).waitFor();
    await page.getByRole('region', { name: '要聞' }).waitFor();
    await page.getByRole('heading', { name: '7日排行' }).waitFor();
    await assertNoWiderThanScreen(page);
    await saveScreenshot(page, 'home-hant-phone');
  });
});
