import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../accounts/index.js';
import { listAuditEntries } from '../../audit/index.js';
import { listRevisions } from '../../content/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { type MediaItem, uploadImage } from '../../media/index.js';
import { solidPng, temporaryStorage } from '../../media/testing.js';
import { buildArticle, buildCategory, staffCookie, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
interface Staff {
  user: StaffUser;
  headers: Headers;
}

describeEachDatabase('media library API', (t) => {
  const storage = temporaryStorage();
  let app: FastifyInstance;
  let editor: Staff;
  let reviewer: Staff;
  let admin: Staff;
  let categoryId: number;

  before(async () => {
    app = await buildTestApp(t.db, { storage });
    editor = await staffWithToken(t.db, 'editor');
    reviewer = await staffWithToken(t.db, 'reviewer');
    admin = await staffWithToken(t.db, 'admin');
    categoryId = (await buildCategory(t.db)).id;
  });
  after(async () => {
    await app.close();
    storage.remove();
  });

  const upload = async (by: Staff, altText: string, fileName: string, format: 'png' | 'jpeg' = 'png'): Promise<MediaItem> => {
    const png = await solidPng(40, 30);
    const data = format === 'png' ? png : await (await import('sharp')).default(png).jpeg().toBuffer();
    const actor = { id: by.user.id, name: by.user.username, ip: '127.0.0.1', ipRegion: null };
    return uploadImage({ db: t.db, storage }, { data, altText, fileName, actor }, new Date());
  };
  const bodyWith = (item: MediaItem, alt = item.altText) => `<p>正文。</p><p><img src="/media/${item.storageKey}" alt="${alt}"></p>`;
  const call = (method: 'GET' | 'PATCH' | 'DELETE' | 'POST', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url, headers, ...(payload && { payload }) });
  const list = async (query: string) => {
    const res = await call('GET', `/api/admin/media?${query}`, editor.headers);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Array<{ id: number; alt: string; fileName: string; uploader: { id: number; name: string } | null; useCount: number }>; total: number };
  };
  const ids = (page: { items: Array<{ id: number }> }) => page.items.map((i) => i.id);

  it('searches by 说明 and file name, filters by type and uploader, and pages, newest first', async () => {
    const tag = uniqueSuffix();
    const bridge = await upload(editor, `青溪大桥夜景 ${tag}`, `bridge-${tag}.png`);
    const market = await upload(reviewer, `菜市场 100% 新鲜 ${tag}`, `market-${tag}.jpg`, 'jpeg');
    const river = await upload(editor, `河边 1000 新 ${tag}`, `river-${tag}.png`);

    assert.deepEqual(ids(await list(`q=${encodeURIComponent(`大桥夜景 ${tag}`)}`)), [bridge.id]);
    assert.deepEqual(ids(await list(`q=market-${tag}`)), [market.id]);
    // LIKE's wildcards are searched for as themselves: '100%' is not '100…'.
    assert.deepEqual(ids(await list(`q=${encodeURIComponent('100%')}`)), [market.id]);
    assert.deepEqual(ids(await list(`q=${tag}&type=image/jpeg`)), [market.id]);
    const byReviewer = await list(`q=${tag}&uploaderId=${reviewer.user.id}`);
    assert.deepEqual(ids(byReviewer), [market.id]);
    assert.deepEqual(byReviewer.items[0]!.uploader, { id: reviewer.user.id, name: reviewer.user.displayName });
    assert.equal(byReviewer.items[0]!.fileName, `market-${tag}.jpg`);

    const first = await list(`q=${tag}&pageSize=2`);
    const second = await list(`q=${tag}&pageSize=2&page=2`);
    assert.deepEqual([ids(first), ids(second), first.total, second.total], [[river.id, market.id], [bridge.id], 3, 3]);

    for (const query of ['type=image/tiff', 'pageSize=101', 'page=0', 'uploaderId=abc', 'sort=id']) {
      assert.equal((await call('GET', `/api/admin/media?${query}`, editor.headers)).statusCode, 400, query);
    }
  });

  it('knows where each picture is used, kept as articles are created and saved', async () => {
    const image = await upload(editor, '学校操场', 'field.png');
    const lead = await buildArticle(t.db, { categoryId, status: 'draft', leadImage: { mediaId: image.id, alt: '学校操场' }, bodyHtml: bodyWith(image) });
    const created = await call('POST', '/api/admin/articles', editor.headers, { categoryId, title: '操场翻新', bodyHtml: bodyWith(image), origin: 'original' });
    assert.equal(created.statusCode, 201, created.body);
    const inBody = created.json().article.id as number;

    const uses = await call('GET', `/api/admin/media/${image.id}/uses`, editor.headers);
    assert.equal(uses.statusCode, 200, uses.body);
    assert.deepEqual(
      uses.json().uses.map((u: { articleId: number; places: string[] }) => [u.articleId, u.places]),
      [[inBody, ['body']], [lead.id, ['body', 'lead']]],
    );
    assert.equal((await list('q=field.png')).items[0]!.useCount, 2);

    const edited = await call('PATCH', `/api/admin/articles/${inBody}`, editor.headers, { bodyHtml: '<p>图片拿掉了。</p>' });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(ids({ items: (await call('GET', `/api/admin/media/${image.id}/uses`, editor.headers)).json().uses.map((u: { articleId: number }) => ({ id: u.articleId })) }), [lead.id]);
    assert.equal((await call('GET', '/api/admin/media/999999/uses', editor.headers)).statusCode, 404);
  });

  it('changes a 说明 in every article that uses the picture, as ordinary edits, or in none', async () => {
    const image = await upload(editor, '旧说明', 'old.png');
    const other = await upload(editor, '别的图', 'other.png');
    const draft = await buildArticle(t.db, { categoryId, status: 'draft', leadImage: { mediaId: image.id, alt: '题图说明' }, bodyHtml: bodyWith(image) + bodyWith(other) });
    const published = await buildArticle(t.db, { categoryId, bodyHtml: bodyWith(image, '另一个说法') });

    const refused = await call('PATCH', `/api/admin/media/${image.id}`, editor.headers, { alt: '新说明' });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error, 'media.alt_articles_locked');
    assert.deepEqual(refused.json().details.articles, [{ articleId: published.id, title: published.title }]);
    assert.equal((await list('q=old.png')).items[0]!.alt, '旧说明', 'nothing changed');

    const res = await call('PATCH', `/api/admin/media/${image.id}`, reviewer.headers, { alt: ' 新说明 "引号" ' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().media.alt, res.json().articles.sort()], ['新说明 "引号"', [draft.id, published.id].sort()]);

    const read = async (id: number) => (await call('GET', `/api/admin/articles/${id}`, reviewer.headers)).json().article;
    const [draftNow, publishedNow] = [await read(draft.id), await read(published.id)];
    assert.equal(draftNow.leadImage.alt, '新说明 "引号"');
    assert.match(draftNow.bodyHtml, new RegExp(`src="/media/${image.storageKey}" alt="新说明 &quot;引号&quot;"`));
    assert.match(draftNow.bodyHtml, /alt="别的图"/, 'other images keep theirs');
    assert.match(publishedNow.bodyHtml, /alt="新说明 &quot;引号&quot;"/);
    assert.deepEqual([draftNow.version, publishedNow.version], [draft.version + 1, published.version + 1]);
    assert.equal((await listRevisions(t.db, published.id))[0]!.bodyHtml, publishedNow.bodyHtml);

    const audit = await listAuditEntries(t.db, { action: 'media.update_alt', targetId: String(image.id), limit: 5, offset: 0 });
    assert.deepEqual(audit.map((e) => [e.details.from, e.details.to]), [['旧说明', '新说明 "引号"']]);
    assert.equal((await listAuditEntries(t.db, { action: 'article.update', targetId: String(published.id), limit: 5, offset: 0 })).length, 1);

    for (const [payload, status] of [[{ alt: '  ' }, 400], [{ alt: '长'.repeat(201) }, 400], [{}, 400], [{ alt: 'x', url: '/x' }, 400]] as const) {
      assert.equal((await call('PATCH', `/api/admin/media/${image.id}`, reviewer.headers, payload)).statusCode, status, JSON.stringify(payload));
    }
    assert.equal((await call('PATCH', '/api/admin/media/999999', reviewer.headers, { alt: '说明' })).statusCode, 404);
  });

  it('deletes a picture no article uses, and refuses one in use, saying where', async () => {
    const used = await upload(editor, '在用的图', 'used.png');
    const article = await buildArticle(t.db, { categoryId, leadImage: { mediaId: used.id, alt: '在用的图' } });

    const refused = await call('DELETE', `/api/admin/media/${used.id}`, reviewer.headers);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error, 'media.in_use');
    assert.match(refused.json().message, /1 篇文章/);
    assert.deepEqual(refused.json().details.uses, [{ kind: 'article', articleId: article.id, title: article.title, status: 'published', places: ['lead'] }]);
    assert.equal((await list('q=used.png')).total, 1);

    const unused = await upload(editor, '没用的图', 'unused.png');
    const othersUpload = await upload(reviewer, '审核员的图', 'reviewers.png');
    assert.equal((await call('DELETE', `/api/admin/media/${othersUpload.id}`, editor.headers)).statusCode, 403, 'editors delete only their own');
    const deleted = await call('DELETE', `/api/admin/media/${unused.id}`, editor.headers);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json(), { filesPending: false });
    assert.equal((await list('q=unused.png')).total, 0);
    assert.equal((await app.inject({ url: `/media/${unused.storageKey}` })).statusCode, 404, 'the file is gone');
    assert.equal((await call('DELETE', `/api/admin/media/${unused.id}`, editor.headers)).statusCode, 404);
    const audit = await listAuditEntries(t.db, { action: 'media.delete', targetId: String(unused.id), limit: 5, offset: 0 });
    assert.equal(audit.length, 1);
  });

  it('names the 专题 banner, the ad and the site settings that use a picture, and refuses to delete it saying where, changing none of them', async () => {
    const tag = uniqueSuffix();
    const image = await upload(editor, '春季车展海报', `poster-${tag}.png`);
    const topic = await call('POST', '/api/admin/topics', editor.headers, { slug: `zt-${tag}`, title: '春季车展', introHtml: '<p>导语</p>', banner: { mediaId: image.id, alt: '海报' } });
    assert.equal(topic.statusCode, 201, topic.body);
    const topicId = topic.json().topic.id as number;
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const ad = await call('POST', '/api/admin/ads', admin.headers, { slot: 'home_banner', title: '车展门票', linkUrl: 'https://cars.example/', startsAt, mediaId: image.id });
    assert.equal(ad.statusCode, 201, ad.body);
    const adId = ad.json().id as number;
    const settings = await call('PATCH', '/api/admin/settings', admin.headers, { logoMediaId: image.id, watermarkMediaId: image.id });
    assert.equal(settings.statusCode, 200, settings.body);

    const uses = await call('GET', `/api/admin/media/${image.id}/uses`, editor.headers);
    assert.equal(uses.statusCode, 200, uses.body);
    assert.deepEqual(uses.json().uses, [
      { kind: 'topic', topicId, title: '春季车展', status: 'draft', places: ['banner'] },
      { kind: 'ad', adId, title: '车展门票' },
      { kind: 'setting', setting: 'logoMediaId' },
      { kind: 'setting', setting: 'watermarkMediaId' },
    ]);
    assert.equal((await list(`q=poster-${tag}`)).items[0]!.useCount, 4);

    const refused = await call('DELETE', `/api/admin/media/${image.id}`, admin.headers);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error, 'media.in_use');
    assert.equal(refused.json().message, '这张图片还用在专题「春季车展」的头图、广告「车展门票」、站点设置的网站标志（Logo）、水印图片，不能删除：请先在这些地方换掉或移除它。');
    assert.deepEqual(refused.json().details.uses, uses.json().uses);
    assert.equal((await call('GET', `/api/admin/topics/${topicId}`, editor.headers)).json().topic.banner.mediaId, image.id);
    assert.equal((await call('GET', `/api/admin/ads/${adId}`, admin.headers)).json().mediaId, image.id);
    const kept = (await call('GET', '/api/admin/settings', admin.headers)).json();
    assert.deepEqual([kept.logoMediaId, kept.watermarkMediaId], [image.id, image.id]);

    const page = await app.inject({ url: `/admin/media?q=poster-${tag}`, headers: { cookie: await staffCookie(t.db, 'admin') } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<summary>用在 3 处<\/summary>/, 'the settings make one line');
    assert.match(page.body, new RegExp(`<a href="/admin/topics/${topicId}/edit">专题「春季车展」</a>（头图）`));
    assert.match(page.body, new RegExp(`<a href="/admin/ads/${adId}">广告「车展门票」</a>（广告图片）`));
    assert.match(page.body, /<a href="\/admin\/settings">站点设置<\/a>（网站标志（Logo）、水印图片）/);
    assert.match(page.body, /<button[^>]*data-method="DELETE"[^>]*disabled/);
    // An editor may not open the ads or the settings: those are named without a link.
    const editorsPage = await app.inject({ url: `/admin/media?q=poster-${tag}`, headers: { cookie: await staffCookie(t.db, 'editor') } });
    assert.match(editorsPage.body, /<li>广告「车展门票」（广告图片）<\/li><li>站点设置（网站标志（Logo）、水印图片）<\/li>/);

    // Once each has another image or none, the picture goes.
    for (const res of [
      await call('PATCH', `/api/admin/topics/${topicId}`, editor.headers, { banner: null }),
      await call('PATCH', `/api/admin/ads/${adId}`, admin.headers, { mediaId: null }),
      await call('PATCH', '/api/admin/settings', admin.headers, { logoMediaId: null, watermarkMediaId: null }),
    ]) {
      assert.equal(res.statusCode, 200, res.body);
    }
    assert.deepEqual((await call('GET', `/api/admin/media/${image.id}/uses`, editor.headers)).json().uses, []);
    assert.equal((await call('DELETE', `/api/admin/media/${image.id}`, admin.headers)).statusCode, 200);
  });

  it('finds a picture in a 专题’s introduction, alone or with its banner, and refuses to delete it until the introduction drops it', async () => {
    const tag = uniqueSuffix();
    const image = await upload(editor, '龙舟赛现场', `dragon-${tag}.png`);
    const other = await upload(editor, '别的图', `other-${tag}.png`);
    const topic = await call('POST', '/api/admin/topics', editor.headers, { slug: `intro-${tag}`, title: '端午龙舟赛', introHtml: bodyWith(image) });
    assert.equal(topic.statusCode, 201, topic.body);
    const topicId = topic.json().topic.id as number;
    const uses = async (item: MediaItem) => (await call('GET', `/api/admin/media/${item.id}/uses`, editor.headers)).json().uses;
    assert.deepEqual(await uses(image), [{ kind: 'topic', topicId, title: '端午龙舟赛', status: 'draft', places: ['intro'] }]);
    assert.deepEqual(await uses(other), [], 'another picture of the library is not taken for it');
    assert.equal((await list(`q=dragon-${tag}`)).items[0]!.useCount, 1);
    assert.equal((await list(`q=other-${tag}`)).items[0]!.useCount, 0);

    const withBanner = await call('PATCH', `/api/admin/topics/${topicId}`, editor.headers, { banner: { mediaId: image.id, alt: '龙舟' } });
    assert.equal(withBanner.statusCode, 200, withBanner.body);
    assert.deepEqual((await uses(image))[0].places, ['banner', 'intro']);
    assert.equal((await list(`q=dragon-${tag}`)).items[0]!.useCount, 1, 'one 专题, counted once');
    const refused = await call('DELETE', `/api/admin/media/${image.id}`, editor.headers);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json().message, /专题「端午龙舟赛」的头图和导语/);
    const page = await app.inject({ url: `/admin/media?q=dragon-${tag}`, headers: { cookie: await staffCookie(t.db, 'editor') } });
    assert.match(page.body, new RegExp(`<a href="/admin/topics/${topicId}/edit">专题「端午龙舟赛」</a>（头图、导语）`));

    const dropped = await call('PATCH', `/api/admin/topics/${topicId}`, editor.headers, { banner: null, introHtml: '<p>导语改了。</p>' });
    assert.equal(dropped.statusCode, 200, dropped.body);
    assert.deepEqual(await uses(image), []);
    assert.equal((await call('DELETE', `/api/admin/media/${image.id}`, editor.headers)).statusCode, 200);
  });

  it('refuses a site setting that names an image not in the library, saying which', async () => {
    const res = await call('PATCH', '/api/admin/settings', admin.headers, { siteName: '青溪网', articleQrMediaId: 987_654 });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json(), { error: 'site.image_not_found', field: 'articleQrMediaId', message: '所选的图片（编号 987654）不在图库里，可能已被删除，请重新上传或选择图片。', details: { mediaId: 987_654 } });
    assert.notEqual((await call('GET', '/api/admin/settings', admin.headers)).json().siteName, '青溪网', 'nothing was saved');
  });
});
