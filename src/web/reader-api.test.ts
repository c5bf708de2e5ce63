import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { READ_VISITORS_PER_ADDRESS, READ_WINDOW_MINUTES } from '../engagement/index.js';
import { REFUSED_HITS_PER_READER_PER_HOUR } from '../moderation/index.js';
import { saveSiteSettings } from '../site/index.js';
import { sumDailyReads } from '../test-support/daily-reads.js';
import { buildArticle, staffWithToken } from '../test-support/factories.js';
import { type Headers, json, nextPhone, readerClient, WECHAT_AGENT } from '../test-support/reader-client.js';
import { ipv6Network } from '../test-support/ipv6-network.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('readers take part: sign-in, comments, likes, reads', (t) => {
  let app: FastifyInstance;
  let moderator: Headers;

  before(async () => {
    app = await buildTestApp(t.db);
    moderator = (await staffWithToken(t.db, 'reviewer')).headers;
    // Every test reader comes from one test address; the per-reader limits stay as shipped.
    await saveSiteSettings(t.db, { commentRateLimits: { perReaderPerMinute: 5, perReaderPerHour: 30, perAddressPerMinute: 10_000 } }, new Date());
  });
  after(() => app.close());

  const { inject, lastCode, signIn } = readerClient(() => app);

  it('signs a reader in with a single-use SMS code from the console outbox', async () => {
    const phone = nextPhone();
    await inject('POST', '/api/auth/sms-code', {}, { phone: `+86 ${phone}` });
    const code = lastCode(phone);
    const signedIn = await inject('POST', '/api/auth/sign-in', {}, { phone, code });
    assert.equal(signedIn.statusCode, 200);
    assert.match(String(signedIn.headers['set-cookie']), /bendi_reader=.*HttpOnly.*SameSite=Lax/);
    assert.match(json(signedIn).reader.nickname, /^网友\d{4}$/, 'nickname in front, never the number');
    const again = await inject('POST', '/api/auth/sign-in', {}, { phone, code });
    assert.equal(again.statusCode, 401, 'a code works once');
    assert.equal(json(again).message, '验证码不正确或已过期，请重新获取。');
  });

  it('refuses bad numbers and limits how often codes are sent, saying when to retry', async () => {
    const bad = await inject('POST', '/api/auth/sms-code', {}, { phone: '12345' });
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).error, 'readers.invalid_phone');
    const phone = nextPhone();
    assert.equal((await inject('POST', '/api/auth/sms-code', {}, { phone })).statusCode, 202);
    const soon = await inject('POST', '/api/auth/sms-code', {}, { phone });
    assert.equal(soon.statusCode, 429);
    assert.ok(Number(soon.headers['retry-after']) > 0 && Number(soon.headers['retry-after']) <= 60);
    const burst = await Promise.all(Array.from({ length: 25 }, () => inject('POST', '/api/auth/sms-code', {}, { phone: nextPhone() }, '203.0.113.50')));
    assert.equal(burst.filter((r) => r.statusCode === 202).length, 20, 'twenty codes an hour per address');
    assert.ok(burst.filter((r) => r.statusCode === 429).every((r) => json(r).error === 'readers.sms_too_many'));
  });

  it('counts the codes asked from any address of one IPv6 /64 together, another /64 apart, and ::ffff:a.b.c.d as a.b.c.d', async () => {
    const ask = (from: string) => inject('POST', '/api/auth/sms-code', {}, { phone: nextPhone() }, from);
    const network = ipv6Network();
    const burst = await Promise.all(Array.from({ length: 25 }, () => ask(network())));
    assert.equal(burst.filter((r) => r.statusCode === 202).length, 20, 'twenty codes an hour per /64');
    assert.ok(burst.filter((r) => r.statusCode !== 202).every((r) => json(r).error === 'readers.sms_too_many'));
    assert.equal((await ask(ipv6Network()())).statusCode, 202, 'another /64 has twenty of its own');
    const mapped = await Promise.all(Array.from({ length: 25 }, (_, i) => ask(i % 2 === 0 ? '203.0.113.51' : '::ffff:203.0.113.51')));
    assert.equal(mapped.filter((r) => r.statusCode === 202).length, 20, 'an IPv4 client seen through a dual-stack socket is the same client');
  });

  it('holds a new comment for moderation (先审后发): its author sees 待审核, others nothing, and counts wait', async () => {
    const article = await buildArticle(t.db);
    const author = await signIn();
    const other = await signIn();
    const posted = await inject('POST', `/api/articles/${article.id}/comments`, author, { body: '<script>alert(1)</script>支持家门口的好事！' });
    assert.equal(posted.statusCode, 201, posted.body);
    assert.equal(json(posted).outcome, 'held');
    const commentId = json(posted).comment.id;
    const own = json(await inject('GET', `/api/articles/${article.id}/comments`, author));
    assert.equal(own.comments[0].status, 'pending');
    // Every API states times the same way: ISO 8601 in UTC, as the admin API does.
    assert.match(own.comments[0].createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(json(posted).comment.createdAt, own.comments[0].createdAt);
    assert.equal(own.counts.comments, 0, 'counts count only what readers can see');
    assert.equal(json(await inject('GET', `/api/articles/${article.id}/comments`, other)).comments.length, 0);

    const approved = await app.inject({ method: 'POST', url: `/api/admin/comments/${commentId}/transitions`, headers: moderator, payload: { to: 'published' } });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual(approved.json().moved, [commentId], 'the ids that moved, as the moderation screen reads them');
    const seen = json(await inject('GET', `/api/articles/${article.id}/comments`, other));
    assert.equal(seen.comments[0].ipRegion, '浙江', 'the commenter’s IP属地');
    assert.equal(seen.counts.comments, 1);
    const page = (await app.inject(`/a/${article.id}`)).body;
    assert.ok(page.includes('&lt;script>alert(1)&lt;/script>支持家门口的好事！') || page.includes('&lt;script&gt;alert(1)&lt;/script&gt;支持家门口的好事！'), 'stored as given, escaped when shown');
    assert.ok(page.includes('<span data-count="comments">1</span>条评论') && page.includes('IP属地：浙江'));
  });

  it('moderates a batch all or nothing: one comment moved meanwhile leaves the others as they were, counts included', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn(undefined, '203.0.113.91');
    const posted = [];
    for (const body of ['第一条批量评论', '第二条批量评论', '第三条批量评论']) posted.push(json(await inject('POST', `/api/articles/${article.id}/comments`, reader, { body })).comment.id as number);
    const batch = (ids: number[], to: string) => app.inject({ method: 'POST', url: '/api/admin/comments/transitions', headers: moderator, payload: { ids, to } });
    const [first, second, third] = posted as [number, number, number];
    assert.equal((await batch([first, second, third], 'published')).statusCode, 200);
    const shown = async () => json(await inject('GET', `/api/articles/${article.id}/comments`, reader)).counts.comments as number;
    assert.equal(await shown(), 3);
    // Another moderator deleted the second a moment ago; this one's screen still offers it.
    assert.equal((await batch([second], 'deleted')).statusCode, 200);
    const refused = await batch([third, second, first, third], 'rejected');
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error, 'comments.illegal_transition');
    assert.equal(await shown(), 2, 'nothing of the refused batch was saved');
    const page = (await inject('GET', `/a/${article.id}`)).body;
    assert.ok(page.includes('第一条批量评论') && page.includes('第三条批量评论') && !page.includes('第二条批量评论'));

    const deleted = await batch([third, first, third], 'deleted');
    assert.deepEqual(deleted.json().moved, [first, third], 'each comment once, however often it was named');
    assert.equal(await shown(), 0);
  });

  it('limits guesses of a code to five, even made in parallel', async () => {
    const phone = nextPhone();
    await inject('POST', '/api/auth/sms-code', {}, { phone });
    const code = lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all(Array.from({ length: 8 }, () => inject('POST', '/api/auth/sign-in', {}, { phone, code: wrong })));
    assert.equal((await inject('POST', '/api/auth/sign-in', {}, { phone, code })).statusCode, 401, 'the code is spent after five guesses');
  });

  it('refuses a flood of comments from one reader, saying when to retry, and empty invisible ones', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    // Nothing a reader would see: zero-width spaces, Hangul fillers, blank braille, a bidi override or combining marks alone.
    for (const body of ['\u200b\u200b', '\u3164\u3164', '\u2800', '\u202e', '\u0301\u0301', '\u{E0041}\u{E0042}']) {
      const invisible = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body });
      assert.equal(json(invisible).error, 'comments.empty', JSON.stringify(body));
    }
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: `第${i}条` }));
    assert.deepEqual(answers.map((r) => r.statusCode), [201, 201, 201, 201, 201, 429]);
    assert.equal(answers[5]!.headers['retry-after'], '60');
    assert.equal(json(answers[5]!).message, '评论发得太快了，请稍后再发。（约 1 分钟后可再试）');
  });

  it('accepts exactly the policy’s number of 40 parallel comments from one reader, and answers 429 to the rest', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn(nextPhone(), '115.236.2.1');
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => inject('POST', `/api/articles/${article.id}/comments`, reader, { body: `齐发第${i}条` }, '115.236.2.2')));
    assert.equal(burst.filter((r) => r.statusCode === 201).length, 5, 'perReaderPerMinute');
    assert.ok(burst.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 429 && json(r).error === 'comments.too_fast'));
  });

  it('holds the per-address comment limit under a parallel burst from many readers, from one address or any of one IPv6 /64', async () => {
    const limits = { perReaderPerMinute: 5, perReaderPerHour: 30, perAddressPerMinute: 7 };
    await saveSiteSettings(t.db, { commentRateLimits: limits }, new Date());
    try {
      for (const from of [() => '115.236.3.2', ipv6Network()]) {
        const article = await buildArticle(t.db);
        const readers: Headers[] = [];
        for (let i = 0; i < 10; i++) readers.push(await signIn(nextPhone(), from()));
        const burst = await Promise.all(
          Array.from({ length: 40 }, (_, i) => inject('POST', `/api/articles/${article.id}/comments`, readers[i % 10]!, { body: `同一地址第${i}条` }, from())),
        );
        assert.equal(burst.filter((r) => r.statusCode === 201).length, limits.perAddressPerMinute, from());
        assert.ok(burst.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 429 && json(r).error === 'comments.too_fast'));
      }
    } finally {
      await saveSiteSettings(t.db, { commentRateLimits: { ...limits, perAddressPerMinute: 10_000 } }, new Date());
    }
  });

  it('refuses text that is not text (NUL, half an emoji) with 400 on both databases', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    for (const body of ['a\u0000b', 'x\ud800']) {
      const res = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: 'x', replyTo: 99_999_999_999 })).statusCode, 400);
    const notAnObject = await inject('POST', `/api/articles/${article.id}/comments`, reader, ['x']);
    assert.equal(notAnObject.statusCode, 400);
    assert.equal(json(notAnObject).message, '请求参数有误。（请求内容 必须是对象 {…}）', 'the body as a whole is named, in Chinese');
  });

  it('takes a JSON body as sent: a value of another type is refused, naming the field, and nothing is stored', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    for (const body of [true, 12, ['x'], null]) {
      const res = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(json(res).field, 'body', JSON.stringify(body));
    }
    const replyToText = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: '好', replyTo: '1' });
    assert.deepEqual([replyToText.statusCode, json(replyToText).field], [400, 'replyTo']);
    assert.deepEqual(await t.db.selectFrom('comments').select('id').where('article_id', '=', article.id).execute(), []);
  });

  it('counts a read from a client without cookies once, not once per request', async () => {
    const article = await buildArticle(t.db);
    const first = json(await inject('POST', `/api/articles/${article.id}/reads`));
    const again = json(await inject('POST', `/api/articles/${article.id}/reads`));
    assert.equal(first.counted, true);
    assert.equal(again.counted, false);
    const fresh = await buildArticle(t.db);
    const answer = await inject('POST', `/api/articles/${fresh.id}/reads`, {}, undefined, '115.236.9.9');
    const kept = answer.cookies.find((c) => c.name === 'bendi_v');
    assert.ok(kept, 'a client without a visitor id is given one to keep');
    const reload = json(await inject('POST', `/api/articles/${fresh.id}/reads`, { cookie: `bendi_v=${kept.value}` }, undefined, '115.236.9.9'));
    assert.deepEqual([json(answer).counted, reload.counted], [true, false], 'the reload with the cookie it was given is the same visitor');
    const plain = await app.inject({ method: 'POST', url: `/api/articles/${article.id}/reads`, headers: { 'user-agent': WECHAT_AGENT, 'content-type': 'text/plain' }, payload: 'x' });
    assert.equal(plain.statusCode, 415, 'no text/plain bodies: a cross-site form cannot reach the API');
  });

  it('counts 300 characters as a person does and refuses the 301st', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    const emoji = '👍'.repeat(300);
    assert.equal((await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: emoji })).statusCode, 201);
    const tooLong = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: `${'好'.repeat(300)}!` });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(json(tooLong).message, '评论最多 300 个字，请删减后再发。');
  });

  it('threads replies one level deep, addressed to the replied reader', async () => {
    await saveSiteSettings(t.db, { commentModeration: 'post', commentTrustAfter: 0 }, new Date());
    try {
      const article = await buildArticle(t.db);
      const first = await signIn();
      const second = await signIn();
      const top = json(await inject('POST', `/api/articles/${article.id}/comments`, first, { body: '第一条' })).comment;
      assert.equal(top.status, 'published', 'publish-then-review with no trust period shows it at once');
      const reply = json(await inject('POST', `/api/articles/${article.id}/comments`, second, { body: '回复一下', replyTo: top.id })).comment;
      const replyToReply = json(await inject('POST', `/api/articles/${article.id}/comments`, first, { body: '再回复', replyTo: reply.id })).comment;
      assert.equal(reply.parentId, top.id);
      assert.equal(replyToReply.parentId, top.id, 'one level: joins the same thread');
      assert.equal(replyToReply.replyToNickname, reply.nickname);
    } finally {
      await saveSiteSettings(t.db, { commentModeration: 'pre' }, new Date());
    }
  });

  it('under publish-then-review still holds a reader’s first N comments', async () => {
    await saveSiteSettings(t.db, { commentModeration: 'post', commentTrustAfter: 1 }, new Date());
    try {
      const article = await buildArticle(t.db);
      const reader = await signIn();
      const first = json(await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: '新读者的第一条' }));
      assert.equal(first.outcome, 'held');
      await app.inject({ method: 'POST', url: '/api/admin/comments/transitions', headers: moderator, payload: { ids: [first.comment.id], to: 'published' } });
      const second = json(await inject('POST', `/api/articles/${article.id}/comments`, reader, { body: '第二条' }));
      assert.equal(second.outcome, 'published');
    } finally {
      await saveSiteSettings(t.db, { commentModeration: 'pre', commentTrustAfter: 3 }, new Date());
    }
  });

  it(`keeps at most ${REFUSED_HITS_PER_READER_PER_HOUR} lexicon hits an hour of a reader's refused comments, however many are sent at once`, async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn(undefined, '203.0.113.92');
    const answers = await Promise.all(Array.from({ length: 80 }, () => inject('POST', `/api/articles/${article.id}/comments`, reader, { body: '久草视频成人在线' })));
    const readerId = json(await inject('GET', '/api/me', reader)).reader.id as number;
    const kept = await t.db.selectFrom('lexicon_hits').select((eb) => eb.fn.countAll<number>().as('n')).where('reader_id', '=', readerId).executeTakeFirstOrThrow();
    assert.equal(Number(kept.n), REFUSED_HITS_PER_READER_PER_HOUR);
    assert.ok(answers.every((r) => r.statusCode === 400 || (r.statusCode === 429 && json(r).error === 'comments.too_fast')));
    assert.ok(answers.some((r) => r.statusCode === 429), 'past the bound the reader is told to wait');
  });

  it('rejects spam in disguise, and lets everyday words through', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    for (const body of ['婷 婷免费中文字幕', '婷_婷免费中文字幕', '久草视频成人在线', '影视先锋亚洲无码']) {
      const res = await inject('POST', `/api/articles/${article.id}/comments`, reader, { body });
      assert.equal(res.statusCode, 400, body);
      assert.equal(json(res).error, 'comments.blocked_words');
    }
    for (const body of ['记者王婷婷报道得好', '成人教育报名在哪里', '香蕉价格涨了', '五月天演唱会的票', '国产汽车越来越好']) {
      assert.equal((await inject('POST', `/api/articles/${article.id}/comments`, reader, { body })).statusCode, 201, body);
    }
  });

  it('takes one like per reader, and a second press takes it back', async () => {
    const article = await buildArticle(t.db);
    const reader = await signIn();
    assert.equal((await inject('PUT', `/api/articles/${article.id}/like`)).statusCode, 401);
    assert.deepEqual(json(await inject('PUT', `/api/articles/${article.id}/like`, reader)), { likes: 1, liked: true });
    assert.deepEqual(json(await inject('PUT', `/api/articles/${article.id}/like`, reader)), { likes: 1, liked: true });
    assert.deepEqual(json(await inject('DELETE', `/api/articles/${article.id}/like`, reader)), { likes: 0, liked: false });
  });

  it('takes likes on comments too, and orders comments by likes when asked, on the API and the page', async () => {
    await saveSiteSettings(t.db, { commentModeration: 'post', commentTrustAfter: 0 }, new Date());
    try {
      const article = await buildArticle(t.db);
      const [author, fan1, fan2] = [await signIn(), await signIn(), await signIn()];
      const older = json(await inject('POST', `/api/articles/${article.id}/comments`, author, { body: '先发的好评论' })).comment;
      const newer = json(await inject('POST', `/api/articles/${article.id}/comments`, author, { body: '后发的评论' })).comment;
      assert.deepEqual(json(await inject('PUT', `/api/comments/${older.id}/like`, fan1)), { likes: 1, liked: true });
      assert.deepEqual(json(await inject('PUT', `/api/comments/${older.id}/like`, fan1)), { likes: 1, liked: true }, 'once per reader');
      await inject('PUT', `/api/comments/${older.id}/like`, fan2);
      assert.deepEqual(json(await inject('DELETE', `/api/comments/${older.id}/like`, fan2)), { likes: 1, liked: false });
      const ids = async (order: string) => json(await inject('GET', `/api/articles/${article.id}/comments?order=${order}`)).comments.map((c: { id: number }) => c.id);
      assert.deepEqual(await ids('newest'), [newer.id, older.id]);
      assert.deepEqual(await ids('liked'), [older.id, newer.id]);
      const page = (await app.inject(`/a/${article.id}?comments=liked`)).body;
      assert.ok(page.indexOf('先发的好评论') < page.indexOf('后发的评论'), 'the page lists the most liked first');
      assert.match(page, /<a href="\/a\/\d+\?comments=liked#comments" aria-current="true">最热<\/a>/);
      const hidden = await buildArticle(t.db, { status: 'pending' });
      const onHidden = json(await inject('POST', `/api/articles/${article.id}/comments`, author, { body: '第三条' })).comment;
      await t.db.updateTable('comments').set({ article_id: hidden.id }).where('id', '=', onHidden.id).execute();
      assert.equal((await inject('PUT', `/api/comments/${onHidden.id}/like`, fan1)).statusCode, 404, 'nothing under an unpublished article');
    } finally {
      await saveSiteSettings(t.db, { commentModeration: 'pre' }, new Date());
    }
  });

  it('leaves exactly 200 likes when 200 readers like at once', async () => {
    const article = await buildArticle(t.db);
    const readers = [];
    for (let i = 0; i < 200; i++) readers.push(await signIn(nextPhone(), `10.9.${Math.floor(i / 20)}.${i % 20}`));
    const results = await Promise.all(readers.map((r) => inject('PUT', `/api/articles/${article.id}/like`, r)));
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal(json(await inject('GET', `/api/articles/${article.id}/comments`)).counts.likes, 200);
  });

  it('counts 1,000 concurrent reads from distinct visitors as 1,000, a repeat within 30 minutes once, crawlers never', async () => {
    const article = await buildArticle(t.db);
    const reads = await Promise.all(
      // 25 visitors behind each of 40 addresses, as from offices and schools.
      Array.from({ length: 1000 }, (_, i) =>
        inject('POST', `/api/articles/${article.id}/reads`, { cookie: `bendi_v=visitor-${String(i).padStart(12, '0')}` }, undefined, `115.237.${Math.floor(i / 25)}.1`),
      ),
    );
    assert.ok(reads.every((r) => r.statusCode === 200 && json(r).counted));
    const repeat = await inject('POST', `/api/articles/${article.id}/reads`, { cookie: 'bendi_v=visitor-000000000001' }, undefined, '115.237.0.1');
    assert.equal(json(repeat).counted, false);
    const crawler = await app.inject({ method: 'POST', url: `/api/articles/${article.id}/reads`, headers: { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' } });
    assert.equal(json(crawler).counted, false);
    assert.equal(json(crawler).counts.reads, 1000);
    assert.equal(await sumDailyReads(t.db, article.id), 1000, 'the reads per day agree with the total');
  });

  it(`counts at most ${READ_VISITORS_PER_ADDRESS} new visitors per address in ${READ_WINDOW_MINUTES} minutes, however many cookies it invents`, async () => {
    const [article, other] = [await buildArticle(t.db), await buildArticle(t.db)];
    const read = (articleId: number, visitor: string, from: string) => inject('POST', `/api/articles/${articleId}/reads`, { cookie: `bendi_v=${visitor}` }, undefined, from);
    const visitors = Array.from({ length: 100 }, (_, i) => `invented-${String(i).padStart(12, '0')}`);
    const burst = await Promise.all(visitors.map((visitor) => read(article.id, visitor, '115.238.0.1')));
    assert.equal(burst.filter((r) => json(r).counted).length, READ_VISITORS_PER_ADDRESS);
    const counted = visitors.find((_, i) => json(burst[i]!).counted)!;
    const refused = visitors.find((_, i) => !json(burst[i]!).counted)!;
    assert.equal(json(await read(other.id, counted, '115.238.0.1')).counted, true, 'a visitor already counted from the address reads on');
    assert.equal(json(await read(other.id, refused, '115.238.0.1')).counted, false);
    assert.equal(json(await read(article.id, refused, '115.238.0.2')).counted, true, 'another address counts on its own');
    assert.equal(json(await read(article.id, 'invented-another', '115.238.0.2')).counts.reads, READ_VISITORS_PER_ADDRESS + 2);
  });

  it(`counts at most ${READ_VISITORS_PER_ADDRESS} new visitors from one IPv6 /64, each read from another of its addresses`, async () => {
    const article = await buildArticle(t.db);
    const network = ipv6Network();
    const visitors = Array.from({ length: 100 }, (_, i) => `network-${String(i).padStart(12, '0')}`);
    const burst = await Promise.all(visitors.map((visitor) => inject('POST', `/api/articles/${article.id}/reads`, { cookie: `bendi_v=${visitor}` }, undefined, network())));
    assert.equal(burst.filter((r) => json(r).counted).length, READ_VISITORS_PER_ADDRESS);
    const home = ipv6Network();
    const cookieless = await Promise.all(Array.from({ length: 10 }, () => inject('POST', `/api/articles/${article.id}/reads`, {}, undefined, home())));
    assert.equal(cookieless.filter((r) => json(r).counted).length, 1, 'a browser without cookies moving through the addresses of its /64 is one visitor');
  });

  it('answers 404 on every reader surface for an article readers cannot see', async () => {
    const hidden = await buildArticle(t.db, { status: 'pending' });
    const reader = await signIn();
    for (const [method, url, payload] of [
      ['GET', `/api/articles/${hidden.id}/comments`],
      ['POST', `/api/articles/${hidden.id}/comments`, { body: '看不见的文章' }],
      ['PUT', `/api/articles/${hidden.id}/like`],
      ['POST', `/api/articles/${hidden.id}/reads`],
    ] as const) {
      assert.equal((await inject(method, url, reader, payload)).statusCode, 404, `${method} ${url}`);
    }
  });

  it('takes reports into the moderation queue, once per reader', async () => {
    await saveSiteSettings(t.db, { commentModeration: 'post', commentTrustAfter: 0 }, new Date());
    try {
      const article = await buildArticle(t.db);
      const author = await signIn();
      const reporter = await signIn();
      const comment = json(await inject('POST', `/api/articles/${article.id}/comments`, author, { body: '一条被举报的评论' })).comment;
      assert.equal((await inject('POST', `/api/comments/${comment.id}/reports`, reporter, { reason: 'abuse' })).statusCode, 201);
      assert.equal((await inject('POST', `/api/comments/${comment.id}/reports`, reporter, { reason: 'abuse' })).statusCode, 409);
      const reported = async () => json(await app.inject({ url: '/api/admin/comments?status=reported', headers: moderator })).comments.map((c: { id: number }) => c.id);
      assert.ok((await reported()).includes(comment.id));
      const kept = await app.inject({ method: 'POST', url: `/api/admin/comments/${comment.id}/transitions`, headers: moderator, payload: { to: 'published' } });
      assert.equal(kept.statusCode, 200, 'a moderator may keep a reported comment');
      assert.ok(!(await reported()).includes(comment.id), 'its reports are dismissed');
    } finally {
      await saveSiteSettings(t.db, { commentModeration: 'pre' }, new Date());
    }
  });
});
