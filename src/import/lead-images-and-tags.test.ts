import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { solidPng, temporaryStorage } from '../media/testing.js';
import { importFile, quickFetcher, wxrFile, wxrPost } from './testing.js';

const thumbnail = (attachmentId: number) =>
  `<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[${attachmentId}]]></wp:meta_value></wp:postmeta>`;
const tag = (name: string) => `<category domain="post_tag" nicename="t"><![CDATA[${name}]]></category>`;
const attachment = (id: number, url: string, alt: string) => `<item>
<title>附件 ${id}</title><link>https://old.example/?attachment_id=${id}</link>
<wp:post_id>${id}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>${url}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[${alt}]]></wp:meta_value></wp:postmeta>
</item>`;

describeEachDatabase('import wordpress: featured images and tags', (t) => {
  const storage = temporaryStorage();
  let server: http.Server;
  let hostPort: string;

  before(async () => {
    const png = await solidPng(64, 48);
    server = http.createServer((req, res) => (req.url === '/cover.png' ? res.end(png) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    storage.remove();
  });

  const articleOf = (postId: number) =>
    t.db
      .selectFrom('articles')
      .innerJoin('import_map', 'import_map.target_id', 'articles.id')
      .select(['articles.id', 'articles.lead_image_id', 'articles.lead_image_alt'])
      .where('import_map.kind', '=', 'post')
      .where('import_map.source_key', '=', String(postId))
      .executeTakeFirstOrThrow();

  it('downloads a featured image listed after its post into the media store as the lead image', async () => {
    const file = wxrFile(
      [
        wxrPost({ id: 8001, extra: thumbnail(8101) }),
        wxrPost({ id: 8002, extra: thumbnail(8102) }),
        wxrPost({ id: 8003, extra: thumbnail(8999) }),
        attachment(8101, `http://${hostPort}/cover.png`, '江边的早市'),
        attachment(8102, `http://${hostPort}/missing.png`, ''),
      ].join('\n'),
    );
    const report = await importFile({ db: t.db, storage, fetchImage: quickFetcher([hostPort]) }, file);
    assert.equal(report.counts.articles, 3);
    assert.equal(report.counts.images, 1);

    const withLead = await articleOf(8001);
    assert.ok(withLead.lead_image_id !== null);
    assert.equal(withLead.lead_image_alt, '江边的早市');
    const use = await t.db.selectFrom('media_uses').selectAll().where('article_id', '=', withLead.id).executeTakeFirst();
    assert.deepEqual(use, { media_id: withLead.lead_image_id, article_id: withLead.id, place: 'lead' });

    assert.equal((await articleOf(8002)).lead_image_id, null);
    assert.ok(report.imagesKeptAsLinks.some((e) => e.item.includes('post 8002') && e.item.includes('/missing.png')));
    assert.equal((await articleOf(8003)).lead_image_id, null);
    assert.ok(report.changed.some((e) => e.item.includes('post 8003') && e.reason.includes('附件 8999')));
  });

  it("makes a post's tags the article's, cleaned to what a tag may hold, one of those differing only in case, at most ten", async () => {
    const names = ['本地', '本地', 'NBA', 'nba', 'a/b', '一二三四五六七八九十一二三四五六七八九十多', ...Array.from({ length: 9 }, (_, i) => `标签${i}`)];
    const file = wxrFile(wxrPost({ id: 8201, extra: names.map(tag).join('') }));
    const report = await importFile({ db: t.db, storage }, file);
    assert.equal(report.counts.articles, 1);
    const { id } = await articleOf(8201);
    const tags = await t.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_tags.article_id', '=', id)
      .orderBy('article_tags.position')
      .execute();
    assert.deepEqual(
      tags.map((row) => row.name),
      ['本地', 'NBA', 'a b', '一二三四五六七八九十一二三四五六七八九十', '标签0', '标签1', '标签2', '标签3', '标签4', '标签5'],
    );
    assert.equal(report.counts.tags, 10, 'NBA and nba counted once');
    const changes = report.changed.filter((e) => e.item.includes('post 8201')).map((e) => e.reason);
    assert.ok(changes.some((reason) => reason.includes('“a/b”改为“a b”')));
    assert.ok(changes.some((reason) => reason.includes('只保留了前 10 个') && reason.includes('未保留：标签6、标签7、标签8）')));
  });
});
