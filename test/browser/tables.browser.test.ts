// Tables in article bodies: made with the editor's toolbar, pasted from another site, or brought in by an import,
// they survive the editor's save unchanged by the server's sanitizer, and readers can read them on a phone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, launchChromium, newArticleEditor, PHONE, recordScriptErrors } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';

/** A results table as a county news site writes it: a head, a spanning cell, styles and classes, wider than a phone. */
const PASTED_TABLE = `<p>龙舟赛各代表队成绩如下：</p>
<table class="MsoTable" style="width:900px;border:1px solid #000">
  <colgroup><col width="120"><col width="300"></colgroup>
  <thead><tr><th style="background:#eee">代表队</th><th>第一轮（秒）</th><th>第二轮（秒）</th><th>第三轮（秒）</th><th>总成绩（秒）</th><th>名次</th></tr></thead>
  <tbody>
    <tr><td class="x">城关镇代表队</td><td>272.35</td><td>268.91</td><td>270.02</td><td>811.28</td><td>1</td></tr>
    <tr><td>青溪乡代表队</td><td colspan="2">因故未完成前两轮比赛</td><td>275.40</td><td>—</td><td>—</td></tr>
  </tbody>
</table>
<p>比赛由县体育局主办。</p>`;

/** What an import stored: the sanitizer's allowlist keeps thead, th and rowspan. */
const IMPORTED_BODY =
  '<p>今年县城新建学校如下。</p><table><thead><tr><th>学校</th><th>学位</th></tr></thead>' +
  '<tbody><tr><td rowspan="2">实验小学</td><td>1800</td></tr><tr><td>（含幼儿园 300）</td></tr></tbody></table><p>秋季开学启用。</p>';

interface StoredArticle {
  id: number;
  version: number;
  bodyHtml: string;
}

describe('tables in the article body', { skip: chromiumMissing, timeout: 240_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  let page: Page;
  let token: string;
  let categoryId: number;
  const problems: string[] = [];

  async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(server.origin + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${url}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'bianji', '--role', 'editor', '--display-name', '编辑'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    token = runBendi(dataDir, ['token', 'create', '--username', 'guanli']).trim();
    categoryId = (await call<{ id: number }>('POST', '/api/admin/categories', { slug: 'local-news', name: '本地新闻' })).id;
    browser = await launchChromium();
    page = await newArticleEditor(browser, server.origin, 'bianji', PASSWORD, problems);
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    // The pasted table's inline styles, refused by the admin's CSP when ProseMirror reads the clipboard.
    assert.deepEqual(problems.filter((p) => !/Content Security Policy.*style-src/.test(p)), [], 'script errors');
  });

  const body = () => page.getByRole('textbox', { name: '正文' });
  const button = (name: string | RegExp) => page.getByRole('toolbar', { name: /正文/ }).getByRole('button', { name, exact: typeof name === 'string' });
  const cellTexts = (locator: ReturnType<Page['locator']>) => locator.evaluate((table) => Array.from(table.querySelectorAll('tr'), (row) => Array.from(row.children).map((cell) => `${cell.tagName}:${cell.textContent}`)));

  async function paste(html: string): Promise<void> {
    await page.evaluate((markup) => {
      const data = new DataTransfer();
      data.setData('text/html', markup);
      document.querySelector('[data-editor] [contenteditable]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
  }

  /** Saves with the 保存 button and returns the body the editor sent and the article as stored. */
  async function save(): Promise<{ sent: string; stored: StoredArticle }> {
    const request = page.waitForRequest((r) => /\/api\/admin\/articles(\/\d+)?$/.test(r.url()) && ['POST', 'PATCH'].includes(r.method()));
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const sent = ((await request).postDataJSON() as { bodyHtml?: string }).bodyHtml ?? '';
    await page.getByText(/已保存 \d{2}:\d{2}:\d{2}/).waitFor({ timeout: 20_000 });
    const id = Number(/\/admin\/articles\/(\d+)\/edit$/.exec(page.url())?.[1]);
    return { sent, stored: (await call<{ article: StoredArticle }>('GET', `/api/admin/articles/${id}`)).article };
  }

  it('inserts a 3×3 table with a header row from the toolbar, by keyboard, and adds and removes rows and columns', async () => {
    await body().click();
    const insert = button(/^插入表格/);
    assert.equal(await insert.getAttribute('aria-label'), '插入表格（3 行 3 列，第一行为表头）');
    for (const name of ['下方加一行', '删除本行', '右侧加一列', '删除本列', '删除表格']) assert.ok(await button(name).isDisabled(), `${name} waits for a table`);

    await insert.focus();
    await page.keyboard.press('Enter');
    const table = body().locator('table');
    await table.waitFor();
    assert.equal(await table.locator('tr').count(), 3);
    assert.equal(await table.locator('tr').first().locator('th').count(), 3, 'a header row');
    assert.equal(await table.locator('td').count(), 6);
    assert.ok(await insert.isDisabled(), 'no table inside a table');

    // In the last row's first cell: the row and column commands act where the cursor is.
    await table.locator('tr').last().locator('td').first().click();
    await button('下方加一行').click();
    await button('右侧加一列').click();
    assert.equal(await table.locator('tr').count(), 4);
    assert.equal(await table.locator('tr').first().locator('th').count(), 4);
    await button('删除本列').click();
    await button('删除本行').click();
    assert.equal(await table.locator('tr').count(), 3);
    assert.equal(await table.locator('tr').first().locator('th').count(), 3, 'the header row stays');
    await page.keyboard.type('得分');
    await table.getByText('得分').waitFor();
    await button('删除表格').click();
    assert.equal(await body().locator('table').count(), 0);
    assert.ok(await button('删除表格').isDisabled());
  });

  it('keeps a pasted table through the save, unchanged by the sanitizer, and readers scroll it inside the article on a phone', async () => {
    await page.goto(`${server.origin}/admin/articles/new`);
    await page.getByLabel(/^标题/).fill('龙舟赛成绩公布');
    await page.getByLabel(/^栏目/).selectOption({ label: '本地新闻' });
    await body().click();
    await paste(PASTED_TABLE);
    await body().getByText('比赛由县体育局主办。').waitFor();
    const { sent, stored } = await save();

    assert.match(sent, /<table><tbody><tr><th><p>代表队<\/p><\/th>/, 'a plain table, its head row of th');
    assert.match(sent, /<td colspan="2"><p>因故未完成前两轮比赛<\/p><\/td>/);
    assert.doesNotMatch(sent, /style=|class=|colgroup|colwidth/);
    assert.equal(stored.bodyHtml, sent, 'the sanitizer keeps what the editor wrote');

    const submitted = await call<{ article: StoredArticle }>('POST', `/api/admin/articles/${stored.id}/transitions`, { to: 'pending', version: stored.version });
    await call('POST', `/api/admin/articles/${stored.id}/transitions`, { to: 'published', version: submitted.article.version });

    const phone = await browser.newContext(PHONE);
    recordScriptErrors(phone, problems);
    const reader = await phone.newPage();
    await reader.goto(`${server.origin}/a/${stored.id}`);
    const table = reader.locator('.article__body table');
    assert.deepEqual((await cellTexts(table))[0], ['TH:代表队', 'TH:第一轮（秒）', 'TH:第二轮（秒）', 'TH:第三轮（秒）', 'TH:总成绩（秒）', 'TH:名次']);
    assert.equal(await table.locator('td[colspan="2"]').count(), 1);
    const region = reader.getByRole('region', { name: '表格 1（可左右滑动）' });
    const widths = await reader.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.article__table')!;
      return { page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth, region: scroller.clientWidth, table: scroller.scrollWidth };
    });
    assert.ok(widths.page <= widths.screen, `page ${widths.page}px wider than the screen ${widths.screen}px`);
    assert.ok(widths.table > widths.region, `the table scrolls within the article (${widths.table}px in ${widths.region}px)`);
    // A keyboard reader scrolls it too: the region takes the focus and the arrow keys.
    await region.focus();
    await reader.keyboard.press('ArrowRight');
    await reader.waitForFunction(() => document.querySelector('.article__table')!.scrollLeft > 0);
    await assertNoSeriousAxeViolations(reader);
    await phone.close();
  });

  it('opens an imported article with a table and saves it without losing the table', async () => {
    const { article: imported } = await call<{ article: StoredArticle }>('POST', '/api/admin/articles', { categoryId, title: '县城新建学校', bodyHtml: IMPORTED_BODY, origin: 'original' });
    await page.goto(`${server.origin}/admin/articles/${imported.id}/edit`);
    const table = body().locator('table');
    await table.waitFor();
    await page.getByLabel(/^标题/).fill('县城今年新建学校');
    const { sent, stored } = await save();

    assert.equal(stored.bodyHtml, sent);
    assert.match(stored.bodyHtml, /<td rowspan="2"><p>实验小学<\/p><\/td>/);
    assert.match(stored.bodyHtml, /<p>秋季开学启用。<\/p>$/);
    assert.deepEqual(await cellTexts(table), [['TH:学校', 'TH:学位'], ['TD:实验小学', 'TD:1800'], ['TD:（含幼儿园 300）']]);
    await assertNoSeriousAxeViolations(page);
  });
});
