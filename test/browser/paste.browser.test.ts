// Reprinting in the editor: a WeChat article pasted into the body comes in cleaned, and its images,
// which this server cannot fetch here (no route to WeChat's servers), are outlined with the reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, newArticleEditor } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { REPO_ROOT, type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';
const wechatPage = readFileSync(path.join(REPO_ROOT, 'test/fixtures/paste/wechat-article.html'), 'utf8');

describe('pasting a reprint in the editor', { skip: chromiumMissing, timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'bianji', '--role', 'editor', '--display-name', '编辑'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    const category = await fetch(`${server.origin}/api/admin/categories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runBendi(dataDir, ['token', 'create', '--username', 'guanli'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'local-news', name: '本地新闻' }),
    });
    assert.equal(category.status, 201, await category.text());
    browser = await launchChromium();
    page = await newArticleEditor(browser, server.origin, 'bianji', PASSWORD, problems);
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    // Expected refusals by the admin's CSP: the pasted page's onclick attributes, reported when ProseMirror reads
    // the clipboard before the paste goes to the server, and its images of another host until they are fetched.
    const expected = /inline event handler violates .*script-src|Content Security Policy.*img-src/;
    assert.deepEqual(problems.filter((p) => !expected.test(p)), [], 'script errors');
  });

  async function paste(html: string): Promise<void> {
    await page.evaluate((markup) => {
      const data = new DataTransfer();
      data.setData('text/html', markup);
      document.querySelector('[data-editor] [contenteditable]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
  }

  it('inserts the cleaned article, says what was removed, and marks each image it could not fetch', async () => {
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await paste(wechatPage);

    await body.getByText('端午龙舟竞渡').waitFor();
    assert.equal(await body.locator('strong', { hasText: '城关镇代表队' }).count(), 1, 'bold kept');
    const text = await body.innerText();
    for (const hidden of ['青溪房价', '红包', '推广段落', '2026-06-19 18:30']) assert.ok(!text.includes(hidden), hidden);
    const report = page.getByRole('list', { name: '粘贴处理结果' });
    await report.getByText('去掉了 4 处隐藏文字（原网页读者看不到的内容）。').waitFor();
    await report.getByText('去掉了 2 个统计跟踪图片。').waitFor();

    await report.getByText(/有 2 张图片没能下载/).waitFor({ timeout: 60_000 });
    assert.match(await report.innerText(), /第 1 \/ 2 张图片下载失败：/);
    assert.equal(await body.locator('img.editor__image--fetch-failed').count(), 2, 'both images outlined');
    assert.match((await body.locator('img.editor__image--fetch-failed').first().getAttribute('title')) ?? '', /下载失败/);
  });

  it('points at the image that still needs 图片说明 when a save is refused', async () => {
    await page.getByLabel(/^标题/).fill('龙舟赛转载');
    await page.getByLabel(/^栏目/).selectOption({ label: '本地新闻' });
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await paste('<p>龙舟赛在青溪大桥下游水域开赛。</p><p><img src="/media/2026/05/boat.jpg" alt="龙舟"></p><p>城关镇夺冠。</p><p><img src="/media/2026/05/cup.jpg"></p>');
    await body.getByText('城关镇夺冠。').waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();

    await page.getByText('正文第 2 张图片（“…城关镇夺冠。”之后）还没有图片说明').first().waitFor();
    const marked = body.locator('img.editor__image--needs-alt');
    assert.equal(await marked.count(), 1);
    assert.equal(await marked.getAttribute('src'), '/media/2026/05/cup.jpg');
    assert.match((await marked.getAttribute('class')) ?? '', /ProseMirror-selectednode/, 'selected, for the 图片说明 button');
  });
});
