// The newsroom end to end: the real server, real accounts made with the CLI, headless Chromium.
// An editor writes and submits an article with a picture, a reviewer approves it, a reader reads it,
// the reviewer withdraws it and it disappears for readers while staff still see the preview.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, imageLoads, launchChromium, PHONE as WECHAT_PHONE, saveScreenshot, watchedContext, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';
const TITLE = '青溪大桥今天正式通车';
const IMAGE_ALT = '青溪大桥通车仪式现场，市民步行过桥';
// This suite's phone has always been a plain mobile browser in the machine's time zone, not WeChat's.
const PHONE: BrowserContextOptions = { ...WECHAT_PHONE, userAgent: undefined, timezoneId: undefined };

describe('the newsroom in a browser', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];
  let articleId = 0;
  let editor: Page;
  let reviewer: Page;
  let reader: BrowserContext;

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    for (const [username, role] of [['bianji', 'editor'], ['shenhe', 'reviewer'], ['guanli', 'admin']]) {
      runBendi(dataDir, ['user', 'add', '--username', username!, '--role', role!, '--display-name', `${username}员`], `${PASSWORD}\n`);
    }
    const token = runBendi(dataDir, ['token', 'create', '--username', 'guanli']);
    const category = await fetch(`${server.origin}/api/admin/categories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'local-news', name: '本地新闻' }),
    });
    assert.equal(category.status, 201, await category.text());
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, CSP violations or requests to other hosts');
  });

  const newContext = (device: BrowserContextOptions) => watchedContext(browser, device, server.origin, problems);

  async function signIn(device: BrowserContextOptions, username: string, path: string): Promise<Page> {
    const page = await (await newContext(device)).newPage();
    await page.goto(server.origin + path);
    assert.match(page.url(), /\/admin\/sign-in\?next=/, 'signed-out staff are sent to sign in');
    await signInOnPage(page, username, 'wrong password');
    await page.getByText('用户名或密码不正确。').waitFor();
    await page.getByLabel(/^密码/).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(server.origin + path);
    return page;
  }

  async function uploadInDialog(page: Page, fileName: string, alt: string): Promise<void> {
    const dialog = page.getByRole('dialog', { name: '上传图片' });
    await dialog.waitFor();
    const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#2f6f9f' } }).png().toBuffer();
    await dialog.getByLabel(/^选择图片文件/).setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
    await dialog.getByRole('button', { name: '上传' }).click();
    await dialog.getByText('请填写图片说明，方便视障读者理解图片内容。').first().waitFor();
    await dialog.getByLabel(/^图片说明/).fill(alt);
    await dialog.getByRole('button', { name: '上传' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('lets an editor write an article with a picture and send it for review', async () => {
    editor = await signIn(DESKTOP, 'bianji', '/admin/articles/new');
    await editor.getByLabel(/^标题/).fill(TITLE);
    await editor.getByLabel(/^栏目/).selectOption({ label: '本地新闻' });
    const body = editor.getByRole('textbox', { name: '正文' });
    await body.click();
    await editor.keyboard.type('经过三年建设，青溪大桥今天上午正式通车，BRT公交同日开通。');
    await editor.getByRole('toolbar').getByRole('button', { name: '图片', exact: true }).click();
    await uploadInDialog(editor, 'bridge.png', IMAGE_ALT);
    await assert.doesNotReject(body.locator(`img[alt="${IMAGE_ALT}"]`).waitFor(), 'the picture is in the body');
    await editor.keyboard.type('大桥全长1.2公里。');
    await editor.getByLabel(/^摘要/).fill('青溪大桥正式通车，城东到城西只要五分钟。');
    await editor.getByLabel(/^关键词/).fill('交通，brt');
    await editor.getByRole('button', { name: '推荐关键词' }).click();
    await editor.getByRole('button', { name: '添加关键词：公交' }).waitFor();
    assert.equal(await editor.getByRole('button', { name: '添加关键词：BRT' }).count(), 0, 'BRT is the brt the field holds (NBA and nba are one tag)');
    await editor.getByRole('button', { name: '添加关键词：大桥' }).click();
    assert.equal(await editor.getByLabel(/^关键词/).inputValue(), '交通，brt，大桥', 'a suggestion is added with a click');
    await editor.getByRole('group', { name: '题图' }).getByRole('button', { name: '上传图片' }).click();
    await uploadInDialog(editor, 'lead.png', '青溪大桥全景');
    assert.equal(await editor.getByLabel(/^题图说明/).inputValue(), '青溪大桥全景', 'the picture’s description is offered for the lead image');
    assert.match(await editor.locator('#word-count').innerText(), /中文字数：(\d+)/);
    assert.ok(Number(/(\d+)/.exec(await editor.locator('#word-count').innerText())![1]) >= 28);

    await editor.getByText(/已保存 \d{2}:\d{2}:\d{2}/).waitFor({ timeout: 20_000 });
    articleId = Number(/\/admin\/articles\/(\d+)\/edit$/.exec(editor.url())?.[1]);
    assert.ok(articleId > 0, `the address names the saved article: ${editor.url()}`);
    await saveScreenshot(editor, 'newsroom-editor');

    await editor.getByRole('button', { name: '送审' }).click();
    await editor.waitForURL(/done=submit/);
    await editor.getByText('已送审，等待审核。').waitFor();
    assert.equal(await editor.locator('.panel__status .status').innerText(), '待审核');
    assert.equal((await fetch(`${server.origin}/a/${articleId}`)).status, 404, 'nobody reads it before review');
  });

  it('keeps what the editor typed while the connection was down, and offers it back', async () => {
    const context = editor.context();
    const first = await context.newPage();
    await first.goto(`${server.origin}/admin/articles/new`);
    await first.getByLabel(/^标题/).fill('断网时写的稿子');
    await first.getByLabel(/^栏目/).selectOption({ label: '本地新闻' });
    await first.getByRole('button', { name: '保存', exact: true }).click();
    await first.getByText(/已保存 \d{2}:\d{2}:\d{2}/).waitFor();
    const draftUrl = first.url();
    assert.match(draftUrl, /\/admin\/articles\/\d+\/edit$/);

    await context.setOffline(true);
    await first.getByRole('textbox', { name: '正文' }).click();
    await first.keyboard.type('这段是断网时写的。');
    await first.getByText('保存失败：网络连接失败，请检查网络后重试。').waitFor({ timeout: 20_000 });
    // The tab is closed before the connection is back: only the browser's own copy has the sentence.
    await first.close();
    await context.setOffline(false);

    const second = await context.newPage();
    await second.goto(draftUrl);
    await second.getByText('这台电脑上有一份没来得及保存的内容。').waitFor();
    await second.getByRole('button', { name: '恢复这份内容' }).click();
    await second.getByText(/已保存 \d{2}:\d{2}:\d{2}/).waitFor({ timeout: 20_000 });
    await second.reload();
    await second.getByRole('textbox', { name: '正文' }).getByText('这段是断网时写的。').waitFor();
    assert.ok(await second.locator('[data-local-copy]').isHidden(), 'nothing left to offer once the server has it');
    await second.close();
  });

  it('lets a reviewer on a phone find it among the pending articles and approve it', async () => {
    reviewer = await signIn(PHONE, 'shenhe', '/admin/articles');
    await reviewer.getByRole('navigation', { name: '按状态筛选' }).getByRole('link', { name: '待审核' }).click();
    await reviewer.getByRole('link', { name: TITLE, exact: true }).click();
    await reviewer.waitForURL(`${server.origin}/admin/articles/${articleId}/edit`);
    assert.equal(await reviewer.getByLabel(/^标题/).inputValue(), TITLE);
    await reviewer.getByRole('button', { name: '通过' }).click();
    await reviewer.getByText('审核通过，文章已发布。').waitFor();
    await saveScreenshot(reviewer, 'newsroom-reviewer-phone');
  });

  it('shows the published article, its picture and description to an anonymous reader', async () => {
    reader = await newContext(PHONE);
    const page = await reader.newPage();
    const response = await page.goto(`${server.origin}/a/${articleId}`);
    assert.equal(response?.status(), 200);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), TITLE);
    const picture = page.getByRole('article').getByRole('img', { name: IMAGE_ALT });
    assert.ok(await imageLoads(picture), 'the picture loaded');
    assert.doesNotMatch(await page.content(), /信息未审核或下架中/);
    await page.getByRole('link', { name: '大桥' }).click();
    await page.waitForURL(`${server.origin}/t/${encodeURIComponent('大桥')}`);
    assert.ok((await page.getByRole('heading', { level: 1 }).innerText()).includes('关键词：大桥'), 'the tag leads to its page');
    for (const listing of ['/', '/c/local-news']) {
      const html = await (await fetch(server.origin + listing)).text();
      assert.ok(html.includes(TITLE), `listed on ${listing}`);
    }
  });

  it('takes the article away from readers when the reviewer withdraws it, leaving staff a preview', async () => {
    await reviewer.getByRole('button', { name: '下架' }).click();
    const ask = reviewer.getByRole('dialog', { name: '下架文章' });
    await ask.getByRole('button', { name: '确定' }).click();
    await ask.getByText('请填写这一项。').waitFor();
    await ask.getByLabel(/下架原因/).fill('通车时间有误，核实后重新发布');
    await ask.getByRole('button', { name: '确定' }).click();
    await reviewer.getByText('文章已下架，读者看不到了。').waitFor();
    await reviewer.getByText('原因：通车时间有误，核实后重新发布').waitFor();

    const anonymous = await reader.newPage();
    assert.equal((await anonymous.goto(`${server.origin}/a/${articleId}`))?.status(), 404);
    for (const listing of ['/', '/c/local-news']) {
      const response = await anonymous.goto(server.origin + listing);
      assert.equal(response?.status(), 200);
      assert.ok(!(await anonymous.content()).includes(TITLE), `gone from ${listing}`);
    }

    const preview = await editor.context().newPage();
    assert.equal((await preview.goto(`${server.origin}/a/${articleId}`))?.status(), 200);
    await preview.getByText('信息未审核或下架中，当前页面为预览效果，仅管理员可见').waitFor();
    await saveScreenshot(preview, 'newsroom-staff-preview');
  });

  it('has no serious accessibility problems on the list and editor pages', async () => {
    for (const [page, url, name] of [
      [editor, '/admin', 'newsroom-list'],
      [editor, `/admin/articles/${articleId}/edit`, 'newsroom-editor-withdrawn'],
      [reviewer, '/admin/articles/new', 'newsroom-new-phone'],
    ] as const) {
      await page.goto(server.origin + url);
      await page.locator('[data-editor] .ProseMirror, table, .empty').first().waitFor();
      await assertNoSeriousAxeViolations(page);
      await saveScreenshot(page, name);
    }
  });

  it('signs the editor out from the header', async () => {
    await editor.getByRole('button', { name: '退出登录' }).click();
    await editor.waitForURL(/\/admin\/sign-in$/);
    await editor.goto(`${server.origin}/admin`);
    assert.match(editor.url(), /\/admin\/sign-in\?next=%2Fadmin$/);
    assert.equal((await editor.goto(`${server.origin}/a/${articleId}`))?.status(), 404, 'signed out, the withdrawn article is gone for this browser too');
  });
});
