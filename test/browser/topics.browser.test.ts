// 专题 end to end: the real server with its demo portal, accounts made with the CLI, headless Chromium. An editor builds a
// 专题 in /admin/topics (a section added on the page, a demo article picked), sends it for review, a reviewer approves it,
// and readers find it on the home page and at /zt/:slug in both scripts, axe-clean, at phone and desktop size.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, PHONE, saveScreenshot, watchedContext, signInOnPage } from '../support/browser.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { demoArticle, demoArticleId } from '../support/demo.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';
const SLUG = 'lantern-festival';
const TITLE = '<b>元宵灯会</b>专题';
const ARTICLE = 'xikou-secretary-interview';

describe('专题 in a browser', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    server = await startPortal();
    ({ dataDir } = server);
    for (const [username, role] of [['bianji', 'editor'], ['shenhe', 'reviewer']]) {
      runBendi(dataDir, ['user', 'add', '--username', username!, '--role', role!, '--display-name', `${username}员`], `${PASSWORD}\n`);
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

  const newContext = (device: BrowserContextOptions) => watchedContext(browser, device, server.origin, problems);

  async function signIn(username: string, urlPath: string): Promise<Page> {
    const page = await (await newContext(DESKTOP)).newPage();
    await page.goto(server.origin + urlPath);
    await signInOnPage(page, username, PASSWORD);
    await page.waitForURL(server.origin + urlPath);
    return page;
  }

  it('lets an editor build a 专题 and a reviewer publish it', async () => {
    const editor = await signIn('bianji', '/admin/topics/new');
    await editor.getByLabel(/^标题/).fill(TITLE);
    await editor.getByLabel(/^地址/).fill(SLUG);
    await editor.getByLabel(/^导语/).fill('<p>正月十五，城里城外的灯会一览。</p><script>alert(1)</script>');
    await editor.getByLabel('在首页显示').check();
    await editor.getByRole('button', { name: '添加栏目' }).click();
    await editor.getByLabel(/^栏目标题/).fill('现场报道');
    await editor.getByLabel(/^手选文章编号/).fill(String(await demoArticleId({ DATA_DIR: dataDir }, ARTICLE)));
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.waitForURL(/\/admin\/topics\/\d+\/edit$/);
    assert.equal(await editor.getByLabel(/^栏目标题/).inputValue(), '现场报道', 'the section was saved');
    await editor.getByRole('button', { name: '送审' }).click();
    await editor.getByRole('heading', { name: /待审核/ }).waitFor();
    const editUrl = editor.url();

    const reviewer = await signIn('shenhe', new URL(editUrl).pathname);
    await reviewer.getByRole('button', { name: '通过' }).click();
    await reviewer.getByRole('heading', { name: /已发布/ }).waitFor();
    await saveScreenshot(reviewer, 'topics-admin-editor');
  });

  it('shows readers the published 专题 on the home page and at /zt in both scripts, axe-clean', async () => {
    for (const device of [PHONE, DESKTOP]) {
      const page = await (await newContext(device)).newPage();
      await page.goto(`${server.origin}/`);
      await page.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(`${server.origin}/zt/${SLUG}`);
      assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), TITLE, 'markup in the title shown as text');
      await page.getByRole('link', { name: demoArticle(ARTICLE).title }).waitFor();
      assert.equal(await page.locator('script:not([src])').filter({ hasText: 'alert(1)' }).count(), 0);
      await assertNoSeriousAxeViolations(page);
      await saveScreenshot(page, `topics-page-${device === PHONE ? 'phone' : 'desktop'}`);
      await page.goto(`${server.origin}/zh-hant/zt/${SLUG}`);
      assert.match(await page.locator('main').innerText(), /元宵燈會/);
      await page.context().close();
    }
  });
});
