// The 修订历史 panel in the editor, on a desk and on a phone: the real server, accounts made with the CLI,
// headless Chromium. An article is written and then edited (title, a paragraph, a new heading, the summary);
// the panel lists both versions with who, when (in Chinese, whatever the browser's language) and what changed,
// and 比较 shows them side by side on a desk and stacked on a phone, with the summary's change listed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, onForeignRequest, PHONE, recordScriptErrors, saveScreenshot, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';

describe('the revision history in the editor', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  let articleId: number;
  const problems: string[] = [];

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'bianji', '--role', 'editor', '--display-name', '编辑小王'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    const call = async <T,>(token: string, method: string, url: string, body: object): Promise<T> => {
      const res = await fetch(server.origin + url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
      return (await res.json()) as T;
    };
    const admin = runBendi(dataDir, ['token', 'create', '--username', 'guanli']);
    const editor = runBendi(dataDir, ['token', 'create', '--username', 'bianji']);
    const { id: categoryId } = await call<{ id: number }>(admin, 'POST', '/api/admin/categories', { slug: 'local-news', name: '本地新闻' });
    const body = (when: string) => `<p>青溪大桥将于${when}通车。</p><p>大桥全长一千二百米，双向四车道，是青溪的第三座跨江大桥。</p><p>市民可步行过桥。</p><p>通车当天有公交接驳。</p>`;
    const { article } = await call<{ article: { id: number } }>(editor, 'POST', '/api/admin/articles', { categoryId, title: '大桥通车', bodyHtml: body('下月'), origin: 'original' });
    articleId = article.id;
    await call(editor, 'PATCH', `/api/admin/articles/${articleId}`, { title: '青溪大桥今天通车', bodyHtml: `${body('今天')}<h2>交通安排</h2>`, summary: '大桥今天通车。' });
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, CSP violations or requests to other hosts');
  });

  for (const [name, device, sideBySide] of [
    ['desktop', DESKTOP, true],
    ['phone', { ...PHONE, locale: 'en-US' }, false],
  ] as Array<[string, BrowserContextOptions, boolean]>) {
    it(`lists the versions and compares one with the current, ${sideBySide ? 'side by side' : 'stacked'} on a ${name}`, async () => {
      const context = await browser.newContext(device);
      onForeignRequest(context, server.origin, (href) => problems.push(`request to ${href}`));
      recordScriptErrors(context, problems);
      const page = await context.newPage();
      await page.goto(`${server.origin}/admin/articles/${articleId}/edit`);
      await signInOnPage(page, 'bianji', PASSWORD);
      await page.waitForURL(`${server.origin}/admin/articles/${articleId}/edit`);

      // 定时发布 in Chinese whatever the browser's language: typed loosely, written back as understood.
      const scheduled = page.getByLabel('定时发布（北京时间）');
      await scheduled.fill('2031-12-1 8:30');
      await scheduled.blur();
      assert.equal(await scheduled.inputValue(), '2031年12月01日 08:30');
      await scheduled.fill('');

      await page.getByText('修订历史').click();
      const versions = page.locator('.revisions > li');
      await versions.first().waitFor();
      assert.equal(await versions.count(), 2);
      assert.deepEqual(await page.locator('.revision__kind').allTextContents(), ['改了标题和正文', '新建']);
      const meta = (await versions.last().locator('.revision__meta').textContent()) ?? '';
      assert.match(meta, /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2} · 编辑小王$/, `in Chinese whatever the browser's language: ${meta}`);

      await versions.last().getByRole('button', { name: /^比较 .* 的版本与当前版本$/ }).click();
      const dialog = page.getByRole('dialog', { name: '与当前版本的差异' });
      await dialog.waitFor();
      assert.deepEqual(await dialog.locator('[data-diff-title] ins').allTextContents(), ['新增：青溪', '新增：今天']);
      const changed = dialog.locator('.diff-row--changed').first();
      assert.equal(await changed.locator('del').textContent(), '删除：下月');
      assert.equal(await changed.locator('ins').textContent(), '新增：今天');
      await dialog.getByText('小标题：').waitFor();
      await dialog.getByRole('button', { name: '显示 3 段未改动的内容' }).waitFor();
      await dialog.getByText('摘要：（空） → 大桥今天通车。').waitFor();
      const [was, is] = await Promise.all((await changed.locator('td').all()).map((cell) => cell.boundingBox()));
      assert.equal(was!.y === is!.y, sideBySide, `before ${JSON.stringify(was)}, after ${JSON.stringify(is)}`);

      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(width[0]! <= width[1]!, `nothing wider than the screen: ${width.join(' > ')}`);
      await assertNoSeriousAxeViolations(page);
      await saveScreenshot(page, `revision-compare-${name}`, false);
      await context.close();
    });
  }
});
