// 专题 on the public site: the page in both scripts, only what readers may see, at once after a change; the sitemap, the
// article's 所属专题 link and the home page's block.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { insertMedia } from '../media/index.js';
import { buildArticle, signedInStaff, uniqueSuffix } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

const HOUR = 3_600_000;
type Headers = Record<string, string>;

describeEachDatabase('专题 on the public site', (t) => {
  let app: FastifyInstance;
  let staff: Headers;
  before(async () => {
    // The page cache on, as in production: a 专题 must follow a withdrawal at once all the same.
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
    staff = (await signedInStaff(app, t.db, 'admin')).headers;
  });
  after(() => app.close());
  const get = (url: string, headers: Headers = {}) => app.inject({ method: 'GET', url, headers });
  const api = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: staff, payload });
  /** Factories write to the database directly, where staff changes through the API would empty the page cache. */
  const build = async <T>(made: Promise<T>): Promise<T> => {
    const value = await made;
    await app.pageCache.clear();
    return value;
  };
  /** A 专题 created through the API, and published unless told otherwise (an admin may approve their own). */
  const topic = async (fields: object, publish = true) => {
    const created = await api('/api/admin/topics', { slug: `zt-${uniqueSuffix()}`, title: '专题', introHtml: '', ...fields });
    assert.equal(created.statusCode, 201, created.body);
    const made = created.json().topic as { id: number; slug: string; version: number };
    if (publish) {
      assert.equal((await api(`/api/admin/topics/${made.id}/transitions`, { to: 'pending' })).statusCode, 200);
      const approved = await api(`/api/admin/topics/${made.id}/transitions`, { to: 'published', version: made.version });
      assert.equal(approved.statusCode, 200, approved.body);
    }
    return made;
  };
  const withdraw = (path: string, reason = '信息有误') => api(`${path}/transitions`, { to: 'withdrawn', reason });

  it('shows picked articles in order, then the tag’s newest, escaped, in both scripts; a withdrawn article vanishes at once', async () => {
    const tag = `灯会${uniqueSuffix()}`.slice(0, 20);
    const first = await build(buildArticle(t.db, { title: '灯会第一篇' }));
    const second = await build(buildArticle(t.db, { title: '灯会第二篇', publishedAt: new Date(Date.now() - 5 * HOUR) }));
    const draft = await build(buildArticle(t.db, { title: '灯会草稿', status: 'draft', tags: [tag] }));
    const scheduled = await build(buildArticle(t.db, { title: '灯会定时稿', publishedAt: new Date(Date.now() + HOUR), tags: [tag] }));
    const tagged = await build(buildArticle(t.db, { title: '灯会关键词文章', tags: [tag] }));
    const banner = await build(insertMedia(t.db, { storageKey: `t/${uniqueSuffix()}.webp`, contentType: 'image/webp', width: 1200, height: 400, byteSize: 1000, altText: '', variants: [] }, new Date()));
    const made = await topic({
      title: '<script>alert(1)</script>元宵灯会',
      introHtml: '<p onclick="alert(1)">灯会</p><p><a href="javascript:alert(1)">链接</a></p><iframe src="https://evil.example"></iframe>',
      banner: { mediaId: banner.id, alt: '灯会"><b>夜景' },
      sections: [
        { title: '<i>现场</i>', articleIds: [second.id, draft.id, first.id, scheduled.id] },
        { title: '更多', tag, tagLimit: 5 },
      ],
    });

    const page = await get(`/zt/${made.slug}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>元宵灯会') || page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;元宵灯会'), 'the title is escaped');
    assert.ok(!page.body.includes('<script>alert(1)'), 'no markup from any field');
    assert.ok(!page.body.includes('<i>现场</i>') && !page.body.includes('onclick') && !page.body.includes('javascript:') && !page.body.includes('<iframe'));
    assert.ok(page.body.includes('<p>灯会</p>'), 'the introduction as sanitized');
    assert.ok(page.body.includes('alt="灯会&quot;>&lt;b>夜景"') || page.body.includes('alt="灯会&quot;&gt;&lt;b&gt;夜景"'), 'the banner with its alt, escaped');
    const at = (id: number) => page.body.indexOf(`href="/a/${id}"`);
    assert.ok(at(second.id) > 0 && at(first.id) > at(second.id), 'the editor’s order, not the newest first');
    assert.ok(at(tagged.id) > at(first.id), 'the tag’s articles after');
    for (const hidden of [draft, scheduled]) assert.equal(at(hidden.id), -1, 'only what readers may see');
    assert.match(page.body, new RegExp(`<link rel="canonical" href="[^"]*/zt/${made.slug}"`));
    assert.equal(page.headers['x-robots-tag'], undefined);

    const hant = await get(`/zh-hant/zt/${made.slug}`);
    assert.equal(hant.statusCode, 200);
    assert.ok(hant.body.includes('元宵燈會') && hant.body.includes(`href="/zh-hant/a/${first.id}"`), 'the whole page in 繁體');

    assert.equal((await withdraw(`/api/admin/articles/${first.id}`)).statusCode, 200);
    const afterWithdrawal = await get(`/zt/${made.slug}`);
    assert.equal(afterWithdrawal.body.indexOf(`href="/a/${first.id}"`), -1, 'the cached page is gone with the withdrawal');
    assert.ok(afterWithdrawal.body.includes(`href="/a/${second.id}"`));
    assert.equal((await withdraw(`/api/admin/articles/${tagged.id}`)).statusCode, 200);
    assert.equal((await get(`/zh-hant/zt/${made.slug}`)).body.indexOf(`/a/${tagged.id}"`), -1, 'tag-driven ones too, in both scripts');
  });

  it('keeps an unpublished 专题 from readers (page, list, sitemap, home, article link) and previews it to staff, noindex and uncached', async () => {
    const article = await build(buildArticle(t.db, { title: '未发布专题里的文章' }));
    const made = await topic({ title: '尚未发布的专题', showOnHome: true, sections: [{ title: '栏目', articleIds: [article.id] }] }, false);
    for (const url of [`/zt/${made.slug}`, `/zh-hant/zt/${made.slug}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes('尚未发布的专题'));
    }
    for (const url of ['/zt', '/', `/a/${article.id}`, '/sitemaps/pages-1.xml']) assert.ok(!(await get(url)).body.includes(made.slug) && !(await get(url)).body.includes('尚未发布的专题'), url);

    const preview = await get(`/zt/${made.slug}`, { cookie: staff.cookie! });
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['x-robots-tag'], 'noindex');
    assert.match(String(preview.headers['cache-control']), /no-store/);
    assert.match(preview.body, /<meta name="robots" content="noindex/);
    assert.ok(preview.body.includes('预览'));
    assert.equal((await get(`/zt/${made.slug}`)).statusCode, 404, 'the preview was not cached for readers');
  });

  it('lists a published 专题 in the sitemap, on /zt, on the home page when placed there, and links it from its articles', async () => {
    const tag = `赛龙舟dragon${uniqueSuffix()}`;
    const picked = await build(buildArticle(t.db, { title: '龙舟赛开幕' }));
    const tagged = await build(buildArticle(t.db, { title: '龙舟队训练', tags: [tag] }));
    // The section names the tag in capitals: the same tag (foldTagName), so the article still links the 专题.
    const home = await topic({ title: '端午龙舟', showOnHome: true, sections: [{ title: '赛事', articleIds: [picked.id], tag: tag.toUpperCase() }] });
    const notHome = await topic({ title: '不上首页的专题', showOnHome: false });

    const sitemap = (await get('/sitemaps/pages-1.xml')).body;
    assert.ok(sitemap.includes(`/zt/${home.slug}</loc>`) && sitemap.includes(`/zt/${notHome.slug}</loc>`));
    assert.ok((await get('/zt')).body.includes(`href="/zt/${home.slug}"`));
    const homePage = (await get('/')).body;
    assert.ok(homePage.includes(`href="/zt/${home.slug}"`) && homePage.includes('端午龙舟'));
    assert.ok(!homePage.includes(`/zt/${notHome.slug}"`));
    assert.ok((await get('/zh-hant/')).body.includes(`href="/zh-hant/zt/${home.slug}"`));

    for (const article of [picked, tagged]) {
      const page = await get(`/a/${article.id}`);
      assert.match(page.body, new RegExp(`所属专题：</span><a href="/zt/${home.slug}">端午龙舟</a>`), `article ${article.id}`);
    }

    assert.equal((await withdraw(`/api/admin/topics/${home.id}`, '活动结束')).statusCode, 200);
    assert.equal((await get(`/zt/${home.slug}`)).statusCode, 404, 'withdrawn: gone at once');
    assert.ok(!(await get('/sitemaps/pages-1.xml')).body.includes(home.slug));
    assert.ok(!(await get('/')).body.includes(home.slug));
    assert.ok(!(await get(`/a/${picked.id}`)).body.includes(home.slug));
    assert.ok(!(await get(`/a/${tagged.id}`)).body.includes(home.slug), 'nor from the article its tag brought in');
  });

  it('links a tagged article the moment a published 专题 gains a section for its tag, though its page was rendered before', async () => {
    const tag = `灯会${uniqueSuffix()}`;
    const tagged = await build(buildArticle(t.db, { title: '元宵灯会', tags: [tag] }));
    const made = await topic({ title: '元宵专题', sections: [{ title: '图集', articleIds: [] }] });
    const link = new RegExp(`所属专题：</span><a href="/zt/${made.slug}">元宵专题</a>`);
    assert.doesNotMatch((await get(`/a/${tagged.id}`)).body, link, 'no section gathers its tag yet');

    const edited = await app.inject({ method: 'PATCH', url: `/api/admin/topics/${made.id}`, headers: staff, payload: { sections: [{ title: '图集', articleIds: [], tag }] } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().topic.status, 'published');
    assert.match((await get(`/a/${tagged.id}`)).body, link);
  });
});
