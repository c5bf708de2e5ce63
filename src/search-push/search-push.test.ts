import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { type Article, transitionArticle, updateArticle } from '../content/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, buildStaff } from '../test-support/factories.js';
import { type ReceivedRequest, type StandInAnswer, startStandIn } from '../test-support/stand-in-server.js';
import { listRecentPushes, nextChinaMidnight, type PushRecord, PUSHES_KEPT_MS, SearchPushWorker } from './index.js';
import { saveSearchPushSettings, type SearchPushSettings } from './push-settings.js';

const ORIGIN = 'https://www.qingxi.example';
const TOKEN = 'edk7yc4rEZP9pDQD';
const KEY = '5d1c9e0a7f3b4c2d';
const MINUTE = 60_000;
const quiet = { warn: () => undefined };

describeEachDatabase('search engine pushes', (t) => {
  let answer: (request: ReceivedRequest) => StandInAnswer = () => ({ json: { success: 1, remain: 99_999, not_same_site: [], not_valid: [] } });
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  /** The workers' clock runs with real time, moved forward by this much. */
  let ahead = 0;
  const clock = () => new Date(Date.now() + ahead);
  const worker = (batchSize?: number) =>
    new SearchPushWorker({ db: t.db, clock, log: quiet, publicUrl: ORIGIN, articlePath: (id) => `/a/${id}` }, batchSize ? { batchSizes: { baidu: batchSize } } : {});
  const configure = (settings: Partial<SearchPushSettings>) => saveSearchPushSettings(t.db, settings, new Date());
  const baidu = { baiduSite: ORIGIN, baiduToken: TOKEN, baiduEndpoint: '' };
  const reviewer = async () => ({ user: await buildStaff(t.db, 'reviewer'), ip: '127.0.0.1' });
  const publish = async () => {
    const article = await buildArticle(t.db, { status: 'pending', publishedAt: null });
    await transitionArticle(t.db, { articleId: article.id, to: 'published', version: article.version, actor: await reviewer(), reviewLevels: 1 }, new Date());
    return article;
  };
  const pushesOf = async (articleId: number): Promise<PushRecord[]> => (await listRecentPushes(t.db, 1000)).filter((p) => p.articleId === articleId);
  const lines = (request: ReceivedRequest) => request.body.split('\n');

  before(async () => {
    standIn = await startStandIn((request) => answer(request));
    baidu.baiduEndpoint = `${standIn.url}/urls`;
  });
  after(() => standIn.close());
  beforeEach(async () => {
    await t.db.deleteFrom('push_queue').execute();
    await t.db.deleteFrom('settings').where('key', 'like', 'searchPush.%').execute();
    standIn.received.length = 0;
    ahead = 0;
    answer = () => ({ json: { success: 1, remain: 99_999, not_same_site: [], not_valid: [] } });
  });

  it('pushes a published article to Baidu after the commit, exactly as Baidu documents the request', async () => {
    await configure(baidu);
    const article = await publish();
    assert.equal(standIn.received.length, 0, 'queued in the transaction, sent by the worker');
    assert.equal(await worker().run(), 1);

    assert.equal(standIn.received.length, 1);
    const [request] = standIn.received;
    const url = new URL(request!.url, standIn.url);
    assert.equal(request!.method, 'POST');
    assert.equal(url.pathname, '/urls');
    assert.deepEqual([...url.searchParams], [['site', ORIGIN], ['token', TOKEN]]);
    assert.equal(request!.headers['content-type'], 'text/plain');
    assert.deepEqual(lines(request!), [`${ORIGIN}/a/${article.id}`]);
    const [push] = await pushesOf(article.id);
    assert.equal(push!.status, 'sent');
    assert.deepEqual(push!.lastResult, { outcome: 'sent', code: 'accepted', httpStatus: 200, remain: 99_999 });
  });

  it('pushes a published article again when its text changes, and not for a save that changed nothing', async () => {
    await configure(baidu);
    const article = await publish();
    await worker().run();
    const editor = await reviewer();
    await updateArticle(t.db, article.id, { title: '溪口镇老街改造完工（更新）' }, editor, new Date());
    await updateArticle(t.db, article.id, { title: '溪口镇老街改造完工（更新）' }, editor, new Date());
    await worker().run();
    assert.equal(standIn.received.length, 2);
    assert.equal((await pushesOf(article.id)).length, 2);
  });

  it('pushes a scheduled article when readers can see it, not before', async () => {
    await configure(baidu);
    const article = await buildArticle(t.db, { status: 'pending', publishedAt: null, scheduledAt: new Date(Date.now() + 60 * MINUTE) });
    await transitionArticle(t.db, { articleId: article.id, to: 'published', version: article.version, actor: await reviewer(), reviewLevels: 1 }, new Date());
    assert.equal(await worker().run(), 0);
    ahead = 61 * MINUTE;
    assert.equal(await worker().run(), 1);
    assert.deepEqual(lines(standIn.received[0]!), [`${ORIGIN}/a/${article.id}`]);
  });

  it('retries after a 500 with back-off, then records the success', async () => {
    await configure(baidu);
    let calls = 0;
    answer = () => (++calls === 1 ? { status: 500, json: { error: 500, message: 'internal error' } } : { json: { success: 1, remain: 500, not_same_site: [], not_valid: [] } });
    const article = await publish();
    const sending = worker();
    await sending.run();
    let [push] = await pushesOf(article.id);
    assert.equal(push!.status, 'pending');
    assert.equal(push!.attempts, 1);
    assert.deepEqual(push!.lastResult, { outcome: 'retry', code: 'server_error', httpStatus: 500, message: 'internal error' });
    const wait = push!.nextAttemptAt.getTime() - Date.now();
    assert.ok(wait > 55_000 && wait <= 60_000, `the first retry waits a minute, not ${wait} ms`);

    await sending.run();
    assert.equal(calls, 1, 'not sent again before its time');
    ahead = MINUTE;
    await sending.run();
    assert.equal(calls, 2);
    [push] = await pushesOf(article.id);
    assert.equal(push!.status, 'sent');
    assert.equal(push!.attempts, 2);
  });

  it('marks a push failed when Baidu refuses the token, and never retries it', async () => {
    await configure(baidu);
    answer = () => ({ status: 401, json: { error: 401, message: 'token is not valid' } });
    const article = await publish();
    await worker().run();
    const [push] = await pushesOf(article.id);
    assert.equal(push!.status, 'failed');
    assert.deepEqual(push!.lastResult, { outcome: 'failed', code: 'bad_token', httpStatus: 401, message: 'token is not valid' });
    ahead = 2 * 86_400_000;
    await worker().run();
    assert.equal(standIn.received.length, 1);
  });

  it('sends URLs in batches, fails the ones Baidu names as not valid, and waits for the next Beijing day when the quota is used up', async () => {
    await configure(baidu);
    const articles: Article[] = [];
    for (let i = 0; i < 5; i += 1) articles.push(await publish());
    const urls = articles.map((a) => `${ORIGIN}/a/${a.id}`);
    answer = (request) => {
      const sent = lines(request);
      const first = standIn.received.length === 1;
      return { json: { success: first ? 1 : 2, remain: first ? 10 : 0, not_same_site: [], not_valid: first ? [sent[1]] : [] } };
    };
    await worker(2).run();
    assert.deepEqual(standIn.received.map(lines), [urls.slice(0, 2), urls.slice(2, 4)], 'two batches of two, then the quota stops it');
    const byArticle = async (i: number) => (await pushesOf(articles[i]!.id))[0]!;
    assert.equal((await byArticle(0)).status, 'sent');
    assert.equal((await byArticle(1)).status, 'failed');
    assert.equal((await byArticle(1)).lastResult?.code, 'not_valid');
    const waiting = await byArticle(4);
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.nextAttemptAt.getTime(), nextChinaMidnight(new Date()).getTime());

    ahead = nextChinaMidnight(new Date()).getTime() - Date.now() + 1000;
    await worker(2).run();
    assert.deepEqual(standIn.received.map(lines)[2], urls.slice(4));
  });

  it('tells IndexNow of published and withdrawn articles with the JSON its protocol documents; Baidu only of published ones', async () => {
    await configure({ ...baidu, indexNowKey: KEY, indexNowEndpoint: `${standIn.url}/indexnow` });
    answer = (request) => (request.url.startsWith('/indexnow') ? { status: 202, json: {} } : { json: { success: 1, remain: 9, not_same_site: [], not_valid: [] } });
    const article = await publish();
    await worker().run();
    await transitionArticle(t.db, { articleId: article.id, to: 'withdrawn', reason: '内容有误', actor: await reviewer(), reviewLevels: 1 }, new Date());
    await worker().run();

    const indexNow = standIn.received.filter((r) => r.url === '/indexnow');
    assert.equal(standIn.received.filter((r) => r.url.startsWith('/urls')).length, 1);
    assert.equal(indexNow.length, 2);
    for (const request of indexNow) {
      assert.equal(request.method, 'POST');
      assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(JSON.parse(request.body), { host: 'www.qingxi.example', key: KEY, keyLocation: `${ORIGIN}/${KEY}.txt`, urlList: [`${ORIGIN}/a/${article.id}`] });
    }
  });

  it('queues and sends nothing while no engine is set up', async () => {
    await configure({ baiduSite: ORIGIN, baiduEndpoint: baidu.baiduEndpoint });
    const article = await publish();
    assert.equal(await worker().run(), 0);
    assert.deepEqual(await pushesOf(article.id), []);
    assert.equal(standIn.received.length, 0);
  });

  it('never sends one URL twice when two instances work the queue at once', async () => {
    await configure(baidu);
    const articles: Article[] = [];
    for (let i = 0; i < 24; i += 1) articles.push(await publish());
    const workers = [worker(3), worker(3)];
    await Promise.all(workers.map((w) => w.run()));
    const sent = standIn.received.flatMap(lines).sort();
    assert.deepEqual(sent, articles.map((a) => `${ORIGIN}/a/${a.id}`).sort());
  });

  it('forgets done pushes after 90 days and keeps waiting ones', async () => {
    await configure(baidu);
    const sent = await publish();
    await worker().run();
    answer = () => ({ status: 503, json: {} });
    const waiting = await publish();
    await worker().run();
    ahead = PUSHES_KEPT_MS + MINUTE;
    // Only the pruning is under test here: the waiting push is not due yet.
    await t.db.updateTable('push_queue').set({ next_attempt_at: new Date(Date.now() + 2 * PUSHES_KEPT_MS).toISOString() }).where('status', '=', 'pending').execute();
    await worker().run();
    assert.deepEqual(await pushesOf(sent.id), []);
    assert.equal((await pushesOf(waiting.id))[0]?.status, 'pending');
  });
});
