// A reader's week on a phone in WeChat's browser, end to end on the demo portal: they sign in, rename
// themselves on 我的, comment, get a reply and see the unread count in the header, report an article
// with the bottom sheet using keys and taps, and sign out on every device. axe runs on every state;
// screenshots go to test-artifacts/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertNoSeriousAxeViolations, chromiumMissing, launchChromium, PHONE, readerContext, saveScreenshot } from '../support/browser.js';
import { waitForSmsCode } from '../support/readers.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { demoArticleId } from '../support/demo.js';
import { apiToken, publishThenReview } from '../support/portal-admin.js';
import { type RunningPortal, startPortal } from '../support/portal-process.js';

const READER_PHONE = '13912348801';
const REPLIER_PHONE = '13912348802';
const NICKNAME = '溪口老街坊';
const COMMENT = '老街改造后晚上散步亮堂多了';
const REPLY = '同感，路灯也换新了';

describe('a reader’s own space on a phone, in a browser', { skip: chromiumMissing, timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningPortal;
  let browser: Browser;
  const problems: string[] = [];
  let reader: Page;
  let article: number;
  let firstCodeAt = 0;

  before(async () => {
    server = await startPortal({ TRUST_PROXY: '127.0.0.1' });
    ({ dataDir } = server);
    // Comments show at once, so a reply can follow without a moderator.
    await publishThenReview(server.origin, apiToken({ DATA_DIR: dataDir }));
    article = await demoArticleId({ DATA_DIR: dataDir }, 'xikou-secretary-interview');
    browser = await launchChromium();
  });

  after(async () => {
    await cleanUp(
      () => browser?.close(),
      () => server?.stop(),
    );
    assert.deepEqual(problems, [], 'script errors, alerts, CSP violations or requests to other hosts');
  });

  const newContext = (address: string) => readerContext(browser, PHONE, server.origin, problems, address);

  async function signInWithPanel(page: Page, phone: string): Promise<void> {
    const panel = page.getByRole('dialog', { name: '手机号登录' });
    await panel.waitFor();
    await panel.getByLabel('手机号').fill(phone);
    await panel.getByRole('button', { name: '获取验证码' }).tap();
    await panel.getByText('验证码已发送，5 分钟内有效。').waitFor();
    await panel.getByLabel('验证码').fill(await waitForSmsCode(dataDir, phone));
    await panel.getByRole('button', { name: '登录' }).tap();
    await panel.waitFor({ state: 'hidden' });
  }

  const corner = (page: Page) => page.locator('[data-reader-corner]');

  it('jumps from 参与评论 to the focused comment box below the sticky bar, and signs in from 我的', async () => {
    reader = await (await newContext('115.236.1.1')).newPage();
    await reader.goto(`${server.origin}/a/${article}`);
    const hint = reader.getByText('评论和点赞需用手机号登录');
    await hint.waitFor();
    await reader.getByRole('link', { name: /^参与评论/ }).tap();
    const box = reader.getByRole('textbox', { name: '发表评论' });
    await reader.waitForFunction(() => document.activeElement?.id === 'comment-body');
    const bar = await reader.locator('.reading-bar').boundingBox();
    const boxTop = (await box.boundingBox())!.y;
    assert.ok(bar && boxTop >= bar.y + bar.height, `the box (${boxTop}) is below the sticky bar (${bar?.y}+${bar?.height})`);
    for (const name of ['赞', '回复', '举报']) {
      const target = reader.locator('.comment__actions, .article__report').getByRole(name === '举报' ? 'link' : 'button', { name }).first();
      if ((await target.count()) === 0) continue;
      const size = (await target.boundingBox())!;
      assert.ok(size.height >= 44 && size.width >= 44, `${name} is a 44 px target (${size.width}×${size.height})`);
    }
    // Times are said the way people say them, with the exact time kept.
    const published = reader.locator('.byline time');
    assert.match(await published.innerText(), /^(刚刚|\d+分钟前|今天 \d\d:\d\d|昨天 \d\d:\d\d|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日)$/);
    assert.match((await published.getAttribute('datetime')) ?? '', /\+08:00$/);

    await corner(reader).tap();
    await reader.waitForURL(`${server.origin}/me`);
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-signed-out-phone');
    await reader.getByRole('button', { name: '登录' }).first().tap();
    firstCodeAt = Date.now();
    await signInWithPanel(reader, READER_PHONE);
    await reader.getByRole('textbox', { name: '昵称' }).waitFor();
    assert.equal(await reader.getByRole('textbox', { name: '昵称' }).inputValue(), `网友${READER_PHONE.slice(-4)}`);
  });

  it('renames the reader on 我的, refusing an official-sounding name with a message', async () => {
    const field = reader.getByRole('textbox', { name: '昵称' });
    await field.fill('本站官方');
    await reader.getByRole('button', { name: '保存' }).tap();
    await reader.getByText('昵称须为 2 到 16 个字，且不能包含违规词语。').waitFor();
    await field.fill(NICKNAME);
    await reader.getByRole('button', { name: '保存' }).tap();
    await reader.getByText('昵称已保存。').waitFor();
    assert.equal(await corner(reader).locator('[data-avatar]').innerText(), '溪');
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-renamed-phone');
  });

  it('comments, gets a reply from another reader, and sees the unread count in the header until opening 我的', async () => {
    await reader.goto(`${server.origin}/a/${article}`);
    await reader.getByText('评论和点赞需用手机号登录').waitFor({ state: 'hidden' });
    await reader.getByRole('textbox', { name: '发表评论' }).fill(COMMENT);
    await reader.getByRole('button', { name: '发表评论' }).tap();
    await reader.getByText('评论已发表。').waitFor();

    const replier = await (await newContext('202.96.128.86')).newPage();
    await replier.goto(`${server.origin}/a/${article}`);
    const theirs = replier.locator('[data-comment-list] .comment').filter({ hasText: COMMENT });
    await theirs.getByRole('button', { name: '回复' }).tap();
    await replier.getByRole('textbox', { name: '发表评论' }).fill(REPLY);
    await replier.getByRole('button', { name: '发表评论' }).tap();
    await signInWithPanel(replier, REPLIER_PHONE);
    await replier.getByText('评论已发表。').waitFor();

    await reader.reload();
    const unread = corner(reader).locator('[data-unread]');
    await unread.waitFor();
    assert.equal(await unread.innerText(), '1');
    await reader.getByRole('link', { name: /^我的\s*1\s*条新消息$/ }).waitFor();
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-unread-phone', false);

    await corner(reader).tap();
    await reader.waitForURL(`${server.origin}/me`);
    await reader.locator('.me-item.is-unread').filter({ hasText: REPLY }).waitFor();
    assert.match(await reader.locator('[data-my-comments]').innerText(), new RegExp(`已发布[\\s\\S]*${COMMENT}`));
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-me-phone');
    await reader.reload();
    await reader.locator('[data-reader-corner] [data-avatar]').waitFor();
    assert.equal(await corner(reader).locator('[data-unread]').isHidden(), true, 'read once 我的 was opened');
  });

  it('reports the article from the bottom sheet, by keyboard and by tap', async () => {
    await reader.goto(`${server.origin}/a/${article}`);
    const link = reader.locator('[data-action="report-article"]');
    await link.focus();
    await reader.keyboard.press('Enter');
    const sheet = reader.getByRole('dialog', { name: '举报' });
    await sheet.waitFor();
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-report-sheet-phone', false);
    // Focus stays in the sheet while it is open, Escape closes it, and focus goes back to 举报.
    for (let i = 0; i < 12; i++) {
      await reader.keyboard.press('Tab');
      assert.ok(await reader.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))), 'focus stays in the sheet');
    }
    await reader.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    assert.ok(await link.evaluate((el) => el === document.activeElement), 'focus returns to 举报');

    await link.tap();
    await sheet.waitFor();
    await sheet.getByLabel('补充说明（选填）').fill('标题里的日期与正文不符');
    await sheet.getByRole('button', { name: '谣言' }).tap();
    await sheet.waitFor({ state: 'hidden' });
    await reader.getByText('已收到您的举报，我们会尽快处理。').waitFor();
    await link.tap();
    await sheet.getByRole('button', { name: '谣言' }).tap();
    await sheet.getByText('您已经举报过这篇文章，我们会尽快处理。').waitFor();
    await reader.keyboard.press('Escape');
  });

  it('reports in 繁體 and keeps the 长辈模式 header on one line', async () => {
    await reader.goto(`${server.origin}/zh-hant/a/${article}`);
    await reader.locator('[data-action="report-article"]').tap();
    const sheet = reader.getByRole('dialog', { name: '舉報' });
    await sheet.waitFor();
    await sheet.getByRole('button', { name: '謠言' }).waitFor();
    await reader.keyboard.press('Escape');
    await reader.getByRole('link', { name: /長輩模式/ }).tap();
    // The address stays the same: the page in 长辈模式 is there once its switch offers the way back.
    await reader.getByRole('link', { name: /標準模式/ }).waitFor();
    // The site's name and the tools share one line; on a phone the search box has the line below to itself.
    const boxes = await reader.locator('.site-header__bar > :not(.site-search)').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
    const tops = boxes.map((box) => box.top);
    assert.ok(Math.max(...boxes.map((box) => box.bottom)) - Math.min(...tops) < 64, `one line (${JSON.stringify(boxes)})`);
    assert.ok(Math.max(...tops) - Math.min(...tops) < 16, 'brand and tools side by side');
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-elder-hant-phone', false);
    await reader.getByRole('link', { name: /標準模式/ }).tap();
  });

  it('signs out on every device from 我的', async () => {
    const secondDevice = await (await newContext('115.236.1.2')).newPage();
    await secondDevice.goto(`${server.origin}/me`);
    await secondDevice.getByRole('button', { name: '登录' }).first().tap();
    // One code a minute per number: wait for the rest of the minute since the reader's own code, if any is left.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstCodeAt + 61_000 - Date.now())));
    await signInWithPanel(secondDevice, READER_PHONE);
    await secondDevice.getByRole('textbox', { name: '昵称' }).waitFor();

    await reader.goto(`${server.origin}/me`);
    await reader.getByRole('button', { name: '退出所有设备' }).tap();
    await reader.getByText('登录后可以修改昵称').waitFor();
    await assertNoSeriousAxeViolations(reader);
    await saveScreenshot(reader, 'reader-space-signed-out-everywhere-phone');
    await secondDevice.reload();
    await secondDevice.getByText('登录后可以修改昵称').waitFor();
    await secondDevice.goto(`${server.origin}/a/${article}`);
    await secondDevice.getByText('评论和点赞需用手机号登录').waitFor();
  });
});
