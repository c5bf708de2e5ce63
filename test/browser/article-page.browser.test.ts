// The article page as a reader sees it: the real server with its demo portal, headless Chromium at
// phone and desktop size, every element of shared/PAGE.md, the 繁體 switch, elder mode and axe-core.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, imageLoads, launchChromium, onForeignRequest, PHONE, saveScreenshot } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { demoArticleId } from '../support/demo.js';
import { type RunningPortal, startPortal } from '../support/portal-process.js';

// This suite has always used a slightly shorter desktop window than the shared one.
const DESKTOP_800: BrowserContextOptions = { ...DESKTOP, viewport: { width: 1280, height: 800 } };

// The timeout only guards against a hung browser or server; a normal run takes well under a minute.
describe('article page in a browser', { skip: chromiumMissing, timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  let articlePath: string;

  before(async () => {
    server = await startPortal();
    ({ dataDir } = server);
    browser = await launchChromium();
    // A reprint with an editor's note: the richest byline and body.
    articlePath = `/a/${await demoArticleId({ DATA_DIR: dataDir }, 'xikou-secretary-interview')}`;
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
  });

  /** A fresh context per test, so cookies (elder mode) never leak; fails the test if the page called another host. */
  async function open(t: TestContext, device: BrowserContextOptions, urlPath: string): Promise<Page> {
    const context = await browser.newContext(device);
    const foreign: string[] = [];
    onForeignRequest(context, server.origin, (href) => foreign.push(href));
    // A portal inside WeChat must load nothing from third parties: no trackers, fonts or CDNs.
    t.after(async () => {
      await context.close();
      assert.deepEqual(foreign, [], 'requests to a host other than the local server');
    });
    const page = await context.newPage();
    await page.goto(server.origin + urlPath, { waitUntil: 'load' });
    return page;
  }

  it('shows every element of the reference page on a phone', async (t) => {
    const page = await open(t, PHONE, articlePath);
    const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    assert.ok(title.length > 0);
    // Nothing wider than the phone: one element that overflows widens the layout and pushes sheets and bars off screen.
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
    assert.ok(widths.page <= widths.screen, `the page is ${widths.page} px wide on a ${widths.screen} px screen`);

    // 1, 2: the now-reading bar with its share panel and the jump to the comments. Inside WeChat (this
    // browser's user agent) sharing is WeChat's own ··· menu, so the panel says so and offers the link;
    // a QR code of the page one is already on would be of no use there.
    await assertVisible(innermost(page, '正在阅读', title));
    await page.getByText('分享文章').click();
    await assertVisible(page.getByText('点右上角 ··· 发送给朋友，或分享到朋友圈'));
    await assertVisible(page.getByRole('button', { name: '复制链接' }));
    assert.equal(await page.getByAltText(/本文链接的二维码/).isVisible(), false, 'no QR code inside WeChat');
    await page.keyboard.press('Escape');
    const joinComments = page.getByRole('link', { name: /参与评论\s*\d+/ });
    await assertVisible(joinComments);

    // 3: breadcrumb home / … / category / article.
    const crumbs = page.getByRole('navigation', { name: '当前位置' });
    await assertVisible(crumbs);
    assert.equal(await crumbs.getByRole('link').first().innerText(), '首页');
    assert.match((await crumbs.getByRole('link').last().getAttribute('href')) ?? '', /^\/c\//, 'the last crumb link is the category');

    // 6: the byline, with no empty field (defect 6) and a real IP location (defect 5).
    const byline = innermost(page, '转载', 'IP属地：', '点赞');
    await assertVisible(byline);
    const bylineText = await byline.innerText();
    // The time as people say it (刚刚, 5分钟前, 今天 08:30 …), the exact instant in Beijing time kept in datetime.
    assert.match(bylineText, /刚刚|\d+分钟前|今天 \d{2}:\d{2}|昨天 \d{2}:\d{2}|\d+月\d+日/);
    assert.match((await byline.locator('time').first().getAttribute('datetime')) ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.match(bylineText, /IP属地：(?!未知)\p{Script=Han}{2,}/u);
    assert.match(bylineText, /来源：\S/);
    assert.doesNotMatch(bylineText, /：\s*(\s|$)/, 'a label is printed with nothing after it');
    const [, comments, likes] = bylineText.match(/\d+\s*阅读\s*(\d+)\s*评论\s*(\d+)\s*点赞/) ?? assert.fail(`counts in byline: ${bylineText}`);

    // 7 to 12: lead image, editor's note, body, credits, disclaimer, site QR code.
    const leadImage = page.getByRole('article').locator('img').first();
    assert.ok(((await leadImage.getAttribute('alt')) ?? '').trim(), 'the lead image has alt text');
    assert.ok(await imageLoads(leadImage), 'the lead image loaded');
    await assertVisible(page.getByText('编者按'));
    const article = page.getByRole('article');
    assert.ok((await article.locator('p').filter({ hasText: /.{40}/ }).count()) >= 3, 'the body has paragraphs');
    await assertVisible(article.getByText(/出品|记者：/).first());
    await assertVisible(article.getByText(/转载.*版权/));
    await assertVisible(article.getByRole('img', { name: /二维码/ }));

    // 13, 14 and 2: every count on the page agrees with the byline (defect 4).
    await assertVisible(page.getByText(`已有${likes}人点赞`));
    await assertVisible(page.getByRole('heading', { name: `${comments}条评论` }));
    assert.match(await joinComments.innerText(), new RegExp(`参与评论\\s*${comments}$`));

    // 15: the comment box counts characters as a person does: an emoji is one.
    await assertVisible(innermost(page, '文明', '法律法规'));
    await page.getByRole('textbox', { name: '发表评论' }).fill('你好👋abc');
    await assertVisible(page.getByText('6/300'));

    // 16, 17: customer service and the legal footer, with this year in Beijing (defect 7).
    const footer = page.getByRole('contentinfo');
    for (const text of ['客服电话', '工作时间', '客服QQ', '微信公众号', '微信客服号', '增值电信业务经营许可证', '12377']) {
      await assertVisible(footer.getByText(text).first());
    }
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    await assertVisible(footer.getByText(new RegExp(`${year}.*版权所有`)));
    assert.match((await footer.getByRole('link', { name: /ICP备/ }).getAttribute('href')) ?? '', /^https:\/\/beian\.miit\.gov\.cn/);
    assert.match((await footer.getByRole('link', { name: /公网安备/ }).getAttribute('href')) ?? '', /beian\.mps\.gov\.cn/);

    await assertImagesHaveAlt(page);
  });

  it('shows the QR code of the page outside WeChat, fetched only when the share panel opens', async (t) => {
    const page = await open(t, DESKTOP_800, articlePath);
    const fetchedQrCodes = () => page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/qr.svg')).map((entry) => entry.name));
    const qr = page.getByAltText(/本文链接的二维码/);
    assert.equal(await qr.isVisible(), false);
    assert.deepEqual(await fetchedQrCodes(), [], 'not fetched with the page');
    await page.getByText('分享文章').click();
    await assertVisible(qr);
    await assertVisible(page.getByText('微信扫一扫'));
    await page.waitForFunction(() => ((document.querySelector('img.share__qr') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    assert.deepEqual(await fetchedQrCodes(), [`${server.origin}${articlePath}/qr.svg`]);
  });

  it('switches the whole page to traditional characters', async (t) => {
    const page = await open(t, PHONE, articlePath);
    const simplifiedTitle = await page.getByRole('heading', { level: 1 }).innerText();
    await page.getByRole('link', { name: '繁體' }).click();
    await page.waitForURL(`${server.origin}/zh-hant${articlePath}`);

    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant');
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), toTraditional(simplifiedTitle));
    // The switch names each script in its own characters, so conversion must leave it alone.
    const scriptSwitch = page.getByRole('navigation', { name: /繁體/ });
    assert.match(await scriptSwitch.innerText(), /简体[\s\S]*繁體/);
    assert.equal(await page.getByText('簡體').count(), 0);
    // Defect 3: the broken converter of the reference page inserted pinyin, as in 發(fā).
    assert.doesNotMatch(await page.locator('body').innerText(), /\p{Script=Han}\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/u);
    await saveScreenshot(page, 'article-hant-phone');
  });

  it('makes the text larger in elder mode', async (t) => {
    const page = await open(t, PHONE, articlePath);
    const bodyText = page.getByRole('article').locator('p').filter({ hasText: /.{40}/ }).first();
    const before = await fontSize(bodyText);
    await page.getByRole('link', { name: /长辈模式/ }).click();
    await page.waitForFunction('document.documentElement.classList.contains("elder")');
    const after = await fontSize(bodyText);
    assert.ok(after > before, `body text is ${after}px in elder mode, ${before}px before`);
    await saveScreenshot(page, 'article-elder-phone');
    await assertNoSeriousAxeViolations(page);
  });

  for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP_800]] as const) {
    for (const pageName of ['article', 'home'] as const) {
      it(`has no serious accessibility violation: ${pageName} on a ${name}`, async (t) => {
        const page = await open(t, device, pageName === 'article' ? articlePath : '/');
        await saveScreenshot(page, `${pageName}-${name}`);
        await assertNoSeriousAxeViolations(page);
      });
    }
  }
});

/** The smallest element containing all the texts, whatever its tag: ancestors precede descendants in document order. */
function innermost(page: Page, ...texts: string[]): Locator {
  return texts.reduce((locator, text) => locator.filter({ hasText: text }), page.locator('body *')).last();
}

async function assertVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 5_000 });
}

async function fontSize(locator: Locator): Promise<number> {
  return locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** No img may lack alt; content images need a real one, and decorative alt="" is only allowed beside text. */
async function assertImagesHaveAlt(page: Page): Promise<void> {
  const images = await page.locator('img').evaluateAll((imgs) =>
    imgs.map((img) => ({
      src: img.getAttribute('src'),
      alt: img.getAttribute('alt'),
      inMain: img.closest('main') !== null,
      textNearby: (img.closest('a, button, figure') ?? img.parentElement)?.textContent?.trim() ?? '',
    })),
  );
  assert.ok(images.length > 0);
  for (const image of images) {
    assert.notEqual(image.alt, null, `img without alt: ${image.src}`);
    if (image.inMain) assert.ok(image.alt?.trim(), `content image with empty alt: ${image.src}`);
    else if (!image.alt?.trim()) assert.ok(image.textNearby, `decorative image with no text beside it: ${image.src}`);
  }
}
