// Exports made to hurt: cut short, broken, with entity bombs, CDATA tricks, markup that would run, duplicate
// slugs, and images that are not images, too big, or on a private address.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { solidPng, temporaryStorage } from '../media/testing.js';
import { importFile, quickFetcher, THEME_UNIT_TEST_DATA, wxrFile, wxrPost } from './testing.js';

const bodyOf = async (db: import('../db/database.js').Db, postId: number) => {
  const row = await db
    .selectFrom('articles')
    .innerJoin('import_map', 'import_map.target_id', 'articles.id')
    .select(['articles.id', 'articles.title', 'articles.body_html', 'articles.status'])
    .where('import_map.kind', '=', 'post')
    .where('import_map.source_key', '=', String(postId))
    .executeTakeFirst();
  assert.ok(row, `post ${postId} imported`);
  return row;
};

const comment = (id: number, parent: number, approved: string, text: string) =>
  `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[读者${id}]]></wp:comment_author><wp:comment_author_email>r${id}@example.com</wp:comment_author_email><wp:comment_author_IP>114.114.114.114</wp:comment_author_IP><wp:comment_date_gmt>2024-05-02 01:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${text}]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;

describeEachDatabase('import wordpress: hostile exports', (t) => {
  const storage = temporaryStorage();
  let server: http.Server;
  let origin: string;
  let hostPort: string;
  let other: http.Server;
  let otherOrigin: string;
  const run = (file: string, chunkBytes?: number) =>
    importFile({ db: t.db, storage, fetchImage: quickFetcher([hostPort]) }, file, chunkBytes);

  before(async () => {
    const png = await solidPng(64, 48);
    other = http.createServer((_req, res) => res.end(png));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    server = http.createServer((req, res) => {
      if (req.url === '/photo.png' || req.url === '/after-refused.png') return res.end(png);
      if (req.url === '/page.png') return res.writeHead(200, { 'content-type': 'image/png' }).end('<html>not an image</html>');
      if (req.url === '/to-loopback.png') return res.writeHead(302, { location: `${otherOrigin}/photo.png` }).end();
      if (req.url === '/to-metadata.png') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    origin = `http://${hostPort}`;
  });
  after(() => {
    server.close();
    other.close();
    storage.remove();
  });

  it('stops at a truncated file with where it got, keeping what came before', async () => {
    const whole = fs.readFileSync(THEME_UNIT_TEST_DATA, 'utf8');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-wxr-'));
    const file = path.join(dir, 'cut.xml');
    fs.writeFileSync(file, whole.slice(0, Math.floor(whole.length * 0.8)));
    const report = await run(file);
    assert.match(report.stoppedBy ?? '', /不完整，在第 \d+ 行就结束了/);
    assert.ok(report.counts.articles > 5, `articles before the cut: ${report.counts.articles}`);
  });

  it('stops at malformed XML, saying where', async () => {
    const file = wxrFile(`${wxrPost({ id: 9001 })}<item><title>坏</titel></item>${wxrPost({ id: 9002 })}`);
    const report = await run(file);
    assert.match(report.stoppedBy ?? '', /第 \d+ 行第 \d+ 列格式有误/);
    await bodyOf(t.db, 9001);
    assert.equal(report.counts.articles, 1);
  });

  it('refuses a DOCTYPE with entities (billion laughs) before expanding anything', async () => {
    const laughs = `<!DOCTYPE rss [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
    const file = wxrFile(wxrPost({ id: 9101, title: '&lol9;' }), { prolog: laughs });
    const report = await run(file);
    assert.match(report.stoppedBy ?? '', /DOCTYPE/);
    assert.equal(report.counts.articles, 0);
  });

  it('refuses a file that is not a WordPress export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-wxr-'));
    const file = path.join(dir, 'feed.xml');
    fs.writeFileSync(file, '<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>');
    assert.match((await run(file)).stoppedBy ?? '', /不是 WordPress 导出文件/);
  });

  it('reads CDATA split across reads and sections, and keeps markup in a title as text', async () => {
    const file = wxrFile(
      wxrPost({ id: 9201, title: '<![CDATA[<b>粗</b> & ]]]]><![CDATA[> 标题]]>', content: '<p>第一段]]]]><![CDATA[>尾巴</p>' }),
    );
    const report = await run(file, 16);
    assert.equal(report.stoppedBy, null);
    const article = await bodyOf(t.db, 9201);
    assert.equal(article.title, '<b>粗</b> & ]]> 标题');
    assert.match(article.body_html, /第一段]]&gt;尾巴/);
  });

  it('stores nothing that executes', async () => {
    const content =
      '<p onclick="alert(1)">点</p><script>alert(2)</script><img src=x onerror="alert(3)"><iframe src="https://evil.example"></iframe>' +
      '<a href="javascript:alert(4)">链接</a><svg onload="alert(5)"></svg><style>body{}</style>';
    const report = await run(wxrFile(wxrPost({ id: 9301, content })));
    assert.equal(report.stoppedBy, null);
    const { body_html } = await bodyOf(t.db, 9301);
    assert.doesNotMatch(body_html, /script|onerror|onclick|onload|iframe|javascript:|<svg|<style/i);
    assert.match(body_html, /点/);
  });

  it('imports posts and categories with duplicate slugs, the first keeping the old address', async () => {
    const category = (id: number, name: string) =>
      `<wp:category><wp:term_id>${id}</wp:term_id><wp:category_nicename>dup-slug</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${name}</wp:cat_name></wp:category>`;
    const link = 'https://old.example/same-slug/';
    const report = await run(
      wxrFile(`${category(501, '甲')}${category(502, '乙')}${wxrPost({ id: 9401, link, category: 'dup-slug' })}${wxrPost({ id: 9402, link, category: 'dup-slug' })}`),
    );
    assert.equal(report.counts.articles, 2);
    const first = await bodyOf(t.db, 9401);
    await bodyOf(t.db, 9402);
    const owner = await t.db.selectFrom('old_urls').select('article_id').where('path', '=', '/same-slug').executeTakeFirstOrThrow();
    assert.equal(owner.article_id, first.id);
    assert.ok(report.changed.some((e) => e.item.includes('9402') && e.reason.includes('/same-slug')));
    assert.equal((await t.db.selectFrom('categories').select('id').where('slug', '=', 'dup-slug').execute()).length, 1);
  });

  it('downloads reachable images into the media store, and keeps the others as links, listed with why', async () => {
    const content = [
      `<img src="${origin}/photo.png" alt="河边">`,
      `<img src="${origin}/page.png" alt="不是图">`,
      `<img src="${origin}/to-loopback.png" alt="跳到本机">`,
      `<img src="${origin}/to-metadata.png" alt="跳到元数据">`,
      `<img src="${otherOrigin}/photo.png" alt="本机">`,
    ].join('');
    const report = await run(wxrFile(wxrPost({ id: 9501, content })));
    const { body_html } = await bodyOf(t.db, 9501);
    assert.match(body_html, /<img src="\/media\/[^"]+" alt="河边"/);
    assert.equal((body_html.match(/<img /g) ?? []).length, 1);
    assert.match(body_html, new RegExp(`<a href="${origin}/page.png"[^>]*>\\[图片\\] 不是图</a>`));
    const reasons = Object.fromEntries(report.imagesKeptAsLinks.map((e) => [e.item.replace(/^.* image /, ''), e.reason]));
    assert.match(reasons[`${origin}/page.png`]!, /图片|格式/);
    assert.match(reasons[`${origin}/to-loopback.png`]!, /内网或本机/);
    assert.match(reasons[`${origin}/to-metadata.png`]!, /内网或本机/);
    assert.match(reasons[`${otherOrigin}/photo.png`]!, /内网或本机/);
    assert.equal(report.counts.images, 1);
  });

  it('downloads the other images of a site that redirected one image to a private address', async () => {
    const report = await run(
      wxrFile(
        wxrPost({ id: 9511, content: `<img src="${origin}/to-loopback.png" alt="跳到本机">` }) +
          wxrPost({ id: 9512, content: `<img src="${origin}/after-refused.png" alt="同一站的图">` }),
      ),
    );
    assert.match((await bodyOf(t.db, 9512)).body_html, /<img src="\/media\/[^"]+" alt="同一站的图"/);
    assert.deepEqual(report.imagesKeptAsLinks.map((e) => e.item.replace(/^.* image /, '')), [`${origin}/to-loopback.png`]);
  });

  it('threads comments one level deep, keeps waiting ones waiting, and leaves spam out', async () => {
    const comments = comment(71, 0, '1', '顶楼') + comment(72, 71, '1', '回复') + comment(73, 72, '1', '<script>x</script>回复的回复') + comment(74, 0, '0', '待审') + comment(75, 0, 'spam', '广告');
    const report = await run(wxrFile(wxrPost({ id: 9601, comments })));
    assert.equal(report.counts.comments, 4);
    const article = await bodyOf(t.db, 9601);
    const rows = await t.db.selectFrom('comments').select(['id', 'parent_id', 'body', 'status']).where('article_id', '=', article.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.body, r.status]), [['顶楼', 'published'], ['回复', 'published'], ['x回复的回复', 'published'], ['待审', 'pending']]);
    assert.equal(rows[1]!.parent_id, rows[0]!.id);
    assert.equal(rows[2]!.parent_id, rows[0]!.id);
    const counted = await t.db.selectFrom('articles').select('comment_count').where('id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(Number(counted.comment_count), 3);
    assert.ok(report.changed.some((e) => e.reason.includes('1 条垃圾评论')));
  });

  it('cuts a title longer than the editor takes to its 200 characters, saying so, and keeps an emoji whole', async () => {
    const title = `${'很长的标题'.repeat(39)}测试一二😀😀结尾`;
    assert.ok([...title].length > 200);
    const report = await run(wxrFile(wxrPost({ id: 9311, title })));
    const article = await bodyOf(t.db, 9311);
    assert.equal(article.title, [...title].slice(0, 200).join(''));
    assert.ok(article.title.endsWith('一二😀'), 'cut between characters, not inside one');
    assert.ok(report.changed.some((e) => e.item.includes('9311') && e.reason.includes('已截短')), JSON.stringify(report.changed));
  });

  it('refuses a post with a text longer than WordPress keeps, saying which, and reads a comment of 60,000 < as text', async () => {
    const report = await run(
      wxrFile(
        wxrPost({ id: 9801, comments: comment(81, 0, '1', '长'.repeat(70_000)) }) +
          wxrPost({ id: 9802, excerpt: '<'.repeat(70_000) }) +
          wxrPost({ id: 9803, comments: comment(83, 0, '1', '<'.repeat(60_000)) }),
      ),
    );
    const reasons = Object.fromEntries(report.notImported.map((e) => [e.item.match(/\d+/)?.[0], e.reason]));
    assert.match(reasons['9801'] ?? '', /comment content 太长/);
    assert.match(reasons['9802'] ?? '', /excerpt 太长/);
    const article = await bodyOf(t.db, 9803);
    const stored = await t.db.selectFrom('comments').select('body').where('article_id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(stored.body, '<'.repeat(60_000));
  });

  it('goes on past a post that cannot be imported, reporting it', async () => {
    const report = await run(wxrFile(`${wxrPost({ id: 9701, content: `<p>${'长'.repeat(250_000)}</p>` })}${wxrPost({ id: 9702 })}${wxrPost({ id: 9703, status: 'private' })}`));
    assert.equal(report.counts.articles, 1);
    assert.ok(report.notImported.some((e) => e.item.includes('9701')));
    assert.ok(report.notImported.some((e) => e.item.includes('9703') && e.reason.includes('私密')));
    await bodyOf(t.db, 9702);
  });
});
