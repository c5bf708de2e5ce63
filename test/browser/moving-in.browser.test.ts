// Moving in from the admin: an admin imports a WordPress export and reads its report; an editor reprints from a link
// (here only a refused one: the portal rightly fetches nothing from this machine, and the tests have no other site).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, recordScriptErrors, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { THEME_UNIT_TEST_DATA } from '../../src/import/testing.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';

describe('moving in from the admin', { skip: chromiumMissing, timeout: 240_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    server = await startPortal({ BENDI_DEMO: '0' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'bianji', '--role', 'editor', '--display-name', '编辑'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'guanli', '--role', 'admin', '--display-name', '管理员'], `${PASSWORD}\n`);
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors');
  });

  async function signIn(username: string, address: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(DESKTOP);
    recordScriptErrors(context, problems);
    const page = await context.newPage();
    await page.goto(`${server.origin}${address}`);
    await signInOnPage(page, username, PASSWORD);
    await page.waitForURL(`${server.origin}${address}`);
    return { context, page };
  }

  it('imports an uploaded WordPress export, showing progress and then what it could not import and why', async () => {
    const { context, page } = await signIn('guanli', '/admin/import');
    await assertNoSeriousAxeViolations(page);
    await page.getByLabel(/^WordPress 导出文件/).setInputFiles(THEME_UNIT_TEST_DATA);
    await page.getByRole('button', { name: '开始导入' }).click();

    await page.getByText('themeunittestdata.wordpress.xml 导入完成。').waitFor({ timeout: 180_000 });
    assert.match(await page.locator('[data-import-job]').innerText(), /文章 58 篇/);
    await page.getByRole('table', { name: /^未导入/ }).getByText(/bendi 还没有独立页面/).first().waitFor();
    await assertNoSeriousAxeViolations(page);

    // Opened again, the page shows the last import's report.
    await page.reload();
    await page.getByText('themeunittestdata.wordpress.xml 导入完成。').waitFor();
    await context.close();
  });

  it("reprints from a link on the article list, and says in Chinese why a link into the server's own network is refused", async () => {
    const { context, page } = await signIn('bianji', '/admin');
    await page.getByText('从链接转载').click();
    await assertNoSeriousAxeViolations(page);
    await page.getByLabel(/^原文链接/).fill(`${server.origin}/`);
    await page.getByRole('button', { name: '抓取并建草稿' }).click();
    await page.getByText(/原文链接指向内网或本机地址/).first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin', 'no draft was opened');
    await context.close();
  });
});
