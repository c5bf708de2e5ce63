// The media library and review on a phone, end to end: the real server, accounts made with the CLI, headless Chromium.
// An editor finds a picture in the library, gives it a better 说明 everywhere and picks it as a lead image from the
// library; a reviewer on a phone opens the 待审 queue, approves the first article and lands on the next.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, onForeignRequest, PHONE, recordScriptErrors, saveScreenshot, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';

describe('the media library and review on a phone', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];
  const articles: number[] = [];
  let editorToken: string;

  /** The admin API as the editor's token. */
  async function call<T>(method: string, url: string, body?: object | FormData): Promise<T> {
    const json = body !== undefined && !(body instanceof FormData);
    const res = await fetch(server.origin + url, {
      method,
      headers: { authorization: `Bearer ${editorToken}`, ...(json && { 'content-type': 'application/json' }) },
      body: json ? JSON.stringify(body) : body,
    });
    assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  }

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    for (const [username, role] of [['bianji', 'editor'], ['shenhe', 'reviewer']]) {
      runBendi(dataDir, ['user', 'add', '--username', username!, '--role', role!, '--display-name', `${username}员`], `${PASSWORD}\n`);
    }
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    const adminToken = runBendi(dataDir, ['token', 'create', '--username', 'guanli']);
    const category = await fetch(`${server.origin}/api/admin/categories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'local-news', name: '本地新闻' }),
    });
    const categoryId = ((await category.json()) as { id: number }).id;
    editorToken = runBendi(dataDir, ['token', 'create', '--username', 'bianji']);

    const form = new FormData();
    form.append('alt', '图片');
    const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#2f6f9f' } }).png().toBuffer();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'qingxi-bridge.png');
    const image = await call<{ body: { src: string } }>('POST', '/api/admin/media', form);
    for (const title of ['青溪大桥今天正式通车', '城东菜市场改造完工']) {
      const bodyHtml = `<p>${title}。</p><p><img src="${image.body.src}" alt="图片"></p>`;
      const { article } = await call<{ article: { id: number; version: number } }>('POST', '/api/admin/articles', { categoryId, title, bodyHtml, origin: 'original' });
      await call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'pending', version: article.version });
      articles.push(article.id);
    }
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, CSP violations or requests to other hosts');
  });

  async function signIn(device: BrowserContextOptions, username: string, path: string): Promise<Page> {
    const context = await browser.newContext(device);
    onForeignRequest(context, server.origin, (href) => problems.push(`request to ${href}`));
    recordScriptErrors(context, problems);
    const page = await context.newPage();
    await page.goto(server.origin + path);
    await signInOnPage(page, username, PASSWORD);
    await page.waitForURL(server.origin + path);
    return page;
  }

  it("lets an editor find a picture, give it a better 说明 in every article, and pick it from the library as a lead image", async () => {
    const editor = await signIn(DESKTOP, 'bianji', '/admin/media?q=qingxi');
    const thumbnail = editor.locator('.library-card img');
    assert.deepEqual(await thumbnail.evaluate((img) => [img.getAttribute('loading'), img.getAttribute('width'), img.getAttribute('height')]), ['lazy', '480', '270']);
    await editor.getByText('用在 2 处').click();
    await editor.getByRole('link', { name: '城东菜市场改造完工' }).waitFor();
    await assertNoSeriousAxeViolations(editor);

    await editor.getByLabel(/^图片说明/).fill('青溪大桥通车仪式现场，市民步行过桥');
    await editor.getByRole('button', { name: '保存说明' }).click();
    await editor.getByText('说明已更新。').waitFor();
    for (const id of articles) {
      const { article } = await call<{ article: { bodyHtml: string } }>('GET', `/api/admin/articles/${id}`);
      assert.match(article.bodyHtml, /alt="青溪大桥通车仪式现场，市民步行过桥"/);
    }
    assert.equal(await editor.getByRole('button', { name: /^删除/ }).isDisabled(), true, 'a picture in use cannot be deleted');
    await saveScreenshot(editor, 'media-library-desktop');

    await editor.goto(`${server.origin}/admin/articles/${articles[0]}/edit`);
    await editor.getByRole('button', { name: '上传图片' }).click();
    const dialog = editor.getByRole('dialog', { name: '上传图片' });
    await dialog.getByRole('button', { name: '从图库选择' }).click();
    await dialog.getByLabel('搜索图库').fill('市民');
    await dialog.getByRole('button', { name: '青溪大桥通车仪式现场，市民步行过桥' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await editor.locator('[data-image-preview] img[alt="青溪大桥通车仪式现场，市民步行过桥"]').waitFor();
  });

  it("takes a reviewer on a phone from the queue through an article as readers will see it, to 通过 and the next", async () => {
    const reviewer = await signIn(PHONE, 'shenhe', '/admin/review');
    await reviewer.getByRole('link', { name: /青溪大桥今天正式通车/ }).click();
    await reviewer.waitForURL(`${server.origin}/admin/review/${articles[0]}`);
    const frame = reviewer.frameLocator('iframe.review-frame');
    await frame.getByRole('heading', { name: '青溪大桥今天正式通车' }).waitFor();
    await frame.getByText(/仅管理员可见|预览/).first().waitFor();
    await reviewer.getByText('第 1 篇，共 2 篇').waitFor();

    const approve = reviewer.getByRole('button', { name: '通过' });
    const box = (await approve.boundingBox())!;
    assert.ok(box.y + box.height <= 844 && box.y > 844 - 120, `the bar is at the bottom of the screen: ${JSON.stringify(box)}`);
    assert.equal(await reviewer.getByRole('button', { name: '撤回' }).count(), 0, 'no 撤回 on someone else’s article');
    await assertNoSeriousAxeViolations(reviewer);
    await saveScreenshot(reviewer, 'review-phone', false);

    await approve.click();
    await reviewer.waitForURL(`${server.origin}/admin/review/${articles[1]}`);
    await reviewer.frameLocator('iframe.review-frame').getByRole('heading', { name: '城东菜市场改造完工' }).waitFor();
    const published = await fetch(`${server.origin}/a/${articles[0]}`);
    assert.equal(published.status, 200, 'readers see the approved article');

    await reviewer.getByRole('button', { name: '退回' }).click();
    await reviewer.getByLabel(/退回原因/).fill('请补充通车时间和现场照片的拍摄者。');
    await reviewer.getByRole('button', { name: '确定' }).click();
    await reviewer.waitForURL(`${server.origin}/admin/review`);
    await reviewer.getByText('没有等您审核的文章。').waitFor();
  });
});
