import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAuditEntries } from '../../audit/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { pageFetcher } from '../../import/index.js';
import { imageFetcher } from '../../media/index.js';
import { errorMessages } from '../../messages/error-messages.js';
import { solidPng } from '../../media/testing.js';
import { cleanUp } from '../../test-support/clean-up.js';
import { buildCategory, staffWithToken } from '../../test-support/factories.js';
import { type RemoteSite, startRemoteSite } from '../../test-support/remote-site.js';
import { buildTestApp } from '../../test-support/test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/reprint/${name}`, import.meta.url), 'utf8');

describeEachDatabase('reprint from a link API', (t) => {
  let app: FastifyInstance;
  let token: Record<string, string>;
  let editorId: number;
  let categoryId: number;
  /** Paths the other publisher's site was asked for, in order. */
  const asked: string[] = [];
  let site: RemoteSite;
  let loopback: RemoteSite;
  const hanging: http.ServerResponse[] = [];

  before(async () => {
    const photo = await solidPng(640, 360);
    loopback = await startRemoteSite((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>内网管理页面</p>'));
    site = await startRemoteSite((req, res) => {
      const html = (name: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture(name).replaceAll('{{ORIGIN}}', site.origin));
      const path = new URL(req.url ?? '/', site.origin).pathname;
      asked.push(path);
      if (path === '/s/dragon-boats') return html('wechat-article.html');
      if (path === '/news/2026/0530.html') return html('news-page.html');
      if (path === '/blog/tofu.html') return html('blog-page.html');
      if (['/mmbiz_png/race/640', '/images/2026/05/bridge.png', '/blog/images/tofu.png'].includes(path)) return res.writeHead(200, { 'content-type': 'image/png' }).end(photo);
      if (path === '/short') return res.writeHead(301, { location: '/s/dragon-boats' }).end();
      if (path === '/to-loopback') return res.writeHead(302, { location: `${loopback.origin}/admin` }).end();
      if (path === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/report.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
      if (path === '/huge.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<html><body>${'<p>青溪新闻</p>'.repeat(20_000)}</body></html>`);
      }
      // An article of 10,001 tags: under the fetch limit, over a body's (a paste of it would be refused).
      if (path === '/spans.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><div class="content"><p>${'<span>青</span>'.repeat(10_001)}</p></div></body></html>`);
      if (path === '/empty.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav><a href="/">首页</a></nav></body></html>');
      if (path === '/never-ends') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>正在加载');
        hanging.push(res);
        return;
      }
      res.writeHead(404).end();
    });
    // Only the local site that plays the other publishers is let through the address guard.
    const guard = { timeoutMs: 1_000, maxBytes: 200_000, maxRedirects: 3, allowedPrivateHosts: [site.hostPort] };
    app = await buildTestApp(t.db, { fetchPage: pageFetcher(guard), fetchImage: imageFetcher(guard) });
    const editor = await staffWithToken(t.db, 'editor');
    token = editor.headers;
    editorId = editor.user.id;
    categoryId = (await buildCategory(t.db)).id;
  });
  after(() =>
    cleanUp(
      () => app.close(),
      () => hanging.forEach((res) => res.destroy()),
      () => new Promise((resolve) => site.server.close(resolve)),
      () => new Promise((resolve) => loopback.server.close(resolve)),
    ),
  );

  const reprint = (url: string, headers = token) => app.inject({ method: 'POST', url: '/api/admin/articles/reprint', headers, payload: { url, categoryId } });

  it("reads a WeChat article: 公众号, author, time from `var ct`, js_content cleaned, data-src images brought in", async () => {
    const url = `${site.origin}/s/dragon-boats?__biz=MzA5&mid=1`;
    const res = await reprint(url);
    assert.equal(res.statusCode, 201, res.body);
    const { article, reprint: details } = res.json();
    assert.equal(article.status, 'draft');
    assert.equal(article.origin, 'reprint');
    assert.equal(article.title, '青溪县举办第十届龙舟赛，24支队伍同场竞渡');
    assert.deepEqual(
      [article.sourceName, article.originalTitle, article.originalAuthor, article.sourceUrl],
      ['青溪发布', '青溪县举办第十届龙舟赛，24支队伍同场竞渡', '李晓梅', url],
    );
    assert.equal(details.layout, 'wechat');
    assert.equal(details.originalPublishedAt, '2026-06-19T10:30:00.000Z');
    assert.deepEqual([details.removed.hiddenText, details.removed.trackingPixels], [1, 1]);

    const body: string = article.bodyHtml;
    assert.match(body, /^<p>6月19日上午，青溪县第十届龙舟赛/);
    assert.match(body, /<strong>比赛结果<\/strong>/);
    assert.doesNotMatch(body, /section|style=|class=|青溪房价|data:image|mp\.weixin/);
    // The picture that could be fetched is this site's now; the one that is gone stays as a link, with the reason reported.
    assert.match(body, /<img src="\/media\/[^"]+" alt="青溪县举办第十届龙舟赛，24支队伍同场竞渡 配图"/);
    assert.match(body, new RegExp(`<a href="${site.origin}/mmbiz_jpg/gone/640\\?wx_fmt=jpeg"[^>]*>\\[图片\\] 颁奖仪式</a>`));
    assert.equal(details.imagesKeptAsLinks.length, 1);
    assert.match(details.imagesKeptAsLinks[0].reason, /HTTP 404/);
    const storageKey = /<img src="\/media\/([^"]+)\.\w+"/.exec(body)![1]!;
    const media = await t.db.selectFrom('media').select(['id', 'uploaded_by']).where('storage_key', 'like', `${storageKey}%`).executeTakeFirstOrThrow();
    assert.equal(media.uploaded_by, editorId, 'the image is the editor’s upload, in the library and the audit log');
    assert.equal((await listAuditEntries(t.db, { targetType: 'media', targetId: String(media.id), limit: 5 }))[0]?.action, 'media.upload');
  });

  it('reads a Chinese news page: title, 来源, 作者 and time from its meta tags and byline, the body from its container', async () => {
    const res = await reprint(`${site.origin}/news/2026/0530.html`);
    assert.equal(res.statusCode, 201, res.body);
    const { article, reprint: details } = res.json();
    assert.equal(details.layout, 'news');
    assert.equal(article.title, '青溪大桥今日正式通车');
    assert.deepEqual([article.sourceName, article.originalAuthor], ['青溪日报', '王建国']);
    assert.equal(details.originalPublishedAt, '2026-05-30T02:20:00.000Z');
    assert.match(article.bodyHtml, /^<p>记者从县交通运输局获悉/);
    assert.match(article.bodyHtml, /<img src="\/media\/[^"]+" alt="通车后的青溪大桥"/);
    assert.match(article.bodyHtml, /完善大桥周边的公交线路和慢行系统。<\/p>$/);
    assert.doesNotMatch(article.bodyHtml, /热点排行|相关新闻|备案号|广告|font/);
  });

  it('falls back to where the text is densest for any other page, relative images included', async () => {
    const res = await reprint(`${site.origin}/blog/tofu.html`);
    assert.equal(res.statusCode, 201, res.body);
    const { article, reprint: details } = res.json();
    assert.equal(details.layout, 'readability');
    assert.equal(article.title, '老街口的那家豆腐坊');
    assert.equal(details.originalPublishedAt, '2026-04-12T01:05:00.000Z');
    assert.match(article.bodyHtml, /^<p>老街口的豆腐坊开了快四十年。/);
    assert.match(article.bodyHtml, /<img src="\/media\/[^"]+" alt="刚出锅的豆腐"/);
    assert.doesNotMatch(article.bodyHtml, /最近文章|外婆的菜园/);
  });

  it('follows a redirect to the article, and keeps the link the editor gave as 原文链接', async () => {
    const res = await reprint(`${site.origin}/short`);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().article.sourceUrl, `${site.origin}/short`);
  });

  it('refuses private addresses, redirects into them, pages that never finish, what is not HTML and huge pages, each with a clear Chinese 400', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [`${loopback.origin}/admin`, 'reprint.fetch_refused_address', /内网或本机/],
      [`${site.origin}/to-loopback`, 'reprint.fetch_refused_address', /内网或本机/],
      [`${site.origin}/to-metadata`, 'reprint.fetch_refused_address', /内网或本机/],
      ['http://10.0.0.8/news.html', 'reprint.fetch_refused_address', /内网或本机/],
      [`${site.origin}/never-ends`, 'reprint.fetch_timeout', /1 秒内没有加载完/],
      [`${site.origin}/report.pdf`, 'reprint.not_html', /不是网页（application\/pdf）/],
      [`${site.origin}/huge.html`, 'reprint.fetch_too_large', /超过 0.2 MB/],
      [`${site.origin}/empty.html`, 'reprint.no_article', /没有找到文章正文/],
      [`${site.origin}/missing`, 'reprint.fetch_http_status', /HTTP 404/],
      ['ftp://example.com/a.html', 'reprint.fetch_bad_url', /http 或 https/],
    ];
    for (const [url, code, message] of cases) {
      const res = await reprint(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error, code, url);
      assert.match(res.json().message, message, url);
    }
  });

  it('refuses an article whose markup is beyond the body limits before cleaning it, as a paste of it would be', async () => {
    const res = await reprint(`${site.origin}/spans.html`);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error, 'content.body_too_many_tags');
    assert.equal(res.json().message, errorMessages['content.body_too_many_tags']);
  });

  it('needs a category that exists, checked before anything is fetched, and someone allowed to write', async () => {
    const before = asked.length;
    const unknown = await app.inject({ method: 'POST', url: '/api/admin/articles/reprint', headers: token, payload: { url: `${site.origin}/blog/tofu.html`, categoryId: 999999 } });
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal(unknown.json().error, 'content.category_not_found');
    assert.deepEqual(asked.slice(before), [], 'neither the page nor its images were fetched');
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/articles/reprint', payload: { url: site.origin, categoryId } })).statusCode, 401);
  });
});
