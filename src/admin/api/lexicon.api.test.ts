import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { MAX_TERM_CHARS } from '../../text/index.js';
import { buildArticle, buildCategory, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

describeEachDatabase('the lexicon in the admin API', (t) => {
  let app: FastifyInstance;
  let admin: Headers;
  let editor: Headers;
  before(async () => {
    app = await buildTestApp(t.db);
    admin = (await staffWithToken(t.db, 'admin')).headers;
    editor = (await staffWithToken(t.db, 'editor')).headers;
  });
  after(() => app.close());

  const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });

  it('answers every hit of a text with its entry, action and position, seeing through disguises', async () => {
    const text = '好文章！婷 婷免費中文字幕，加我';
    const res = await post('/api/admin/lexicon/check', editor, { text });
    assert.equal(res.statusCode, 200);
    const { verdict, hits } = res.json();
    assert.equal(verdict, 'reject');
    const hit = hits.find((h: { action: string }) => h.action === 'reject');
    assert.equal(text.slice(hit.start, hit.end), hit.matched);
    assert.equal(hit.matched, '免費中文字幕', 'found in traditional characters too');
    assert.ok(hit.entry.term);
  });

  it('imports a list with its errors, applies it at once, and deletes entries', async () => {
    const imported = await post('/api/admin/lexicon/import', admin, { text: '青溪测试违禁词\treject\t请勿发布\n★★\n测试屏蔽词\tmask\n坏行\tnope\n', defaultAction: 'hold' });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().saved, 2);
    assert.deepEqual(imported.json().errors.map((e: { line: number; problem: string }) => [e.line, e.problem]), [[2, 'empty_term'], [4, 'unknown_action']]);
    const check = await post('/api/admin/lexicon/check', editor, { text: '这里有青溪测试违禁词' });
    assert.equal(check.json().verdict, 'reject');
    const masked = await post('/api/admin/lexicon/check', editor, { text: '说了测试屏蔽词啊' });
    assert.equal(masked.json().masked, '说了＊＊＊＊＊啊');
    const big = Array.from({ length: 30_000 }, (_, i) => `大批导入测试词${i}\thold\t这是一条比较长的提示语，用来让导入的文本超过一兆字节`).join('\n');
    assert.ok(Buffer.byteLength(big) > 1024 * 1024);
    const bulk = await post('/api/admin/lexicon/import', admin, { text: big, defaultAction: 'hold' });
    assert.equal(bulk.statusCode, 200, 'a list of several megabytes is accepted');
    assert.equal(bulk.json().saved, 30_000);
    const listed = (await app.inject({ url: '/api/admin/lexicon', headers: admin })).json();
    assert.equal(listed.entries.length, 200, 'a page at a time');
    assert.ok(listed.total > 30_000);
    assert.equal(listed.entries[0].term, '大批导入测试词29999', 'newest first');
    const second = (await app.inject({ url: '/api/admin/lexicon?page=2&pageSize=500', headers: admin })).json();
    assert.deepEqual([second.entries.length, second.entries[0].term, second.total], [500, '大批导入测试词29499', listed.total]);
    assert.equal((await app.inject({ url: '/api/admin/lexicon?pageSize=501', headers: admin })).statusCode, 400, 'pages are bounded');
    const found = (await app.inject({ url: `/api/admin/lexicon?q=${encodeURIComponent('青溪测试违禁词')}`, headers: admin })).json();
    assert.equal(found.total, 1);
    await post('/api/admin/lexicon/import', admin, { text: 'QXav测试\thold', defaultAction: 'hold' });
    const anyCase = (await app.inject({ url: `/api/admin/lexicon?q=${encodeURIComponent('qxAV')}`, headers: admin })).json();
    assert.deepEqual(anyCase.entries.map((e: { term: string }) => e.term.toLowerCase()), ['qxav测试'], 'found in either case, on both databases');
    const [entry] = found.entries;
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/lexicon/${entry.id}`, headers: admin })).statusCode, 204);
    assert.equal((await post('/api/admin/lexicon/check', editor, { text: '这里有青溪测试违禁词' })).json().verdict, 'clean');
    assert.equal((await app.inject({ url: '/api/admin/lexicon', headers: editor })).statusCode, 403, 'only admins manage it');
  });

  it('refuses a list with a term over the length limit whole, naming its line, and saves nothing', async () => {
    const count = async () => Number((await t.db.selectFrom('lexicon_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await post('/api/admin/lexicon/check', editor, { text: '先装入默认词库' });
    const before = await count();
    const longest = '超长词条测试'.repeat(10).slice(0, MAX_TERM_CHARS);
    for (const [term, line] of [[`${longest}长`, 3], ['长'.repeat(4_900_000), 2]] as const) {
      const res = await post('/api/admin/lexicon/import', admin, { text: `长度限制测试词\treject\n${line === 3 ? `${longest}\n` : ''}${term}\thold`, defaultAction: 'hold' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error, 'lexicon.term_too_long');
      assert.match(res.json().message, new RegExp(`^第 ${line} 行的词太长了（「${term.slice(0, 20)}…」）：每个词最多 ${MAX_TERM_CHARS} 个字`));
      assert.equal(await count(), before, 'nothing saved, not even the good lines');
    }
    const check = await post('/api/admin/lexicon/check', editor, { text: `长度限制测试词 ${longest}` });
    assert.equal(check.json().verdict, 'clean');
  });

  it('warns staff, without blocking, when an article they save contains listed words', async () => {
    const category = await buildCategory(t.db);
    const res = await post('/api/admin/articles', editor, { categoryId: category.id, title: '一篇稿子', bodyHtml: '<p>正文里混进了影视先锋亚洲无码</p>', origin: 'original' });
    assert.equal(res.statusCode, 201);
    assert.ok(res.json().lexiconHits.some((h: { action: string }) => h.action === 'reject'));
    const clean = await buildArticle(t.db, { status: 'draft' });
    assert.deepEqual((await app.inject({ url: `/api/admin/articles/${clean.id}`, headers: editor })).json().lexiconHits, []);
  });

  it('refuses a nickname the lexicon hits, and logs the hit', async () => {
    const phone = '13700001234';
    await post('/api/auth/sms-code', {}, { phone });
    const code = fs.readFileSync(app.smsOutboxFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).reverse()[0].code;
    const signIn = await post('/api/auth/sign-in', {}, { phone, code });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const bad = await app.inject({ method: 'PUT', url: '/api/me', headers: { cookie }, payload: { nickname: '色_婷婷' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error, 'readers.invalid_nickname');
    const hits = await t.db.selectFrom('lexicon_hits').selectAll().where('context', '=', 'nickname').execute();
    assert.ok(hits.length >= 1);
    const good = await app.inject({ method: 'PUT', url: '/api/me', headers: { cookie }, payload: { nickname: '青溪老王' } });
    assert.equal(good.json().reader.nickname, '青溪老王');
  });
});
