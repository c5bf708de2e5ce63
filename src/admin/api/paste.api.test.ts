import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { imageFetcher } from '../../media/index.js';
import { solidPng } from '../../media/testing.js';
import { errorMessages } from '../../messages/error-messages.js';
import { cleanUp } from '../../test-support/clean-up.js';
import { staffWithToken } from '../../test-support/factories.js';
import { type RemoteSite, startRemoteSite } from '../../test-support/remote-site.js';
import { buildTestApp } from '../../test-support/test-app.js';

const wechatPage = readFileSync(new URL('../../../test/fixtures/paste/wechat-article.html', import.meta.url), 'utf8');
const capture = readFileSync(new URL('../../../test/fixtures/paste/captured-article-page.txt', import.meta.url), 'utf8');

describeEachDatabase('paste cleaning and image fetching API', (t) => {
  let app: FastifyInstance;
  let token: Record<string, string>;
  let site: RemoteSite;
  let loopback: RemoteSite;
  let photo: Buffer;
  const hanging: http.ServerResponse[] = [];

  before(async () => {
    photo = await solidPng(640, 360);
    loopback = await startRemoteSite((_req, res) => res.end(photo));
    site = await startRemoteSite((req, res) => {
      if (req.url === '/mmbiz/640.png') return res.end(photo);
      if (req.url === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>不是图片</body></html>');
      if (req.url === '/huge.png') return res.writeHead(200, { 'content-length': '300000' }).end(Buffer.alloc(300_000));
      if (req.url === '/to-loopback.png') return res.writeHead(302, { location: `${loopback.origin}/inside.png` }).end();
      if (req.url === '/slow.png') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x');
        hanging.push(res);
        return;
      }
      res.writeHead(404).end();
    });
    // The local site is let through the address guard; the loopback one stands for the server's own network.
    const fetchImage = imageFetcher({ timeoutMs: 500, maxBytes: 200_000, maxRedirects: 3, allowedPrivateHosts: [site.hostPort] });
    app = await buildTestApp(t.db, { fetchImage });
    token = (await staffWithToken(t.db, 'editor')).headers;
  });
  after(() =>
    cleanUp(
      () => app.close(),
      () => hanging.forEach((res) => res.destroy()),
      () => new Promise((resolve) => site.server.close(resolve)),
      () => new Promise((resolve) => loopback.server.close(resolve)),
    ),
  );

  const clean = (payload: object) => app.inject({ method: 'POST', url: '/api/admin/paste/clean', headers: token, payload });
  const fetchMedia = (url: string, alt = '龙舟赛现场') => app.inject({ method: 'POST', url: '/api/admin/media/fetch', headers: token, payload: { url, alt } });

  it('cleans a WeChat article and lists its images to fetch, with what it removed', async () => {
    const res = await clean({ html: wechatPage });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.match(body.html, /^<p><strong>端午龙舟竞渡<\/strong><\/p>/);
    assert.doesNotMatch(body.html, /section|style=|class=|script|青溪房价/);
    assert.deepEqual(body.images.map((i: { src: string }) => new URL(i.src).host), ['mmbiz.qpic.cn', 'mmbiz.qpic.cn']);
    assert.deepEqual(body.warnings.map((w: { code: string; count: number }) => [w.code, w.count]), [['hiddenText', 4], ['trackingPixels', 2]]);
    assert.equal(body.warnings[0].message, '去掉了 4 处隐藏文字（原网页读者看不到的内容）。');
  });

  it('gives the captured spam copy back as simplified text without pinyin, and flags lexicon hits', async () => {
    const res = await clean({ text: capture, simplified: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.doesNotMatch(body.html, /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|婷婷免费/);
    assert.ok(body.html.includes('<p>当前位置:首页 / 文章 / 嵊州焦点 / 正文</p>'));
    assert.ok(body.warnings.some((w: { code: string; count: number }) => w.code === 'pinyin' && w.count > 100));
    assert.ok(body.warnings.some((w: { code: string; count: number }) => w.code === 'keywordLines' && w.count === 1));

    const flagged = (await clean({ text: '本店出售代开发票业务' })).json();
    assert.ok(flagged.lexiconHits.length > 0, 'the default lexicon flags 代开发票');
  });

  it('refuses a request with neither markup nor text, and one from someone not signed in', async () => {
    assert.equal((await clean({ simplified: true })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/paste/clean', payload: { html: '<p>x</p>' } })).statusCode, 401);
  });

  it("stores an image fetched from another site, as an upload, and serves it from this site's media", async () => {
    const res = await fetchMedia(`${site.origin}/mmbiz/640.png`);
    assert.equal(res.statusCode, 201, res.body);
    const media = res.json();
    assert.deepEqual([media.width, media.height, media.contentType, media.alt], [640, 360, 'image/png', '龙舟赛现场']);
    assert.match(media.body.src, /^\/media\//);
  });

  it('refuses what is not an image, too large, a redirect into the own network, and a download that never ends, each in Chinese', async () => {
    const cases: Array<[string, string]> = [
      ['/page.html', 'media.unsupported_image'],
      ['/huge.png', 'media.fetch_too_large'],
      ['/to-loopback.png', 'media.fetch_refused_address'],
      ['/slow.png', 'media.fetch_timeout'],
      ['/missing.png', 'media.fetch_http_status'],
    ];
    for (const [path, code] of cases) {
      const res = await fetchMedia(`${site.origin}${path}`);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.equal(res.json().error, code, path);
      assert.match(res.json().message, /[\u4e00-\u9fff]/, path);
    }
    assert.equal((await fetchMedia(`${loopback.origin}/inside.png`)).json().error, 'media.fetch_refused_address');
    assert.equal((await fetchMedia('http://169.254.169.254/latest/meta-data/')).json().error, 'media.fetch_refused_address');
    assert.equal((await fetchMedia('file:///etc/passwd')).json().message, errorMessages['media.fetch_bad_url']);
  });
});
