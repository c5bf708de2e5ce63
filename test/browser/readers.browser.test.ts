// Readers take part, end to end: the demo portal behind a trusted proxy (so each browser context has
// its own client address and IP属地), headless Chromium. A reader on a phone signs in by SMS from the
// comment box, a reviewer approves in the moderation queue, another reader sees the comment; likes
// go and come back; reader markup stays text; the lexicon page checks and imports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, DESKTOP, launchChromium, PHONE, readerContext, saveScreenshot, signInOnPage } from '../support/browser.js';
import { waitForSmsCode } from '../support/readers.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { demoArticleId } from '../support/demo.js';
import { type RunningPortal, runBendi, startPortal } from '../support/portal-process.js';

const PASSWORD = 'password1234';
const ZHEJIANG = '115.236.1.1';
const GUANGDONG = '202.96.128.86';
const READER_A_PHONE = '13912340001';
const COMMENT = '家门口的大桥终于通了，给建设者点赞！';
const MARKUP = '<img src=x onerror=alert(1)>你好';
const SPAM = '兼职刷单返利，日结，私聊';

describe('readers take part, in a browser', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];
  let readerA: Page;
  let moderator: Page;
  // Two demo articles the readers comment on, found by key.
  let first: number;
  let second: number;

  before(async () => {
    // The demo portal, trusting us as its proxy: X-Forwarded-For is each reader's address.
    server = await startPortal({ TRUST_PROXY: '127.0.0.1' });
    ({ dataDir } = server);
    runBendi(dataDir, ['user', 'add', '--username', 'pinglun', '--role', 'reviewer', '--display-name', '评论审核员'], `${PASSWORD}\n`);
    runBendi(dataDir, ['user', 'add', '--username', 'cigui', '--role', 'admin', '--display-name', '词表管理员'], `${PASSWORD}\n`);
    first = await demoArticleId({ DATA_DIR: dataDir }, 'xikou-secretary-interview');
    second = await demoArticleId({ DATA_DIR: dataDir }, 'riverside-greenway-opens');
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, alerts, CSP violations or requests to other hosts');
  });

  const newContext = (device: BrowserContextOptions, address?: string) => readerContext(browser, device, server.origin, problems, address);
  const smsCode = (phone: string) => waitForSmsCode(dataDir, phone);

  async function postComment(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: '发表评论' }).fill(text);
    await page.getByRole('button', { name: '发表评论' }).tap();
  }

  const ownComment = (page: Page, text: string) => page.locator('[data-comment-list] .comment--own').filter({ hasText: text });

  it('lets a reader on a phone sign in by SMS from the comment box, and holds the comment for review', async () => {
    readerA = await (await newContext(PHONE, ZHEJIANG)).newPage();
    assert.equal((await readerA.goto(`${server.origin}/a/${first}`))?.status(), 200);
    await postComment(readerA, COMMENT);

    const panel = readerA.getByRole('dialog', { name: '手机号登录' });
    await panel.waitFor();
    assert.ok(await panel.getByLabel('手机号').evaluate((input) => input === document.activeElement), 'the phone field has focus');
    await assertNoSeriousAxeViolations(readerA);
    await saveScreenshot(readerA, 'readers-sign-in-panel-phone', false);
    await readerA.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.ok(await readerA.getByRole('button', { name: '发表评论' }).evaluate((b) => b === document.activeElement), 'focus goes back to the button');
    await readerA.getByRole('button', { name: '发表评论' }).tap();
    await panel.waitFor();

    await panel.getByLabel('手机号').fill(READER_A_PHONE);
    await panel.getByRole('button', { name: '获取验证码' }).tap();
    await panel.getByText('验证码已发送，5 分钟内有效。').waitFor();
    await panel.getByLabel('验证码').fill(await smsCode(READER_A_PHONE));
    await panel.getByRole('button', { name: '登录' }).tap();
    await panel.waitFor({ state: 'hidden' });

    const own = ownComment(readerA, COMMENT);
    await own.waitFor();
    assert.match(await own.innerText(), /待审核/);
    assert.match(await own.innerText(), /IP属地：浙江/);
    await readerA.getByText('评论已提交，审核通过后其他读者才能看到。').waitFor();
    assert.equal(await readerA.getByRole('textbox', { name: '发表评论' }).inputValue(), '', 'the box is emptied');

    // Signed in now: the next comments go straight through. Markup is text, here and later on the server's page.
    await postComment(readerA, SPAM);
    await ownComment(readerA, SPAM).waitFor();
    await readerA.goto(`${server.origin}/a/${second}`);
    await postComment(readerA, MARKUP);
    const markup = ownComment(readerA, MARKUP);
    await markup.waitFor();
    assert.equal(await markup.locator('img').count(), 0, 'reader markup never becomes an element');
    await readerA.goto(`${server.origin}/a/${first}`);
    await ownComment(readerA, COMMENT).waitFor();
    assert.equal(await readerA.locator('[data-comment-list] .comment--own').count(), 2, 'the reader’s own pending comments come back after a reload');
    await saveScreenshot(readerA, 'readers-comment-pending-phone');
  });

  it('lets a reviewer reject one comment with a reason and approve the others in one go', async () => {
    moderator = await (await newContext(DESKTOP)).newPage();
    await moderator.goto(`${server.origin}/admin/comments`);
    await signInOnPage(moderator, 'pinglun', PASSWORD);
    await moderator.waitForURL(`${server.origin}/admin/comments`);
    const nav = moderator.getByRole('navigation', { name: '后台导航' });
    await nav.getByRole('link', { name: /^评论审核\s*，3 条待审核$/ }).waitFor();

    const item = (text: string) => moderator.locator('.queue-item').filter({ hasText: text });
    assert.equal(await moderator.locator('.queue-item').count(), 3);
    assert.equal(await item(MARKUP).locator('.queue-item__body').innerText(), MARKUP, 'markup shown as text');
    assert.equal(await item(MARKUP).locator('.queue-item__body img').count(), 0);
    const marks = item(SPAM).locator('mark');
    assert.equal(await marks.first().innerText(), '兼职刷单返利', 'overlapping hits are one highlight');
    assert.match((await marks.first().getAttribute('title')) ?? '', /刷单返利.*标记/);
    assert.match(await item(COMMENT).innerText(), /IP属地：浙江/);
    await assertNoSeriousAxeViolations(moderator);
    await saveScreenshot(moderator, 'readers-moderation-queue');

    await item(SPAM).getByRole('button', { name: '拒绝' }).click();
    const ask = moderator.getByRole('dialog', { name: '拒绝评论' });
    await ask.getByLabel(/拒绝原因/).fill('广告');
    await ask.getByRole('button', { name: '确定' }).click();
    await moderator.getByText('已拒绝 1 条评论。').waitFor();
    assert.equal(await moderator.locator('.queue-item').count(), 2);

    await moderator.getByRole('button', { name: '通过所选' }).click();
    await moderator.getByText('请先勾选要处理的评论。').waitFor();
    await moderator.getByLabel('全选本页').check();
    await moderator.getByText('已勾选 2 条').waitFor();
    await moderator.getByRole('button', { name: '通过所选' }).click();
    await moderator.getByText('已通过 2 条评论，读者现在能看到了。').waitFor();
    await moderator.getByText('没有待审核的评论。').waitFor();
    await nav.getByRole('link', { name: '评论审核', exact: true }).waitFor();
    await moderator.getByRole('link', { name: '已发布' }).click();
    assert.equal(await moderator.locator('.queue-item').count(), 2);
    await saveScreenshot(moderator, 'readers-moderation-published');
  });

  it('shows the approved comment to another reader at once, with the commenter’s IP属地 and the count', async () => {
    const readerB = await (await newContext(DESKTOP, GUANGDONG)).newPage();
    await readerB.goto(`${server.origin}/a/${first}`);
    const comment = readerB.locator('[data-comment-list] > .comment').filter({ hasText: COMMENT });
    await comment.waitFor();
    assert.match(await comment.locator('.comment__meta').innerText(), /IP属地：浙江/);
    await readerB.getByRole('heading', { name: '1条评论' }).waitFor();
    assert.equal(await readerB.getByText(SPAM).count(), 0, 'the rejected comment is not shown');
    assert.equal(await readerB.locator('.comment--own').count(), 0);
    await saveScreenshot(readerB, 'readers-comment-published');

    await readerB.goto(`${server.origin}/a/${second}`);
    const markup = readerB.locator('[data-comment-list] > .comment').filter({ hasText: MARKUP });
    await markup.waitFor();
    assert.equal(await markup.locator('.comment__body').innerText(), MARKUP);
    assert.equal(await readerB.locator('img[src="x"]').count(), 0);
  });

  it('takes one like from the reader and gives it back on a second tap, every count agreeing', async () => {
    // The page learns that the reader is signed in from its first API answer; a tap before it arrives
    // must wait for it, not ask a signed-in reader to sign in again. A slow network makes that likely.
    await readerA.route(`**/api/articles/${first}/comments`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      // A request the page gave up on meanwhile (a reload, the next test's page) is no longer ours to continue.
      await route.continue().catch(() => undefined);
    });
    await readerA.goto(`${server.origin}/a/${first}`, { waitUntil: 'domcontentloaded' });
    const like = readerA.getByRole('button', { name: '点赞' });
    const counts = readerA.locator('[data-count="likes"]');
    assert.equal(await like.getAttribute('aria-pressed'), 'false');
    await like.tap();
    await readerA.waitForFunction(() => document.querySelector('[data-action="like"]')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await counts.allInnerTexts(), ['1', '1'], 'the byline and the like box');
    await readerA.getByText('已有1人点赞').waitFor();
    assert.ok(await readerA.getByRole('dialog', { name: '手机号登录' }).isHidden(), 'no second sign-in');
    await readerA.unroute(`**/api/articles/${first}/comments`);
    await saveScreenshot(readerA, 'readers-liked-phone', false, like);
    await like.tap();
    await readerA.waitForFunction(() => document.querySelector('[data-action="like"]')?.getAttribute('aria-pressed') === 'false');
    assert.deepEqual(await counts.allInnerTexts(), ['0', '0']);
  });

  it('lets a reviewer ban a reader, with a reason, from the queue', async () => {
    await moderator.goto(`${server.origin}/admin/comments?status=published`);
    await moderator.locator('.queue-item').filter({ hasText: COMMENT }).getByRole('button', { name: '禁言' }).click();
    const ask = moderator.getByRole('dialog', { name: /^禁言 网友/ });
    await ask.getByRole('button', { name: '确定' }).click();
    await ask.getByText('请填写这一项。').waitFor();
    await ask.getByLabel(/禁言原因/).fill('多次发布广告');
    await ask.getByRole('button', { name: '确定' }).click();
    await moderator.getByText('已禁言这位读者。').waitFor();
    const like = await readerA.request.put(`${server.origin}/api/articles/${first}/like`);
    assert.equal(like.status(), 403, 'a banned reader can no longer like');

    // Another moderator deletes the comment meanwhile: this page is out of date, and says so in Chinese.
    const id = Number(await moderator.locator('.queue-item').filter({ hasText: COMMENT }).getAttribute('data-comment-id'));
    const deleted = await moderator.evaluate(async (commentId) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const response = await fetch(`/api/admin/comments/${commentId}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ to: 'deleted' }),
      });
      return response.status;
    }, id);
    assert.equal(deleted, 200);
    await moderator.locator('.queue-item').filter({ hasText: COMMENT }).getByRole('button', { name: '拒绝' }).click();
    await moderator.getByRole('dialog', { name: '拒绝评论' }).getByRole('button', { name: '确定' }).click();
    await moderator
      .locator('.queue-item')
      .filter({ hasText: COMMENT })
      .getByText('这条评论当前的状态不能进行这项操作。页面内容可能已经过期（其他审核员刚处理过），所选评论都没有改动；请刷新页面后再试。')
      .waitFor();
    await saveScreenshot(moderator, 'readers-moderation-stale');
  });

  it('lets an admin check a text against the lexicon and import a list, with its mistakes by line', async () => {
    const admin = await (await newContext(DESKTOP)).newPage();
    await admin.goto(`${server.origin}/admin/lexicon`);
    await signInOnPage(admin, 'cigui', PASSWORD);
    await admin.waitForURL(`${server.origin}/admin/lexicon`);
    await admin.getByText(/共 \d+ 条，最新添加的在前。/).waitFor();

    const check = admin.getByRole('region', { name: '检测文本' });
    await check.getByRole('button', { name: '检测' }).click();
    await check.getByText('请先填写要检测的文字。').waitFor();
    await check.getByLabel(/^要检测的文字/).fill('周末有人在群里发兼职刷单返利<b>广告</b>');
    await check.getByRole('button', { name: '检测' }).click();
    await check.getByText('标记（会显示，同时提醒审核员查看）').waitFor();
    assert.equal(await check.locator('mark').first().innerText(), '兼职刷单返利');
    assert.equal(await check.locator('b').count(), 0, 'the pasted text stays text');
    await check.getByRole('row').filter({ hasText: '刷单返利' }).getByRole('cell', { name: '第 11–14 字' }).waitFor();

    const importer = admin.getByRole('region', { name: '导入词表' });
    await importer.getByLabel(/^词语/).fill('青溪浏览器测试词\n坏行\tnope\n青溪浏览器测试词\n');
    await importer.getByLabel('没写处理方式的词按').selectOption('reject');
    await importer.getByRole('button', { name: '导入' }).click();
    await importer.getByText('已导入 1 条。').waitFor();
    await importer.getByText(/第 2 行：未知处理方式/).waitFor();
    await importer.getByText(/第 3 行：重复/).waitFor();
    await assertNoSeriousAxeViolations(admin);
    await saveScreenshot(admin, 'readers-lexicon');

    await admin.getByRole('searchbox', { name: '查找词语' }).fill('青溪浏览器');
    await admin.getByRole('button', { name: '查找', exact: true }).click();
    await admin.getByText('其中 1 条包含要找的文字').waitFor();
    assert.equal(await admin.getByRole('row').filter({ hasText: '青溪浏览器测试词' }).getByText('拒绝').count(), 1);
    await admin.getByRole('button', { name: '删除“青溪浏览器测试词”' }).click();
    await admin.getByText('没有找到词语。').waitFor();
  });
});
