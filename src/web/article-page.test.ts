import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import * as OpenCC from 'opencc-js';
import QRCode from 'qrcode';
import { describeEachDatabase } from '../db/testing.js';
import { chinaYear } from '../lib/china-time.js';
import { saveSiteSettings } from '../site/index.js';
import { insertMedia } from '../media/index.js';
import { buildArticle, buildCategory, buildStaff, staffCookie, uniqueSuffix } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

const HOUR = 3_600_000;
// An independent converter, to check the 繁體 pages against OpenCC itself.
const opencc = OpenCC.Converter({ from: 'cn', to: 'tw' });

describeEachDatabase('article page', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
    await saveSiteSettings(
      t.db,
      {
        siteName: '青溪生活网',
        siteDomain: 'qingxi.example',
        copyrightHolder: '《青溪生活网》',
        copyrightStartYear: 2019,
        reprintDisclaimer: '青溪生活网友情转载，版权归原作者所有。',
        icpNumber: '浙ICP备19000000号-3',
        publicSecurityFilingNumber: '浙公网安备 33010002000001号',
        publicSecurityFilingCode: '33010002000001',
        telecomLicence: '浙B2-20210000',
        servicePhone: '0575-80000000',
        serviceHours: '周一至周五 8:00-17:30',
        serviceQq: '800000001',
        wechatOfficialAccountName: '在青溪',
      },
      new Date(),
    );
  });
  after(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  async function buildReprint() {
    const section = await buildCategory(t.db, { name: '新闻' });
    const category = await buildCategory(t.db, { name: '青溪焦点', parentId: section.id });
    const publisher = await buildStaff(t.db, 'editor', '张金兰');
    return buildArticle(t.db, {
      categoryId: category.id,
      title: '开发区发展 头发与理发',
      editorNote: '这是编者按。',
      bodyHtml: '<p><strong>问：</strong>今年的目标？</p><p><strong>答：</strong>发展。</p>',
      credits: '青溪市融媒体中心出品\n记者：史一 费二',
      origin: 'reprint',
      sourceName: '青溪发布',
      sourceUrl: 'https://fabu.example/1',
      originalTitle: '开发区发展（原题）',
      originalAuthor: '史一',
      responsibleEditor: '周敏',
      publisher: { id: publisher.id, ip: '115.236.1.1' },
    });
  }

  it('shows every element of the reference page for a published reprint', async () => {
    const article = await buildReprint();
    const res = await get(`/a/${article.id}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const expected = [
      '正在阅读：', '分享文章', '微信扫一扫', '<svg', '参与评论', '当前位置', '首页', '新闻', '青溪焦点', '正文',
      '<h1 id="article-title"', '转载', '张金兰', ' 发布', 'IP属地：浙江', '来源：青溪发布', '阅读', '点赞',
      '编者按：', '这是编者按。', '<strong>问：</strong>', '青溪市融媒体中心出品', '记者：史一 费二',
      '原标题：开发区发展（原题）', '原作者：史一', '责任编辑：周敏', '青溪生活网友情转载，版权归原作者所有。',
      '已有<span data-count="likes">0</span>人点赞', '<span data-count="comments">0</span>条评论', 'data-max-length="300"', '0/300', '客服电话', '0575-80000000', '工作时间', '客服QQ', '微信公众号', '在青溪',
      `2019-${chinaYear(new Date())}`, 'https://beian.miit.gov.cn/', '浙ICP备19000000号-3',
      'beian.mps.gov.cn/#/query/webSearch?code=33010002000001', '增值电信业务经营许可证：浙B2-20210000', '12377',
      '简体', '繁體', '长辈模式',
    ];
    for (const marker of expected) assert.ok(html.includes(marker), `page lacks ${marker}`);
    // The absolute date in Beijing time; the page's script makes it relative (刚刚, 昨天 08:30) from the datetime.
    assert.match(html, /<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00" data-relative>\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}<\/time>/);
    assert.doesNotMatch(html, /信息未审核或下架中/, 'readers never see the staff banner');
    assert.doesNotMatch(html, /作者：</, 'an empty author is not printed');
    assert.doesNotMatch(html, /未知/);
  });

  it('prints every count from one source, so they agree', async () => {
    const article = await buildArticle(t.db);
    await t.db.updateTable('articles').set({ like_count: 57, comment_count: 3, read_count: 5824 }).where('id', '=', article.id).execute();
    const html = (await get(`/a/${article.id}`)).body;
    assert.ok(html.includes('已有<span data-count="likes">57</span>人点赞'));
    assert.equal(html.match(/data-count="likes">57</g)?.length, 2);
    assert.ok(html.includes('<span data-count="comments">3</span>条评论'));
    assert.equal(html.match(/data-count="comments">3</g)?.length, 3);
    assert.ok(html.includes('<span data-count="reads">5824</span>'));
  });

  it('escapes everything staff typed, outside the sanitized body', async () => {
    const article = await buildArticle(t.db, {
      title: '<script>alert(1)</script>标题',
      editorNote: '<img src=x onerror=alert(1)>',
      author: '"><b>作者</b>',
      credits: '<i>记者</i>',
    });
    const html = (await get(`/a/${article.id}`)).body;
    assert.doesNotMatch(html, /<script>alert|<img src=x|<b>作者|<i>记者/);
    assert.ok(html.includes('&lt;script>alert(1)&lt;/script>标题') || html.includes('&lt;script&gt;alert(1)&lt;/script&gt;标题'));
  });

  it('is served in traditional characters under /zh-hant, converted by phrase', async () => {
    const article = await buildReprint();
    const simplified = (await get(`/a/${article.id}`)).body;
    const res = await get(`/zh-hant/a/${article.id}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<html lang="zh-Hant"/);
    assert.match(simplified, /<html lang="zh-Hans"/);
    assert.ok(html.includes(opencc('开发区发展 头发与理发')));
    assert.ok(html.includes('開發區發展 頭髮與理髮'));
    assert.ok(html.includes('正在閱讀：'), 'the interface is converted too');
    const scriptWords = (page: string) => JSON.parse(decodeEntities(page.match(/<body data-ui-text="([^"]*)"/)?.[1] ?? '{}')) as Record<string, string>;
    assert.equal(scriptWords(simplified).commentPosted, '评论已发表。');
    assert.equal(scriptWords(html).commentPosted, '評論已發表。', "and so are the words the page's script writes");
    assert.equal(scriptWords(html).justNow, '剛剛');
    assert.ok(html.includes('>简体</a>') && html.includes('>繁體</a>'), 'the switch names each script as written');
    assert.ok(html.includes(`href="/zh-hant/c/`), 'links stay in the reader\'s script');
    for (const [lang, href] of [['zh-Hans', `/a/${article.id}`], ['zh-Hant', `/zh-hant/a/${article.id}`]]) {
      assert.ok(html.includes(`hreflang="${lang}" href="https://news.example${href}"`), `hreflang ${lang}`);
    }
    assert.ok(html.includes(`<link rel="canonical" href="https://news.example/zh-hant/a/${article.id}"/>`));
  });

  it('carries Open Graph tags and a QR code of its canonical address', async () => {
    const article = await buildArticle(t.db, { title: '分享测试', summary: '分享摘要' });
    const html = (await get(`/a/${article.id}`)).body;
    assert.ok(html.includes('<meta property="og:title" content="分享测试"/>'));
    assert.ok(html.includes('<meta property="og:description" content="分享摘要"/>'));
    assert.ok(html.includes('<meta property="og:type" content="article"/>'));
    assert.ok(html.includes(`https://news.example/a/${article.id}</p>`), 'the share panel names the canonical URL');
    assert.match(html, new RegExp(`<img class="share__qr" data-share="qr" src="/a/${article.id}/qr.svg" alt="[^"]+" width="180" height="180" loading="lazy"`));
    assert.doesNotMatch(html, /<svg[^>]*viewBox="0 0 \d+ \d+" shape-rendering/, 'no QR code is drawn into the page itself');

    for (const [path, address] of [
      [`/a/${article.id}/qr.svg`, `https://news.example/a/${article.id}`],
      [`/zh-hant/a/${article.id}/qr.svg`, `https://news.example/zh-hant/a/${article.id}`],
    ]) {
      const qr = await get(path!);
      assert.equal(qr.statusCode, 200, path);
      assert.equal(qr.headers['content-type'], 'image/svg+xml; charset=utf-8');
      assert.equal(qr.body, await QRCode.toString(address!, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), `${path} encodes ${address}`);
      assert.ok(qr.headers.etag, 'kept and revalidated like a page');
    }
  });

  it('links the previous, next and related articles of its category, each once', async () => {
    const category = await buildCategory(t.db);
    const now = Date.now();
    const [oldest, older, middle, newer] = await Promise.all(
      [4, 3, 2, 1].map((h) => buildArticle(t.db, { categoryId: category.id, title: `第${h}篇`, publishedAt: new Date(now - h * HOUR) })),
    );
    const html = (await get(`/a/${middle!.id}`)).body;
    assert.ok(html.includes(`上一篇：<a href="/a/${older!.id}" rel="prev">`));
    assert.ok(html.includes(`下一篇：<a href="/a/${newer!.id}" rel="next">`));
    assert.ok(html.includes('相关阅读'));
    // 相关阅读 (here the rest of the category) leaves out the 上一篇 and 下一篇 linked just above it.
    const links = (id: number) => html.split(`href="/a/${id}"`).length - 1;
    assert.equal(links(older!.id), 1, 'the previous article is linked once');
    assert.equal(links(newer!.id), 1, 'the next article is linked once');
    assert.equal(links(oldest!.id), 1, 'the rest of the category is related');
  });

  it('shows its lead image', async () => {
    const category = await buildCategory(t.db);
    const image = async (name: string) =>
      insertMedia(t.db, { storageKey: `2026/12/${name}-${uniqueSuffix()}.jpg`, contentType: 'image/jpeg', width: 1200, height: 800, byteSize: 1, altText: '', variants: [] }, new Date());
    const [bridge, market] = [await image('bridge'), await image('market')];
    const now = Date.now();
    // The older of the two is neither 上一篇 nor 下一篇, so it is in 相关阅读.
    const related = await buildArticle(t.db, { categoryId: category.id, title: '集市开张', publishedAt: new Date(now - 4 * HOUR), leadImage: { mediaId: market.id, alt: '集市' } });
    await buildArticle(t.db, { categoryId: category.id, title: '较早', publishedAt: new Date(now - 3 * HOUR) });
    const article = await buildArticle(t.db, { categoryId: category.id, title: '大桥通车', publishedAt: new Date(now - 2 * HOUR), leadImage: { mediaId: bridge.id, alt: '大桥' } });
    const html = (await get(`/a/${article.id}`)).body;
    assert.match(html, new RegExp(`<figure class="article__lead"><img src="/media/${bridge.storageKey}" width="1200" height="800" alt="大桥"`));
    assert.ok(html.includes(`<a href="/a/${related.id}">集市开张</a>`), 'the related article, with a picture of its own, is linked');
  });

  for (const status of ['draft', 'pending', 'rejected', 'withdrawn'] as const) {
    it(`answers 404 to readers for a ${status} article, and shows it to staff with the banner`, async () => {
      const article = await buildArticle(t.db, { status, title: `隐藏的${status}` });
      for (const url of [`/a/${article.id}`, `/zh-hant/a/${article.id}`, `/a/${article.id}/qr.svg`]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, new RegExp(`隐藏的|隱藏的`));
        assert.equal(res.headers['cache-control'], 'private, no-store');
      }
      const staff = await get(`/a/${article.id}`, { cookie: await staffCookie(t.db) });
      assert.equal(staff.statusCode, 200);
      assert.ok(staff.body.includes('信息未审核或下架中，当前页面为预览效果，仅管理员可见'));
      assert.ok(staff.body.includes('<meta name="robots" content="noindex"/>'));
      assert.equal(staff.headers['cache-control'], 'private, no-store', 'no cache keeps a staff preview');
      for (const offered of ['分享文章', 'data-action="like"', 'data-comment-form', '参与评论', 'data-action="report-article"', 'data-article-id']) {
        assert.ok(!staff.body.includes(offered), `a preview offers nothing to share, like, comment on or report (${offered})`);
      }
    });
  }

  it('keeps a scheduled article hidden until its time', async () => {
    const article = await buildArticle(t.db, { publishedAt: new Date(Date.now() + HOUR) });
    assert.equal((await get(`/a/${article.id}`)).statusCode, 404);
  });

  it('treats an unknown or expired staff cookie as a reader', async () => {
    const article = await buildArticle(t.db, { status: 'pending' });
    assert.equal((await get(`/a/${article.id}`, { cookie: 'bendi_staff=forged' })).statusCode, 404);
  });

  it('answers 404 for an id that is not a number (see addresses.test.ts), and for one that does not exist', async () => {
    const bad = await get('/a/abc');
    assert.equal(bad.statusCode, 404);
    assert.match(bad.body, /页面不存在/);
    const missing = await get('/a/99999999');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /文章不存在或已下架/);
    assert.equal(missing.headers['cache-control'], 'private, no-store');
  });
});

/** The entities Preact writes in attribute values, back to text. */
function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
