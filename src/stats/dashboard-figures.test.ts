// The dashboard's and the governance report's figures against data this test inserts, at a time
// no other test writes to, on both databases.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Db } from '../db/database.js';
import { describeEachDatabase } from '../db/testing.js';
import { addReads } from '../engagement/add-reads.js';
import { buildArticle, buildStaff, uniqueSuffix } from '../test-support/factories.js';
import { lastChinaDays } from '../lib/china-time.js';
import { chinaWeekStart, computeDashboard, computeGovernanceReport } from './index.js';

// Wednesday 2031-03-19, 10:00 in Beijing.
const NOW = new Date('2031-03-19T02:00:00Z');
const at = (beijing: string) => new Date(`${beijing}+08:00`);

async function buildComment(db: Db, articleId: number, readerId: number, status: 'pending' | 'published' | 'rejected' | 'deleted', createdAt: Date): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({ article_id: articleId, reader_id: readerId, body: '一条评论', status, ip: '115.236.0.1', created_at: createdAt.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

it('names Beijing days and weeks', () => {
  assert.deepEqual(lastChinaDays(new Date('2031-03-18T16:30:00Z'), 3), ['2031-03-17', '2031-03-18', '2031-03-19']);
  for (const [time, monday] of [
    ['2031-03-19T02:00:00Z', '2031-03-17'],
    ['2031-03-16T15:59:00Z', '2031-03-10'], // Sunday 23:59 in Beijing
    ['2031-03-16T16:00:00Z', '2031-03-17'], // Monday 00:00 in Beijing
  ] as const) {
    assert.equal(chinaWeekStart(new Date(time)), monday, time);
  }
});

describeEachDatabase('dashboard figures', (t) => {
  it('renders an empty site as zeros and nulls, never NaN', async () => {
    const empty = await computeDashboard(t.db, new Date('2030-01-01T00:00:00Z'));
    assert.equal(empty.readsPerDay.length, 30);
    assert.ok(empty.readsPerDay.every((d) => d.reads === 0));
    assert.deepEqual(empty.topArticlesThisWeek, []);
    assert.deepEqual(empty.publishedPerEditor, []);
    assert.deepEqual(empty.moderation.comments, { received: 0, published: 0, held: 0, rejected: 0, deleted: 0 });
    assert.equal(empty.moderation.reports.averageMinutesToHandle, null);
  });

  it('sums reads per Beijing day, ranks this week, and counts publishing per writer and week', async () => {
    const writer = await buildStaff(t.db, 'editor', `写稿人${uniqueSuffix()}`);
    const reviewer = await buildStaff(t.db, 'reviewer', '审稿人');
    const published = (time: string) => buildArticle(t.db, { publishedAt: at(time), publisher: { id: reviewer.id, ip: '115.236.0.1' } }, at(time));
    const [a, b] = [await published('2031-03-17T09:00:00'), await published('2031-03-10T09:00:00')];
    await t.db.updateTable('articles').set({ created_by: writer.id }).where('id', 'in', [a.id, b.id]).execute();
    await published('2031-03-20T09:00:00'); // scheduled for tomorrow: not published yet
    await addReads(t.db, [[a.id, 5]], at('2031-03-19T00:10:00'));
    await addReads(t.db, [[a.id, 2]], at('2031-03-18T23:59:00'));
    await addReads(t.db, [[b.id, 9]], at('2031-03-12T08:00:00')); // 7 days back: outside this week
    await addReads(t.db, [[b.id, 1]], at('2031-03-13T08:00:00'));

    const figures = await computeDashboard(t.db, NOW);
    const day = (d: string) => figures.readsPerDay.find((r) => r.day === d)?.reads;
    assert.equal(figures.readsPerDay.at(-1)!.day, '2031-03-19');
    assert.deepEqual([day('2031-03-19'), day('2031-03-18'), day('2031-03-12'), day('2031-03-13')], [5, 2, 9, 1]);
    assert.deepEqual(
      figures.topArticlesThisWeek.map((r) => [r.articleId, r.reads]),
      [
        [a.id, 7],
        [b.id, 1],
      ],
    );
    assert.equal(figures.weeks.at(-1), '2031-03-17');
    const mine = figures.publishedPerEditor.find((e) => e.userId === writer.id);
    assert.equal(mine?.name, writer.displayName, 'the writer, not the reviewer who published it');
    assert.deepEqual(mine?.published.slice(-2), [1, 1]);
    assert.equal(figures.publishedPerEditor.length, 1, 'the article scheduled for tomorrow counts for nobody yet');
  });

  it("ranks the week exactly when an article leads without leading any day (more than each day's candidates read)", async () => {
    const now = new Date('2032-05-19T02:00:00Z');
    const day = (d: string) => at(`${d}T12:00:00`);
    const first = await buildArticle(t.db);
    const copies = (n: number) =>
      t.db
        .insertInto('articles')
        .values(Array.from({ length: n }, (_, i) => ({ category_id: first.categoryId, title: `读者 ${i}`, summary: '', body_html: '<p>正文</p>', origin: 'original' as const, status: 'published' as const, created_at: now.toISOString(), updated_at: now.toISOString() })))
        .returning('id')
        .execute();
    const [steady] = await copies(1);
    // 101 articles lead each of two days with 3 reads; the steady one reads 2 on both, 4 in all.
    for (const d of ['2032-05-17', '2032-05-18']) {
      for (const { id } of await copies(101)) await addReads(t.db, [[id, 3]], day(d));
      await addReads(t.db, [[steady!.id, 2]], day(d));
    }
    const figures = await computeDashboard(t.db, now);
    assert.deepEqual(figures.topArticlesThisWeek[0], { articleId: steady!.id, title: '读者 0', reads: 4 });
    assert.deepEqual(figures.topArticlesThisWeek.slice(1).map((r) => r.reads), Array(9).fill(3));
    assert.deepEqual(figures.readsPerDay.slice(-3).map((r) => r.reads), [101 * 3 + 2, 101 * 3 + 2, 0], 'the site totals count every read');
  });

  it('adds no reads to the site for an article deleted since', async () => {
    await addReads(t.db, [[2_000_000_000, 5]], at('2033-01-05T12:00:00'));
    const figures = await computeDashboard(t.db, at('2033-01-05T13:00:00'));
    assert.equal(figures.readsPerDay.at(-1)!.reads, 0);
  });

  it('counts comments by outcome, lexicon hits by term, and reports with the time to handle them', async () => {
    const article = await buildArticle(t.db);
    const reader = await t.db.insertInto('readers').values({ phone: `1390000${String(Date.now()).slice(-4)}`, nickname: '读者', created_at: NOW.toISOString() }).returning('id').executeTakeFirstOrThrow();
    const march = at('2031-03-05T12:00:00');
    const statuses = ['published', 'published', 'pending', 'rejected', 'deleted'] as const;
    const ids = [];
    for (const status of statuses) ids.push(await buildComment(t.db, article.id, reader.id, status, march));
    await buildComment(t.db, article.id, reader.id, 'published', at('2031-02-27T12:00:00')); // February
    const report = (commentId: number, createdAt: Date, resolvedAt: Date | null) =>
      t.db
        .insertInto('comment_reports')
        .values({ comment_id: commentId, reader_id: null, ip: '203.0.113.9', reason: '广告', created_at: createdAt.toISOString(), resolved_at: resolvedAt?.toISOString() ?? null })
        .execute();
    await report(ids[0]!, at('2031-03-06T10:00:00'), at('2031-03-06T10:30:00'));
    await report(ids[3]!, at('2031-03-06T10:00:00'), at('2031-03-06T12:00:00'));
    await report(ids[1]!, at('2031-03-07T10:00:00'), null);
    for (const term of ['赌博', '赌博', '赌博', '代开发票']) {
      await t.db.insertInto('lexicon_hits').values({ term, action: 'block', context: 'comment', target_id: null, reader_id: null, excerpt: term, created_at: march.toISOString() }).execute();
    }
    await t.db
      .insertInto('audit_log')
      .values({ actor_id: null, actor_name: '审核员', action: 'article.withdraw', target_type: 'article', target_id: String(article.id), ip: null, ip_region: null, details: '{}', created_at: march.toISOString() })
      .execute();

    const dashboard = await computeDashboard(t.db, NOW);
    assert.deepEqual(dashboard.moderation.comments, { received: 6, published: 3, held: 1, rejected: 1, deleted: 1 }, 'the last 30 days reach into February');
    const marchReport = await computeGovernanceReport(t.db, '2031-03');
    assert.deepEqual(marchReport.moderation.comments, { received: 5, published: 2, held: 1, rejected: 1, deleted: 1 });
    assert.deepEqual(marchReport.moderation.lexiconHits, [
      { term: '赌博', action: 'block', hits: 3 },
      { term: '代开发票', action: 'block', hits: 1 },
    ]);
    assert.deepEqual(marchReport.moderation.reports, { received: 3, handled: 2, open: 1, averageMinutesToHandle: 75, medianMinutesToHandle: 75 });
    assert.deepEqual(marchReport.articles, { approved: 0, rejected: 0, withdrawn: 1 });
    const february = await computeGovernanceReport(t.db, '2031-02');
    assert.equal(february.moderation.comments.received, 1);
    assert.equal(february.moderation.reports.handled, 0);
  });
});
