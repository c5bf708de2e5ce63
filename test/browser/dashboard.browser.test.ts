// The dashboard (概览) in a browser, on a phone and on a desk: the real server, accounts made with the CLI,
// headless Chromium. An article is published and read, so the charts have something to draw; every chart is
// an SVG with a name and its numbers in a table, nothing is wider than the screen, and axe finds nothing serious.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, onForeignRequest, PHONE, recordScriptErrors, saveScreenshot, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';
const TITLE = '青溪大桥今天正式通车';

describe('the dashboard on a phone and on a desk', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];

  async function call<T>(token: string, method: string, url: string, body?: object): Promise<T> {
    const res = await fetch(server.origin + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
      body: body && JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  }

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'bianji', '--role', 'editor', '--display-name', '编辑小王'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    const [editor, admin] = [runBendi(dataDir, ['token', 'create', '--username', 'bianji']), runBendi(dataDir, ['token', 'create', '--username', 'guanli'])];
    const { id: categoryId } = await call<{ id: number }>(admin, 'POST', '/api/admin/categories', { slug: 'local-news', name: '本地新闻' });
    const { article } = await call<{ article: { id: number; version: number } }>(editor, 'POST', '/api/admin/articles', { categoryId, title: TITLE, bodyHtml: `<p>${TITLE}。</p>`, origin: 'original' });
    const submitted = await call<{ article: { version: number } }>(editor, 'POST', `/api/admin/articles/${article.id}/transitions`, { to: 'pending', version: article.version });
    await call(admin, 'POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published', version: submitted.article.version });
    const read = await fetch(`${server.origin}/api/articles/${article.id}/reads`, { method: 'POST' });
    assert.equal(read.status, 200, await read.text());
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, CSP violations or requests to other hosts');
  });

  for (const [name, device] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as Array<[string, BrowserContextOptions]>) {
    it(`shows an admin the figures as named charts with their numbers as tables, on a ${name}`, async () => {
      const context = await browser.newContext(device);
      onForeignRequest(context, server.origin, (href) => problems.push(`request to ${href}`));
      recordScriptErrors(context, problems);
      const page = await context.newPage();
      await page.goto(`${server.origin}/admin`);
      await signInOnPage(page, 'guanli', PASSWORD);
      await page.getByRole('heading', { name: '每日阅读量' }).waitFor();

      for (const heading of ['本周阅读最多的文章', '每周发稿（按作者）', '评论', '敏感词命中（按词语）', '举报处理']) {
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      }
      const charts = page.locator('svg.chart');
      assert.ok((await charts.count()) >= 3, 'reads, publishing and comments drawn');
      for (const chart of await charts.all()) {
        assert.equal(await chart.getAttribute('role'), 'img');
        assert.ok((await chart.locator('title').textContent())?.trim(), 'each chart named');
        // The numbers beside each chart, in a table in the same panel.
        assert.ok((await chart.locator('xpath=ancestor::section[1]//table').count()) > 0, 'each chart has its table');
      }
      await page.getByRole('link', { name: TITLE }).waitFor();
      const top = page.getByRole('table', { name: '本周阅读最多的文章' });
      assert.deepEqual(await top.getByRole('row').last().locator('th, td').allTextContents(), [TITLE, '1'], 'the read counted this week');
      const writer = page.getByRole('table', { name: /最近 8 周共发布 1 篇文章/ });
      assert.equal(await writer.getByRole('rowheader').first().textContent(), '编辑小王', 'the writer, not the admin who approved');

      await page.locator('section[aria-labelledby="reads"] details summary').click();
      const reads = page.getByRole('table', { name: '每日阅读量' });
      assert.equal(await reads.getByRole('row').count(), 31, 'a heading row and 30 days');
      assert.equal(await reads.getByRole('row').last().locator('td').textContent(), '1', 'today');

      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(width[0]! <= width[1]!, `nothing wider than the screen: ${width.join(' > ')}`);
      await assertNoSeriousAxeViolations(page);
      await saveScreenshot(page, `dashboard-${name}`);
      await context.close();
    });
  }
});
