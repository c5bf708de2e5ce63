import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { addReads } from '../engagement/add-reads.js';
import { DEFAULT_SITE_SETTINGS, saveSiteSettings } from '../site/index.js';
import { buildArticle, buildCategory, signedInStaff, staffCookie, staffWithToken } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

const DAY = 86_400_000;

/** The HTML between a block's opening marker and the end of its list. */
function block(html: string, marker: string, end = '</ol>'): string {
  const start = html.indexOf(marker);
  return start < 0 ? '' : html.slice(start, html.indexOf(end, start));
}
const links = (html: string, id: number) => html.split(`href="/a/${id}"`).length - 1;

describeEachDatabase('home page: 焦点图, 要闻, sections, 排行 and 推荐', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const resetLayout = () => saveSiteSettings(t.db, { ...DEFAULT_SITE_SETTINGS }, new Date());

  it('turns the 头条 articles in the 焦点图 and shows no article twice on the page', async () => {
    const section = await buildCategory(t.db, { name: '要闻栏目' });
    const now = Date.now();
    const headlines = await Promise.all(
      [1, 2, 3].map((h) => buildArticle(t.db, { categoryId: section.id, title: `头条${h}`, flags: { headline: true, recommended: h === 1 }, publishedAt: new Date(now - h * 60_000) })),
    );
    const recommended = await buildArticle(t.db, { categoryId: section.id, title: '推荐一篇', flags: { recommended: true }, publishedAt: new Date(now - DAY) });
    const plain = await Promise.all([1, 2].map((h) => buildArticle(t.db, { categoryId: section.id, title: `普通${h}`, publishedAt: new Date(now - h * 3_600_000) })));
    const html = (await get('/')).body;
    const focus = block(html, 'class="focus__frames"');
    for (const article of headlines) assert.ok(focus.includes(`href="/a/${article.id}"`), `头条 ${article.id} is a frame`);
    assert.ok(html.includes('aria-roledescription="carousel"') && html.includes('第 1 张，共 3 张'));
    assert.ok(block(html, 'id="headlines-heading"', '</ul>').includes(`href="/a/${plain[0]!.id}"`), '要闻 lists the latest after the 焦点图');
    assert.ok(block(html, 'id="sidebar-recommended"', '</ul>').includes(`href="/a/${recommended.id}"`));
    // Before, the 头条 came back as the first article of its section; now each article is linked once.
    for (const article of [...headlines, recommended, ...plain]) assert.equal(links(html, article.id), 1, `${article.title} is on the page once`);
    // The first picture is the page's largest: it loads at once, with its box reserved (width and height, 16:9 in CSS).
    assert.doesNotMatch(html, /<h2[^>]*>头条<\/h2>/);
  });

  it('ranks the most read of the last 7 days or 24 hours, never an unpublished, withdrawn or scheduled article', async () => {
    const section = await buildCategory(t.db, { name: '排行栏目' });
    const other = await buildCategory(t.db, { name: '无人读的栏目' });
    const now = new Date();
    const article = (title: string, extra = {}) => buildArticle(t.db, { categoryId: section.id, title, ...extra });
    const [most, less, weekOld, withdrawn, pending, scheduled] = await Promise.all([
      article('读得最多'),
      article('读得少些'),
      article('三天前读的'),
      article('已下架却被读过', { status: 'withdrawn' }),
      article('待审的文章', { status: 'pending' }),
      article('定时发布的文章', { publishedAt: new Date(now.getTime() + DAY) }),
    ]);
    await buildArticle(t.db, { categoryId: other.id, title: '别的栏目' });
    const read = (id: number, reads: number, at = now) => t.db.transaction().execute((trx) => addReads(trx, [[id, reads]], at));
    await read(most.id, 900);
    await read(less.id, 500);
    await read(weekOld.id, 5000, new Date(now.getTime() - 3 * DAY));
    for (const hidden of [withdrawn, pending, scheduled]) await read(hidden.id, 100_000);

    const week = block((await get('/')).body, 'id="sidebar-ranking"');
    assert.ok(week.includes('7日排行'));
    const order = [weekOld, most, less].map((a) => week.indexOf(`href="/a/${a.id}"`));
    assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, 'most read first, over the week');
    for (const hidden of [withdrawn, pending, scheduled]) assert.ok(!week.includes(`/a/${hidden.id}"`), `${hidden.title} never ranks`);

    await saveSiteSettings(t.db, { homeRanking: 'day' }, now);
    const day = block((await get('/')).body, 'id="sidebar-ranking"');
    assert.ok(day.includes('24小时排行') && day.includes(`/a/${most.id}"`));
    assert.ok(!day.includes(`/a/${weekOld.id}"`), 'reads of three days ago are not of the last 24 hours');

    // A category page ranks its own articles, or the whole site's when none of its own were read.
    const own = (await get(`/c/${section.slug}`)).body;
    assert.ok(block(own, 'id="sidebar-ranking"').includes('本栏24小时排行'));
    assert.ok(block((await get(`/c/${other.slug}`)).body, 'id="sidebar-ranking"').includes(`/a/${most.id}"`), 'site-wide when the category has none');
    for (const page of [own, (await get('/zh-hant/')).body]) {
      for (const hidden of [withdrawn, pending, scheduled]) assert.ok(!page.includes(`/a/${hidden.id}"`), `${hidden.title} is on no page`);
    }

    await saveSiteSettings(t.db, { homeRanking: 'off' }, now);
    assert.ok(!(await get('/')).body.includes('sidebar-ranking'), '排行 can be switched off');
    await resetLayout();
  });

  it('sums 排行 once for every page that shows it, until content changes, and once for each section', async () => {
    // Pages rendered on every request, as for a crawler; the data pages share is kept.
    const rendering = await buildTestApp(t.db, { pageCacheSeconds: 60, pageCachePages: 0 });
    try {
      const [section, otherSection] = await Promise.all(['常读栏目', '另一常读栏目'].map((name) => buildCategory(t.db, { name })));
      const [first, second] = await Promise.all(['先领先的', '后来居上的'].map((title) => buildArticle(t.db, { categoryId: section!.id, title })));
      const [third, fourth] = await Promise.all(['别栏领先的', '别栏其次的'].map((title) => buildArticle(t.db, { categoryId: otherSection!.id, title })));
      const read = (id: number, reads: number) => t.db.transaction().execute((trx) => addReads(trx, [[id, reads]], new Date()));
      for (const [article, reads] of [[first!, 50], [second!, 10], [third!, 70], [fourth!, 20]] as const) await read(article.id, reads);
      /** Which of the articles the page's 排行 puts first; each must be in it. */
      const leader = async (url: string, ...articles: Array<{ id: number }>) => {
        const ranking = block((await rendering.inject({ url })).body, 'id="sidebar-ranking"');
        const places = articles.map((a) => ranking.indexOf(`/a/${a.id}"`));
        assert.ok(places.every((place) => place > 0), `all of ${articles.map((a) => a.id).join(', ')} are ranked on ${url}`);
        return articles[places.indexOf(Math.min(...places))]!.id;
      };
      assert.equal(await leader(`/c/${section!.slug}`, first!, second!), first!.id);
      assert.equal(await leader(`/c/${otherSection!.slug}`, third!, fourth!), third!.id, 'each section has its own 排行');
      await read(second!.id, 100);
      assert.equal(await leader(`/c/${section!.slug}?page=1`, first!, second!), first!.id, 'another page of the section shows the 排行 summed for the first');
      await rendering.pageCache.clear();
      assert.equal(await leader(`/c/${section!.slug}`, first!, second!), second!.id, 'summed again after a change');
    } finally {
      await rendering.close();
    }
  });

  it('loads its lists once for every rendering until content changes, and drops a withdrawn article at once', async () => {
    // Pages rendered on every request, as for a crawler; the data pages share is kept.
    const rendering = await buildTestApp(t.db, { pageCacheSeconds: 60, pageCachePages: 0 });
    try {
      /** Whether the page links the article, in either script. */
      const shows = (html: string, id: number) => html.includes(`/a/${id}"`);
      const article = await buildArticle(t.db, { title: '首页上的新文章' });
      for (const url of ['/', '/zh-hant/']) assert.ok(shows((await rendering.inject({ url })).body, article.id), url);
      assert.ok((await rendering.inject({ url: '/zh-hant/' })).body.includes(`href="/zh-hant/a/${article.id}"`), 'each script its own lists');
      const written = await buildArticle(t.db, { title: '绕过后台写进库里的文章' });
      assert.ok(!shows((await rendering.inject({ url: '/' })).body, written.id), 'a row written past the admin waits for the next change');

      const { headers } = await signedInStaff(rendering, t.db, 'reviewer');
      const withdrawal = await rendering.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers, payload: { to: 'withdrawn', reason: '信息有误' } });
      assert.equal(withdrawal.statusCode, 200, withdrawal.body);
      for (const url of ['/', '/zh-hant/']) {
        const body = (await rendering.inject({ url })).body;
        assert.ok(!shows(body, article.id), `${url}: withdrawn`);
        assert.ok(shows(body, written.id), `${url}: loaded again after the change`);
      }
    } finally {
      await rendering.close();
    }
  });

  it('leaves out of a section’s 推荐 what its page lists, from one list kept for its pages, and drops a withdrawn article at once', async () => {
    const rendering = await buildTestApp(t.db, { pageCacheSeconds: 60, pageCachePages: 0 });
    try {
      const [section, elsewhere] = await Promise.all(['推荐栏目', '别的栏目'].map((name) => buildCategory(t.db, { name })));
      const now = Date.now();
      const other = await buildArticle(t.db, { categoryId: elsewhere!.id, title: '别栏推荐', flags: { recommended: true }, publishedAt: new Date(now - 60_000) });
      const listed = await Promise.all([1, 2, 3].map((s) => buildArticle(t.db, { categoryId: section!.id, title: `本栏推荐${s}`, flags: { recommended: true }, publishedAt: new Date(now - s * 1000) })));
      const recommendedOn = async () => block((await rendering.inject({ url: `/c/${section!.slug}` })).body, 'id="sidebar-recommended"', '</ul>');
      const sidebar = await recommendedOn();
      assert.ok(sidebar.includes(`href="/a/${other.id}"`), 'the newest recommended the page does not list');
      for (const article of listed) assert.ok(!sidebar.includes(`href="/a/${article.id}"`), `${article.title} is listed on the page already`);

      const { headers } = await signedInStaff(rendering, t.db, 'reviewer');
      const withdrawal = await rendering.inject({ method: 'POST', url: `/api/admin/articles/${other.id}/transitions`, headers, payload: { to: 'withdrawn', reason: '信息有误' } });
      assert.equal(withdrawal.statusCode, 200, withdrawal.body);
      assert.ok(!(await recommendedOn()).includes(`href="/a/${other.id}"`), 'withdrawn: gone at once');
    } finally {
      await rendering.close();
    }
  });

  it('keeps a page no longer than the lists it was built from, so what they miss shows within one cache time', async () => {
    const ttl = 2_000;
    const keeping = await buildTestApp(t.db, { pageCacheSeconds: ttl / 1000 });
    try {
      await keeping.inject({ url: '/' });
      // The lists were loaded before this, and are kept until a cache time after their load at the latest.
      const loaded = Date.now();
      await sleep(ttl / 2);
      const elder = () => keeping.inject({ url: '/', headers: { cookie: 'bendi_elder=1' } });
      // Another page, built from the same lists half their time later.
      assert.match((await elder()).body, /class="elder"/);
      const written = await buildArticle(t.db, { title: '定时到点的文章' });
      await sleep(Math.max(0, loaded + ttl + 100 - Date.now()));
      assert.ok((await elder()).body.includes(`/a/${written.id}"`), 'the page went with its lists, not a whole cache time after it was built');
    } finally {
      await keeping.close();
    }
  });

  it('shows the sections, in the order and with the counts the settings give', async () => {
    const first = await buildCategory(t.db, { name: '排第二的栏目', position: 1 });
    const second = await buildCategory(t.db, { name: '排第一的栏目', position: 2 });
    for (const category of [first, second]) {
      for (let i = 0; i < 4; i++) await buildArticle(t.db, { categoryId: category.id, title: `${category.name}${i}` });
    }
    await saveSiteSettings(t.db, { homeSections: [second.slug, first.slug], homeArticlesPerCategory: 2, homeHeadlineCount: 0, homeCarouselFrames: 1 }, new Date());
    const html = (await get('/')).body;
    const sections = html.slice(html.indexOf('class="home__sections"'));
    assert.ok(sections.indexOf('排第一的栏目') < sections.indexOf('排第二的栏目'), 'the settings order the sections');
    assert.equal(html.match(/class="home-section"/g)?.length, 2, 'only the sections named');
    assert.equal(block(sections, `href="/c/${second.slug}"`, '</section>').match(/class="article-card"/g)?.length, 2, 'two articles a section');
    assert.ok(!html.includes('id="headlines-heading"'), '要闻 off');
    assert.equal(block(html, 'class="focus__frames"').match(/class="focus__frame"/g)?.length, 1);
    await resetLayout();
  });

  it('refuses bad home settings with a message in Chinese', async () => {
    const admin = (await staffWithToken(t.db, 'admin')).headers;
    const parent = await buildCategory(t.db);
    const child = await buildCategory(t.db, { parentId: parent.id });
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: '/api/admin/settings', headers: admin, payload });
    for (const [payload, words] of [
      [{ homeSections: ['no-such-section'] }, /首页栏目“no-such-section”不是现有的一级栏目/],
      [{ homeSections: [child.slug] }, /不是现有的一级栏目/],
      [{ homeSections: [parent.slug, parent.slug] }, /不能有重复的项/],
      [{ homeCarouselFrames: 9 }, /homeCarouselFrames 不能大于 8/],
      [{ homeRankingCount: 0 }, /不能小于 3/],
      [{ homeRanking: 'month' }, /只能是 off、day、week/],
    ] as const) {
      const res = await patch(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.match(res.json().message, words);
    }
    const saved = await patch({ homeSections: [parent.slug], homeRanking: 'day' });
    assert.equal(saved.statusCode, 200);
    assert.deepEqual(saved.json().homeSections, [parent.slug]);
    await resetLayout();
  });

  it('previews unsaved settings to staff only, never cached, and checks them as saving would', async () => {
    const section = await buildCategory(t.db, { name: '预览栏目' });
    await buildArticle(t.db, { categoryId: section.id, title: '预览里的文章' });
    const url = `/preview/home?homeSections=${section.slug}&homeRanking=off&homeCarouselFrames=0&homeHeadlineCount=0`;
    assert.equal((await get(url)).statusCode, 404, 'readers have no preview');
    const cookie = await staffCookie(t.db);
    const res = await get(url, { cookie });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('首页版面预览'));
    assert.ok(res.body.includes('<meta name="robots" content="noindex"/>'));
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self'/, 'the settings page frames it');
    assert.equal(res.body.match(/class="home-section"/g)?.length, 1);
    assert.ok(!res.body.includes('class="focus"'));
    const bad = await get('/preview/home?homeSections=nothing-here', { cookie });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('首页栏目“nothing-here”不是现有的一级栏目'));
    const refused = await get('/preview/home?homeCarouselFrames=99', { cookie });
    assert.equal(refused.statusCode, 400);
    assert.match(String(refused.headers['content-security-policy']), /frame-ancestors 'self'/, 'the frame shows why');
    assert.equal((await get('/preview/home?homeCarouselFrames=99')).statusCode, 404, 'readers learn nothing, not even what is refused');
    assert.ok((await get('/')).body.split('class="home-section"').length > 2, 'the saved home page is unchanged');
  });
});
