import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { NICKNAME_CHANGES_PER_DAY, requestSmsCode, signInReader } from '../readers/index.js';
import { REPORT_LIMITS } from '../reports/index.js';
import { saveSiteSettings } from '../site/index.js';
import { buildArticle, staffWithToken } from '../test-support/factories.js';
import { ipv6Network } from '../test-support/ipv6-network.js';
import { type Headers, json, readerClient } from '../test-support/reader-client.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('a reader’s own space (我的) and reports', (t) => {
  let app: FastifyInstance;
  let moderator: Headers;
  const client = readerClient(() => app);
  const inject = client.inject;
  let address = 0;
  /** A fresh client address, so no test meets another's report limit or the twenty SMS codes an hour per address. */
  const nextAddress = () => `115.237.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
  const signIn = (phone?: string, from = nextAddress()) => client.signIn(phone, from);

  before(async () => {
    // The page cache is on: the test of one reader's data served to another needs it.
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
    moderator = (await staffWithToken(t.db, 'reviewer')).headers;
    await saveSiteSettings(t.db, { commentModeration: 'post', commentTrustAfter: 0, commentRateLimits: { perReaderPerMinute: 50, perReaderPerHour: 500, perAddressPerMinute: 10_000 } }, new Date());
  });
  after(() => app.close());

  const post = async (articleId: number, reader: Headers, body: string, replyTo?: number) => {
    const res = await inject('POST', `/api/articles/${articleId}/comments`, reader, replyTo ? { body, replyTo } : { body });
    assert.equal(res.statusCode, 201, res.body);
    return json(res).comment as { id: number };
  };
  const rename = (reader: Headers, nickname: string) => inject('PUT', '/api/me', reader, { nickname });

  it('tells the header who is signed in and how many replies and likes are unread, and 我的 marks them read', async () => {
    assert.deepEqual(json(await inject('GET', '/api/me')), { reader: null, unread: 0 });
    const article = await buildArticle(t.db);
    const author = await signIn();
    const other = await signIn();
    const mine = await post(article.id, author, '家门口修路了，点赞');
    await post(article.id, other, '确实方便多了', mine.id);
    assert.equal((await inject('PUT', `/api/comments/${mine.id}/like`, other)).statusCode, 200);
    await inject('PUT', `/api/comments/${mine.id}/like`, author);
    const me = json(await inject('GET', '/api/me', author));
    assert.equal(me.unread, 2, 'one reply and one like by someone else; the reader’s own like is no news');
    const page = await inject('GET', '/me', author);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /回复了你：[\s\S]*确实方便多了/);
    assert.match(page.body, /赞了你的评论：/);
    assert.equal(json(await inject('GET', '/api/me', author)).unread, 0, 'opening 我的 marks them read');
  });

  it('tells no one of replies and likes on an article withdrawn (下架), not even those approved after it', async () => {
    const article = await buildArticle(t.db);
    const author = await signIn();
    const other = await signIn();
    const mine = await post(article.id, author, '路灯修好了吗');
    await post(article.id, other, '下架前的回复', mine.id);
    assert.equal((await inject('PUT', `/api/comments/${mine.id}/like`, other)).statusCode, 200);
    await saveSiteSettings(t.db, { commentModeration: 'pre' }, new Date());
    const held = await post(article.id, other, '下架后才通过的回复', mine.id);
    await saveSiteSettings(t.db, { commentModeration: 'post' }, new Date());
    const staffPost = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: moderator, payload });
    assert.equal((await staffPost(`/api/admin/articles/${article.id}/transitions`, { to: 'withdrawn', reason: '信息有误' })).statusCode, 200);
    assert.equal((await staffPost(`/api/admin/comments/${held.id}/transitions`, { to: 'published' })).statusCode, 200);

    assert.equal(json(await inject('GET', '/api/me', author)).unread, 0);
    const page = (await inject('GET', '/me', author)).body;
    assert.doesNotMatch(page, /下架前的回复|下架后才通过的回复|赞了你的评论/);
    assert.doesNotMatch(page, new RegExp(`/a/${article.id}#`), 'no link to the withdrawn article');
  });

  it('never serves one reader’s 我的 to another, nor keeps it in any cache', async () => {
    const first = await signIn();
    const second = await signIn();
    assert.equal((await rename(first, `读者甲${address}`)).statusCode, 200);
    assert.equal((await rename(second, `读者乙${address}`)).statusCode, 200);
    for (const path of ['/me', '/zh-hant/me']) {
      const a = await inject('GET', path, first);
      const b = await inject('GET', path, second);
      const nobody = await inject('GET', path);
      assert.equal(a.headers['cache-control'], 'private, no-store');
      assert.equal(b.headers['cache-control'], 'private, no-store');
      assert.match(a.body, /[读讀]者甲/);
      assert.doesNotMatch(b.body, /[读讀]者甲/, 'the second reader never sees the first one’s page');
      assert.match(b.body, /[读讀]者乙/);
      assert.doesNotMatch(nobody.body, /[读讀]者[甲乙]/);
      assert.match(nobody.body, /登录后可以修改昵称|登錄後可以修改暱稱/);
    }
    // Shared pages carry nothing personal: the header's corner is filled in by the script.
    const home = await inject('GET', '/', first);
    assert.doesNotMatch(home.body, /读者甲/);
    assert.equal(home.headers['cache-control'], 'no-cache');
  });

  it('refuses hostile nicknames with a message a person can act on, and keeps the old one', async () => {
    const taken = await signIn();
    const name = `老街坊${address}`;
    assert.equal((await rename(taken, name)).statusCode, 200);
    const reader = await signIn();
    const before = json(await inject('GET', '/api/me', reader)).reader.nickname;
    for (const [nickname, status, error] of [
      ['<img src=x onerror=alert(1)>', 400, 'readers.nickname_markup'],
      ['管\u200B理员', 400, 'readers.nickname_invisible_characters'],
      ['本站官方客服', 400, 'readers.invalid_nickname'],
      ['网信办小编', 400, 'readers.invalid_nickname'],
      [name, 409, 'readers.nickname_taken'],
      [name.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), 409, 'readers.nickname_taken'],
      ['a', 400, 'readers.invalid_nickname'],
    ] as const) {
      const res = await rename(reader, nickname);
      assert.equal(res.statusCode, status, `${nickname}: ${res.body}`);
      assert.equal(json(res).error, error, nickname);
      assert.match(json(res).message, /[\u4e00-\u9fff]/, 'a Chinese message');
    }
    assert.equal(json(await inject('GET', '/api/me', reader)).reader.nickname, before);
  });

  /** Whether `change` emptied the page cache: a title changed behind the cache's back shows only on a page built again. */
  const emptiesPageCache = async (change: () => Promise<void>) => {
    const article = await buildArticle(t.db);
    await inject('GET', `/a/${article.id}`);
    const title = `背着缓存改的标题${address}`;
    await t.db.updateTable('articles').set({ title }).where('id', '=', article.id).execute();
    await change();
    return (await inject('GET', `/a/${article.id}`)).body.includes(title);
  };

  it('empties the page cache for a new nickname only when the name is on pages', async () => {
    const reader = await signIn();
    const renamed = (nickname: string) => async () => assert.equal((await rename(reader, nickname)).statusCode, 200);
    assert.equal(await emptiesPageCache(renamed(`无评论${address}`)), false, 'no comment of the reader is on any page');
    await post((await buildArticle(t.db)).id, reader, '评论上了页面');
    const name = `有评论${address}`;
    assert.equal(await emptiesPageCache(renamed(name)), true, 'the new name goes beside a published comment');
    assert.equal(await emptiesPageCache(renamed(name)), false, 'the same name again changes nothing');
  });

  it(`lets a reader change their nickname ${NICKNAME_CHANGES_PER_DAY} times a day, however many renames are sent at once`, async () => {
    const reader = await signIn();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => rename(reader, `改名${address}号${i}`)));
    assert.equal(burst.filter((r) => r.statusCode === 200).length, NICKNAME_CHANGES_PER_DAY);
    const refused = burst.filter((r) => r.statusCode !== 200);
    assert.ok(refused.every((r) => r.statusCode === 429 && json(r).error === 'readers.too_many_nickname_changes' && Number(r.headers['retry-after']) > 86_000));
    assert.equal(json(refused[0]!).message, `昵称 24 小时内最多只能改 ${NICKNAME_CHANGES_PER_DAY} 次，请稍后再改。（约 24 小时后可再试）`);
    const kept = json(await inject('GET', '/api/me', reader)).reader.nickname;
    assert.ok(burst.some((r) => r.statusCode === 200 && json(r).reader.nickname === kept), 'the name kept is one a rename was answered 200 for');
    assert.equal((await rename(reader, kept)).statusCode, 200, 'the name the reader has already is no change, and not refused');
  });

  it('lists my comments with their state and the reason a moderator gave, and lets me delete one with the counts right', async () => {
    await saveSiteSettings(t.db, { commentModeration: 'pre' }, new Date());
    const article = await buildArticle(t.db);
    const reader = await signIn();
    const kept = await post(article.id, reader, '第一条：等审核');
    const refused = await post(article.id, reader, '第二条：会被拒');
    const shown = await post(article.id, reader, '第三条：会发布');
    await saveSiteSettings(t.db, { commentModeration: 'post' }, new Date());
    const move = (id: number, to: string, reason?: string) =>
      app.inject({ method: 'POST', url: `/api/admin/comments/${id}/transitions`, headers: moderator, payload: reason ? { to, reason } : { to } });
    assert.equal((await move(refused.id, 'rejected', '含人身攻击')).statusCode, 200);
    assert.equal((await move(shown.id, 'published')).statusCode, 200);
    const page = (await inject('GET', '/me', reader)).body;
    assert.match(page, /待审核<\/span>[\s\S]*第一条/);
    assert.match(page, /未通过<\/span>[\s\S]*第二条[\s\S]*原因：含人身攻击/);
    assert.match(page, /已发布<\/span>[\s\S]*第三条/);

    const other = await signIn();
    await post(article.id, other, '回复第三条', shown.id);
    const comments = async () => json(await inject('GET', `/api/articles/${article.id}/comments`)).counts.comments as number;
    assert.equal(await comments(), 2);
    assert.equal((await inject('DELETE', `/api/me/comments/${shown.id}`, other)).statusCode, 404, 'only one’s own');
    const deletes = await Promise.all([1, 2, 3].map(() => inject('DELETE', `/api/me/comments/${shown.id}`, reader)));
    assert.deepEqual(deletes.map((r) => r.statusCode).sort(), [204, 404, 404], 'three taps at once delete once');
    assert.equal(await comments(), 1, 'the count falls by one, once');
    assert.equal((await inject('DELETE', `/api/me/comments/${kept.id}`, reader)).statusCode, 204);
    assert.equal(await comments(), 1, 'a pending comment was never counted');
    const articlePage = (await inject('GET', `/a/${article.id}`)).body;
    assert.doesNotMatch(articlePage, /第三条：会发布/);
    assert.match(articlePage, /回复第三条/, 'its reply, still counted, is still shown');
    assert.doesNotMatch((await inject('GET', '/me', reader)).body, /第一条：等审核|第三条：会发布/);

    const toDeleted = await inject('POST', `/api/articles/${article.id}/comments`, other, { body: '再回复已删除的评论', replyTo: shown.id });
    assert.equal(toDeleted.statusCode, 404);
    assert.equal(json(toDeleted).error, 'comments.reply_not_found');
    assert.match(json(toDeleted).message, /已删除/);
  });

  it('signs out on every device at once', async () => {
    const phone = `13800${String(process.pid % 1000).padStart(3, '0')}${String(address++).padStart(3, '0')}`;
    const phoneSession = await signIn(phone, nextAddress());
    // A second code for the number a minute later (the API sends one a minute), signed in on another device.
    let code = '';
    await requestSmsCode({ db: t.db, sms: { send: async (message) => void (code = message.code) } }, { phone, ip: nextAddress(), siteName: '测试' }, new Date(Date.now() + 61_000));
    const laptopSession = { cookie: `bendi_reader=${(await signInReader(t.db, { phone, code }, new Date())).token}` };
    assert.equal((await inject('POST', '/api/auth/sign-out-everywhere', {})).statusCode, 401);
    assert.equal((await inject('POST', '/api/auth/sign-out-everywhere', laptopSession)).statusCode, 204);
    for (const session of [phoneSession, laptopSession]) {
      const me = await inject('GET', '/api/me', session);
      assert.equal(me.statusCode, 401, 'the session ended');
      assert.match(String(me.headers['set-cookie']), /bendi_reader=;/, 'and its cookie is dropped');
    }
  });

  it('takes a report of an article once, with its note, into the staff queue until it is marked handled', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    const ip = nextAddress();
    const report = (payload: object) => inject('POST', `/api/articles/${article.id}/reports`, reader, payload, ip);
    assert.equal((await report({ reason: 'nonsense' })).statusCode, 400);
    const long = await report({ reason: 'rumor', note: '字'.repeat(201) });
    assert.equal(long.statusCode, 400);
    assert.equal(json(long).error, 'reports.note_too_long');
    assert.equal((await report({ reason: 'rumor', note: '<b>标题与事实不符</b>' })).statusCode, 201);
    const again = await report({ reason: 'rumor' });
    assert.equal(again.statusCode, 409);
    assert.equal(json(again).error, 'reports.article_already_reported');
    const hidden = await buildArticle(t.db, { status: 'pending' });
    assert.equal((await inject('POST', `/api/articles/${hidden.id}/reports`, reader, { reason: 'spam' }, ip)).statusCode, 404);
    assert.equal((await inject('POST', `/api/articles/${article.id}/reports`, {}, { reason: 'spam' }, ip)).statusCode, 401);

    const queue = async () => json(await app.inject({ url: '/api/admin/article-reports', headers: moderator })).reports as Array<Record<string, unknown>>;
    const entry = (await queue()).find((r) => r.articleId === article.id);
    assert.ok(entry);
    assert.equal(entry.note, '<b>标题与事实不符</b>');
    assert.equal(entry.reason, 'rumor');
    const page = await app.inject({ url: '/admin/article-reports', headers: moderator });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /&lt;b>标题与事实不符&lt;\/b>|&lt;b&gt;标题与事实不符&lt;\/b&gt;/, 'the note is escaped');
    const resolve = () => app.inject({ method: 'POST', url: `/api/admin/article-reports/${entry.id}/resolve`, headers: moderator });
    assert.equal((await resolve()).statusCode, 204);
    assert.equal((await resolve()).statusCode, 404, 'handled once');
    assert.ok(!(await queue()).some((r) => r.id === entry.id));
  });

  it(`lets one reader make exactly ${REPORT_LIMITS.perReaderPerHour} reports an hour however many are sent at once`, async () => {
    const articles = await Promise.all(Array.from({ length: REPORT_LIMITS.perReaderPerHour + 6 }, () => buildArticle(t.db)));
    const reader = await signIn();
    const ip = nextAddress();
    const results = await Promise.all(articles.map((a) => inject('POST', `/api/articles/${a.id}/reports`, reader, { reason: 'spam' }, ip)));
    assert.equal(results.filter((r) => r.statusCode === 201).length, REPORT_LIMITS.perReaderPerHour);
    const refused = results.filter((r) => r.statusCode === 429);
    assert.equal(refused.length, 6);
    assert.ok(refused.every((r) => json(r).error === 'reports.too_many' && Number(r.headers['retry-after']) > 0));
    // Comments count towards the same hour.
    const comment = await post(articles[0]!.id, await signIn(), '一条评论');
    assert.equal((await inject('POST', `/api/comments/${comment.id}/reports`, reader, { reason: 'abuse' }, nextAddress())).statusCode, 429);
  });

  it(`lets one address, or one IPv6 /64, make exactly ${REPORT_LIMITS.perAddressPerHour} reports an hour from many readers at once`, async () => {
    const address = nextAddress();
    for (const from of [() => address, ipv6Network()]) {
      const article = await buildArticle(t.db);
      const author = await signIn();
      const comments = await Promise.all(Array.from({ length: 4 }, (_, i) => post(article.id, author, `被举报的评论 ${i}`)));
      const readers = await Promise.all(Array.from({ length: 10 }, () => signIn()));
      const sends = readers.flatMap((reader) => [
        inject('POST', `/api/articles/${article.id}/reports`, reader, { reason: 'illegal' }, from()),
        ...comments.map((c) => inject('POST', `/api/comments/${c.id}/reports`, reader, { reason: 'abuse' }, from())),
      ]);
      const results = await Promise.all(sends);
      assert.equal(results.filter((r) => r.statusCode === 201).length, REPORT_LIMITS.perAddressPerHour, from());
      assert.equal(results.filter((r) => r.statusCode === 429).length, sends.length - REPORT_LIMITS.perAddressPerHour);
    }
  });
});
